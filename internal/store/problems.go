package store

import (
	"context"
	"database/sql"
	"strings"

	"tuijin"
)

const problemCols = `pr.id, pr.kind, pr.project_id, COALESCE(p.name, ''), pr.source, pr.source_id, pr.type, pr.title, pr.description,
	pr.department_id, COALESCE(d.name, ''), pr.leader_id, COALESCE(u.display_name, ''), pr.deadline, pr.status, pr.level,
	pr.found_on, pr.closed_on, pr.created_by, pr.created_at, pr.updated_at, pr.version`

const problemFrom = ` FROM problems pr LEFT JOIN projects p ON p.id = pr.project_id LEFT JOIN departments d ON d.id = pr.department_id
	LEFT JOIN users u ON u.id = pr.leader_id`

func scanProblem(s interface{ Scan(...any) error }) (*tuijin.Problem, error) {
	var pr tuijin.Problem
	var project, source, dept, leader sql.NullInt64
	var c, u timeCol
	if err := s.Scan(&pr.ID, &pr.Kind, &project, &pr.ProjectName, &pr.Source, &source, &pr.Type, &pr.Title, &pr.Description,
		&dept, &pr.DepartmentName, &leader, &pr.LeaderName, &pr.Deadline, &pr.Status, &pr.Level, &pr.FoundOn, &pr.ClosedOn,
		&pr.CreatedBy, &c, &u, &pr.Version); err != nil {
		return nil, notFound(err)
	}
	pr.ProjectID, pr.SourceID, pr.DepartmentID, pr.LeaderID = intPtr(project), intPtr(source), intPtr(dept), intPtr(leader)
	pr.CreatedAt, pr.UpdatedAt = c.T, u.T
	return &pr, nil
}

// problemScope is the SQL condition for the problems an actor may see: a
// department sees what is assigned to it; officers and owners see the
// problems of their projects and those they logged; the others see all.
func problemScope(a *tuijin.Actor) (string, []any) {
	if a.SeesAll() {
		return "", nil
	}
	switch a.Role {
	case tuijin.RoleDepartment:
		if a.DepartmentID != nil {
			return "pr.department_id = ?", []any{*a.DepartmentID}
		}
	case tuijin.RoleOfficer:
		return "(p.officer_id = ? OR p.leader_id = ? OR pr.created_by_id = ?)", []any{a.UserID, a.UserID, a.UserID}
	case tuijin.RoleOwner:
		if a.DepartmentID != nil {
			return "p.owner_department_id = ?", []any{*a.DepartmentID}
		}
	}
	return "1 = 0", nil
}

func (r reader) problem(actor *tuijin.Actor, id int64) (*tuijin.Problem, error) {
	where, args := "pr.id = ?", []any{id}
	if cond, cargs := problemScope(actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	return scanProblem(r.QueryRow("SELECT "+problemCols+problemFrom+" WHERE "+where, args...))
}

// Problem returns one problem in the actor's scope with its steps and
// attachments.
func (db *DB) Problem(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.Problem, error) {
	r := db.reader(ctx)
	pr, err := r.problem(actor, id)
	if err != nil {
		return nil, err
	}
	if pr.Events, err = r.problemEvents(id); err != nil {
		return nil, err
	}
	pr.Attachments, err = r.attachments("problem", id)
	return pr, err
}

func (r reader) problemEvents(id int64) ([]tuijin.ProblemEvent, error) {
	rows, err := r.Query("SELECT id, action, from_status, to_status, note, username, at FROM problem_events WHERE problem_id = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.ProblemEvent{}
	for rows.Next() {
		var e tuijin.ProblemEvent
		var at timeCol
		if err := rows.Scan(&e.ID, &e.Action, &e.From, &e.To, &e.Note, &e.Username, &at); err != nil {
			return nil, err
		}
		e.At = at.T
		out = append(out, e)
	}
	return out, rows.Err()
}

// problemWhere builds the WHERE of a problem list.
func problemWhere(actor *tuijin.Actor, f tuijin.ProblemFilter, today string) (string, []any) {
	var where []string
	var args []any
	if cond, cargs := problemScope(actor); cond != "" {
		where, args = append(where, cond), append(args, cargs...)
	}
	eq := func(col string, v any) { where, args = append(where, col+" = ?"), append(args, v) }
	if f.Kind != "" {
		eq("pr.kind", f.Kind)
	}
	if f.Status != "" {
		eq("pr.status", f.Status)
	}
	if f.Open {
		where, args = append(where, "pr.status <> ?"), append(args, tuijin.ProblemClosed)
	}
	if f.Overdue {
		where, args = append(where, "pr.status <> ? AND pr.deadline < ?"), append(args, tuijin.ProblemClosed, today)
	}
	if f.DepartmentID != nil {
		eq("pr.department_id", *f.DepartmentID)
	}
	if f.LeaderID != nil {
		eq("pr.leader_id", *f.LeaderID)
	}
	if f.ProjectID != nil {
		eq("pr.project_id", *f.ProjectID)
	}
	if f.Type != "" {
		eq("pr.type", f.Type)
	}
	if f.Level != nil {
		eq("pr.level", *f.Level)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		q = "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		where, args = append(where, "(pr.title LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\')"), append(args, q, q)
	}
	if len(where) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Problems lists problems in the actor's scope, overdue first by default.
func (db *DB) Problems(ctx context.Context, actor *tuijin.Actor, f tuijin.ProblemFilter, today string) (*tuijin.List[tuijin.Problem], error) {
	f.Normalize()
	where, args := problemWhere(actor, f, today)
	order := " ORDER BY CASE WHEN pr.status <> 'closed' AND pr.deadline < '" + safeDate(today) + "' THEN 0 ELSE 1 END, pr.level DESC, pr.deadline, pr.id"
	if f.Sort != "" {
		o, err := orderBy(f.Sort, map[string]string{"id": "pr.id", "deadline": "pr.deadline", "level": "pr.level", "status": "pr.status",
			"found_on": "pr.found_on", "department": "d.name"}, "id")
		if err != nil {
			return nil, err
		}
		order = strings.Replace(o, ", id", ", pr.id", 1)
	}
	r := db.reader(ctx)
	out := &tuijin.List[tuijin.Problem]{Items: []tuijin.Problem{}, Page: f.Page.Page, PerPage: f.PerPage}
	if err := r.QueryRow("SELECT COUNT(*)"+problemFrom+where, args...).Scan(&out.Total); err != nil {
		return nil, err
	}
	rows, err := r.Query("SELECT "+problemCols+problemFrom+where+order+" LIMIT ? OFFSET ?", append(args, f.PerPage, f.Offset())...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		pr, err := scanProblem(rows)
		if err != nil {
			return nil, err
		}
		pr.Overdue = pr.Status.Open() && pr.Deadline < today
		out.Items = append(out.Items, *pr)
	}
	return out, rows.Err()
}

// safeDate keeps only the characters of a YYYY-MM-DD date, for the one
// place a date is written into SQL text (an ORDER BY expression).
func safeDate(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, s)
}

// CreateProblem logs a problem or a task; deadline is already a date.
func (db *DB) CreateProblem(ctx context.Context, actor *tuijin.Actor, in tuijin.ProblemInput, today string) (*tuijin.Problem, error) {
	if err := actor.Require(tuijin.PermLogProblems); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *tuijin.Problem
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		out, err = tx.CreateProblem(in, today)
		return err
	})
	return out, err
}

// CreateProblem logs a problem inside tx (a visit or a meeting logs several
// with itself).
func (tx *Tx) CreateProblem(in tuijin.ProblemInput, today string) (*tuijin.Problem, error) {
	if in.ProjectID != nil {
		if _, err := projectByID(tx.reader(), tx.actor, *in.ProjectID); err != nil {
			return nil, invalidField("project_id", "no_such_project")
		}
	}
	if err := tx.checkDepartment(in.DepartmentID); err != nil {
		return nil, err
	}
	if err := tx.touch(HeadProblems); err != nil {
		return nil, err
	}
	now := ts(tx.now)
	var id int64
	err := tx.QueryRow(`INSERT INTO problems (kind, project_id, source, source_id, type, title, description, department_id, leader_id,
		deadline, status, level, found_on, created_by, created_by_id, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 1) RETURNING id`,
		in.Kind, nullInt(in.ProjectID), in.Source, nullInt(in.SourceID), in.Type, in.Title, in.Description, nullInt(in.DepartmentID),
		nullInt(in.LeaderID), in.Deadline, tuijin.ProblemAssigned, today, tx.actor.Username, nullInt(actorID(tx.actor)), now, now).Scan(&id)
	if err != nil {
		return nil, err
	}
	if err := tx.problemEvent(id, "assign", "", tuijin.ProblemAssigned, ""); err != nil {
		return nil, err
	}
	pr, err := tx.reader().problem(tuijin.SystemActor, id)
	if err != nil {
		return nil, err
	}
	if err := tx.notifyDepartment(pr, "problem_assigned", pr.Title); err != nil {
		return nil, err
	}
	return pr, tx.Audit("create", "problem", id, tuijin.Changes(nil, pr))
}

func (tx *Tx) problemEvent(id int64, action string, from, to tuijin.ProblemStatus, note string) error {
	_, err := tx.Exec(`INSERT INTO problem_events (problem_id, action, from_status, to_status, note, user_id, username, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, action, from, to, note, nullInt(actorID(tx.actor)), tx.actor.Username, ts(tx.now))
	return err
}

// notifyDepartment tells the responsible department's users; args lead
// the kind's messages, the deadline follows them.
func (tx *Tx) notifyDepartment(pr *tuijin.Problem, kind string, args ...string) error {
	if pr.DepartmentID == nil {
		return nil
	}
	rows, err := tx.Query("SELECT id FROM users WHERE department_id = ? AND active = ? AND role = ?", *pr.DepartmentID, true, tuijin.RoleDepartment)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if pr.LeaderID != nil {
		ids = append(ids, *pr.LeaderID)
	}
	n := tuijin.Notification{Kind: kind, Args: append(args, pr.Deadline), Link: "/problems/" + itoa64(pr.ID), ProjectID: pr.ProjectID}
	_, err = tx.Notify(ids, n, kind+":"+itoa64(pr.ID)+":"+ts(tx.now))
	return err
}
