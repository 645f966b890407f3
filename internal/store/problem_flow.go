package store

import (
	"context"
	"strconv"
	"strings"

	"tuijin"
)

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// ProblemStep is one request to move a problem: the action, the version
// read, a note (the evidence when applying, the reason when sending back)
// and, to reassign, a new department or deadline.
type ProblemStep struct {
	Action       string `json:"action"`
	Version      int64  `json:"version"`
	Note         string `json:"note"`
	DepartmentID *int64 `json:"department_id"`
	Deadline     string `json:"deadline"`
}

// problemFlow is the state machine: for each action, the permission it
// needs, the states it starts from and the state it leads to ("" keeps
// the state).
var problemFlow = map[string]struct {
	perm     tuijin.Permission
	from     []tuijin.ProblemStatus
	to       tuijin.ProblemStatus
	needNote bool
}{
	"accept":    {tuijin.PermWorkProblems, []tuijin.ProblemStatus{tuijin.ProblemAssigned}, tuijin.ProblemAccepted, false},
	"start":     {tuijin.PermWorkProblems, []tuijin.ProblemStatus{tuijin.ProblemAccepted}, tuijin.ProblemInProgress, false},
	"apply":     {tuijin.PermWorkProblems, []tuijin.ProblemStatus{tuijin.ProblemInProgress}, tuijin.ProblemApplied, true},
	"close":     {tuijin.PermCloseProblems, []tuijin.ProblemStatus{tuijin.ProblemApplied}, tuijin.ProblemClosed, false},
	"send_back": {tuijin.PermCloseProblems, []tuijin.ProblemStatus{tuijin.ProblemApplied}, tuijin.ProblemInProgress, true},
	"reopen":    {tuijin.PermCloseProblems, []tuijin.ProblemStatus{tuijin.ProblemClosed}, tuijin.ProblemInProgress, true},
	"reassign": {tuijin.PermCloseProblems, []tuijin.ProblemStatus{tuijin.ProblemAssigned, tuijin.ProblemAccepted,
		tuijin.ProblemInProgress, tuijin.ProblemApplied}, tuijin.ProblemAssigned, false},
	"comment": {"", nil, "", true},
}

// ProblemActions lists the actions of the flow.
func ProblemActions() []string {
	out := make([]string, 0, len(problemFlow))
	for k := range problemFlow {
		out = append(out, k)
	}
	return out
}

// StepProblem moves a problem along its flow and keeps the step (with its
// note) for good. hooks run in the same transaction (the project's light
// follows its problems).
func (db *DB) StepProblem(ctx context.Context, actor *tuijin.Actor, id int64, st ProblemStep, today string, hooks ...func(*Tx, *tuijin.Problem) error) (*tuijin.Problem, error) {
	flow, ok := problemFlow[st.Action]
	if !ok {
		return nil, invalidField("action", "invalid_choice")
	}
	if flow.perm != "" {
		if err := actor.Require(flow.perm); err != nil {
			return nil, err
		}
	}
	st.Note = strings.TrimSpace(st.Note)
	if flow.needNote && st.Note == "" {
		return nil, invalidField("note", "required")
	}
	var out *tuijin.Problem
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := tx.reader().problem(actor, id)
		if err != nil {
			return err
		}
		if before.Version != st.Version {
			return tuijin.ErrStale
		}
		to := before.Status
		if flow.from != nil {
			ok := false
			for _, s := range flow.from {
				ok = ok || s == before.Status
			}
			if !ok {
				return &tuijin.Error{Code: tuijin.ECONFLICT, Key: "problem_is_" + string(before.Status)}
			}
			to = flow.to
		}
		if err := tx.applyProblemStep(before, st, to, today); err != nil {
			return err
		}
		if err := tx.problemEvent(id, st.Action, before.Status, to, st.Note); err != nil {
			return err
		}
		if out, err = tx.reader().problem(tuijin.SystemActor, id); err != nil {
			return err
		}
		changes := tuijin.Changes(before, out)
		if st.Note != "" {
			changes["note"] = [2]any{nil, st.Note}
		}
		if err := tx.Audit(st.Action, "problem", id, changes); err != nil {
			return err
		}
		for _, h := range hooks {
			if err := h(tx, out); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func (tx *Tx) applyProblemStep(pr *tuijin.Problem, st ProblemStep, to tuijin.ProblemStatus, today string) error {
	dept, deadline, closedOn := pr.DepartmentID, pr.Deadline, pr.ClosedOn
	switch st.Action {
	case "reassign":
		if st.DepartmentID == nil && st.Deadline == "" {
			return invalidField("department_id", "required")
		}
		if st.DepartmentID != nil {
			if err := tx.checkDepartment(st.DepartmentID); err != nil {
				return err
			}
			dept = st.DepartmentID
		}
		if st.Deadline != "" {
			if !tuijin.ValidDate(st.Deadline) {
				return invalidField("deadline", "invalid_date")
			}
			deadline = st.Deadline
		}
	case "close":
		closedOn = today
	case "reopen":
		closedOn = ""
	}
	if err := tx.touch(HeadProblems); err != nil {
		return err
	}
	res, err := tx.Exec(`UPDATE problems SET status = ?, department_id = ?, deadline = ?, closed_on = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, to, nullInt(dept), deadline, closedOn, ts(tx.now), pr.ID, st.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return tuijin.ErrStale
	}
	if st.Action == "reassign" && !sameDept(dept, pr.DepartmentID) {
		next := *pr
		next.DepartmentID, next.Deadline = dept, deadline
		return tx.notifyDepartment(&next, "problem_assigned", pr.Title)
	}
	return nil
}

func sameDept(a, b *int64) bool { return a != nil && b != nil && *a == *b }

// ProblemCountsBy counts problems in scope by a grouping: department,
// leader, type or month found ("" gives one total). Average days to close
// are calendar days from found to closed.
func (db *DB) ProblemCountsBy(ctx context.Context, actor *tuijin.Actor, f tuijin.ProblemFilter, groupBy, today string) ([]tuijin.ProblemCounts, error) {
	key, label := "''", "''"
	switch groupBy {
	case "department":
		key, label = "COALESCE(pr.department_id, 0)", "COALESCE(d.name, '')"
	case "leader":
		key, label = "COALESCE(pr.leader_id, 0)", "COALESCE(u.display_name, '')"
	case "type":
		key, label = "pr.type", "pr.type"
	case "month":
		key, label = "SUBSTR(pr.found_on, 1, 7)", "SUBSTR(pr.found_on, 1, 7)"
	case "project":
		key, label = "COALESCE(pr.project_id, 0)", "COALESCE(p.name, '')"
	case "":
	default:
		return nil, invalidField("group_by", "invalid_choice")
	}
	where, args := problemWhere(actor, f, today)
	rows, err := db.reader(ctx).Query(`SELECT `+key+`, `+label+`, pr.status, pr.deadline, pr.found_on, pr.closed_on`+problemFrom+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	index := map[string]int{}
	var out []tuijin.ProblemCounts
	days := map[int]float64{}
	for rows.Next() {
		var k, l, deadline, found, closed string
		var status tuijin.ProblemStatus
		if err := rows.Scan(&k, &l, &status, &deadline, &found, &closed); err != nil {
			return nil, err
		}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, tuijin.ProblemCounts{Key: k, Label: l})
		}
		c := &out[i]
		c.Found++
		if status == tuijin.ProblemClosed {
			c.Closed++
			days[i] += float64(daysBetween(found, closed))
		} else {
			c.InProgress++
			if deadline < today {
				c.Overdue++
			}
		}
	}
	for i := range out {
		if out[i].Closed > 0 {
			avg := float64(int(days[i]/float64(out[i].Closed)*10+0.5)) / 10
			out[i].AvgDaysOpen = &avg
		}
	}
	if out == nil {
		out = []tuijin.ProblemCounts{}
	}
	return out, rows.Err()
}
