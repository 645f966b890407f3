package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"tuijin"
)

// The battle map (挂图作战) reads a year's list with every node of every
// project: at province scale 5,000 projects and 70,000 nodes. It reads only
// what the map draws and what the critical path needs (durations, links),
// and keeps each node in the map's form once it is annotated.

// scheduleNodeCols are a node on the map. The department and person are
// read for open nodes only (the overdue and upcoming lists name them): the
// join to departments is skipped for the rest.
const scheduleNodeCols = `n.project_id, n.id, n.name, n.duration_days, n.planned_start, n.planned_finish,
	n.actual_start, n.actual_finish, n.preds, COALESCE(nd.name, ''), CASE WHEN n.actual_finish = '' THEN n.person ELSE '' END`

const scheduleNodeFrom = " FROM nodes n LEFT JOIN departments nd ON nd.id = n.department_id AND n.actual_finish = ''"

// Schedule returns the battle map: the projects a ledger filter selects,
// each with its nodes, in two queries whatever the number of projects.
// annotate is given each project's nodes, in order, to fill their status
// and critical path for the day before they are kept in the map's form.
func (db *DB) Schedule(ctx context.Context, actor *tuijin.Actor, f tuijin.ProjectFilter, annotate func([]tuijin.Node)) ([]tuijin.ScheduleRow, error) {
	from, where, args := db.projectWhere(actor, f)
	r := db.reader(ctx)
	out, index, err := r.scheduleProjects(from, where, args)
	if err != nil || len(out) == 0 {
		return out, err
	}
	// The nodes of the same selection: the filter's WHERE again, as a
	// subquery; nodes_project gives them in project and plan order.
	rows, err := r.Query("SELECT "+scheduleNodeCols+scheduleNodeFrom+
		" WHERE n.project_id IN (SELECT p.id"+from+where+") ORDER BY n.project_id, n.seq, n.id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var project []tuijin.Node // the nodes of one project, until the next begins
	flush := func() {
		if len(project) == 0 {
			return
		}
		annotate(project)
		if i, ok := index[project[0].ProjectID]; ok {
			nodes := make([]tuijin.ScheduleNode, len(project))
			for j := range project {
				nodes[j] = project[j].ScheduleNode()
			}
			out[i].Nodes = nodes
		}
		project = project[:0]
	}
	for rows.Next() {
		var n tuijin.Node
		var preds string
		if err := rows.Scan(&n.ProjectID, &n.ID, &n.Name, &n.DurationDays, &n.PlannedStart, &n.PlannedFinish,
			&n.ActualStart, &n.ActualFinish, &preds, &n.DepartmentName, &n.Person); err != nil {
			return nil, err
		}
		if n.Preds, err = parseLinks(preds); err != nil {
			return nil, err
		}
		if len(project) > 0 && project[0].ProjectID != n.ProjectID {
			flush()
		}
		project = append(project, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	flush()
	return out, nil
}

// scheduleProjects reads the map's projects, by department, and where each
// is in the result.
func (r reader) scheduleProjects(from, where string, args []any) ([]tuijin.ScheduleRow, map[int64]int, error) {
	rows, err := r.Query("SELECT p.id, p.code, p.name, p.stage, p.department_id, COALESCE(d.name, ''), p.leader_name"+from+where+
		" ORDER BY d.name, p.id", args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out := []tuijin.ScheduleRow{}
	index := map[int64]int{}
	for rows.Next() {
		var s tuijin.ScheduleRow
		var dept sql.NullInt64
		if err := rows.Scan(&s.ID, &s.Code, &s.Name, &s.Stage, &dept, &s.DepartmentName, &s.LeaderName); err != nil {
			return nil, nil, err
		}
		s.DepartmentID, s.Nodes = intPtr(dept), []tuijin.ScheduleNode{}
		index[s.ID] = len(out)
		out = append(out, s)
	}
	return out, index, rows.Err()
}

// parseLinks reads a node's links. The map reads tens of thousands, so the
// one form jsonText writes is read without reflection; any other goes to
// encoding/json.
func parseLinks(s string) ([]tuijin.NodeLink, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	if links, ok := canonicalLinks(s); ok {
		return links, nil
	}
	var out []tuijin.NodeLink
	return out, json.Unmarshal([]byte(s), &out)
}

// canonicalLinks reads [{"node_id":1,"lag":0},{"node_id":2,"lag":3}].
func canonicalLinks(s string) ([]tuijin.NodeLink, bool) {
	if !strings.HasPrefix(s, "[{") || !strings.HasSuffix(s, "}]") {
		return nil, false
	}
	var out []tuijin.NodeLink
	for item := range strings.SplitSeq(s[2:len(s)-2], "},{") {
		fields, ok := strings.CutPrefix(item, `"node_id":`)
		id, lag, ok2 := strings.Cut(fields, `,"lag":`)
		nodeID, err1 := strconv.ParseInt(id, 10, 64)
		days, err2 := strconv.Atoi(lag)
		if !ok || !ok2 || err1 != nil || err2 != nil {
			return nil, false
		}
		out = append(out, tuijin.NodeLink{NodeID: nodeID, Lag: days})
	}
	return out, true
}
