package store

import (
	"fmt"
	"time"

	"tuijin"
)

// Bulk writes of problems with their steps, supervision orders, meetings
// and site visits for the seeder (see seed_work.go).

// SeedStep is one step of a problem's flow as it happened: an action of
// the flow (accept, start, apply, close, send_back, reopen, comment) by
// Actor at At, with its note; or "escalate", the daily job raising the
// problem to Level after Days working days overdue, issuing an order of
// the level's grade (DefaultEscalation) that the department may have
// answered (Reply, by ReplyBy at ReplyAt).
type SeedStep struct {
	Action string
	Note   string
	Actor  *tuijin.Actor
	At     time.Time
	// Day is the office's date of At: a close sets closed_on to it, an
	// order's reply is due on it.
	Day string

	Level   tuijin.EscalationLevel
	Days    int
	Reply   string
	ReplyBy *tuijin.Actor
	ReplyAt time.Time
}

// CreateProblem inserts a problem logged by the transaction's actor at its
// time (found on pr.FoundOn, assigned to pr.DepartmentID with pr.Deadline)
// and replays steps over it, checking each against the flow as
// StepProblem does: the stored status, level, closed_on, version and
// events are what the steps leave. A problem still waiting to be accepted
// sits in its department's inbox. It sets pr.ID, Status, Level, ClosedOn
// and Version.
func (s *Seeding) CreateProblem(pr *tuijin.Problem, steps []SeedStep) error {
	in := tuijin.ProblemInput{Kind: pr.Kind, ProjectID: pr.ProjectID, Source: pr.Source, SourceID: pr.SourceID, Type: pr.Type,
		Title: pr.Title, Description: pr.Description, DepartmentID: pr.DepartmentID, LeaderID: pr.LeaderID, Deadline: pr.Deadline}
	if err := in.Validate(); err != nil {
		return err
	}
	pr.Kind, pr.Source, pr.Type, pr.Title, pr.Description = in.Kind, in.Source, in.Type, in.Title, in.Description
	pr.Status, pr.Level, pr.ClosedOn, pr.Version = tuijin.ProblemAssigned, tuijin.LevelNormal, "", 1
	creator, created := s.tx.actor, s.tx.now
	var orders []SeedStep
	events := []SeedStep{{Action: "assign", Actor: creator, At: created}}
	from := []tuijin.ProblemStatus{""}
	for _, st := range steps {
		before := pr.Status
		if err := applySeedStep(pr, st); err != nil {
			return fmt.Errorf("problem %q: %w", pr.Title, err)
		}
		if st.Action == "escalate" {
			st.Note = fmt.Sprintf("超期%d个工作日，升级为%s", st.Days, levelNames[st.Level])
			if DefaultEscalation[st.Level-1].Grade != "" {
				orders = append(orders, st)
			}
		}
		pr.Version++
		events, from = append(events, st), append(from, before)
	}
	last := created
	if len(steps) > 0 {
		last = steps[len(steps)-1].At
	}
	st, err := s.stmt(`INSERT INTO problems (kind, project_id, source, source_id, type, title, description, department_id, leader_id,
		deadline, status, level, found_on, closed_on, created_by, created_by_id, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	if err := st.QueryRowContext(s.tx.ctx, pr.Kind, nullInt(pr.ProjectID), pr.Source, nullInt(pr.SourceID), pr.Type, pr.Title,
		pr.Description, nullInt(pr.DepartmentID), nullInt(pr.LeaderID), pr.Deadline, pr.Status, pr.Level, pr.FoundOn, pr.ClosedOn,
		creator.Username, nullInt(actorID(creator)), ts(created), ts(last), pr.Version).Scan(&pr.ID); err != nil {
		return err
	}
	pr.CreatedBy, pr.CreatedAt, pr.UpdatedAt = creator.Username, created, last
	for i, e := range events {
		to := pr.Status
		if i+1 < len(from) {
			to = from[i+1] // the status before the next step is where this one led
		}
		if _, err := s.exec(`INSERT INTO problem_events (problem_id, action, from_status, to_status, note, user_id, username, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, pr.ID, e.Action, from[i], to, e.Note, nullInt(actorID(e.Actor)), e.Actor.Username, ts(e.At)); err != nil {
			return err
		}
	}
	for _, o := range orders {
		if err := s.createOrder(pr, o); err != nil {
			return err
		}
	}
	s.imports("problem", 1)
	if pr.Status == tuijin.ProblemAssigned {
		s.tx.now = created
		return s.tx.notifyDepartment(pr, "problem_assigned", pr.Title)
	}
	return nil
}

// applySeedStep moves pr by one step, refusing what the flow would.
func applySeedStep(pr *tuijin.Problem, st SeedStep) error {
	if st.Actor == nil {
		return fmt.Errorf("%s: no actor", st.Action)
	}
	if st.Action == "escalate" {
		if st.Level <= pr.Level || int(st.Level) > len(DefaultEscalation) || !pr.Status.Open() {
			return fmt.Errorf("escalate from level %d to %d while %s", pr.Level, st.Level, pr.Status)
		}
		pr.Level = st.Level
		return nil
	}
	flow, ok := problemFlow[st.Action]
	if !ok || st.Action == "reassign" {
		return fmt.Errorf("action %q", st.Action)
	}
	if flow.perm != "" && !st.Actor.Can(flow.perm) {
		return fmt.Errorf("%s by %s: %w", st.Action, st.Actor.Role, tuijin.ErrForbidden)
	}
	if flow.needNote && st.Note == "" {
		return fmt.Errorf("%s without a note", st.Action)
	}
	if flow.from == nil {
		return nil // a comment
	}
	ok = false
	for _, f := range flow.from {
		ok = ok || f == pr.Status
	}
	if !ok {
		return fmt.Errorf("%s while %s", st.Action, pr.Status)
	}
	pr.Status = flow.to
	switch st.Action {
	case "close":
		if !tuijin.ValidDate(st.Day) {
			return fmt.Errorf("close without a day")
		}
		pr.ClosedOn = st.Day
	case "reopen":
		pr.ClosedOn = ""
	}
	return nil
}

// createOrder writes the order an escalation issued (see raiseProblem),
// with the department's reply when it gave one.
func (s *Seeding) createOrder(pr *tuijin.Problem, st SeedStep) error {
	grade := DefaultEscalation[st.Level-1].Grade
	pid := pr.ID
	items := []tuijin.OrderItem{{ProblemID: &pid, Text: pr.Title + "（" + st.Note + "）"}}
	status, received, by, replies := "issued", (*time.Time)(nil), "", []tuijin.OrderReply{}
	updated := st.At
	if st.Reply != "" {
		at := st.ReplyAt.UTC()
		status, received, by, updated = "replied", &at, st.ReplyBy.Username, at
		replies = append(replies, tuijin.OrderReply{Text: st.Reply, By: st.ReplyBy.Username, At: at})
	}
	version := 1
	if st.Reply != "" {
		version = 2
	}
	var id int64
	if err := s.tx.QueryRow(`INSERT INTO supervision_orders (grade, title, department_id, items, reply_deadline, status, received_at,
		received_by, replies, created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		grade, "关于“"+pr.Title+"”的"+gradeNames[grade], *pr.DepartmentID, jsonText(items), st.Day, status, tsPtr(received), by,
		jsonText(replies), st.Actor.Username, ts(st.At), ts(updated), version).Scan(&id); err != nil {
		return err
	}
	s.imports("supervision_order", 1)
	return nil
}

// CreateMeeting inserts a meeting as CreateMeeting records it, by the
// transaction's actor. Its decisions' tasks are created afterwards with
// CreateProblem (source "meeting", SourceID the meeting's id) and named
// with SetDecisions.
func (s *Seeding) CreateMeeting(m *tuijin.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	now := ts(s.tx.now)
	if err := s.tx.QueryRow(`INSERT INTO meetings (type, title, held_on, chair_id, chair_name, attendees, project_ids, minutes, decisions,
		created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
		m.Type, m.Title, m.HeldOn, nullInt(m.ChairID), m.ChairName, m.Attendees, jsonText(m.ProjectIDs), m.Minutes, jsonText(m.Decisions),
		s.tx.actor.Username, now, now).Scan(&m.ID); err != nil {
		return err
	}
	m.CreatedBy, m.CreatedAt, m.Version = s.tx.actor.Username, s.tx.now, 1
	s.imports("meeting", 1)
	return nil
}

// SetDecisions stores the meeting's decisions with the ids of their tasks,
// as CreateMeeting leaves them.
func (s *Seeding) SetDecisions(m *tuijin.Meeting) error {
	for i := range m.Decisions {
		m.Decisions[i].Task = nil
	}
	_, err := s.tx.Exec("UPDATE meetings SET decisions = ? WHERE id = ?", jsonText(m.Decisions), m.ID)
	return err
}

// CreateVisit inserts a site visit as CreateVisit records it, by the
// transaction's actor; the problems raised on the spot are created
// afterwards with CreateProblem (source "visit", SourceID the visit's id).
func (s *Seeding) CreateVisit(v *tuijin.Visit) error {
	if err := v.Validate(); err != nil {
		return err
	}
	now := ts(s.tx.now)
	if err := s.tx.QueryRow(`INSERT INTO visits (leader_id, leader_name, visited_on, project_id, checklist, notes, created_by, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`, nullInt(v.LeaderID), v.LeaderName, v.VisitedOn, v.ProjectID,
		jsonText(v.Checklist), v.Notes, s.tx.actor.Username, now, now).Scan(&v.ID); err != nil {
		return err
	}
	v.CreatedBy, v.CreatedAt, v.Version = s.tx.actor.Username, s.tx.now, 1
	s.imports("visit", 1)
	return nil
}
