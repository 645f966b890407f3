package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"tuijin"
	"tuijin/internal/store"
)

func (s *Server) listProjects(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	f := tuijin.ProjectFilter{
		Q: q.str("q"), Stage: tuijin.Stage(q.str("stage")), Nature: tuijin.Nature(q.str("nature")),
		Level: tuijin.Level(q.str("level")), Year: q.int("year", 0), DepartmentID: q.id("department_id"),
		LeaderID: q.id("leader_id"), Town: q.str("town"), Category: q.str("category"), Page: q.page(),
	}
	if a := q.bool("archived"); a != nil {
		f.Archived = *a
	}
	if q.err != nil {
		return q.err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	// A page of the ledger is made of projects, their year lists and the
	// departments' names.
	version, err := s.version(ctx, store.HeadLedger, store.HeadOrg)
	if err != nil {
		return err
	}
	f.Normalize()
	key := fmt.Sprintf("%s|%s|%s|%d|%d", scopeKey(actor), filterKey(f), f.Sort, f.Page.Page, f.PerPage)
	body, err := s.heavy.ledger.Get(ctx, key, version, func(ctx context.Context) ([]byte, error) {
		list, err := s.DB.Projects(ctx, actor, f)
		if err != nil {
			return nil, err
		}
		return json.Marshal(list)
	})
	if err != nil {
		return err
	}
	writeJSONBytes(w, http.StatusOK, body)
	return nil
}

func (s *Server) getProject(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.DB.Project(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

// readOnlyProjectFields are in a project's JSON but are not set by a create
// or a PATCH: the server derives them, or they change through their own
// routes (stage transitions, archive).
var readOnlyProjectFields = map[string]bool{"id": true, "created_at": true, "updated_at": true, "department_name": true,
	"archived": true, "stage": true}

func (s *Server) createProject(w http.ResponseWriter, r *http.Request) error {
	var p tuijin.Project
	if err := decode(w, r, &p); err != nil {
		return err
	}
	p.ID, p.Version = 0, 0
	created, err := s.DB.CreateProject(r.Context(), actorFrom(r.Context()), &p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, created)
	return nil
}

// updateProject applies a PATCH: the fields present in the body replace the
// stored ones (null clears), the others stay.
func (s *Server) updateProject(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body map[string]json.RawMessage
	if err := decode(w, r, &body); err != nil {
		return err
	}
	var version int64
	if raw, ok := body["version"]; ok {
		if err := json.Unmarshal(raw, &version); err != nil {
			return tuijin.Errorf(tuijin.EINVALID, "bad_param", "version", string(raw))
		}
		delete(body, "version")
	}
	if err := versionFrom(r, &version); err != nil {
		return err
	}
	var v tuijin.Validation
	for k := range body {
		if readOnlyProjectFields[k] {
			v.Add(k, "read_only")
		} else if !projectFields[k] {
			v.Add(k, "unknown_field")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	patch, _ := json.Marshal(body)
	p, err := s.DB.UpdateProject(r.Context(), actorFrom(r.Context()), id, version, func(p *tuijin.Project) error {
		if err := json.Unmarshal(patch, p); err != nil {
			return tuijin.Errorf(tuijin.EINVALID, "bad_json", err.Error())
		}
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

// projectFields are the JSON names of a project's fields.
var projectFields = func() map[string]bool {
	m := map[string]bool{}
	b, _ := json.Marshal(tuijin.Project{})
	var fields map[string]any
	json.Unmarshal(b, &fields)
	for k := range fields {
		m[k] = true
	}
	return m
}()

// archiveProject is DELETE: projects are archived, never deleted.
func (s *Server) archiveProject(w http.ResponseWriter, r *http.Request) error {
	return s.setArchived(w, r, true)
}

func (s *Server) restoreProject(w http.ResponseWriter, r *http.Request) error {
	return s.setArchived(w, r, false)
}

func (s *Server) setArchived(w http.ResponseWriter, r *http.Request, archived bool) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var version int64
	if raw := r.URL.Query().Get("version"); raw != "" {
		version, _ = strconv.ParseInt(raw, 10, 64)
	}
	if err := versionFrom(r, &version); err != nil {
		return err
	}
	p, err := s.DB.ArchiveProject(r.Context(), actorFrom(r.Context()), id, version, archived)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) changeStage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var c tuijin.StageChange
	if err := decode(w, r, &c); err != nil {
		return err
	}
	if err := versionFrom(r, &c.Version); err != nil {
		return err
	}
	p, err := s.DB.ChangeStage(r.Context(), actorFrom(r.Context()), id, c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) stageHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	events, err := s.DB.StageHistory(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": events})
	return nil
}

func (s *Server) carryOver(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1990 || year > 2100 {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "year", r.PathValue("year"))
	}
	n, err := s.DB.CarryOver(r.Context(), actorFrom(r.Context()), year)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"added": n, "year": year + 1})
	return nil
}
