package seed_test

import (
	"encoding/json"
	"testing"

	"tuijin"
	"tuijin/internal/store"
)

// checkMap expects the seeded boundary to hold every project of the
// year's list, spread out rather than piled on one spot.
func checkMap(t *testing.T, db *store.DB, year int) {
	t.Helper()
	b, data, err := db.BoundaryGeoJSON(ctx)
	if err != nil {
		t.Fatalf("no boundary: %v", err)
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates [][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil || len(fc.Features) != b.Features || b.Polygons < 1 {
		t.Fatalf("boundary %+v: %v", b, err)
	}
	pts, err := db.MapPoints(ctx, tuijin.SystemActor, tuijin.ProjectFilter{Year: year}, "", "2026-11-21")
	if err != nil || len(pts.Items) < 100 || pts.Missing != 0 {
		t.Fatalf("points: %d, %d without coordinates (%v)", len(pts.Items), pts.Missing, err)
	}
	spots := map[[2]float64]bool{}
	for _, p := range pts.Items {
		in := false
		for _, f := range fc.Features {
			in = in || inside(f.Geometry.Coordinates[0], p.Longitude, p.Latitude)
		}
		if !in {
			t.Fatalf("%s at [%g, %g] is outside the boundary", p.Name, p.Longitude, p.Latitude)
		}
		spots[[2]float64{p.Longitude, p.Latitude}] = true
	}
	if len(spots) < len(pts.Items)*9/10 {
		t.Fatalf("%d projects on %d spots", len(pts.Items), len(spots))
	}
}

func inside(ring [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
