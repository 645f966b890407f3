package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/schedule"
	"tuijin/internal/store"
)

// today is the office's date now.
func (s *Server) today() calendar.Date { return calendar.DateOf(s.DB.Now().In(s.Loc)) }

func (s *Server) listNodeTemplates(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]any{"items": schedule.Templates})
	return nil
}

type nodesResponse struct {
	Today string        `json:"today"`
	Items []tuijin.Node `json:"items"`
	Moved []int64       `json:"moved,omitempty"`
}

// respondNodes annotates a project's nodes for today and writes them.
func (s *Server) respondNodes(w http.ResponseWriter, r *http.Request, status int, nodes []tuijin.Node, moved []int64) error {
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	today := s.today().String()
	schedule.Annotate(cal, nodes, today)
	writeJSON(w, status, nodesResponse{Today: today, Items: nodes, Moved: moved})
	return nil
}

func (s *Server) listNodes(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	nodes, err := s.DB.Nodes(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return s.respondNodes(w, r, http.StatusOK, nodes, nil)
}

// getNode is one node with everything its editor needs, annotated for
// today (the battle map carries only what it draws).
func (s *Server) getNode(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	n, err := s.DB.Node(ctx, actor, id)
	if err != nil {
		return err
	}
	nodes, err := s.DB.Nodes(ctx, actor, n.ProjectID)
	if err != nil {
		return err
	}
	cal, err := s.Calendar.Calendar(ctx)
	if err != nil {
		return err
	}
	schedule.Annotate(cal, nodes, s.today().String())
	for _, x := range nodes {
		if x.ID == id {
			writeJSON(w, http.StatusOK, x)
			return nil
		}
	}
	return tuijin.ErrNotFound // deleted between the two reads
}

// nodeInput is a node as a client sends it; a start with a duration and no
// finish is completed on the calendar.
type nodeInput struct {
	Key           string            `json:"key"`
	Name          string            `json:"name"`
	Seq           int               `json:"seq"`
	DurationDays  *int              `json:"duration_days"`
	PlannedStart  string            `json:"planned_start"`
	PlannedFinish string            `json:"planned_finish"`
	ActualStart   string            `json:"actual_start"`
	ActualFinish  string            `json:"actual_finish"`
	DepartmentID  *int64            `json:"department_id"`
	Person        string            `json:"person"`
	Remarks       string            `json:"remarks"`
	Preds         []tuijin.NodeLink `json:"preds"`
}

func (s *Server) createNode(w http.ResponseWriter, r *http.Request) error {
	projectID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in nodeInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	n := tuijin.Node{Key: in.Key, Name: in.Name, Seq: in.Seq, PlannedStart: in.PlannedStart, PlannedFinish: in.PlannedFinish,
		ActualStart: in.ActualStart, ActualFinish: in.ActualFinish, DepartmentID: in.DepartmentID, Person: in.Person,
		Remarks: in.Remarks, Preds: in.Preds}
	if in.DurationDays != nil {
		n.DurationDays = *in.DurationDays
	}
	if err := s.fitDates(r, &n, in.DurationDays != nil, in.PlannedFinish != ""); err != nil {
		return err
	}
	nodes, err := s.DB.SaveNodes(r.Context(), actorFrom(r.Context()), projectID, []store.NodeWrite{{Node: n}}, false,
		s.nodeLightHook(r.Context(), projectID))
	if err != nil {
		return err
	}
	if err := schedule.CheckLinks(nodes); err != nil {
		return tuijin.Errorf(tuijin.EINVALID, "node_cycle")
	}
	return s.respondNodes(w, r, http.StatusCreated, nodes, nil)
}

// fitDates keeps a node's planned dates and duration consistent: a finish
// given explicitly sets the duration; otherwise the finish follows from the
// start and the duration on the working-day calendar.
func (s *Server) fitDates(r *http.Request, n *tuijin.Node, durationGiven, finishGiven bool) error {
	if n.PlannedStart == "" || !tuijin.ValidDate(n.PlannedStart) || (n.PlannedFinish != "" && !tuijin.ValidDate(n.PlannedFinish)) {
		return nil // Validate reports bad dates
	}
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	start := calendar.MustDate(n.PlannedStart)
	if finishGiven && n.PlannedFinish != "" {
		if !durationGiven {
			n.DurationDays = schedule.Duration(cal, schedule.Span{Start: start, Finish: calendar.MustDate(n.PlannedFinish)})
		}
		return nil
	}
	f := start
	if n.DurationDays > 1 {
		f = cal.AddWorkingDays(start, n.DurationDays-1)
	}
	n.PlannedFinish = f.String()
	return nil
}

type templateRequest struct {
	Template string        `json:"template"`
	Mode     schedule.Mode `json:"mode"`
	Date     string        `json:"date"` // the target completion (backward) or the start (forward)
	Replace  bool          `json:"replace"`
}

// applyTemplate lays a template on a project's calendar, backwards from the
// target completion date or forwards from a start.
func (s *Server) applyTemplate(w http.ResponseWriter, r *http.Request) error {
	projectID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req templateRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	var v tuijin.Validation
	tpl, ok := schedule.TemplateByKey(req.Template)
	if !ok {
		v.Add("template", "invalid_choice")
	}
	if req.Mode != schedule.ModeBackward && req.Mode != schedule.ModeForward {
		v.Add("mode", "invalid_choice")
	}
	anchor, derr := calendar.ParseDate(req.Date)
	if derr != nil {
		v.Add("date", "invalid_date")
	}
	if err := v.Err(); err != nil {
		return err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	existing, err := s.DB.Nodes(ctx, actor, projectID)
	if err != nil {
		return err
	}
	if len(existing) > 0 && !req.Replace {
		return tuijin.Errorf(tuijin.ECONFLICT, "nodes_exist", len(existing))
	}
	cal, err := s.Calendar.Calendar(ctx)
	if err != nil {
		return err
	}
	planned, err := schedule.FromTemplate(cal, tpl, req.Mode, anchor)
	if err != nil {
		return err
	}
	ws := make([]store.NodeWrite, len(planned))
	for i, n := range planned {
		ws[i] = store.NodeWrite{Node: n}
	}
	nodes, err := s.DB.SaveNodes(ctx, actor, projectID, ws, true, s.nodeLightHook(ctx, projectID))
	if err != nil {
		return err
	}
	return s.respondNodes(w, r, http.StatusOK, nodes, nil)
}

// updateNode applies a PATCH to one node and re-plans the nodes after it.
func (s *Server) updateNode(w http.ResponseWriter, r *http.Request) error {
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
		json.Unmarshal(raw, &version)
		delete(body, "version")
	}
	if err := versionFrom(r, &version); err != nil {
		return err
	}
	var v tuijin.Validation
	for k := range body {
		if !nodeEditable[k] {
			v.Add(k, "read_only")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	n, err := s.DB.Node(ctx, actor, id)
	if err != nil {
		return err
	}
	if n.Version != version {
		return tuijin.ErrStale
	}
	patch, _ := json.Marshal(body)
	if err := json.Unmarshal(patch, n); err != nil {
		return tuijin.Errorf(tuijin.EINVALID, "bad_json", err.Error())
	}
	_, durGiven := body["duration_days"]
	_, finishGiven := body["planned_finish"]
	_, startGiven := body["planned_start"]
	if startGiven || durGiven || finishGiven {
		if err := s.fitDates(r, n, durGiven, finishGiven); err != nil {
			return err
		}
	}
	writes, moved, err := s.replanAfter(r, n, version)
	if err != nil {
		return err
	}
	nodes, err := s.DB.SaveNodes(ctx, actor, n.ProjectID, writes, false, s.nodeLightHook(ctx, n.ProjectID))
	if err != nil {
		return err
	}
	return s.respondNodes(w, r, http.StatusOK, nodes, moved)
}

var nodeEditable = map[string]bool{"name": true, "seq": true, "duration_days": true, "planned_start": true, "planned_finish": true,
	"actual_start": true, "actual_finish": true, "department_id": true, "person": true, "remarks": true, "preds": true}

// replanAfter returns the writes for the edited node and every successor
// that its new dates move.
func (s *Server) replanAfter(r *http.Request, n *tuijin.Node, version int64) ([]store.NodeWrite, []int64, error) {
	all, err := s.DB.Nodes(r.Context(), tuijin.SystemActor, n.ProjectID)
	if err != nil {
		return nil, nil, err
	}
	for i := range all {
		if all[i].ID == n.ID {
			all[i] = *n
		}
	}
	if err := schedule.CheckLinks(all); err != nil {
		return nil, nil, tuijin.Errorf(tuijin.EINVALID, "node_cycle")
	}
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return nil, nil, err
	}
	changed, err := schedule.Replan(cal, all, n.ID)
	if err != nil {
		return nil, nil, err
	}
	writes := []store.NodeWrite{{Node: *n, Version: version}}
	var moved []int64
	for _, c := range changed {
		writes = append(writes, store.NodeWrite{Node: c, Version: c.Version})
		moved = append(moved, c.ID)
	}
	return writes, moved, nil
}

// nodeLightHook recomputes the project's light for this year's list when
// its nodes change, in the same transaction.
func (s *Server) nodeLightHook(ctx context.Context, projectID int64) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		return s.recomputeProject(ctx, tx, projectID, s.today().Year(), "node")
	}
}

func (s *Server) deleteNode(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.DB.DeleteNode(r.Context(), actorFrom(r.Context()), id, func(tx *store.Tx, projectID int64) error {
		return s.nodeLightHook(r.Context(), projectID)(tx)
	}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type scheduleResponse struct {
	Today string               `json:"today"`
	Year  int                  `json:"year"`
	Items []tuijin.ScheduleRow `json:"items"`
}

// getSchedule is the battle map (挂图作战): every project of the selection
// with its nodes, annotated for today.
func (s *Server) getSchedule(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	f := tuijin.ProjectFilter{Q: q.str("q"), Stage: tuijin.Stage(q.str("stage")), Nature: tuijin.Nature(q.str("nature")),
		Level: tuijin.Level(q.str("level")), Year: q.int("year", s.today().Year()), DepartmentID: q.id("department_id"),
		LeaderID: q.id("leader_id"), Town: q.str("town")}
	groupBy := q.str("group_by")
	if q.err != nil {
		return q.err
	}
	if groupBy != "" && groupBy != "department" && groupBy != "leader" && groupBy != "stage" {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "group_by", groupBy)
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	// The map is made of the ledger, the nodes, the departments' names and
	// the calendar, and annotated for today.
	version, err := s.version(ctx, store.HeadLedger, store.HeadNodes, store.HeadOrg)
	if err != nil {
		return err
	}
	cal, err := s.Calendar.Calendar(ctx)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("%s|%s|%s|%s|%p", scopeKey(actor), filterKey(f), groupBy, s.today(), cal)
	body, err := s.heavy.schedule.Get(ctx, key, version, func(ctx context.Context) (*packed, error) {
		res, err := s.battleMap(ctx, actor, f, groupBy)
		if err != nil {
			return nil, err
		}
		return pack(res)
	})
	if err != nil {
		return err
	}
	body.write(w, r)
	return nil
}

// battleMap reads the map of a selection and annotates it for today.
func (s *Server) battleMap(ctx context.Context, actor *tuijin.Actor, f tuijin.ProjectFilter, groupBy string) (*scheduleResponse, error) {
	cal, err := s.Calendar.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today := s.today().String()
	rows, err := s.DB.Schedule(ctx, actor, f, func(nodes []tuijin.Node) { schedule.Annotate(cal, nodes, today) })
	if err != nil {
		return nil, err
	}
	groupRows(rows, groupBy)
	return &scheduleResponse{Today: today, Year: f.Year, Items: rows}, nil
}

func groupRows(rows []tuijin.ScheduleRow, by string) {
	keyOf := func(r tuijin.ScheduleRow) string {
		switch by {
		case "leader":
			return r.LeaderName
		case "stage":
			return strconv.Itoa(r.Stage.Order())
		}
		return r.DepartmentName
	}
	sort.SliceStable(rows, func(i, j int) bool { return keyOf(rows[i]) < keyOf(rows[j]) })
}
