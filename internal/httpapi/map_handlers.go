package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"tuijin"
	"tuijin/internal/lights"
	"tuijin/internal/store"
)

// The cockpit's map (地图): the office's administrative boundary, uploaded
// as GeoJSON and served back to draw, and the projects of a year's list as
// points in their light's colour. Nothing is fetched from elsewhere.

// boundaryETag names a boundary file for caches: its version and the
// moment it was uploaded, so that a database made anew (its ids starting
// again) does not pass for the one a browser remembers.
func boundaryETag(b *store.Boundary) string {
	return fmt.Sprintf(`"boundary-%d-%d"`, b.Version, b.UploadedAt.UnixMicro())
}

// getBoundary serves the boundary as a GeoJSON FeatureCollection of its
// polygons; a browser that has this version already gets 304.
func (s *Server) getBoundary(w http.ResponseWriter, r *http.Request) error {
	b, err := s.DB.Boundary(r.Context())
	if errors.Is(err, tuijin.ErrNotFound) {
		return tuijin.Errorf(tuijin.ENOTFOUND, "map_no_boundary")
	} else if err != nil {
		return err
	}
	etag := boundaryETag(b)
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", "private, no-cache")
	if strings.Contains(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	b, data, err := s.DB.BoundaryGeoJSON(r.Context())
	if errors.Is(err, tuijin.ErrNotFound) {
		return tuijin.Errorf(tuijin.ENOTFOUND, "map_no_boundary")
	} else if err != nil {
		return err
	}
	w.Header().Set("ETag", boundaryETag(b))
	w.Header().Set("Content-Type", "application/geo+json")
	_, err = w.Write(data)
	return err
}

type boundaryResponse struct {
	*store.Boundary
	// IgnoredFeatures counts the features of the file that are not
	// polygons (points, lines): not drawn.
	IgnoredFeatures int `json:"ignored_features"`
}

// putBoundary takes a GeoJSON file (multipart field "file", .geojson or
// .json; an optional field "name", else the file's name) and makes it the
// office's boundary. A refused file changes nothing.
func (s *Server) putBoundary(w http.ResponseWriter, r *http.Request) error {
	actor := actorFrom(r.Context())
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return err
	}
	// The file's limit plus the form's own bytes; a file between the two
	// is refused by the store with the boundary's own message.
	r.Body = http.MaxBytesReader(w, r.Body, store.MaxBoundaryBytes+1<<20)
	file, header, err := r.FormFile("file")
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return tuijin.Errorf(tuijin.ETOOLARGE, "map_too_large", humanBytes(store.MaxBoundaryBytes))
		}
		return tuijin.Errorf(tuijin.EINVALID, "map_upload_missing")
	}
	defer file.Close()
	ext := strings.ToLower(filepath.Ext(header.Filename))
	if ext != ".geojson" && ext != ".json" {
		return tuijin.Errorf(tuijin.EINVALID, "map_file_type")
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(r.FormValue("name"))
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(header.Filename), filepath.Ext(header.Filename))
	}
	b, parsed, err := s.DB.PutBoundary(r.Context(), actor, name, data)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, boundaryResponse{Boundary: b, IgnoredFeatures: parsed.Ignored})
	return nil
}

func (s *Server) deleteBoundary(w http.ResponseWriter, r *http.Request) error {
	err := s.DB.DeleteBoundary(r.Context(), actorFrom(r.Context()))
	if errors.Is(err, tuijin.ErrNotFound) {
		return tuijin.Errorf(tuijin.ENOTFOUND, "map_no_boundary")
	} else if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type pointsResponse struct {
	*store.MapPoints
	// Boundary says which boundary to draw them on; null when none was
	// uploaded.
	Boundary *store.Boundary `json:"boundary"`
}

// getMapPoints lists the projects of a year's list on the map, scoped to
// what the user may see, with the ledger's filters and the light's.
func (s *Server) getMapPoints(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	f := tuijin.ProjectFilter{Year: q.int("year", s.today().Year()), DepartmentID: q.id("department_id"), LeaderID: q.id("leader_id"),
		Town: q.str("town"), Stage: tuijin.Stage(q.str("stage")), Q: q.str("q")}
	colour := lights.Colour(q.str("light"))
	if q.err != nil {
		return q.err
	}
	if colour != "" && !colour.Valid() {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "light", string(colour))
	}
	if f.Year < 1990 || f.Year > 2100 {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "year", q.str("year"))
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	b, err := s.DB.Boundary(ctx)
	if err != nil && !errors.Is(err, tuijin.ErrNotFound) {
		return err
	}
	// The points are made of the ledger, the lights and the departments'
	// names; a province's year is tens of thousands of them.
	version, err := s.version(ctx, store.HeadLedger, store.HeadLights, store.HeadOrg)
	if err != nil {
		return err
	}
	boundary := int64(0)
	if b != nil {
		boundary = b.Version
	}
	key := fmt.Sprintf("points|%s|%s|%s|%s|%d", scopeKey(actor), filterKey(f), colour, s.today(), boundary)
	body, err := s.heavy.points.Get(ctx, key, version, func(ctx context.Context) (*packed, error) {
		pts, err := s.DB.MapPoints(ctx, actor, f, colour, s.today().String())
		if err != nil {
			return nil, err
		}
		return pack(pointsResponse{MapPoints: pts, Boundary: b})
	})
	if err != nil {
		return err
	}
	body.write(w, r)
	return nil
}
