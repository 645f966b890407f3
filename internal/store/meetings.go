package store

import (
	"context"
	"database/sql"
	"strings"

	"tuijin"
)

const meetingCols = "id, type, title, held_on, chair_id, chair_name, attendees, project_ids, minutes, decisions, created_by, created_at, version"

func scanMeeting(s interface{ Scan(...any) error }) (*tuijin.Meeting, error) {
	var m tuijin.Meeting
	var chair sql.NullInt64
	var c timeCol
	if err := s.Scan(&m.ID, &m.Type, &m.Title, &m.HeldOn, &chair, &m.ChairName, &m.Attendees, jsonCol{&m.ProjectIDs}, &m.Minutes,
		jsonCol{&m.Decisions}, &m.CreatedBy, &c, &m.Version); err != nil {
		return nil, notFound(err)
	}
	m.ChairID, m.CreatedAt = intPtr(chair), c.T
	return &m, nil
}

// CreateMeeting records a meeting; each decision with a task becomes a
// task (交办事项) in the problem flow, in the same transaction.
func (db *DB) CreateMeeting(ctx context.Context, actor *tuijin.Actor, m tuijin.Meeting, deadlineOf func(tuijin.ProblemInput) string, today string) (*tuijin.Meeting, error) {
	if err := actor.Require(tuijin.PermMeetings); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	for i := range m.Decisions {
		if t := m.Decisions[i].Task; t != nil {
			t.Kind, t.Source = tuijin.KindTask, "meeting"
			if strings.TrimSpace(t.Title) == "" {
				t.Title = m.Decisions[i].Text
			}
			if err := t.Validate(); err != nil {
				return nil, err
			}
		}
	}
	var out *tuijin.Meeting
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		if m.ChairID != nil {
			if err := tx.QueryRow("SELECT display_name FROM users WHERE id = ?", *m.ChairID).Scan(&m.ChairName); err != nil {
				return invalidField("chair_id", "no_such_user")
			}
		}
		now := ts(tx.now)
		var id int64
		if err := tx.QueryRow(`INSERT INTO meetings (type, title, held_on, chair_id, chair_name, attendees, project_ids, minutes, decisions,
			created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, 1) RETURNING id`,
			m.Type, m.Title, m.HeldOn, nullInt(m.ChairID), m.ChairName, m.Attendees, jsonText(m.ProjectIDs), m.Minutes,
			actor.Username, now, now).Scan(&id); err != nil {
			return err
		}
		for i := range m.Decisions {
			d := &m.Decisions[i]
			if d.Task == nil {
				continue
			}
			d.Task.SourceID = &id
			d.Task.Deadline = deadlineOf(*d.Task)
			pr, err := tx.CreateProblem(*d.Task, today)
			if err != nil {
				return err
			}
			d.TaskID, d.Task = &pr.ID, nil
		}
		if _, err := tx.Exec("UPDATE meetings SET decisions = ? WHERE id = ?", jsonText(m.Decisions), id); err != nil {
			return err
		}
		var err error
		if out, err = scanMeeting(tx.QueryRow("SELECT "+meetingCols+" FROM meetings WHERE id = ?", id)); err != nil {
			return err
		}
		return tx.Audit("create", "meeting", id, tuijin.Changes(nil, out))
	})
	return out, err
}

// Meetings lists meetings between two dates (inclusive), newest first.
// Every logged-in role sees the meeting list.
func (db *DB) Meetings(ctx context.Context, from, to string) ([]tuijin.Meeting, error) {
	rows, err := db.reader(ctx).Query("SELECT "+meetingCols+" FROM meetings WHERE held_on >= ? AND held_on <= ? ORDER BY held_on DESC, id DESC", from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.Meeting{}
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// Meeting returns one meeting.
func (db *DB) Meeting(ctx context.Context, id int64) (*tuijin.Meeting, error) {
	return scanMeeting(db.reader(ctx).QueryRow("SELECT "+meetingCols+" FROM meetings WHERE id = ?", id))
}

const visitCols = `v.id, v.leader_id, v.leader_name, v.visited_on, v.project_id, p.name, v.checklist, v.notes, v.created_by, v.created_at, v.version`

func scanVisit(s interface{ Scan(...any) error }) (*tuijin.Visit, error) {
	var v tuijin.Visit
	var leader sql.NullInt64
	var c timeCol
	if err := s.Scan(&v.ID, &leader, &v.LeaderName, &v.VisitedOn, &v.ProjectID, &v.ProjectName, jsonCol{&v.Checklist}, &v.Notes,
		&v.CreatedBy, &c, &v.Version); err != nil {
		return nil, notFound(err)
	}
	v.LeaderID, v.CreatedAt = intPtr(leader), c.T
	v.ProblemIDs, v.Photos = []int64{}, []tuijin.Photo{}
	return &v, nil
}

// CreateVisit records a site visit and the problems raised on the spot, in
// one transaction.
func (db *DB) CreateVisit(ctx context.Context, actor *tuijin.Actor, v tuijin.Visit, deadlineOf func(tuijin.ProblemInput) string, today string) (*tuijin.Visit, error) {
	if err := actor.Require(tuijin.PermMeetings); err != nil {
		return nil, err
	}
	if v.LeaderID == nil && actor.Role == tuijin.RoleLeader {
		id := actor.UserID
		v.LeaderID = &id
	}
	if err := v.Validate(); err != nil {
		return nil, err
	}
	for i := range v.Problems {
		p := &v.Problems[i]
		p.Kind, p.Source, p.ProjectID = tuijin.KindProblem, "visit", &v.ProjectID
		if err := p.Validate(); err != nil {
			return nil, err
		}
	}
	var out *tuijin.Visit
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		if _, err := projectByID(tx.reader(), actor, v.ProjectID); err != nil {
			return invalidField("project_id", "no_such_project")
		}
		if v.LeaderID != nil {
			if err := tx.QueryRow("SELECT display_name FROM users WHERE id = ?", *v.LeaderID).Scan(&v.LeaderName); err != nil {
				return invalidField("leader_id", "no_such_user")
			}
		}
		now := ts(tx.now)
		var id int64
		if err := tx.QueryRow(`INSERT INTO visits (leader_id, leader_name, visited_on, project_id, checklist, notes, created_by, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`, nullInt(v.LeaderID), v.LeaderName, v.VisitedOn, v.ProjectID,
			jsonText(v.Checklist), v.Notes, actor.Username, now, now).Scan(&id); err != nil {
			return err
		}
		for _, p := range v.Problems {
			p.SourceID = &id
			p.Deadline = deadlineOf(p)
			if _, err := tx.CreateProblem(p, today); err != nil {
				return err
			}
		}
		var err error
		if out, err = tx.reader().visit(tuijin.SystemActor, id); err != nil {
			return err
		}
		return tx.Audit("create", "visit", id, tuijin.Changes(nil, out))
	})
	return out, err
}

func (r reader) visit(actor *tuijin.Actor, id int64) (*tuijin.Visit, error) {
	where, args := "v.id = ?", []any{id}
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	v, err := scanVisit(r.QueryRow("SELECT "+visitCols+" FROM visits v JOIN projects p ON p.id = v.project_id WHERE "+where, args...))
	if err != nil {
		return nil, err
	}
	rows, err := r.Query("SELECT id FROM problems WHERE source = 'visit' AND source_id = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var pid int64
		rows.Scan(&pid)
		v.ProblemIDs = append(v.ProblemIDs, pid)
	}
	rows.Close()
	v.Photos, err = r.attachments("visit", id)
	return v, err
}

// Visit returns one visit to a project the actor may see.
func (db *DB) Visit(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.Visit, error) {
	return db.reader(ctx).visit(actor, id)
}

// Visits lists visits to projects in scope between two dates.
func (db *DB) Visits(ctx context.Context, actor *tuijin.Actor, from, to string, leaderID *int64) ([]tuijin.Visit, error) {
	where, args := "v.visited_on >= ? AND v.visited_on <= ?", []any{from, to}
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	if leaderID != nil {
		where, args = where+" AND v.leader_id = ?", append(args, *leaderID)
	}
	rows, err := db.reader(ctx).Query("SELECT "+visitCols+" FROM visits v JOIN projects p ON p.id = v.project_id WHERE "+where+
		" ORDER BY v.visited_on DESC, v.id DESC", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.Visit{}
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}

// LeaderActivity counts each leader's site visits and chaired meetings in
// a month ("leaders held 332 meetings of all kinds").
type LeaderActivity struct {
	LeaderID   int64  `json:"leader_id"`
	LeaderName string `json:"leader_name"`
	Visits     int    `json:"visits"`
	Meetings   int    `json:"meetings"`
	Target     int    `json:"target"`
	Met        bool   `json:"met"`
}

// LeaderActivities counts visits and meetings per leader between two
// dates, for every active leader.
func (db *DB) LeaderActivities(ctx context.Context, from, to string, target int) ([]LeaderActivity, error) {
	rows, err := db.reader(ctx).Query(`SELECT u.id, u.display_name,
		(SELECT COUNT(*) FROM visits v WHERE v.leader_id = u.id AND v.visited_on >= ? AND v.visited_on <= ?),
		(SELECT COUNT(*) FROM meetings m WHERE m.chair_id = u.id AND m.held_on >= ? AND m.held_on <= ?)
		FROM users u WHERE u.role = ? AND u.active = ? ORDER BY u.display_name, u.id`, from, to, from, to, tuijin.RoleLeader, true)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []LeaderActivity{}
	for rows.Next() {
		var a LeaderActivity
		if err := rows.Scan(&a.LeaderID, &a.LeaderName, &a.Visits, &a.Meetings); err != nil {
			return nil, err
		}
		a.Target, a.Met = target, a.Visits+a.Meetings >= target
		out = append(out, a)
	}
	return out, rows.Err()
}
