package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tuijin"
	"tuijin/internal/lights"
)

// MaxBoundaryBytes bounds a boundary file: a county's outline simplified
// for the screen is well under a megabyte; a whole province at survey
// detail is what the limit keeps out.
const MaxBoundaryBytes = 20 << 20

// Boundary is the office's administrative boundary (行政区边界) as the
// cockpit's map draws it: what is known about the current file.
type Boundary struct {
	// Version is the upload's id: every upload gets a new one, never
	// reused, so a client may cache the file by it.
	Version    int64      `json:"version"`
	Name       string     `json:"name"`
	Size       int64      `json:"size"`
	Features   int        `json:"features"`
	Polygons   int        `json:"polygons"`
	BBox       [4]float64 `json:"bbox"` // min lng, min lat, max lng, max lat
	UploadedBy string     `json:"uploaded_by"`
	UploadedAt time.Time  `json:"uploaded_at"`
}

// ParsedBoundary is a boundary file checked and reduced to what the map
// draws: a FeatureCollection of its polygon features, positions as
// [lng, lat].
type ParsedBoundary struct {
	GeoJSON  []byte
	Features int
	Polygons int
	// Ignored counts the features that are not polygons (points, lines,
	// features without a geometry): kept out of the map, not refused.
	Ignored int
	BBox    [4]float64
	// FirstName is the first feature's "name" property, for a boundary
	// uploaded without a name of its own.
	FirstName string
}

// geoInvalid is a refused boundary file: the message says what is wrong
// and where, and the form's file field carries it too.
func geoInvalid(key string, args ...any) error {
	return &tuijin.Error{Code: tuijin.EINVALID, Key: key, Args: args,
		Fields: map[string]tuijin.FieldError{"file": {Key: key, Args: args}}}
}

// geoObject is any GeoJSON object, read only as far as its type says.
type geoObject struct {
	Type       string            `json:"type"`
	Features   []json.RawMessage `json:"features"`
	Properties json.RawMessage   `json:"properties"`
	Geometry   json.RawMessage   `json:"geometry"`
	// Coordinates of a geometry: a Polygon's or a MultiPolygon's, read
	// once the type is known.
	Coordinates json.RawMessage `json:"coordinates"`
}

// ParseBoundary checks a GeoJSON file (a FeatureCollection, a Feature, a
// Polygon or a MultiPolygon) and keeps its polygons: every position a
// [lng, lat] in range, every ring of three points or more, at least one
// polygon in all. Other geometries are left out and counted.
func ParseBoundary(data []byte) (*ParsedBoundary, error) {
	if len(data) > MaxBoundaryBytes {
		return nil, tuijin.Errorf(tuijin.ETOOLARGE, "map_too_large", fmt.Sprintf("%d MiB", MaxBoundaryBytes>>20))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Windows tools write a BOM
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, geoInvalid("map_file_empty")
	}
	if !utf8.Valid(data) {
		return nil, geoInvalid("map_not_utf8")
	}
	var top geoObject
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, notJSON(err)
	}
	var raws []json.RawMessage
	switch top.Type {
	case "FeatureCollection":
		raws = top.Features
	case "Feature":
		raws = []json.RawMessage{data}
	case "Polygon", "MultiPolygon":
		raws = []json.RawMessage{[]byte(`{"type":"Feature","properties":{},"geometry":` + string(data) + `}`)}
	default:
		return nil, geoInvalid("map_not_geojson", top.Type)
	}
	out := &ParsedBoundary{BBox: [4]float64{180, 90, -180, -90}}
	features := make([]any, 0, len(raws))
	for i, raw := range raws {
		f, err := parseFeature(raw, i+1, out)
		if err != nil {
			return nil, err
		}
		if f != nil {
			features = append(features, f)
		}
	}
	if out.Polygons == 0 {
		return nil, geoInvalid("map_no_polygon")
	}
	out.Features = len(features)
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
	if err != nil {
		return nil, err
	}
	out.GeoJSON = b
	return out, nil
}

// notJSON says where a file stops being JSON.
func notJSON(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return geoInvalid("map_not_json", syn.Offset)
	case errors.As(err, &typ):
		return geoInvalid("map_not_geojson_shape", typ.Field)
	}
	return geoInvalid("map_not_json", 0)
}

// parseFeature checks the n-th feature and returns it as the map keeps it,
// or nil when it has no polygon.
func parseFeature(raw json.RawMessage, n int, out *ParsedBoundary) (any, error) {
	var f, g geoObject
	if err := json.Unmarshal(raw, &f); err != nil || f.Type != "Feature" {
		return nil, geoInvalid("map_feature_type", n)
	}
	if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
		out.Ignored++
		return nil, nil
	}
	if err := json.Unmarshal(f.Geometry, &g); err != nil {
		return nil, geoInvalid("map_bad_geometry", n)
	}
	var polys [][][][]float64
	switch g.Type {
	case "Polygon":
		var p [][][]float64
		if err := json.Unmarshal(g.Coordinates, &p); err != nil {
			return nil, geoInvalid("map_bad_coordinates", n)
		}
		polys = [][][][]float64{p}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Coordinates, &polys); err != nil {
			return nil, geoInvalid("map_bad_coordinates", n)
		}
	case "Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection":
		out.Ignored++
		return nil, nil
	default:
		return nil, geoInvalid("map_geometry_type", n, g.Type)
	}
	kept, err := checkPolygons(polys, n, &out.BBox)
	if err != nil {
		return nil, err
	}
	if len(kept) == 0 {
		out.Ignored++
		return nil, nil
	}
	out.Polygons += len(kept)
	// Properties that are not an object (null, text) would stop the map
	// from drawing the feature: they become an empty one.
	props := map[string]any{}
	if err := json.Unmarshal(f.Properties, &props); err != nil || props == nil {
		props = map[string]any{}
	}
	if name, ok := props["name"].(string); ok && out.FirstName == "" {
		out.FirstName = strings.TrimSpace(name)
	}
	geom := map[string]any{"type": "MultiPolygon", "coordinates": kept}
	if len(kept) == 1 {
		geom = map[string]any{"type": "Polygon", "coordinates": kept[0]}
	}
	return map[string]any{"type": "Feature", "properties": props, "geometry": geom}, nil
}

// checkPolygons checks every position of the n-th feature's polygons and
// widens bbox by them; empty polygons are dropped.
func checkPolygons(polys [][][][]float64, n int, bbox *[4]float64) ([][][][]float64, error) {
	kept := polys[:0]
	for _, poly := range polys {
		if len(poly) == 0 {
			continue
		}
		for _, ring := range poly {
			if len(ring) < 3 {
				return nil, geoInvalid("map_ring_short", n)
			}
			for j, pos := range ring {
				if len(pos) < 2 || math.IsNaN(pos[0]) || math.IsInf(pos[0], 0) || math.IsNaN(pos[1]) || math.IsInf(pos[1], 0) {
					return nil, geoInvalid("map_bad_coordinates", n)
				}
				lng, lat := pos[0], pos[1]
				if lng < -180 || lng > 180 || lat < -90 || lat > 90 {
					return nil, geoInvalid("map_coordinate_range", n, "["+strconv.FormatFloat(lng, 'f', -1, 64)+", "+strconv.FormatFloat(lat, 'f', -1, 64)+"]")
				}
				ring[j] = pos[:2] // an altitude, if any, is not drawn
				*bbox = [4]float64{min(bbox[0], lng), min(bbox[1], lat), max(bbox[2], lng), max(bbox[3], lat)}
			}
		}
		kept = append(kept, poly)
	}
	return kept, nil
}

const boundaryCols = "id, name, size, features, polygons, bbox, uploaded_by, uploaded_at"

func scanBoundary(s interface{ Scan(...any) error }) (*Boundary, error) {
	var b Boundary
	var bbox []float64
	var at timeCol
	if err := s.Scan(&b.Version, &b.Name, &b.Size, &b.Features, &b.Polygons, jsonCol{&bbox}, &b.UploadedBy, &at); err != nil {
		return nil, notFound(err)
	}
	copy(b.BBox[:], bbox)
	b.UploadedAt = at.T
	return &b, nil
}

// Boundary returns what is known about the current boundary; not found
// when none was uploaded. Every logged-in user may read it.
func (db *DB) Boundary(ctx context.Context) (*Boundary, error) {
	return scanBoundary(db.reader(ctx).QueryRow("SELECT " + boundaryCols + " FROM map_boundaries WHERE slot = 1"))
}

// BoundaryGeoJSON returns the current boundary with its file.
func (db *DB) BoundaryGeoJSON(ctx context.Context) (*Boundary, []byte, error) {
	var data []byte
	row := db.reader(ctx).QueryRow("SELECT geojson, " + boundaryCols + " FROM map_boundaries WHERE slot = 1")
	b, err := scanBoundary(scanFirst{row, &data})
	return b, data, err
}

// scanFirst scans one leading column into dst before the rest.
type scanFirst struct {
	s   interface{ Scan(...any) error }
	dst any
}

func (f scanFirst) Scan(dst ...any) error { return f.s.Scan(append([]any{f.dst}, dst...)...) }

// PutBoundary checks a GeoJSON file and makes it the office's boundary,
// replacing the one before (the office and admins).
func (db *DB) PutBoundary(ctx context.Context, actor *tuijin.Actor, name string, data []byte) (*Boundary, *ParsedBoundary, error) {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return nil, nil, err
	}
	parsed, err := ParseBoundary(data)
	if err != nil {
		return nil, nil, err
	}
	var out *Boundary
	err = db.InTx(ctx, actor, func(tx *Tx) error {
		out, err = tx.PutBoundary(name, parsed)
		return err
	})
	return out, parsed, err
}

// PutBoundary stores a checked boundary in tx, replacing the current one;
// the seeder calls it with its own actor and time.
func (tx *Tx) PutBoundary(name string, b *ParsedBoundary) (*Boundary, error) {
	if name = strings.TrimSpace(name); name == "" {
		name = b.FirstName
	}
	if name == "" {
		return nil, invalidField("name", "required")
	} else if utf8.RuneCountInString(name) > 100 {
		return nil, invalidField("name", "too_long", 100)
	}
	before, err := scanBoundary(tx.QueryRow("SELECT " + boundaryCols + " FROM map_boundaries WHERE slot = 1"))
	if err != nil && !errors.Is(err, tuijin.ErrNotFound) {
		return nil, err
	}
	if _, err := tx.Exec("DELETE FROM map_boundaries WHERE slot = 1"); err != nil {
		return nil, err
	}
	var id int64
	err = tx.QueryRow(`INSERT INTO map_boundaries (slot, name, geojson, size, features, polygons, bbox, user_id, uploaded_by, uploaded_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, name, b.GeoJSON, len(b.GeoJSON), b.Features, b.Polygons,
		jsonText(b.BBox), nullInt(actorID(tx.actor)), tx.actor.Username, ts(tx.now)).Scan(&id)
	if err != nil {
		return nil, uniqueViolation(err, "")
	}
	after, err := scanBoundary(tx.QueryRow("SELECT "+boundaryCols+" FROM map_boundaries WHERE id = ?", id))
	if err != nil {
		return nil, err
	}
	action := "update"
	if before == nil {
		action = "create"
	}
	return after, tx.Audit(action, "map_boundary", id, boundaryChanges(before, after))
}

// DeleteBoundary removes the office's boundary; the map shows none.
func (db *DB) DeleteBoundary(ctx context.Context, actor *tuijin.Actor) error {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := scanBoundary(tx.QueryRow("SELECT " + boundaryCols + " FROM map_boundaries WHERE slot = 1"))
		if err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM map_boundaries WHERE id = ?", before.Version); err != nil {
			return err
		}
		return tx.Audit("delete", "map_boundary", before.Version, boundaryChanges(before, nil))
	})
}

// boundaryChanges is the audit diff: the file's name, size and shape
// (never its bytes).
func boundaryChanges(before, after *Boundary) map[string][2]any {
	out := map[string][2]any{}
	get := func(b *Boundary) (any, any, any, any) {
		if b == nil {
			return nil, nil, nil, nil
		}
		return b.Name, b.Size, b.Features, b.Polygons
	}
	n0, s0, f0, p0 := get(before)
	n1, s1, f1, p1 := get(after)
	out["name"], out["size"], out["features"], out["polygons"] = [2]any{n0, n1}, [2]any{s0, s1}, [2]any{f0, f1}, [2]any{p0, p1}
	return out
}

// MapPoint is a project of a year's list as the map shows it.
type MapPoint struct {
	ID                  int64         `json:"id"`
	Code                string        `json:"code"`
	Name                string        `json:"name"`
	Stage               tuijin.Stage  `json:"stage"`
	DepartmentName      string        `json:"department_name"`
	Town                string        `json:"town"`
	TotalInvestmentYuan int64         `json:"total_investment_yuan"`
	PlannedYuan         int64         `json:"planned_yuan"`
	Longitude           float64       `json:"longitude"`
	Latitude            float64       `json:"latitude"`
	Colour              lights.Colour `json:"colour"`
	Overridden          bool          `json:"overridden"`
}

// MapPoints are the projects of a year's list with coordinates, and how
// many of the list have none.
type MapPoints struct {
	Year  int        `json:"year"`
	Items []MapPoint `json:"items"`
	// Missing counts the selected projects without coordinates: they are
	// not on the map.
	Missing int `json:"missing_coordinates"`
}

// MapPoints reads the projects of f's year list that the actor may see
// and f selects, with their light as it stands today; colour, when set,
// keeps those of that light only.
func (db *DB) MapPoints(ctx context.Context, actor *tuijin.Actor, f tuijin.ProjectFilter, colour lights.Colour, today string) (*MapPoints, error) {
	if f.Year == 0 {
		return nil, invalidField("year", "required")
	}
	from, where, args := db.projectWhere(actor, f)
	rows, err := db.reader(ctx).Query(`SELECT p.id, p.code, p.name, p.stage, COALESCE(d.name, ''), p.town, p.total_investment_yuan,
		y.planned_yuan, p.longitude, p.latitude, COALESCE(l.colour, 'green'), COALESCE(l.override_colour, ''), COALESCE(l.override_until, '')`+from+
		" LEFT JOIN project_lights l ON l.project_id = p.id AND l.year = y.year"+where+" ORDER BY p.id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &MapPoints{Year: f.Year, Items: []MapPoint{}}
	for rows.Next() {
		var pt MapPoint
		var lng, lat sql.NullFloat64
		var computed lights.Colour
		var oc, until string
		if err := rows.Scan(&pt.ID, &pt.Code, &pt.Name, &pt.Stage, &pt.DepartmentName, &pt.Town, &pt.TotalInvestmentYuan,
			&pt.PlannedYuan, &lng, &lat, &computed, &oc, &until); err != nil {
			return nil, err
		}
		var o *LightOverride
		if oc != "" && until >= today {
			o = &LightOverride{Colour: lights.Colour(oc), Until: until}
		}
		pt.Colour, pt.Overridden = effective(computed, o, today), o != nil
		if colour != "" && pt.Colour != colour {
			continue
		}
		if !lng.Valid || !lat.Valid {
			out.Missing++
			continue
		}
		pt.Longitude, pt.Latitude = lng.Float64, lat.Float64
		out.Items = append(out.Items, pt)
	}
	return out, rows.Err()
}
