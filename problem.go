package tuijin

import (
	"strings"
	"time"
)

// ProblemStatus is where a problem is on its way to close-out (销号).
type ProblemStatus string

const (
	ProblemAssigned   ProblemStatus = "assigned"    // 已交办
	ProblemAccepted   ProblemStatus = "accepted"    // 已签收
	ProblemInProgress ProblemStatus = "in_progress" // 办理中
	ProblemApplied    ProblemStatus = "applied"     // 申请销号
	ProblemClosed     ProblemStatus = "closed"      // 已销号
)

// Open reports whether the problem still needs work.
func (s ProblemStatus) Open() bool { return s != ProblemClosed }

// EscalationLevel is how high an unsolved problem has climbed.
type EscalationLevel int

const (
	LevelNormal       EscalationLevel = 0 // 一般
	LevelListed       EscalationLevel = 1 // 挂牌督办
	LevelSpecialStudy EscalationLevel = 2 // 月度会议专题研究
	LevelTopReport    EscalationLevel = 3 // 督查专报主要领导
)

// ProblemKinds: a problem (问题) found on a project, or a task (交办事项)
// decided at a meeting; both follow the same flow.
const (
	KindProblem = "problem"
	KindTask    = "task"
)

// ProblemSources and ProblemTypes are the choices for those fields.
var (
	ProblemSources = []string{"report", "visit", "meeting", "supervision", "other"}
	ProblemTypes   = []string{"land", "demolition", "permits", "funding", "utilities", "other"}
)

// Problem is an obstacle logged against a project (问题), or a meeting's
// task, followed until it is closed.
type Problem struct {
	ID             int64           `json:"id"`
	Kind           string          `json:"kind"`
	ProjectID      *int64          `json:"project_id"`
	ProjectName    string          `json:"project_name"`
	Source         string          `json:"source"`
	SourceID       *int64          `json:"source_id"` // the report, visit or meeting it came from
	Type           string          `json:"type"`
	Title          string          `json:"title"`
	Description    string          `json:"description"`
	DepartmentID   *int64          `json:"department_id"`
	DepartmentName string          `json:"department_name"`
	LeaderID       *int64          `json:"leader_id"`
	LeaderName     string          `json:"leader_name"`
	Deadline       string          `json:"deadline"`
	Status         ProblemStatus   `json:"status"`
	Level          EscalationLevel `json:"level"`
	FoundOn        string          `json:"found_on"`
	ClosedOn       string          `json:"closed_on"`
	Overdue        bool            `json:"overdue"` // computed for today
	CreatedBy      string          `json:"created_by"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	Version        int64           `json:"version"`
	Events         []ProblemEvent  `json:"events,omitempty"`
	Attachments    []Photo         `json:"attachments,omitempty"`
}

// ProblemEvent is one step or comment on a problem, kept for good.
type ProblemEvent struct {
	ID       int64         `json:"id"`
	Action   string        `json:"action"`
	From     ProblemStatus `json:"from"`
	To       ProblemStatus `json:"to"`
	Note     string        `json:"note"`
	Username string        `json:"username"`
	At       time.Time     `json:"at"`
}

// ProblemInput logs a problem or a task. The deadline is a date, or a
// number of working days from today counted on the calendar.
type ProblemInput struct {
	Kind         string `json:"kind"`
	ProjectID    *int64 `json:"project_id"`
	Source       string `json:"source"`
	SourceID     *int64 `json:"source_id"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	Description  string `json:"description"`
	DepartmentID *int64 `json:"department_id"`
	LeaderID     *int64 `json:"leader_id"`
	Deadline     string `json:"deadline"`
	DeadlineDays *int   `json:"deadline_days"`
}

// Validate checks a problem to log.
func (in *ProblemInput) Validate() error {
	var v Validation
	in.Title, in.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	if in.Kind == "" {
		in.Kind = KindProblem
	}
	if in.Kind != KindProblem && in.Kind != KindTask {
		v.Add("kind", "invalid_choice")
	}
	if in.Kind == KindProblem && in.ProjectID == nil {
		v.Add("project_id", "required")
	}
	if in.Source == "" {
		in.Source = "other"
	}
	if indexOf(ProblemSources, in.Source) < 0 {
		v.Add("source", "invalid_choice")
	}
	if in.Type == "" {
		in.Type = "other"
	}
	if indexOf(ProblemTypes, in.Type) < 0 {
		v.Add("type", "invalid_choice")
	}
	checkText(&v, "title", in.Title, 1, 200)
	checkText(&v, "description", in.Description, 0, 5000)
	if in.DepartmentID == nil {
		v.Add("department_id", "required")
	}
	if in.Deadline == "" && in.DeadlineDays == nil {
		v.Add("deadline", "required")
	} else if in.Deadline != "" && !ValidDate(in.Deadline) {
		v.Add("deadline", "invalid_date")
	} else if in.DeadlineDays != nil && (*in.DeadlineDays < 0 || *in.DeadlineDays > 365) {
		v.Add("deadline_days", "out_of_range")
	}
	return v.Err()
}

// ProblemFilter selects problems.
type ProblemFilter struct {
	Kind         string
	Status       ProblemStatus
	Open         bool
	Overdue      bool
	DepartmentID *int64
	LeaderID     *int64
	ProjectID    *int64
	Type         string
	Level        *int
	Q            string
	Page
}

// ProblemCounts are the figures offices report ("36 found, 33 solved, 3 in
// progress") for one group.
type ProblemCounts struct {
	Key         string   `json:"key"`
	Label       string   `json:"label"`
	Found       int      `json:"found"`
	Closed      int      `json:"closed"`
	InProgress  int      `json:"in_progress"`
	Overdue     int      `json:"overdue"`
	AvgDaysOpen *float64 `json:"avg_days_to_close"`
}
