package schedule

import (
	"errors"
	"testing"

	"tuijin/internal/calendar"
)

var cal = calendar.New(nil)

func d(s string) calendar.Date { return calendar.MustDate(s) }

// The test template: A, then B and C side by side (C one working day after
// A), then D when both are done, then the milestone E.
var branches = []Task{
	{Key: "A", Duration: 3},
	{Key: "B", Duration: 5, Preds: []Link{{"A", 0}}},
	{Key: "C", Duration: 2, Preds: []Link{{"A", 1}}},
	{Key: "D", Duration: 2, Preds: []Link{{"B", 0}, {"C", 0}}},
	{Key: "E", Duration: 0, Preds: []Link{{"D", 0}}},
}

// TestBackwardByHand checks backward scheduling from 2026-06-30 (a Tuesday)
// against a hand calculation. The Dragon Boat Festival makes 2026-06-19
// (Friday) a day off; 06-20/21 are the weekend.
//
//	E (0 days) finishes on the deadline:           06-30..06-30
//	D (2) finishes 1 working day before E starts:  06-26..06-29 (Fri, Mon)
//	B (5) finishes before D:                       finish 06-25; 4 working
//	      days back: 06-24, 06-23, 06-22, (19 off, 20-21 weekend) 06-18
//	C (2) also finishes 06-25:                     06-24..06-25
//	A (3): B needs A done by 06-17 (1 day before 06-18); C, with its lag of
//	      1, by 06-18 (2 working days before 06-24: 06-22, 06-18). The
//	      earlier wins: finish 06-17, start 06-15 (Mon).
//
// Forward from 06-15 for the slack: B 06-18..06-25, C starts 2 working days
// after A (06-18, 06-22) and ends 06-23, D 06-26..06-29. C could start on
// 06-22 and must start by 06-24: slack 2. The others have none: the
// critical path is A, B, D, E.
func TestBackwardByHand(t *testing.T) {
	if cal.IsWorkingDay(d("2026-06-19")) {
		t.Fatal("the hand calculation assumes 2026-06-19 is a holiday")
	}
	p, err := Backward(cal, branches, d("2026-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"A": {"2026-06-15", "2026-06-17"},
		"B": {"2026-06-18", "2026-06-25"},
		"C": {"2026-06-24", "2026-06-25"},
		"D": {"2026-06-26", "2026-06-29"},
		"E": {"2026-06-30", "2026-06-30"},
	}
	for k, w := range want {
		if got := p.Dates[k]; got.Start.String() != w[0] || got.Finish.String() != w[1] {
			t.Errorf("%s: %s..%s, want %s..%s", k, got.Start, got.Finish, w[0], w[1])
		}
	}
	wantSlack := map[string]int{"A": 0, "B": 0, "C": 2, "D": 0, "E": 0}
	for k, w := range wantSlack {
		if p.Slack[k] != w || p.Critical[k] != (w == 0) {
			t.Errorf("%s: slack %d critical %v, want %d", k, p.Slack[k], p.Critical[k], w)
		}
	}
}

// TestForwardAcrossNationalDay: forward from 2026-09-28 (Mon). A (3 days)
// takes 09-28, 09-29, 09-30. B starts the next working day, 10-08, and its
// five days are 10-08, 10-09, 10-10 (a make-up Saturday), 10-12, 10-13.
func TestForwardAcrossNationalDay(t *testing.T) {
	p, err := Forward(cal, branches, d("2026-09-28"))
	if err != nil {
		t.Fatal(err)
	}
	if a := p.Dates["A"]; a.Finish != d("2026-09-30") {
		t.Fatalf("A: %v", a)
	}
	if b := p.Dates["B"]; b.Start != d("2026-10-08") || b.Finish != d("2026-10-13") {
		t.Fatalf("B: %s..%s", b.Start, b.Finish)
	}
	if !p.Critical["B"] || p.Critical["C"] {
		t.Fatalf("critical: %v", p.Critical)
	}
}

func TestPropagate(t *testing.T) {
	p, _ := Forward(cal, branches, d("2026-03-02"))
	dates := p.Dates
	// B slips: it now finishes 3 working days later.
	b := dates["B"]
	b.Finish = cal.AddWorkingDays(b.Finish, 3)
	dates["B"] = b
	before := dates["D"]
	changed, err := Propagate(cal, branches, dates, nil, "B")
	if err != nil {
		t.Fatal(err)
	}
	if got := changed["D"].Start; got != cal.AddWorkingDays(before.Start, 3) {
		t.Fatalf("D moved to %s, want 3 working days after %s", got, before.Start)
	}
	if _, ok := changed["E"]; !ok {
		t.Fatal("E did not follow D")
	}
	if _, ok := changed["C"]; ok {
		t.Fatal("C does not follow B but moved")
	}
	// A done node is not moved.
	p2, _ := Forward(cal, branches, d("2026-03-02"))
	a := p2.Dates["A"]
	a.Finish = cal.AddWorkingDays(a.Finish, 5)
	p2.Dates["A"] = a
	changed, _ = Propagate(cal, branches, p2.Dates, map[string]bool{"C": true}, "A")
	if _, ok := changed["C"]; ok {
		t.Fatal("a done node moved")
	}
	if _, ok := changed["B"]; !ok {
		t.Fatal("B did not follow A")
	}
}

func TestCycles(t *testing.T) {
	_, err := Forward(cal, []Task{{Key: "A", Preds: []Link{{"B", 0}}}, {Key: "B", Preds: []Link{{"A", 0}}}}, d("2026-03-02"))
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("cycle: %v", err)
	}
	if _, err := Forward(cal, []Task{{Key: "A", Preds: []Link{{"X", 0}}}}, d("2026-03-02")); err == nil {
		t.Fatal("unknown predecessor accepted")
	}
}

func TestTemplates(t *testing.T) {
	for _, tpl := range Templates {
		p, err := Backward(cal, tpl.Tasks(), d("2026-12-31"))
		if err != nil {
			t.Fatalf("%s: %v", tpl.Key, err)
		}
		crit := 0
		for _, n := range tpl.Nodes {
			if p.Critical[n.Key] {
				crit++
			}
			if s := p.Dates[n.Key]; s.Finish.After(d("2026-12-31")) || s.Start.After(s.Finish) {
				t.Errorf("%s/%s: %v", tpl.Key, n.Key, s)
			}
		}
		if crit < 3 || crit == len(tpl.Nodes) {
			t.Errorf("%s: %d critical nodes of %d", tpl.Key, crit, len(tpl.Nodes))
		}
	}
}

func BenchmarkBackwardTemplate(b *testing.B) {
	tasks := Templates[1].Tasks()
	for b.Loop() {
		Backward(cal, tasks, d("2026-12-31"))
	}
}
