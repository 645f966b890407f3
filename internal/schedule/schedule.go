// Package schedule plans key nodes (节点) on the working-day calendar: fix
// the deadline and count backwards (倒排工期), or count forwards from a start;
// find each node's slack and the critical path; re-plan the nodes after one
// that moved. It is pure arithmetic over a Calendar.
//
// The conventions, used everywhere:
//   - A node of D working days that starts on working day S finishes on the
//     (D-1)-th working day after S: S counts as day one. A node of 0 days is
//     a milestone: it starts and finishes on the same day.
//   - Links are finish-to-start with a lag in working days: the successor
//     starts on the (1+lag)-th working day after its predecessor finishes.
package schedule

import (
	"fmt"

	"tuijin/internal/calendar"
)

// Calendar is the part of the working-day calendar planning needs.
type Calendar interface {
	AddWorkingDays(d calendar.Date, n int) calendar.Date
	WorkingDaysBetween(a, b calendar.Date) int
	IsWorkingDay(d calendar.Date) bool
}

// Link makes a node wait for a predecessor to finish, plus Lag working days.
type Link struct {
	Pred string `json:"pred"`
	Lag  int    `json:"lag"`
}

// Task is a node to plan: a key, a duration in working days and the nodes
// it waits for.
type Task struct {
	Key      string
	Duration int
	Preds    []Link
}

// Span is a planned start and finish.
type Span struct {
	Start  calendar.Date
	Finish calendar.Date
}

// Plan is the result of planning: each node's dates, its slack in working
// days and whether it is on the critical path (slack 0).
type Plan struct {
	Dates    map[string]Span
	Slack    map[string]int
	Critical map[string]bool
}

// finishOf is when a task of d days starting on s finishes.
func finishOf(cal Calendar, s calendar.Date, d int) calendar.Date {
	if d <= 1 {
		return s
	}
	return cal.AddWorkingDays(s, d-1)
}

// startOf is when a task of d days must start to finish on f.
func startOf(cal Calendar, f calendar.Date, d int) calendar.Date {
	if d <= 1 {
		return f
	}
	return cal.AddWorkingDays(f, -(d - 1))
}

// onOrAfter is d when it is a working day, else the next one.
func onOrAfter(cal Calendar, d calendar.Date) calendar.Date { return cal.AddWorkingDays(d, 0) }

// onOrBefore is d when it is a working day, else the one before.
func onOrBefore(cal Calendar, d calendar.Date) calendar.Date {
	if cal.IsWorkingDay(d) {
		return d
	}
	return cal.AddWorkingDays(d, -1)
}

// order sorts tasks so that every predecessor comes before its successors.
func order(tasks []Task) ([]Task, error) {
	byKey := make(map[string]Task, len(tasks))
	for _, t := range tasks {
		if _, dup := byKey[t.Key]; dup {
			return nil, fmt.Errorf("schedule: node %q appears twice", t.Key)
		}
		byKey[t.Key] = t
	}
	const (
		unseen = iota
		visiting
		done
	)
	state := map[string]int{}
	out := make([]Task, 0, len(tasks))
	var visit func(k string) error
	visit = func(k string) error {
		switch state[k] {
		case visiting:
			return &CycleError{Key: k}
		case done:
			return nil
		}
		state[k] = visiting
		for _, l := range byKey[k].Preds {
			if _, ok := byKey[l.Pred]; !ok {
				return fmt.Errorf("schedule: node %q waits for unknown node %q", k, l.Pred)
			}
			if err := visit(l.Pred); err != nil {
				return err
			}
		}
		state[k] = done
		out = append(out, byKey[k])
		return nil
	}
	for _, t := range tasks {
		if err := visit(t.Key); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CycleError says that nodes wait for each other in a circle.
type CycleError struct{ Key string }

func (e *CycleError) Error() string { return fmt.Sprintf("schedule: node %q waits for itself", e.Key) }

// Forward plans every node as early as its predecessors allow, from start.
func Forward(cal Calendar, tasks []Task, start calendar.Date) (*Plan, error) {
	ordered, err := order(tasks)
	if err != nil {
		return nil, err
	}
	early := forwardPass(cal, ordered, onOrAfter(cal, start))
	end := latestFinish(early)
	return analyse(cal, ordered, early, backwardPass(cal, ordered, end), early), nil
}

// Backward plans every node as late as its successors allow, so that the
// last nodes finish on the deadline (倒排工期).
func Backward(cal Calendar, tasks []Task, deadline calendar.Date) (*Plan, error) {
	ordered, err := order(tasks)
	if err != nil {
		return nil, err
	}
	late := backwardPass(cal, ordered, onOrBefore(cal, deadline))
	return analyse(cal, ordered, forwardPass(cal, ordered, earliestStart(late)), late, late), nil
}

func forwardPass(cal Calendar, ordered []Task, start calendar.Date) map[string]Span {
	out := make(map[string]Span, len(ordered))
	for _, t := range ordered {
		s := start
		for _, l := range t.Preds {
			if c := cal.AddWorkingDays(out[l.Pred].Finish, 1+l.Lag); c.After(s) {
				s = c
			}
		}
		out[t.Key] = Span{s, finishOf(cal, s, t.Duration)}
	}
	return out
}

func backwardPass(cal Calendar, ordered []Task, deadline calendar.Date) map[string]Span {
	succs := successors(ordered)
	out := make(map[string]Span, len(ordered))
	for i := len(ordered) - 1; i >= 0; i-- {
		t := ordered[i]
		f := deadline
		for _, s := range succs[t.Key] {
			if c := cal.AddWorkingDays(out[s.key].Start, -(1 + s.lag)); c.Before(f) {
				f = c
			}
		}
		out[t.Key] = Span{startOf(cal, f, t.Duration), f}
	}
	return out
}

type succ struct {
	key string
	lag int
}

func successors(tasks []Task) map[string][]succ {
	out := map[string][]succ{}
	for _, t := range tasks {
		for _, l := range t.Preds {
			out[l.Pred] = append(out[l.Pred], succ{t.Key, l.Lag})
		}
	}
	return out
}

func latestFinish(m map[string]Span) calendar.Date {
	var end calendar.Date
	for _, s := range m {
		if end.IsZero() || s.Finish.After(end) {
			end = s.Finish
		}
	}
	return end
}

func earliestStart(m map[string]Span) calendar.Date {
	var start calendar.Date
	for _, s := range m {
		if start.IsZero() || s.Start.Before(start) {
			start = s.Start
		}
	}
	return start
}

// analyse computes slack (latest start minus earliest start, in working
// days) and the critical path, and keeps chosen as the plan's dates.
func analyse(cal Calendar, ordered []Task, early, late, chosen map[string]Span) *Plan {
	p := &Plan{Dates: chosen, Slack: map[string]int{}, Critical: map[string]bool{}}
	for _, t := range ordered {
		slack := cal.WorkingDaysBetween(early[t.Key].Start, late[t.Key].Start)
		p.Slack[t.Key] = slack
		p.Critical[t.Key] = slack <= 0
	}
	return p
}

// Propagate re-plans the nodes after moved: each successor starts as early
// as all its predecessors allow (earlier or later than before), keeping its
// duration. Nodes that are done keep their dates, and so do nodes that
// nothing upstream moved. It returns the dates that changed.
func Propagate(cal Calendar, tasks []Task, dates map[string]Span, done map[string]bool, moved string) (map[string]Span, error) {
	ordered, err := order(tasks)
	if err != nil {
		return nil, err
	}
	dirty := map[string]bool{moved: true}
	changed := map[string]Span{}
	for _, t := range ordered {
		if t.Key == moved || done[t.Key] {
			continue
		}
		var s calendar.Date
		affected := false
		for _, l := range t.Preds {
			if dirty[l.Pred] {
				affected = true
			}
			if c := cal.AddWorkingDays(dates[l.Pred].Finish, 1+l.Lag); s.IsZero() || c.After(s) {
				s = c
			}
		}
		if !affected || s.IsZero() {
			continue
		}
		next := Span{s, finishOf(cal, s, t.Duration)}
		if next != dates[t.Key] {
			dates[t.Key], changed[t.Key] = next, next
			dirty[t.Key] = true
		}
	}
	return changed, nil
}

// Duration is the length in working days of a span, counting both ends.
func Duration(cal Calendar, s Span) int {
	if s.Finish.Before(s.Start) {
		return 0
	}
	return cal.WorkingDaysBetween(s.Start, s.Finish) + 1
}
