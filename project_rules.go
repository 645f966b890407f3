package tuijin

import (
	"strings"
	"time"
)

// ProjectFilter selects projects for the ledger table.
type ProjectFilter struct {
	Q            string // name, code, owner or pinyin initials
	Stage        Stage
	Nature       Nature
	Level        Level
	Year         int // on that year's list
	DepartmentID *int64
	LeaderID     *int64
	Town         string
	Category     string
	Archived     bool // list archived projects instead of live ones
	IDs          []int64
	Page
}

// ProjectList is a page of the ledger with the sums over every project the
// filter selects (not just this page), for the table's 合计 row.
type ProjectList struct {
	List[Project]
	Sums ProjectSums `json:"sums"`
}

// ProjectSums are money totals over a selection of projects.
type ProjectSums struct {
	TotalInvestmentYuan int64 `json:"total_investment_yuan"`
	PlannedYuan         int64 `json:"planned_yuan"` // of the filter's year; 0 without one
}

// Validate checks a whole project record; creates, updates and imports all
// pass through it.
func (p *Project) Validate() error {
	var v Validation
	p.Name, p.Code = strings.TrimSpace(p.Name), strings.TrimSpace(p.Code)
	checkText(&v, "name", p.Name, 1, 200)
	checkText(&v, "code", p.Code, 0, 50)
	checkText(&v, "content", p.Content, 0, 5000)
	checkText(&v, "remarks", p.Remarks, 0, 5000)
	for f, s := range map[string]string{"domain": p.Domain, "industry": p.Industry, "category": p.Category, "town": p.Town,
		"address": p.Address, "owner_name": p.OwnerName, "owner_head": p.OwnerHead, "owner_contact": p.OwnerContact,
		"owner_phone": p.OwnerPhone, "leader_name": p.LeaderName, "dept_head": p.DeptHead, "dept_liaison": p.DeptLiaison,
		"dept_phone": p.DeptPhone, "officer_name": p.OfficerName, "task_force": p.TaskForce} {
		checkText(&v, f, s, 0, 200)
	}
	if p.Stage == "" {
		p.Stage = StagePreliminary
	}
	if !p.Stage.Valid() {
		v.Add("stage", "invalid_choice")
	}
	if !p.Nature.Valid() {
		v.Add("nature", "invalid_choice")
	}
	if !p.Level.Valid() {
		v.Add("level", "invalid_choice")
	}
	if p.TotalInvestmentYuan < 0 {
		v.Add("total_investment_yuan", "must_be_positive")
	}
	if p.CompletedBeforeYuan < 0 {
		v.Add("completed_before_yuan", "must_be_positive")
	}
	for _, f := range []struct {
		name string
		val  *float64
		min  float64
		max  float64
	}{{"longitude", p.Longitude, -180, 180}, {"latitude", p.Latitude, -90, 90},
		{"land_area_mu", p.LandAreaMu, 0, 1e9}, {"floor_area_m2", p.FloorAreaM2, 0, 1e12}} {
		if f.val != nil && (*f.val < f.min || *f.val > f.max) {
			v.Add(f.name, "out_of_range")
		}
	}
	dates := map[string]string{"planned_start": p.PlannedStart, "planned_completion": p.PlannedCompletion,
		"actual_start": p.ActualStart, "actual_completion": p.ActualCompletion}
	for f, d := range dates {
		if d != "" && !ValidDate(d) {
			v.Add(f, "invalid_date")
		}
	}
	if p.PlannedStart != "" && p.PlannedCompletion != "" && p.PlannedCompletion < p.PlannedStart {
		v.Add("planned_completion", "completion_before_start")
	}
	if p.ActualCompletion != "" && (p.ActualStart == "" || p.ActualCompletion < p.ActualStart) {
		v.Add("actual_completion", "completion_before_start")
	}
	if (p.StartYear != 0 && !validYear(p.StartYear)) || (p.EndYear != 0 && !validYear(p.EndYear)) {
		v.Add("start_year", "invalid_year")
	} else if p.StartYear != 0 && p.EndYear != 0 && p.EndYear < p.StartYear {
		v.Add("end_year", "end_before_start")
	}
	seen := map[int]bool{}
	for _, y := range p.Years {
		if !validYear(y.Year) || seen[y.Year] {
			v.Add("years", "invalid_year")
		}
		if y.PlannedYuan < 0 {
			v.Add("years", "must_be_positive")
		}
		if !y.Level.Valid() {
			v.Add("years", "invalid_choice")
		}
		seen[y.Year] = true
	}
	for _, f := range p.Funding {
		if f.AmountYuan < 0 {
			v.Add("funding", "must_be_positive")
		}
		checkText(&v, "funding", f.Source, 0, 100)
	}
	if len(p.Tags) > 30 {
		v.Add("tags", "too_many")
	}
	if p.Funding == nil {
		p.Funding = []Funding{}
	}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if p.Years == nil {
		p.Years = []YearPlan{}
	}
	if p.Extra == nil {
		p.Extra = map[string]string{}
	}
	return v.Err()
}

// ValidDate reports whether s is a real date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func validYear(y int) bool { return y >= 1990 && y <= 2100 }

// StageChange moves a project along its lifecycle (阶段变更).
type StageChange struct {
	To      Stage  `json:"to"`
	Date    string `json:"date"` // the day it happened: sets actual start or completion
	Reason  string `json:"reason"`
	Version int64  `json:"version"`
}

// StageEvent is one row of a project's stage history.
type StageEvent struct {
	ID       int64     `json:"id"`
	From     Stage     `json:"from"`
	To       Stage     `json:"to"`
	Date     string    `json:"date"`
	Reason   string    `json:"reason"`
	Username string    `json:"username"`
	At       time.Time `json:"at"`
}

// Apply checks the change against p and applies it: a project cannot be
// completed before it has started, going back needs a reason, and the
// actual dates follow the stage.
func (c *StageChange) Apply(p *Project) error {
	var v Validation
	c.Reason = strings.TrimSpace(c.Reason)
	if !c.To.Valid() {
		v.Add("to", "invalid_choice")
		return v.Err()
	}
	if c.Date != "" && !ValidDate(c.Date) {
		v.Add("date", "invalid_date")
	}
	if c.To == p.Stage {
		v.Add("to", "same_stage")
	}
	if c.To.Order() < p.Stage.Order() && c.Reason == "" {
		v.Add("reason", "reason_required_backwards")
	}
	if c.To.Started() && !p.Stage.Started() {
		if c.To.Order() > StageConstruction.Order() {
			v.Add("to", "completion_before_start")
		} else if c.Date == "" && p.ActualStart == "" {
			v.Add("date", "start_date_required")
		}
	}
	if (c.To == StageCompleted || c.To == StageOperating) && p.Stage.Order() < StageCompleted.Order() && c.Date == "" && p.ActualCompletion == "" {
		v.Add("date", "completion_date_required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	switch {
	case c.To.Started() && !p.Stage.Started() && c.Date != "":
		p.ActualStart = c.Date
	case (c.To == StageCompleted || c.To == StageOperating) && p.ActualCompletion == "" && c.Date != "":
		p.ActualCompletion = c.Date
	}
	if !c.To.Started() {
		p.ActualStart, p.ActualCompletion = "", ""
	} else if c.To.Order() < StageCompleted.Order() {
		p.ActualCompletion = ""
	}
	if p.ActualCompletion != "" && p.ActualStart != "" && p.ActualCompletion < p.ActualStart {
		v.Add("date", "completion_before_start")
		return v.Err()
	}
	p.Stage = c.To
	return nil
}
