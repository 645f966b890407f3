package schedule

import (
	"strconv"

	"tuijin"
	"tuijin/internal/calendar"
)

func key(id int64) string { return strconv.FormatInt(id, 10) }

// tasksOf turns stored nodes into tasks keyed by id.
func tasksOf(nodes []tuijin.Node) []Task {
	out := make([]Task, len(nodes))
	for i, n := range nodes {
		t := Task{Key: key(n.ID), Duration: n.DurationDays}
		for _, l := range n.Preds {
			t.Preds = append(t.Preds, Link{Pred: key(l.NodeID), Lag: l.Lag})
		}
		out[i] = t
	}
	return out
}

func date(s string) calendar.Date {
	d, _ := calendar.ParseDate(s)
	return d
}

// Annotate fills each node's status for today and, when every node has
// planned dates, its slack and whether it is on the critical path: slack is
// measured between the earliest plan from the first planned start and the
// latest plan back from the last planned finish.
func Annotate(cal Calendar, nodes []tuijin.Node, today string) {
	planned := len(nodes) > 0
	var first, last calendar.Date
	for i := range nodes {
		n := &nodes[i]
		n.Status = n.StatusOn(today)
		if n.PlannedStart == "" || n.PlannedFinish == "" {
			planned = false
			continue
		}
		if s := date(n.PlannedStart); first.IsZero() || s.Before(first) {
			first = s
		}
		if f := date(n.PlannedFinish); last.IsZero() || f.After(last) {
			last = f
		}
	}
	if !planned {
		return
	}
	ordered, err := order(tasksOf(nodes))
	if err != nil {
		return // a cycle cannot be stored, but slack is only an aid
	}
	early := forwardPass(cal, ordered, onOrAfter(cal, first))
	late := backwardPass(cal, ordered, onOrBefore(cal, last))
	for i := range nodes {
		k := key(nodes[i].ID)
		slack := cal.WorkingDaysBetween(early[k].Start, late[k].Start)
		nodes[i].Slack, nodes[i].Critical = &slack, slack <= 0
	}
}

// Mode is how a template is laid on the calendar.
type Mode string

const (
	ModeBackward Mode = "backward" // from the target completion date (倒排)
	ModeForward  Mode = "forward"  // from a start date
)

// FromTemplate plans a template's nodes and returns them ready to store:
// links refer to other new nodes by -(index+1), as store.SaveNodes expects.
func FromTemplate(cal Calendar, t Template, mode Mode, anchor calendar.Date) ([]tuijin.Node, error) {
	var plan *Plan
	var err error
	if mode == ModeForward {
		plan, err = Forward(cal, t.Tasks(), anchor)
	} else {
		plan, err = Backward(cal, t.Tasks(), anchor)
	}
	if err != nil {
		return nil, err
	}
	index := map[string]int64{}
	for i, n := range t.Nodes {
		index[n.Key] = -int64(i + 1)
	}
	out := make([]tuijin.Node, len(t.Nodes))
	for i, tn := range t.Nodes {
		s := plan.Dates[tn.Key]
		n := tuijin.Node{Key: tn.Key, Name: tn.Name, Seq: (i + 1) * 10, DurationDays: tn.Duration,
			PlannedStart: s.Start.String(), PlannedFinish: s.Finish.String(), Preds: []tuijin.NodeLink{}}
		for _, l := range tn.Preds {
			n.Preds = append(n.Preds, tuijin.NodeLink{NodeID: index[l.Pred], Lag: l.Lag})
		}
		out[i] = n
	}
	return out, nil
}

// Replan returns the nodes that must move after moved changed: successors
// start as early as their predecessors allow (a done predecessor counts by
// its actual finish), keeping their durations; done nodes stay put.
func Replan(cal Calendar, nodes []tuijin.Node, moved int64) ([]tuijin.Node, error) {
	spans := map[string]Span{}
	done := map[string]bool{}
	for _, n := range nodes {
		s := Span{date(n.PlannedStart), date(n.PlannedFinish)}
		if n.ActualFinish != "" {
			s.Finish = date(n.ActualFinish)
			done[key(n.ID)] = true
		}
		spans[key(n.ID)] = s
	}
	changed, err := Propagate(cal, tasksOf(nodes), spans, done, key(moved))
	if err != nil {
		return nil, err
	}
	var out []tuijin.Node
	for _, n := range nodes {
		if s, ok := changed[key(n.ID)]; ok && n.PlannedStart != "" {
			n.PlannedStart, n.PlannedFinish = s.Start.String(), s.Finish.String()
			out = append(out, n)
		}
	}
	return out, nil
}

// CheckLinks reports a cycle among nodes (after an edit of links).
func CheckLinks(nodes []tuijin.Node) error {
	_, err := order(tasksOf(nodes))
	return err
}
