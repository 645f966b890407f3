package tuijin

import (
	"strings"
	"time"
)

// PeriodKind is how often a reporting period comes round.
type PeriodKind string

const (
	PeriodWeekly  PeriodKind = "weekly"  // 周报
	PeriodTenDay  PeriodKind = "tenday"  // 旬报
	PeriodMonthly PeriodKind = "monthly" // 月报
)

// Valid reports whether k is a known kind.
func (k PeriodKind) Valid() bool {
	return k == PeriodWeekly || k == PeriodTenDay || k == PeriodMonthly
}

// Period is a reporting period (调度期): the office asks every project in
// its scope what it did and spent between Start and End, by Deadline.
type Period struct {
	ID    int64      `json:"id"`
	Name  string     `json:"name"`
	Kind  PeriodKind `json:"kind"`
	Year  int        `json:"year"` // the key-project list it asks
	Start string     `json:"start"`
	End   string     `json:"end"`
	// DeadlineDays is the working days after End that reports are due.
	DeadlineDays int    `json:"deadline_days"`
	Deadline     string `json:"deadline"`
	// CountsInvestment: the investment reported in this period is counted
	// in the figures. Periods that count may not overlap for a project,
	// so that a weekly and a monthly report never count the same money.
	CountsInvestment bool      `json:"counts_investment"`
	Closed           bool      `json:"closed"`
	CreatedBy        string    `json:"created_by"`
	CreatedAt        time.Time `json:"created_at"`
	Version          int64     `json:"version"`
	// Counts of its reports by status; filled on read.
	Counts ReportCounts `json:"counts"`
}

// ReportCounts are a period's reports by status.
type ReportCounts struct {
	Total     int `json:"total"`
	Draft     int `json:"draft"`
	Submitted int `json:"submitted"`
	Returned  int `json:"returned"`
	Approved  int `json:"approved"`
	Late      int `json:"late"` // not submitted (draft or returned) after the deadline
}

// PeriodInput opens a period.
type PeriodInput struct {
	Name             string     `json:"name"`
	Kind             PeriodKind `json:"kind"`
	Year             int        `json:"year"`
	Start            string     `json:"start"`
	End              string     `json:"end"`
	DeadlineDays     int        `json:"deadline_days"`
	CountsInvestment *bool      `json:"counts_investment"`
	// ProjectIDs narrows the period to chosen projects of the year's list;
	// empty means the whole list.
	ProjectIDs []int64 `json:"project_ids"`
}

// Validate checks a period to open.
func (in *PeriodInput) Validate() error {
	var v Validation
	in.Name = strings.TrimSpace(in.Name)
	checkText(&v, "name", in.Name, 1, 100)
	if !in.Kind.Valid() {
		v.Add("kind", "invalid_choice")
	}
	if !validYear(in.Year) {
		v.Add("year", "invalid_year")
	}
	if !ValidDate(in.Start) {
		v.Add("start", "invalid_date")
	}
	if !ValidDate(in.End) {
		v.Add("end", "invalid_date")
	} else if ValidDate(in.Start) && in.End < in.Start {
		v.Add("end", "end_before_start")
	}
	if in.DeadlineDays < 0 || in.DeadlineDays > 60 {
		v.Add("deadline_days", "out_of_range")
	}
	if in.CountsInvestment == nil {
		t := true
		in.CountsInvestment = &t
	}
	return v.Err()
}

// ReportStatus is where a report is in its flow.
type ReportStatus string

const (
	ReportDraft     ReportStatus = "draft"
	ReportSubmitted ReportStatus = "submitted"
	ReportReturned  ReportStatus = "returned"
	ReportApproved  ReportStatus = "approved"
)

// Report is one project's report for one period (填报).
type Report struct {
	ID          int64        `json:"id"`
	PeriodID    int64        `json:"period_id"`
	PeriodName  string       `json:"period_name"`
	ProjectID   int64        `json:"project_id"`
	ProjectName string       `json:"project_name"`
	ProjectCode string       `json:"project_code"`
	Department  string       `json:"department_name"`
	Status      ReportStatus `json:"status"`
	Deadline    string       `json:"deadline"`

	InvestedYuan    int64  `json:"invested_yuan"`    // completed in the period
	ProgressText    string `json:"progress_text"`    // 形象进度
	ProgressPercent int    `json:"progress_percent"` // 0-100
	WorkDone        string `json:"work_done"`
	NextPlan        string `json:"next_plan"`
	Problems        string `json:"problems"`
	StatsEntered    bool   `json:"stats_entered"` // 统计入库
	StatsYuan       int64  `json:"stats_yuan"`

	SubmittedAt  *time.Time `json:"submitted_at"`
	SubmittedBy  string     `json:"submitted_by"`
	ReviewedAt   *time.Time `json:"reviewed_at"`
	ReviewedBy   string     `json:"reviewed_by"`
	ReturnReason string     `json:"return_reason"`

	Photos     []Photo     `json:"photos"`
	Amendments []Amendment `json:"amendments"`
	UpdatedAt  time.Time   `json:"updated_at"`
	Version    int64       `json:"version"`
}

// ReportFields are what a reporter fills in.
type ReportFields struct {
	InvestedYuan    int64  `json:"invested_yuan"`
	ProgressText    string `json:"progress_text"`
	ProgressPercent int    `json:"progress_percent"`
	WorkDone        string `json:"work_done"`
	NextPlan        string `json:"next_plan"`
	Problems        string `json:"problems"`
	StatsEntered    bool   `json:"stats_entered"`
	StatsYuan       int64  `json:"stats_yuan"`
}

// Validate checks a report's figures.
func (f *ReportFields) Validate() error {
	var v Validation
	if f.InvestedYuan < 0 {
		v.Add("invested_yuan", "must_be_positive")
	}
	if f.StatsYuan < 0 {
		v.Add("stats_yuan", "must_be_positive")
	}
	if !f.StatsEntered && f.StatsYuan != 0 {
		v.Add("stats_yuan", "stats_without_entry")
	}
	if f.ProgressPercent < 0 || f.ProgressPercent > 100 {
		v.Add("progress_percent", "out_of_range")
	}
	checkText(&v, "progress_text", f.ProgressText, 0, 2000)
	checkText(&v, "work_done", f.WorkDone, 0, 5000)
	checkText(&v, "next_plan", f.NextPlan, 0, 5000)
	checkText(&v, "problems", f.Problems, 0, 5000)
	return v.Err()
}

// Fields returns the report's filled-in part.
func (r *Report) Fields() ReportFields {
	return ReportFields{r.InvestedYuan, r.ProgressText, r.ProgressPercent, r.WorkDone, r.NextPlan, r.Problems, r.StatsEntered, r.StatsYuan}
}

// Amendment is a correction to an approved report, with its reason and
// the figures before and after; the report shows the corrected figures.
type Amendment struct {
	ID       int64        `json:"id"`
	Reason   string       `json:"reason"`
	Before   ReportFields `json:"before"`
	After    ReportFields `json:"after"`
	Username string       `json:"username"`
	At       time.Time    `json:"at"`
}

// Photo is an image attached to a report (现场照片).
type Photo struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	Width       int       `json:"width"`
	Height      int       `json:"height"`
	CreatedAt   time.Time `json:"created_at"`
}

// ReportFilter selects reports.
type ReportFilter struct {
	PeriodID     *int64
	Status       ReportStatus
	DepartmentID *int64
	ProjectID    *int64
	Late         bool // not submitted after the deadline
	Mine         bool // reports the actor fills in (officer, owner, department)
	Page
}
