package lights

// Facts are what the rules look at for one project on one day.
type Facts struct {
	PlannedYuan   int64   // the year's annual plan
	CompletedYuan int64   // approved investment, year to date
	ElapsedShare  float64 // 序时进度, percent
	// MonthEnds are the same two figures at the ends of the last months,
	// newest first, for rules that ask for several months in a row.
	MonthEnds []Snapshot

	Stage        string
	Started      bool
	PlannedStart string // YYYY-MM-DD
	ActualStart  string
	AsOf         string // YYYY-MM-DD

	OverdueNodeDays int    // working days the most overdue open node is late
	OverdueNodeName string // and its name
	MissingReports  int    // consecutive past-deadline periods without a report
	StatsEntered    bool   // the investment has entered the statistics
	OverdueProblems int    // open problems past their deadline
}

// Snapshot is the year's completion at one moment.
type Snapshot struct {
	CompletedYuan int64
	ElapsedShare  float64
}

// Result is one rule's verdict on a project.
type Result struct {
	Type       RuleType `json:"type"`
	Colour     Colour   `json:"colour"`
	Applicable bool     `json:"applicable"`
	Value      float64  `json:"value"`
	// Key and Args make the reason sentence (i18n "light_" keys); Limit and
	// LimitKey say which threshold was crossed.
	Key      string   `json:"key"`
	Args     []string `json:"args"`
	LimitKey string   `json:"limit_key"`
	Limit    string   `json:"limit"`
}

// Light is a project's colour with every rule's result.
type Light struct {
	Colour  Colour   `json:"colour"`
	Results []Result `json:"results"`
}

// Evaluate applies the enabled rules to the facts: the light is the worst
// of them.
func Evaluate(rules []Rule, f Facts) Light {
	l := Light{Colour: Green, Results: []Result{}}
	for _, r := range rules {
		if !r.Enabled {
			continue
		}
		res := evaluate(r, f)
		l.Results = append(l.Results, res)
		l.Colour = Worse(l.Colour, res.Colour)
	}
	return l
}

func evaluate(r Rule, f Facts) Result {
	res := Result{Type: r.Type, Colour: Green}
	if r.MinPlanYuan > 0 && f.PlannedYuan < r.MinPlanYuan {
		res.Key, res.Args = "light_out_of_scope", []string{wan(r.MinPlanYuan)}
		return res
	}
	value, ok := measure(r.Type, f, f.CompletedYuan, f.ElapsedShare)
	if !ok {
		res.Key = "light_na_" + string(r.Type)
		return res
	}
	res.Applicable, res.Value = true, value
	res.Key, res.Args = reason(r.Type, f, value)
	res.Colour = colourOf(r, value)
	if res.Colour != Green && r.Consecutive > 1 && isInvestment(r.Type) {
		res.Colour = consecutive(r, f, res.Colour)
	}
	switch res.Colour {
	case Red:
		res.LimitKey, res.Limit = limitKey(r.Red), fmtLimit(r.Red.Value)
	case Yellow:
		res.LimitKey, res.Limit = limitKey(r.Yellow), fmtLimit(r.Yellow.Value)
	default:
		res.LimitKey = "light_limit_ok"
	}
	return res
}

func colourOf(r Rule, v float64) Colour {
	switch {
	case r.Red.Met(v):
		return Red
	case r.Yellow.Met(v):
		return Yellow
	}
	return Green
}

// consecutive keeps a colour only if the month-ends before now were as bad
// (the light turns on after N months behind in a row).
func consecutive(r Rule, f Facts, now Colour) Colour {
	worst := now
	for i := 0; i < r.Consecutive-1; i++ {
		if i >= len(f.MonthEnds) {
			return Green
		}
		s := f.MonthEnds[i]
		v, ok := measure(r.Type, f, s.CompletedYuan, s.ElapsedShare)
		if !ok {
			return Green
		}
		c := colourOf(r, v)
		if c == Green {
			return Green
		}
		if c.rank() < worst.rank() {
			worst = c
		}
	}
	return worst
}

func isInvestment(t RuleType) bool {
	return t == InvestmentGap || t == InvestmentShortfall || t == CumulativeRatio
}

// measure is a rule type's value for the facts, or false when it does not
// apply (no plan, nothing planned yet).
func measure(t RuleType, f Facts, completed int64, elapsed float64) (float64, bool) {
	rate := 0.0
	if f.PlannedYuan > 0 {
		rate = float64(completed) * 100 / float64(f.PlannedYuan)
	}
	switch t {
	case InvestmentGap:
		return round1(elapsed - rate), f.PlannedYuan > 0
	case InvestmentShortfall:
		if f.PlannedYuan <= 0 || elapsed <= 0 {
			return 0, false
		}
		return round1((elapsed - rate) * 100 / elapsed), true
	case CumulativeRatio:
		if f.PlannedYuan <= 0 || elapsed <= 0 {
			return 0, false
		}
		return round1(rate * 100 / elapsed), true
	case StartMissed:
		if f.Started || f.PlannedStart == "" || len(f.AsOf) < 7 {
			return 0, false
		}
		return float64(max(0, monthsBetween(f.PlannedStart, f.AsOf))), true
	case NodeOverdue:
		return float64(f.OverdueNodeDays), true
	case ReportMissing:
		return float64(f.MissingReports), true
	case ProblemOverdue:
		return float64(f.OverdueProblems), true
	case StatsLagging:
		if !f.Started || f.ActualStart == "" || f.StatsEntered {
			return 0, f.Started
		}
		return float64(max(0, monthsBetween(f.ActualStart, f.AsOf))), true
	}
	return 0, false
}

// monthsBetween counts calendar months from a's month to b's month.
func monthsBetween(a, b string) int {
	ya, ma := atoi(a[:4]), atoi(a[5:7])
	yb, mb := atoi(b[:4]), atoi(b[5:7])
	return (yb*12 + mb) - (ya*12 + ma)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func reason(t RuleType, f Facts, v float64) (string, []string) {
	rate := 0.0
	if f.PlannedYuan > 0 {
		rate = float64(f.CompletedYuan) * 100 / float64(f.PlannedYuan)
	}
	switch t {
	case InvestmentGap:
		if v > 0 {
			return "light_gap_behind", []string{fmtNum(rate), fmtNum(f.ElapsedShare), fmtNum(v)}
		}
		return "light_gap_ahead", []string{fmtNum(rate), fmtNum(f.ElapsedShare), fmtNum(-v)}
	case InvestmentShortfall:
		return "light_shortfall", []string{fmtNum(rate), fmtNum(f.ElapsedShare), fmtNum(v)}
	case CumulativeRatio:
		return "light_cumulative", []string{wan(f.CompletedYuan), wan(int64(float64(f.PlannedYuan) * f.ElapsedShare / 100)), fmtNum(v)}
	case StartMissed:
		return "light_start_missed", []string{f.PlannedStart[:7], fmtCount(v)}
	case NodeOverdue:
		if f.OverdueNodeDays == 0 {
			return "light_nodes_ok", nil
		}
		return "light_node_overdue", []string{f.OverdueNodeName, fmtCount(v)}
	case ReportMissing:
		return "light_reports_missing", []string{fmtCount(v)}
	case ProblemOverdue:
		if f.OverdueProblems == 0 {
			return "light_problems_ok", nil
		}
		return "light_problems_overdue", []string{fmtCount(v)}
	case StatsLagging:
		if f.StatsEntered {
			return "light_stats_ok", nil
		}
		return "light_stats_lagging", []string{f.ActualStart, fmtCount(v)}
	}
	return "", nil
}

func limitKey(t *Threshold) string {
	switch t.Op {
	case ">":
		return "light_limit_over"
	case ">=":
		return "light_limit_reach"
	case "<":
		return "light_limit_under"
	}
	return "light_limit_at_most"
}

// wan writes yuan as 万元 with two decimals, exactly.
func wan(yuan int64) string {
	neg := yuan < 0
	if neg {
		yuan = -yuan
	}
	cents := (yuan + 50) / 100 // 万元 with two decimals = yuan / 100 rounded
	s := itoa(cents/100) + "." + pad2(cents%100)
	if neg {
		s = "-" + s
	}
	return s
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func pad2(n int64) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func round1(x float64) float64 {
	if x < 0 {
		return -float64(int64(-x*10+0.5)) / 10
	}
	return float64(int64(x*10+0.5)) / 10
}

// fmtCount writes a count (months, days, periods) as a whole number.
func fmtCount(v float64) string { return itoa(int64(v + 0.5)) }

// fmtLimit writes a threshold as the office typed it: 30, not 30.0.
func fmtLimit(v float64) string {
	if v == float64(int64(v)) {
		return itoa(int64(v))
	}
	return fmtNum(v)
}
