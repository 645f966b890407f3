package store_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/lights"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// square is a closed ring around (lng, lat).
const square = `[[[116.1,39.9],[116.3,39.9],[116.3,40.1],[116.1,40.1],[116.1,39.9]]]`

func TestParseBoundary(t *testing.T) {
	good := []struct {
		name, file      string
		features, polys int
		ignored         int
	}{
		{"feature collection with a point left out",
			`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"永宁县"},"geometry":{"type":"Polygon","coordinates":` + square + `}},
			{"type":"Feature","properties":{"name":"县城"},"geometry":{"type":"Point","coordinates":[116.2,40]}}]}`, 1, 1, 1},
		{"bare polygon", `{"type":"Polygon","coordinates":` + square + `}`, 1, 1, 0},
		{"feature with a multipolygon, null properties, altitude and a BOM",
			"\xef\xbb\xbf" + `{"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[` + square + `,[[[117,30,12],[117.1,30,12],[117.1,30.1,12]]]]}}`, 1, 2, 0},
	}
	for _, tc := range good {
		b, err := store.ParseBoundary([]byte(tc.file))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if b.Features != tc.features || b.Polygons != tc.polys || b.Ignored != tc.ignored {
			t.Fatalf("%s: %d features, %d polygons, %d ignored", tc.name, b.Features, b.Polygons, b.Ignored)
		}
		var fc struct {
			Type     string `json:"type"`
			Features []struct {
				Properties map[string]any `json:"properties"`
				Geometry   struct {
					Type        string          `json:"type"`
					Coordinates json.RawMessage `json:"coordinates"`
				} `json:"geometry"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b.GeoJSON, &fc); err != nil || fc.Type != "FeatureCollection" || fc.Features[0].Properties == nil {
			t.Fatalf("%s: stored as %s (%v)", tc.name, b.GeoJSON, err)
		}
		if strings.Contains(string(b.GeoJSON), ",12]") {
			t.Fatalf("%s: altitude kept: %s", tc.name, b.GeoJSON)
		}
	}
	b, _ := store.ParseBoundary([]byte(good[0].file))
	if b.BBox != [4]float64{116.1, 39.9, 116.3, 40.1} || b.FirstName != "永宁县" {
		t.Fatalf("bbox %v, name %q", b.BBox, b.FirstName)
	}

	bad := []struct {
		name, file, code, key string
	}{
		{"empty", "  \n", tuijin.EINVALID, "map_file_empty"},
		{"not JSON", "这不是 JSON", tuijin.EINVALID, "map_not_json"},
		{"cut short", `{"type":"Polygon","coordinates":[[[1,2],`, tuijin.EINVALID, "map_not_json"},
		{"wrong type", `{"type":"LineString","coordinates":[[116,40],[117,41]]}`, tuijin.EINVALID, "map_not_geojson"},
		{"no type", `{"features":[]}`, tuijin.EINVALID, "map_not_geojson"},
		{"type of the wrong kind", `{"type":7}`, tuijin.EINVALID, "map_not_geojson_shape"},
		{"a feature that is not one", `{"type":"FeatureCollection","features":[{"type":"Polygon","coordinates":` + square + `}]}`, tuijin.EINVALID, "map_feature_type"},
		{"unknown geometry", `{"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[116,40]}}`, tuijin.EINVALID, "map_geometry_type"},
		{"out of range", `{"type":"Polygon","coordinates":[[[116,40],[12958000,4852000],[116.2,40.1],[116,40]]]}`, tuijin.EINVALID, "map_coordinate_range"},
		{"latitude out of range", `{"type":"Polygon","coordinates":[[[116,40],[116.1,91],[116.2,40.1],[116,40]]]}`, tuijin.EINVALID, "map_coordinate_range"},
		{"text coordinate", `{"type":"Polygon","coordinates":[[["116","40"],[116.1,40],[116.2,40.1]]]}`, tuijin.EINVALID, "map_bad_coordinates"},
		{"one number", `{"type":"Polygon","coordinates":[[[116],[116.1,40],[116.2,40.1]]]}`, tuijin.EINVALID, "map_bad_coordinates"},
		{"beyond float", `{"type":"Polygon","coordinates":[[[1e999,40],[116.1,40],[116.2,40.1]]]}`, tuijin.EINVALID, "map_bad_coordinates"},
		{"short ring", `{"type":"Polygon","coordinates":[[[116,40],[116.1,40]]]}`, tuijin.EINVALID, "map_ring_short"},
		{"no polygon", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[116,40]}}]}`, tuijin.EINVALID, "map_no_polygon"},
		{"empty collection", `{"type":"FeatureCollection","features":[]}`, tuijin.EINVALID, "map_no_polygon"},
		{"too large", `{"type":"Polygon","coordinates":` + square + `}` + strings.Repeat(" ", store.MaxBoundaryBytes), tuijin.ETOOLARGE, "map_too_large"},
	}
	for _, tc := range bad {
		_, err := store.ParseBoundary([]byte(tc.file))
		var e *tuijin.Error
		if !errors.As(err, &e) || e.Code != tc.code || e.Key != tc.key {
			t.Errorf("%s: got %v, want %s %s", tc.name, err, tc.code, tc.key)
		}
	}
}

func TestBoundaryStore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		dept := mustDept(t, db, "住建局", tuijin.KindBureau)
		office := tuijin.ActorFor(mustUser(t, db, "office", tuijin.RoleOffice, nil))
		file := []byte(`{"type":"Feature","properties":{"name":"永宁县"},"geometry":{"type":"Polygon","coordinates":` + square + `}}`)
		if _, err := db.Boundary(ctx); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("no boundary yet: %v", err)
		}
		for _, who := range []*tuijin.Actor{
			tuijin.ActorFor(mustUser(t, db, "leader", tuijin.RoleLeader, nil)),
			tuijin.ActorFor(mustUser(t, db, "zjj", tuijin.RoleDepartment, &dept.ID)),
		} {
			if _, _, err := db.PutBoundary(ctx, who, "x", file); !errors.Is(err, tuijin.ErrForbidden) {
				t.Fatalf("%s uploading: %v", who.Role, err)
			}
			if err := db.DeleteBoundary(ctx, who); !errors.Is(err, tuijin.ErrForbidden) {
				t.Fatalf("%s deleting: %v", who.Role, err)
			}
		}
		b, parsed, err := db.PutBoundary(ctx, office, "", file)
		if err != nil || b.Name != "永宁县" || b.UploadedBy != "office" || b.Polygons != 1 || parsed.Ignored != 0 || b.Size == 0 {
			t.Fatalf("upload: %+v %v", b, err)
		}
		b2, _, err := db.PutBoundary(ctx, office, "  永宁县行政区划  ", file)
		if err != nil || b2.Version <= b.Version || b2.Name != "永宁县行政区划" {
			t.Fatalf("replace: %+v %v", b2, err)
		}
		got, data, err := db.BoundaryGeoJSON(ctx)
		if err != nil || got.Version != b2.Version || !strings.Contains(string(data), `"永宁县"`) || got.BBox[0] != 116.1 {
			t.Fatalf("read: %+v %s %v", got, data, err)
		}
		if _, _, err := db.PutBoundary(ctx, office, "坏文件", []byte(`{"type":"Polygon","coordinates":[[[200,40],[116.1,40],[116.2,40.1]]]}`)); tuijin.ErrorCode(err) != tuijin.EINVALID {
			t.Fatalf("bad file: %v", err)
		}
		if now, _ := db.Boundary(ctx); now.Version != b2.Version {
			t.Fatalf("a refused file changed the boundary: %+v", now)
		}
		if err := db.DeleteBoundary(ctx, office); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteBoundary(ctx, office); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("deleting again: %v", err)
		}
		b3, _, err := db.PutBoundary(ctx, office, "新边界", file)
		if err != nil || b3.Version <= b2.Version {
			t.Fatalf("a version is never reused: %+v %v", b3, err)
		}
		audit, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Entity: "map_boundary"}, time.UTC)
		if err != nil || audit.Total != 4 {
			t.Fatalf("audit rows: %d %v", audit.Total, err)
		}
		if _, problems, err := db.VerifyAudit(ctx); err != nil || len(problems) != 0 {
			t.Fatalf("audit chain: %v %v", problems, err)
		}
	})
}

func TestMapPoints(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		zj, jt := mustDept(t, db, "住建局", tuijin.KindBureau), mustDept(t, db, "交通局", tuijin.KindBureau)
		at := func(lng, lat float64) (*float64, *float64) { return &lng, &lat }
		plan := []tuijin.YearPlan{{Year: 2026, PlannedYuan: 10_000_000}}
		mk := func(name string, dept int64, lng, lat *float64) *tuijin.Project {
			return mustProject(t, db, tuijin.Project{Name: name, Stage: tuijin.StageConstruction, TotalInvestmentYuan: 150_000_000,
				DepartmentID: &dept, Longitude: lng, Latitude: lat, Years: plan})
		}
		lng, lat := at(116.2, 40)
		p1 := mk("污水处理厂", zj.ID, lng, lat)
		lng, lat = at(116.25, 40.05)
		p2 := mk("国道改扩建", jt.ID, lng, lat)
		p3 := mk("没有坐标的项目", zj.ID, nil, nil)
		lng, lat = at(117, 30)
		mustProject(t, db, tuijin.Project{Name: "去年的项目", DepartmentID: &zj.ID, Longitude: lng, Latitude: lat,
			Years: []tuijin.YearPlan{{Year: 2025}}})
		for id, c := range map[int64]string{p2.ID: "red", p3.ID: "yellow"} {
			if err := db.SetLightOverride(ctx, tuijin.SystemActor, id, 2026, store.LightOverride{Colour: lights.Colour(c), Reason: "测试", Until: "2099-12-31"}); err != nil {
				t.Fatal(err)
			}
		}
		today := "2026-11-21"
		office := tuijin.ActorFor(mustUser(t, db, "office", tuijin.RoleOffice, nil))
		pts, err := db.MapPoints(ctx, office, tuijin.ProjectFilter{Year: 2026}, "", today)
		if err != nil || len(pts.Items) != 2 || pts.Missing != 1 {
			t.Fatalf("office: %+v %v", pts, err)
		}
		first, second := pts.Items[0], pts.Items[1]
		if first.ID != p1.ID || first.Colour != "green" || first.DepartmentName != "住建局" || first.Longitude != 116.2 || first.PlannedYuan != 10_000_000 ||
			second.Colour != "red" || !second.Overridden || second.Stage != tuijin.StageConstruction || second.TotalInvestmentYuan != 150_000_000 {
			t.Fatalf("points: %+v", pts.Items)
		}
		if pts, _ := db.MapPoints(ctx, office, tuijin.ProjectFilter{Year: 2026}, "red", today); len(pts.Items) != 1 || pts.Items[0].ID != p2.ID || pts.Missing != 0 {
			t.Fatalf("red only: %+v", pts)
		}
		if pts, _ := db.MapPoints(ctx, office, tuijin.ProjectFilter{Year: 2026, DepartmentID: &zj.ID}, "", today); len(pts.Items) != 1 || pts.Missing != 1 {
			t.Fatalf("one department: %+v", pts)
		}
		dept := tuijin.ActorFor(mustUser(t, db, "jtj", tuijin.RoleDepartment, &jt.ID))
		if pts, _ := db.MapPoints(ctx, dept, tuijin.ProjectFilter{Year: 2026}, "", today); len(pts.Items) != 1 || pts.Items[0].ID != p2.ID || pts.Missing != 0 {
			t.Fatalf("a department sees its own: %+v", pts)
		}
		if _, err := db.MapPoints(ctx, office, tuijin.ProjectFilter{}, "", today); tuijin.ErrorCode(err) != tuijin.EINVALID {
			t.Fatalf("no year: %v", err)
		}
	})
}
