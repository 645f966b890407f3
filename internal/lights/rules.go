// Package lights computes a project's warning light (三色亮灯): green, yellow
// or red, the worst of its rules, each with the reason in numbers. It is
// pure: the facts come from the store, the rules from the office's rule
// set, and the result is data the store keeps with its history.
package lights

import (
	"fmt"
	"math"
	"time"
)

// Colour is a light's colour; the order is how bad it is.
type Colour string

const (
	Green  Colour = "green"
	Yellow Colour = "yellow"
	Red    Colour = "red"
)

func (c Colour) rank() int {
	switch c {
	case Red:
		return 2
	case Yellow:
		return 1
	}
	return 0
}

// Worse returns the worse of two colours.
func Worse(a, b Colour) Colour {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

// Valid reports whether c is a colour.
func (c Colour) Valid() bool { return c == Green || c == Yellow || c == Red }

// RuleType is what a rule measures (one measure per dimension).
type RuleType string

const (
	// InvestmentGap: how many points the year's completion rate lags the
	// time-elapsed share of the year (序时进度).
	InvestmentGap RuleType = "investment_gap"
	// InvestmentShortfall: the same lag relative to the elapsed share, in
	// percent ("up to 50% behind").
	InvestmentShortfall RuleType = "investment_shortfall"
	// CumulativeRatio: year-to-date actual over year-to-date plan (the
	// annual plan times the elapsed share), in percent; lower is worse.
	CumulativeRatio RuleType = "cumulative_ratio"
	// StartMissed: months a project is past its planned start month
	// without starting.
	StartMissed RuleType = "start_missed"
	// NodeOverdue: working days the most overdue open key node is late.
	NodeOverdue RuleType = "node_overdue"
	// ReportMissing: consecutive past-deadline periods without a submitted
	// report.
	ReportMissing RuleType = "report_missing"
	// StatsLagging: months since the actual start without the investment
	// entering the statistics (入库).
	StatsLagging RuleType = "stats_lagging"
	// ProblemOverdue: open problems of the project past their deadline.
	ProblemOverdue RuleType = "problem_overdue"
)

// RuleTypes lists the types in display order.
var RuleTypes = []RuleType{InvestmentGap, InvestmentShortfall, CumulativeRatio, StartMissed, NodeOverdue, ReportMissing, StatsLagging, ProblemOverdue}

// lowerIsWorse marks the measures where a smaller value is the bad one.
var lowerIsWorse = map[RuleType]bool{CumulativeRatio: true}

// Threshold is one colour's condition on the measure: Op is one of
// ">", ">=", "<", "<=".
type Threshold struct {
	Op    string  `json:"op"`
	Value float64 `json:"value"`
}

// Met reports whether v meets the threshold.
func (t *Threshold) Met(v float64) bool {
	if t == nil {
		return false
	}
	const eps = 1e-9
	switch t.Op {
	case ">":
		return v > t.Value+eps
	case ">=":
		return v >= t.Value-eps
	case "<":
		return v < t.Value-eps
	case "<=":
		return v <= t.Value+eps
	}
	return false
}

// Rule is one rule of a rule set.
type Rule struct {
	Type   RuleType   `json:"type"`
	Yellow *Threshold `json:"yellow"`
	Red    *Threshold `json:"red"`
	// MinPlanYuan limits the rule to projects whose annual plan is at
	// least this (e.g. Sanya: 1,000万元 and above); 0 for all.
	MinPlanYuan int64 `json:"min_plan_yuan"`
	// Consecutive asks for the condition at the end of this many months in
	// a row (investment rules) before the colour shows; 0 or 1: now only.
	Consecutive int  `json:"consecutive"`
	Enabled     bool `json:"enabled"`
}

// Validate checks a rule, returning a message key and the field at fault.
func (r *Rule) Validate() (field, key string) {
	known := false
	for _, t := range RuleTypes {
		known = known || t == r.Type
	}
	if !known {
		return "type", "invalid_choice"
	}
	for name, th := range map[string]*Threshold{"yellow": r.Yellow, "red": r.Red} {
		if th == nil {
			continue
		}
		if th.Op != ">" && th.Op != ">=" && th.Op != "<" && th.Op != "<=" {
			return name, "invalid_choice"
		}
		if math.IsNaN(th.Value) || math.IsInf(th.Value, 0) || th.Value < -1e6 || th.Value > 1e6 {
			return name, "out_of_range"
		}
	}
	if r.Yellow == nil && r.Red == nil {
		return "red", "required"
	}
	if r.MinPlanYuan < 0 {
		return "min_plan_yuan", "must_be_positive"
	}
	if r.Consecutive < 0 || r.Consecutive > 12 {
		return "consecutive", "out_of_range"
	}
	return "", ""
}

func th(op string, v float64) *Threshold { return &Threshold{Op: op, Value: v} }

// Preset is a published city rule the office can start from.
type Preset struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Rules []Rule `json:"rules"`
}

// Presets are the rules real cities publish (see DOMAIN.md).
var Presets = []Preset{
	{Key: "yinchuan2025", Name: "银川 2025", Rules: []Rule{
		{Type: StartMissed, Yellow: th(">=", 1), Red: th(">=", 3), Enabled: true},
		{Type: InvestmentGap, Yellow: th(">=", 10), Red: th(">", 30), Enabled: true},
		{Type: StatsLagging, Yellow: th(">=", 1), Red: th(">", 2), Enabled: true},
	}},
	{Key: "sanya2022", Name: "三亚 2022", Rules: []Rule{
		{Type: InvestmentShortfall, Yellow: th(">", 0), Red: th(">", 50), MinPlanYuan: 10_000_000, Enabled: true},
	}},
	{Key: "nanning", Name: "南宁", Rules: []Rule{
		{Type: CumulativeRatio, Red: th("<", 95), Enabled: true},
	}},
	{Key: "tuijin", Name: "推进默认", Rules: []Rule{
		{Type: InvestmentGap, Yellow: th(">=", 10), Red: th(">", 30), Enabled: true},
		{Type: StartMissed, Yellow: th(">=", 1), Red: th(">=", 3), Enabled: true},
		{Type: NodeOverdue, Yellow: th(">", 0), Red: th(">", 20), Enabled: true},
		{Type: ReportMissing, Yellow: th(">=", 1), Red: th(">=", 2), Enabled: true},
		{Type: ProblemOverdue, Yellow: th(">=", 1), Red: th(">=", 3), Enabled: true},
	}},
}

// PresetByKey finds a preset.
func PresetByKey(key string) (Preset, bool) {
	for _, p := range Presets {
		if p.Key == key {
			return p, true
		}
	}
	return Preset{}, false
}

func fmtNum(v float64) string { return fmt.Sprintf("%.1f", v) }

// RuleSet is the office's rules for one year's list; one is active per
// year. Every change is a new version, kept in the audit trail.
type RuleSet struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Year      int       `json:"year"`
	Preset    string    `json:"preset"`
	Rules     []Rule    `json:"rules"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
}
