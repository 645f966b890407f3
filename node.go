package tuijin

import "time"

// NodeStatus is where a key node stands on a given day.
type NodeStatus string

const (
	NodeNotStarted NodeStatus = "not_started"
	NodeInProgress NodeStatus = "in_progress"
	NodeDone       NodeStatus = "done"
	NodeOverdue    NodeStatus = "overdue"
)

// Node is a key node of a project's schedule (节点): approval, land,
// permits, start, topping out, acceptance ...
type Node struct {
	ID             int64      `json:"id"`
	ProjectID      int64      `json:"project_id"`
	Key            string     `json:"key"` // the template's key, or "" for a node added by hand
	Name           string     `json:"name"`
	Seq            int        `json:"seq"`
	DurationDays   int        `json:"duration_days"` // working days; 0 for a milestone
	PlannedStart   string     `json:"planned_start"`
	PlannedFinish  string     `json:"planned_finish"`
	ActualStart    string     `json:"actual_start"`
	ActualFinish   string     `json:"actual_finish"`
	DepartmentID   *int64     `json:"department_id"`
	DepartmentName string     `json:"department_name"`
	Person         string     `json:"person"`
	Remarks        string     `json:"remarks"`
	Preds          []NodeLink `json:"preds"`
	// Computed on read for the day asked about.
	Status   NodeStatus `json:"status"`
	Slack    *int       `json:"slack"` // working days the node may slip without moving the end
	Critical bool       `json:"critical"`

	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
}

// NodeLink makes a node wait for another to finish, plus a lag in working
// days (finish-to-start).
type NodeLink struct {
	NodeID int64 `json:"node_id"`
	Lag    int   `json:"lag"`
}

// StatusOn says where the node stands on today (YYYY-MM-DD).
func (n *Node) StatusOn(today string) NodeStatus {
	switch {
	case n.ActualFinish != "":
		return NodeDone
	case n.PlannedFinish != "" && n.PlannedFinish < today:
		return NodeOverdue
	case n.ActualStart != "" || (n.PlannedStart != "" && n.PlannedStart <= today):
		return NodeInProgress
	}
	return NodeNotStarted
}

// Validate checks a node's own fields.
func (n *Node) Validate() error {
	var v Validation
	checkText(&v, "name", n.Name, 1, 100)
	checkText(&v, "person", n.Person, 0, 50)
	checkText(&v, "remarks", n.Remarks, 0, 2000)
	if n.DurationDays < 0 || n.DurationDays > 3000 {
		v.Add("duration_days", "out_of_range")
	}
	for f, d := range map[string]string{"planned_start": n.PlannedStart, "planned_finish": n.PlannedFinish,
		"actual_start": n.ActualStart, "actual_finish": n.ActualFinish} {
		if d != "" && !ValidDate(d) {
			v.Add(f, "invalid_date")
		}
	}
	if n.PlannedStart != "" && n.PlannedFinish != "" && n.PlannedFinish < n.PlannedStart {
		v.Add("planned_finish", "finish_before_start")
	}
	if n.ActualFinish != "" && n.ActualStart != "" && n.ActualFinish < n.ActualStart {
		v.Add("actual_finish", "finish_before_start")
	}
	for _, l := range n.Preds {
		if l.NodeID == n.ID && n.ID != 0 {
			v.Add("preds", "node_waits_for_itself")
		}
		if l.Lag < 0 || l.Lag > 1000 {
			v.Add("preds", "out_of_range")
		}
	}
	if n.Preds == nil {
		n.Preds = []NodeLink{}
	}
	return v.Err()
}

// ScheduleRow is one project on the battle map (挂图作战) with its nodes.
type ScheduleRow struct {
	ID             int64          `json:"id"`
	Code           string         `json:"code"`
	Name           string         `json:"name"`
	Stage          Stage          `json:"stage"`
	DepartmentID   *int64         `json:"department_id"`
	DepartmentName string         `json:"department_name"`
	LeaderName     string         `json:"leader_name"`
	Nodes          []ScheduleNode `json:"nodes"`
}

// ScheduleNode is a node as the battle map draws it: a whole year's list
// is tens of thousands of them, so it carries the bar and its tooltip and
// leaves out what only the node's editor needs (links, remarks, slack,
// version), which the editor reads with the node itself. Who answers for
// the node is named while it is open, for the overdue and upcoming lists.
// Empty fields are left out.
type ScheduleNode struct {
	ID             int64      `json:"id"`
	Name           string     `json:"name"`
	DurationDays   int        `json:"duration_days,omitempty"`
	PlannedStart   string     `json:"planned_start"`
	PlannedFinish  string     `json:"planned_finish"`
	ActualStart    string     `json:"actual_start,omitempty"`
	ActualFinish   string     `json:"actual_finish,omitempty"`
	Status         NodeStatus `json:"status"`
	Critical       bool       `json:"critical,omitempty"`
	DepartmentName string     `json:"department_name,omitempty"`
	Person         string     `json:"person,omitempty"`
}

// ScheduleNode is n on the battle map, once annotated for the day.
func (n *Node) ScheduleNode() ScheduleNode {
	s := ScheduleNode{ID: n.ID, Name: n.Name, DurationDays: n.DurationDays, PlannedStart: n.PlannedStart,
		PlannedFinish: n.PlannedFinish, ActualStart: n.ActualStart, ActualFinish: n.ActualFinish, Status: n.Status,
		Critical: n.Critical}
	if n.ActualFinish == "" {
		s.DepartmentName, s.Person = n.DepartmentName, n.Person
	}
	return s
}

// Notification is a message in a user's inbox (消息).
type Notification struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"` // node_due, node_overdue, ...
	Title string `json:"title"`
	// Args are the words the title and body are made of (names, dates,
	// codes), in the order the kind's messages take them; the inbox says
	// the notification from them in the reader's language.
	Args      []string   `json:"-"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	ProjectID *int64     `json:"project_id"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}
