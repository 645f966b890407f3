package tuijin

import (
	"strings"
	"time"
)

// OrderGrades are the grades of a supervision document, mildest first.
var OrderGrades = []string{"notice", "order", "circular"} // 提醒函, 督办单, 通报

// SupervisionOrder is a supervision document (督办单) addressed to a
// department, with items and a reply deadline.
type SupervisionOrder struct {
	ID             int64        `json:"id"`
	Grade          string       `json:"grade"`
	Title          string       `json:"title"`
	DepartmentID   int64        `json:"department_id"`
	DepartmentName string       `json:"department_name"`
	Items          []OrderItem  `json:"items"`
	ReplyDeadline  string       `json:"reply_deadline"`
	Status         string       `json:"status"` // issued, received, replied, closed
	ReceivedAt     *time.Time   `json:"received_at"`
	ReceivedBy     string       `json:"received_by"`
	Replies        []OrderReply `json:"replies"`
	Accountability string       `json:"accountability"`
	CreatedBy      string       `json:"created_by"`
	CreatedAt      time.Time    `json:"created_at"`
	Version        int64        `json:"version"`
}

// OrderItem is one matter an order asks about, often a problem.
type OrderItem struct {
	ProblemID *int64 `json:"problem_id"`
	Text      string `json:"text"`
}

// OrderReply is a department's answer to an order.
type OrderReply struct {
	Text string    `json:"text"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// OrderInput issues an order.
type OrderInput struct {
	Grade         string      `json:"grade"`
	Title         string      `json:"title"`
	DepartmentID  int64       `json:"department_id"`
	Items         []OrderItem `json:"items"`
	ReplyDeadline string      `json:"reply_deadline"`
}

// Validate checks an order to issue.
func (in *OrderInput) Validate() error {
	var v Validation
	in.Title = strings.TrimSpace(in.Title)
	if indexOf(OrderGrades, in.Grade) < 0 {
		v.Add("grade", "invalid_choice")
	}
	checkText(&v, "title", in.Title, 1, 200)
	if in.DepartmentID == 0 {
		v.Add("department_id", "required")
	}
	if len(in.Items) == 0 {
		v.Add("items", "required")
	}
	for _, it := range in.Items {
		if strings.TrimSpace(it.Text) == "" && it.ProblemID == nil {
			v.Add("items", "required")
		}
	}
	if !ValidDate(in.ReplyDeadline) {
		v.Add("reply_deadline", "invalid_date")
	}
	return v.Err()
}

// MeetingTypes are the kinds of meeting offices hold.
var MeetingTypes = []string{"dispatch", "coordination", "promotion", "onsite", "tour"} // 调度会, 协调会, 专题推进会, 现场办公, 观摩

// Meeting is a dispatch, coordination or other meeting with its decisions;
// each decision may become a task (交办事项) that follows the problem flow.
type Meeting struct {
	ID         int64      `json:"id"`
	Type       string     `json:"type"`
	Title      string     `json:"title"`
	HeldOn     string     `json:"held_on"`
	ChairID    *int64     `json:"chair_id"`
	ChairName  string     `json:"chair_name"`
	Attendees  string     `json:"attendees"`
	ProjectIDs []int64    `json:"project_ids"`
	Minutes    string     `json:"minutes"`
	Decisions  []Decision `json:"decisions"`
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	Version    int64      `json:"version"`
}

// Decision is a meeting's decision; Task, when given on input, makes it a
// task, and TaskID then names it.
type Decision struct {
	Text   string        `json:"text"`
	Task   *ProblemInput `json:"task,omitempty"`
	TaskID *int64        `json:"task_id"`
}

// Validate checks a meeting to record.
func (m *Meeting) Validate() error {
	var v Validation
	m.Title = strings.TrimSpace(m.Title)
	if indexOf(MeetingTypes, m.Type) < 0 {
		v.Add("type", "invalid_choice")
	}
	checkText(&v, "title", m.Title, 1, 200)
	if !ValidDate(m.HeldOn) {
		v.Add("held_on", "invalid_date")
	}
	checkText(&v, "minutes", m.Minutes, 0, 20000)
	checkText(&v, "attendees", m.Attendees, 0, 2000)
	for _, d := range m.Decisions {
		if strings.TrimSpace(d.Text) == "" {
			v.Add("decisions", "required")
		}
	}
	if m.ProjectIDs == nil {
		m.ProjectIDs = []int64{}
	}
	if m.Decisions == nil {
		m.Decisions = []Decision{}
	}
	return v.Err()
}

// Checklist is the "three threes" (三个三) of a site visit: three people
// seen, three questions answered, three jobs done.
type Checklist struct {
	SawProjectLead bool   `json:"saw_project_lead"` // 项目负责人
	SawLocalLead   bool   `json:"saw_local_lead"`   // 属地负责人
	SawSecretary   bool   `json:"saw_secretary"`    // 项目秘书
	Progress       string `json:"progress"`         // 问进度
	Problems       string `json:"problems"`         // 问问题
	Reasons        string `json:"reasons"`          // 问原因
	ReportedUp     bool   `json:"reported_up"`      // 向上报告
	Coordinated    bool   `json:"coordinated"`      // 协调解决
	FollowedUp     bool   `json:"followed_up"`      // 跟踪落实
}

// Visit is a leader's site visit (现场调研) to a project.
type Visit struct {
	ID          int64          `json:"id"`
	LeaderID    *int64         `json:"leader_id"`
	LeaderName  string         `json:"leader_name"`
	VisitedOn   string         `json:"visited_on"`
	ProjectID   int64          `json:"project_id"`
	ProjectName string         `json:"project_name"`
	Checklist   Checklist      `json:"checklist"`
	Notes       string         `json:"notes"`
	Problems    []ProblemInput `json:"problems,omitempty"` // logged on the spot, on input
	ProblemIDs  []int64        `json:"problem_ids"`
	Photos      []Photo        `json:"photos"`
	CreatedBy   string         `json:"created_by"`
	CreatedAt   time.Time      `json:"created_at"`
	Version     int64          `json:"version"`
}

// Validate checks a visit to record.
func (v *Visit) Validate() error {
	var val Validation
	v.LeaderName = strings.TrimSpace(v.LeaderName)
	if v.LeaderID == nil && v.LeaderName == "" {
		val.Add("leader_id", "required")
	}
	if !ValidDate(v.VisitedOn) {
		val.Add("visited_on", "invalid_date")
	}
	if v.ProjectID == 0 {
		val.Add("project_id", "required")
	}
	checkText(&val, "notes", v.Notes, 0, 5000)
	for _, s := range []string{v.Checklist.Progress, v.Checklist.Problems, v.Checklist.Reasons} {
		checkText(&val, "checklist", s, 0, 2000)
	}
	return val.Err()
}
