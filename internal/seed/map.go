package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"tuijin"
	"tuijin/internal/store"
)

// outline is a county's invented boundary for the cockpit's map: an
// irregular polygon around the county seat, drawn from the county's own
// random stream (no real boundary is copied), and where its towns sit in
// it. Every ray from the seat crosses the polygon once, so pulling a point
// towards the seat always brings it inside.
type outline struct {
	lng, lat float64      // the county seat
	ring     [][2]float64 // closed: the last position is the first
	towns    [][2]float64 // town centres, in the order of county.towns
	// r places the projects: drawn in the order they are generated, so
	// the same seed places them the same.
	r *rand.Rand
}

// outline returns the county's boundary, drawing it on first use. The
// counties of a province sit side by side on a grid about a county wide
// (their ragged edges may touch); a lone county stays where the
// organisation put it.
func (s *Seeder) outline(c *county) *outline {
	if c.outline != nil {
		return c.outline
	}
	lng, lat := c.lng, c.lat
	if n := len(s.counties); n > 1 {
		cols := int(math.Ceil(math.Sqrt(float64(n))))
		for i, x := range s.counties {
			if x == c {
				lng, lat = 106+float64(i%cols)*0.75, 22+float64(i/cols)*0.65
			}
		}
	}
	c.outline = drawOutline(s.rand("map "+c.Name), c, lng, lat)
	return c.outline
}

func drawOutline(r *rand.Rand, c *county, lng, lat float64) *outline {
	o := &outline{lng: lng, lat: lat, r: r}
	// A county some 40 to 70 km across: slow waves make its overall
	// shape, fast ones the ragged line that rivers and ridges draw.
	base := 0.2 + r.Float64()*0.1
	type wave struct{ amp, phase float64 }
	var waves []wave
	for k := 2; k <= 48; k++ {
		amp := 0.2 / math.Pow(float64(k), 0.8)
		if k > 6 {
			amp = 0.3 / float64(k)
		}
		waves = append(waves, wave{r.NormFloat64() * amp, r.Float64() * 2 * math.Pi})
	}
	radius := func(theta float64) float64 {
		f := 1.0
		for i, w := range waves {
			f += w.amp * math.Cos(float64(i+2)*theta+w.phase)
		}
		return base * min(1.6, max(0.45, f))
	}
	const vertices = 240
	for i := 0; i <= vertices; i++ {
		theta := 2 * math.Pi * float64(i%vertices) / vertices
		o.ring = append(o.ring, o.at(theta, radius(theta)))
	}
	for i := range c.towns {
		if i == 0 { // 城关镇 is the county seat
			o.towns = append(o.towns, [2]float64{o.lng, o.lat})
			continue
		}
		theta := 2*math.Pi*float64(i-1)/float64(len(c.towns)-1) + r.Float64()*0.5
		o.towns = append(o.towns, o.at(theta, radius(theta)*(0.3+r.Float64()*0.45)))
	}
	return o
}

// at is the position d degrees (of latitude) from the seat towards theta;
// a degree of longitude is shorter by the latitude's cosine.
func (o *outline) at(theta, d float64) [2]float64 {
	return [2]float64{round6(o.lng + d*math.Cos(theta)/math.Cos(o.lat*math.Pi/180)), round6(o.lat + d*math.Sin(theta))}
}

// place puts a project of the town with index town inside the county,
// using the project stream's two uniform draws u and v: most near the
// town's centre, thinning out with distance; one in five anywhere in the
// county (roads, water works, farms).
func (o *outline) place(town int, u, v float64) (float64, float64) {
	if o.r.IntN(5) == 0 {
		minLng, minLat, maxLng, maxLat := o.bbox()
		for range 50 {
			p := [2]float64{minLng + o.r.Float64()*(maxLng-minLng), minLat + o.r.Float64()*(maxLat-minLat)}
			if o.inside(p) {
				return round6(p[0]), round6(p[1])
			}
		}
	}
	sigma := 0.03
	if town == 0 {
		sigma = 0.02 // the seat's projects crowd its industrial park
	}
	d := sigma * math.Sqrt(-2*math.Log(1-v)) // a 2-D normal's distance
	c := o.towns[town]
	p := [2]float64{c[0] + d*math.Cos(2*math.Pi*u)/math.Cos(o.lat*math.Pi/180), c[1] + d*math.Sin(2*math.Pi*u)}
	for range 30 {
		if o.inside(p) {
			break
		}
		p = [2]float64{o.lng + (p[0]-o.lng)*0.85, o.lat + (p[1]-o.lat)*0.85}
	}
	return round6(p[0]), round6(p[1])
}

func (o *outline) bbox() (minLng, minLat, maxLng, maxLat float64) {
	minLng, minLat, maxLng, maxLat = 180, 90, -180, -90
	for _, p := range o.ring {
		minLng, minLat, maxLng, maxLat = min(minLng, p[0]), min(minLat, p[1]), max(maxLng, p[0]), max(maxLat, p[1])
	}
	return
}

// inside reports whether p lies within the ring (even-odd rule).
func (o *outline) inside(p [2]float64) bool {
	in := false
	for i, j := 0, len(o.ring)-1; i < len(o.ring); j, i = i, i+1 {
		a, b := o.ring[i], o.ring[j]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// townIndex is the position of town among the county's towns.
func (c *county) townIndex(town *unit) int {
	for i, t := range c.towns {
		if t == town {
			return i
		}
	}
	return 0
}

// boundary uploads the counties' outlines as the office's map boundary,
// one feature per county, the way an office does when it starts using
// Tuijin.
func (s *Seeder) boundary(ctx context.Context) error {
	var features []any
	for _, c := range s.counties {
		features = append(features, map[string]any{"type": "Feature", "properties": map[string]any{"name": c.Name},
			"geometry": map[string]any{"type": "Polygon", "coordinates": [][][2]float64{s.outline(c).ring}}})
	}
	data, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
	if err != nil {
		return err
	}
	parsed, err := store.ParseBoundary(data)
	if err != nil {
		return err
	}
	name := s.counties[0].Name + "行政区域"
	if len(s.counties) > 1 {
		name = fmt.Sprintf("%d个县行政区域", len(s.counties))
	}
	return s.DB.InTx(ctx, tuijin.SystemActor, func(tx *store.Tx) error {
		tx.As(s.counties[0].officeStaff[0].Actor, s.start().Add(26*time.Hour))
		_, err := tx.PutBoundary(name, parsed)
		return err
	})
}
