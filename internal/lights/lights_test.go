package lights

import (
	"math/rand/v2"
	"testing"
)

// TestBoundaries checks each rule just under, at and just over its
// thresholds.
func TestBoundaries(t *testing.T) {
	gapRule := Rule{Type: InvestmentGap, Yellow: th(">=", 10), Red: th(">", 30), Enabled: true}
	// Plan 100万; elapsed 50%: completion c gives a gap of 50 - c.
	gap := func(completedPct float64) Facts {
		return Facts{PlannedYuan: 1_000_000, CompletedYuan: int64(completedPct * 10_000), ElapsedShare: 50}
	}
	ratio := Rule{Type: CumulativeRatio, Red: th("<", 95), Enabled: true}
	start := Rule{Type: StartMissed, Yellow: th(">=", 1), Red: th(">=", 3), Enabled: true}
	notStarted := func(asOf string) Facts { return Facts{PlannedStart: "2026-03-15", AsOf: asOf, Stage: "preliminary"} }
	node := Rule{Type: NodeOverdue, Yellow: th(">", 0), Red: th(">", 20), Enabled: true}
	reports := Rule{Type: ReportMissing, Yellow: th(">=", 1), Red: th(">=", 2), Enabled: true}
	stats := Rule{Type: StatsLagging, Yellow: th(">=", 1), Red: th(">", 2), Enabled: true}
	started := func(asOf string, entered bool) Facts {
		return Facts{Started: true, ActualStart: "2026-05-20", AsOf: asOf, StatsEntered: entered}
	}
	short := Rule{Type: InvestmentShortfall, Yellow: th(">", 0), Red: th(">", 50), MinPlanYuan: 10_000_000, Enabled: true}
	sf := func(plan int64, completedPct float64) Facts {
		return Facts{PlannedYuan: plan, CompletedYuan: int64(float64(plan) * completedPct / 100), ElapsedShare: 60}
	}
	cases := []struct {
		name string
		rule Rule
		f    Facts
		want Colour
	}{
		{"gap 9.9", gapRule, gap(40.1), Green},
		{"gap 10 (at yellow)", gapRule, gap(40), Yellow},
		{"gap 10.1", gapRule, gap(39.9), Yellow},
		{"gap 29.9", gapRule, gap(20.1), Yellow},
		{"gap 30 (at red, not over)", gapRule, gap(20), Yellow},
		{"gap 30.1", gapRule, gap(19.9), Red},
		{"ahead", gapRule, gap(70), Green},
		{"ratio 95.1", ratio, Facts{PlannedYuan: 1_000_000, CompletedYuan: 475_500, ElapsedShare: 50}, Green},
		{"ratio 95 (at)", ratio, Facts{PlannedYuan: 1_000_000, CompletedYuan: 475_000, ElapsedShare: 50}, Green},
		{"ratio 94.9", ratio, Facts{PlannedYuan: 1_000_000, CompletedYuan: 474_500, ElapsedShare: 50}, Red},
		{"start: planned month", start, notStarted("2026-03-31"), Green},
		{"start: 1 month after", start, notStarted("2026-04-01"), Yellow},
		{"start: 2 months after", start, notStarted("2026-05-31"), Yellow},
		{"start: 3 months after", start, notStarted("2026-06-01"), Red},
		{"start: started", start, Facts{Started: true, PlannedStart: "2026-01-01", AsOf: "2026-09-01"}, Green},
		{"node 0 days", node, Facts{}, Green},
		{"node 1 day", node, Facts{OverdueNodeDays: 1, OverdueNodeName: "环评"}, Yellow},
		{"node 20 days", node, Facts{OverdueNodeDays: 20}, Yellow},
		{"node 21 days", node, Facts{OverdueNodeDays: 21}, Red},
		{"reports 0", reports, Facts{}, Green},
		{"reports 1", reports, Facts{MissingReports: 1}, Yellow},
		{"reports 2", reports, Facts{MissingReports: 2}, Red},
		{"stats same month", stats, started("2026-05-31", false), Green},
		{"stats 1 month", stats, started("2026-06-01", false), Yellow},
		{"stats 2 months", stats, started("2026-07-01", false), Yellow},
		{"stats 3 months", stats, started("2026-08-01", false), Red},
		{"stats entered", stats, started("2026-08-01", true), Green},
		{"shortfall out of scope", short, sf(9_999_999, 10), Green},
		{"shortfall 0 (on time)", short, sf(10_000_000, 60), Green},
		{"shortfall 50 (at, not over)", short, sf(10_000_000, 30), Yellow},
		{"shortfall 50.1", short, sf(10_000_000, 29.94), Red},
	}
	for _, tc := range cases {
		got := Evaluate([]Rule{tc.rule}, tc.f)
		if got.Colour != tc.want {
			t.Errorf("%s: %s (%+v), want %s", tc.name, got.Colour, got.Results, tc.want)
		}
	}
}

func TestWorstOf(t *testing.T) {
	rules := []Rule{
		{Type: NodeOverdue, Yellow: th(">", 0), Red: th(">", 20), Enabled: true},
		{Type: ReportMissing, Yellow: th(">=", 1), Red: th(">=", 2), Enabled: true},
		{Type: InvestmentGap, Yellow: th(">=", 10), Red: th(">", 30), Enabled: false},
	}
	for _, tc := range []struct {
		f    Facts
		want Colour
	}{
		{Facts{}, Green},
		{Facts{OverdueNodeDays: 3}, Yellow},
		{Facts{OverdueNodeDays: 3, MissingReports: 2}, Red},
		{Facts{MissingReports: 1, OverdueNodeDays: 25}, Red},
		{Facts{PlannedYuan: 100, ElapsedShare: 90}, Green}, // the disabled rule does not count
	} {
		if got := Evaluate(rules, tc.f); got.Colour != tc.want || len(got.Results) != 2 {
			t.Errorf("%+v: %s %d results, want %s", tc.f, got.Colour, len(got.Results), tc.want)
		}
	}
}

func TestReason(t *testing.T) {
	r := Rule{Type: InvestmentGap, Yellow: th(">=", 10), Red: th(">", 30), Enabled: true}
	res := Evaluate([]Rule{r}, Facts{PlannedYuan: 10_000_000, CompletedYuan: 3_120_000, ElapsedShare: 75}).Results[0]
	if res.Colour != Red || res.Key != "light_gap_behind" || res.Args[0] != "31.2" || res.Args[1] != "75.0" || res.Args[2] != "43.8" ||
		res.LimitKey != "light_limit_over" || res.Limit != "30" {
		t.Fatalf("%+v", res)
	}
}

func TestConsecutive(t *testing.T) {
	r := Rule{Type: InvestmentGap, Yellow: th(">=", 10), Red: th(">", 30), Consecutive: 3, Enabled: true}
	f := Facts{PlannedYuan: 100_000, CompletedYuan: 10_000, ElapsedShare: 50, // gap 40: red now
		MonthEnds: []Snapshot{{CompletedYuan: 10_000, ElapsedShare: 41.6}, {CompletedYuan: 10_000, ElapsedShare: 33.3}}}
	// Gaps at the month ends: 31.6 (red), 23.3 (yellow): yellow for 3 in a row.
	if got := Evaluate([]Rule{r}, f).Colour; got != Yellow {
		t.Fatalf("three months behind: %s", got)
	}
	f.MonthEnds[1].ElapsedShare = 15 // 5 points: green that month
	if got := Evaluate([]Rule{r}, f).Colour; got != Green {
		t.Fatalf("not three months in a row: %s", got)
	}
}

// TestPresetsAgainstPlainCounts applies each preset to one synthetic year
// and compares with counts computed by hand-written conditions.
func TestPresetsAgainstPlainCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	var year []Facts
	for range 2000 {
		plan := int64(rng.IntN(50)) * 1_000_000 // 0 .. 4,900万
		f := Facts{PlannedYuan: plan, CompletedYuan: int64(float64(plan) * rng.Float64()), ElapsedShare: 83.3, AsOf: "2026-10-31",
			PlannedStart: []string{"", "2026-03-10", "2026-08-01", "2026-10-05"}[rng.IntN(4)], Stage: "preliminary"}
		if rng.IntN(2) == 0 {
			f.Started, f.ActualStart, f.Stage = true, []string{"2026-06-15", "2026-09-30", "2026-10-02"}[rng.IntN(3)], "construction"
			f.StatsEntered = rng.IntN(3) == 0
		}
		year = append(year, f)
	}
	plain := map[string]func(f Facts) Colour{
		"yinchuan2025": func(f Facts) Colour {
			c := Green
			if !f.Started && f.PlannedStart != "" {
				m := monthsBetween(f.PlannedStart, f.AsOf)
				if m >= 3 {
					c = Red
				} else if m >= 1 {
					c = Worse(c, Yellow)
				}
			}
			if f.PlannedYuan > 0 {
				gap := round1(f.ElapsedShare - float64(f.CompletedYuan)*100/float64(f.PlannedYuan))
				if gap > 30 {
					c = Red
				} else if gap >= 10 {
					c = Worse(c, Yellow)
				}
			}
			if f.Started && !f.StatsEntered {
				m := monthsBetween(f.ActualStart, f.AsOf)
				if m > 2 {
					c = Red
				} else if m >= 1 {
					c = Worse(c, Yellow)
				}
			}
			return c
		},
		"sanya2022": func(f Facts) Colour {
			if f.PlannedYuan < 10_000_000 {
				return Green
			}
			behind := round1((f.ElapsedShare - float64(f.CompletedYuan)*100/float64(f.PlannedYuan)) * 100 / f.ElapsedShare)
			switch {
			case behind > 50:
				return Red
			case behind > 0:
				return Yellow
			}
			return Green
		},
		"nanning": func(f Facts) Colour {
			if f.PlannedYuan == 0 {
				return Green
			}
			if round1(float64(f.CompletedYuan)*100/float64(f.PlannedYuan)*100/f.ElapsedShare) < 95 {
				return Red
			}
			return Green
		},
	}
	for key, calc := range plain {
		p, _ := PresetByKey(key)
		want, got := map[Colour]int{}, map[Colour]int{}
		for _, f := range year {
			want[calc(f)]++
			got[Evaluate(p.Rules, f).Colour]++
		}
		if want != nil && (want[Red] != got[Red] || want[Yellow] != got[Yellow] || want[Green] != got[Green]) {
			t.Errorf("%s: engine %v, plain %v", key, got, want)
		}
		if got[Red]+got[Yellow] == 0 {
			t.Errorf("%s: the synthetic year lights nothing: %v", key, got)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	p, _ := PresetByKey("tuijin")
	f := Facts{PlannedYuan: 10_000_000, CompletedYuan: 3_000_000, ElapsedShare: 75, PlannedStart: "2026-03-01", AsOf: "2026-10-01", OverdueNodeDays: 3}
	for b.Loop() {
		Evaluate(p.Rules, f)
	}
}
