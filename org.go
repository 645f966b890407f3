package tuijin

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user does in the office; it decides what the user may see
// and change (see access.go).
type Role string

const (
	RoleAdmin      Role = "admin"      // 系统管理员
	RoleOffice     Role = "office"     // 项目办: keeps the ledger, runs dispatch
	RoleLeader     Role = "leader"     // 包抓领导: answers for a handful of projects
	RoleDepartment Role = "department" // 责任单位: owns assigned projects and problems
	RoleOfficer    Role = "officer"    // 项目专员: one named official per project
	RoleOwner      Role = "owner"      // 项目业主: the company that builds
	RoleSupervisor Role = "supervisor" // 督查室: checks the others
	RoleViewer     Role = "viewer"     // read access to dashboards
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleOffice, RoleLeader, RoleDepartment, RoleOfficer, RoleOwner, RoleSupervisor, RoleViewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// DepartmentKind says what sort of unit a department is.
type DepartmentKind string

const (
	KindBureau DepartmentKind = "bureau" // 局办, e.g. 住建局
	KindTown   DepartmentKind = "town"   // 街镇
	KindOwner  DepartmentKind = "owner"  // 业主单位, a company or agency that builds
	KindOffice DepartmentKind = "office" // 项目办 / 指挥部
	KindOther  DepartmentKind = "other"
)

// DepartmentKinds lists the kinds in display order.
var DepartmentKinds = []DepartmentKind{KindBureau, KindTown, KindOwner, KindOffice, KindOther}

// Valid reports whether k is a known kind.
func (k DepartmentKind) Valid() bool {
	for _, x := range DepartmentKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Department is a unit of the organisation (责任单位): a bureau, a town, an
// owner company.
type Department struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	Code      string         `json:"code"`
	Kind      DepartmentKind `json:"kind"`
	Head      string         `json:"head"`
	Phone     string         `json:"phone"`
	Active    bool           `json:"active"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	Version   int64          `json:"version"`
}

// DepartmentInput is the body of a create.
type DepartmentInput struct {
	Name  string         `json:"name"`
	Code  string         `json:"code"`
	Kind  DepartmentKind `json:"kind"`
	Head  string         `json:"head"`
	Phone string         `json:"phone"`
}

// Validate checks a department to be created.
func (in *DepartmentInput) Validate() error {
	var v Validation
	in.Name, in.Code = strings.TrimSpace(in.Name), strings.TrimSpace(in.Code)
	checkText(&v, "name", in.Name, 1, 100)
	checkText(&v, "code", in.Code, 0, 50)
	checkText(&v, "head", in.Head, 0, 50)
	checkText(&v, "phone", in.Phone, 0, 50)
	if !in.Kind.Valid() {
		v.Add("kind", "invalid_choice")
	}
	return v.Err()
}

// DepartmentPatch is the body of an update; nil fields stay as they are.
type DepartmentPatch struct {
	Name    *string         `json:"name"`
	Code    *string         `json:"code"`
	Kind    *DepartmentKind `json:"kind"`
	Head    *string         `json:"head"`
	Phone   *string         `json:"phone"`
	Active  *bool           `json:"active"`
	Version int64           `json:"version"`
}

// Apply validates p and applies it to d.
func (p *DepartmentPatch) Apply(d *Department) error {
	in := DepartmentInput{Name: d.Name, Code: d.Code, Kind: d.Kind, Head: d.Head, Phone: d.Phone}
	setIf(&in.Name, p.Name)
	setIf(&in.Code, p.Code)
	setIf(&in.Kind, p.Kind)
	setIf(&in.Head, p.Head)
	setIf(&in.Phone, p.Phone)
	if err := in.Validate(); err != nil {
		return err
	}
	d.Name, d.Code, d.Kind, d.Head, d.Phone = in.Name, in.Code, in.Kind, in.Head, in.Phone
	setIf(&d.Active, p.Active)
	return nil
}

// DepartmentFilter selects departments for a list.
type DepartmentFilter struct {
	Q      string
	Kind   DepartmentKind
	Active *bool
	Page
}

// User is a person who logs in.
type User struct {
	ID                 int64      `json:"id"`
	Username           string     `json:"username"`
	DisplayName        string     `json:"display_name"`
	Role               Role       `json:"role"`
	DepartmentID       *int64     `json:"department_id"`
	DepartmentName     string     `json:"department_name"`
	Phone              string     `json:"phone"`
	Active             bool       `json:"active"`
	MustChangePassword bool       `json:"must_change_password"`
	LastLoginAt        *time.Time `json:"last_login_at"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
	Version            int64      `json:"version"`
	PasswordHash       string     `json:"-"`
}

// UserInput is the body of a create.
type UserInput struct {
	Username     string `json:"username"`
	DisplayName  string `json:"display_name"`
	Role         Role   `json:"role"`
	DepartmentID *int64 `json:"department_id"`
	Phone        string `json:"phone"`
	Password     string `json:"password"`
}

// Validate checks a user to be created.
func (in *UserInput) Validate() error {
	var v Validation
	in.Username = strings.TrimSpace(in.Username)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if !validUsername(in.Username) {
		v.Add("username", "invalid_username")
	}
	checkText(&v, "display_name", in.DisplayName, 1, 50)
	checkText(&v, "phone", in.Phone, 0, 50)
	if !in.Role.Valid() {
		v.Add("role", "invalid_choice")
	}
	if in.Role.NeedsDepartment() && in.DepartmentID == nil {
		v.Add("department_id", "department_required")
	}
	if msg := PasswordProblem(in.Password); msg != "" {
		v.Add("password", msg)
	}
	return v.Err()
}

// NeedsDepartment reports whether users of this role must belong to a
// department, because what they see is scoped by it.
func (r Role) NeedsDepartment() bool {
	return r == RoleDepartment || r == RoleOwner
}

// UserPatch is the body of an update; nil fields stay as they are.
type UserPatch struct {
	DisplayName  *string `json:"display_name"`
	Role         *Role   `json:"role"`
	DepartmentID *int64  `json:"department_id"`
	ClearDept    bool    `json:"-"`
	Phone        *string `json:"phone"`
	Active       *bool   `json:"active"`
	Version      int64   `json:"version"`
}

// Apply validates p and applies it to u.
func (p *UserPatch) Apply(u *User) error {
	var v Validation
	setIf(&u.DisplayName, p.DisplayName)
	setIf(&u.Role, p.Role)
	setIf(&u.Phone, p.Phone)
	setIf(&u.Active, p.Active)
	if p.DepartmentID != nil {
		u.DepartmentID = p.DepartmentID
	} else if p.ClearDept {
		u.DepartmentID = nil
	}
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	checkText(&v, "display_name", u.DisplayName, 1, 50)
	checkText(&v, "phone", u.Phone, 0, 50)
	if !u.Role.Valid() {
		v.Add("role", "invalid_choice")
	}
	if u.Role.NeedsDepartment() && u.DepartmentID == nil {
		v.Add("department_id", "department_required")
	}
	return v.Err()
}

// UserFilter selects users for a list.
type UserFilter struct {
	Q            string
	Role         Role
	DepartmentID *int64
	Active       *bool
	Page
}

// PasswordProblem returns the message key of what is wrong with a new
// password, or "" when it is acceptable. Government level-3 rules ask for
// length and several character classes.
func PasswordProblem(pw string) string {
	if utf8.RuneCountInString(pw) < 10 {
		return "password_too_short"
	}
	if len(pw) > 200 {
		return "password_too_long"
	}
	var classes [4]bool
	for _, r := range pw {
		switch {
		case r >= 'a' && r <= 'z':
			classes[0] = true
		case r >= 'A' && r <= 'Z':
			classes[1] = true
		case r >= '0' && r <= '9':
			classes[2] = true
		default:
			classes[3] = true
		}
	}
	n := 0
	for _, c := range classes {
		if c {
			n++
		}
	}
	if n < 3 {
		return "password_too_simple"
	}
	return ""
}

func validUsername(s string) bool {
	if len(s) < 2 || len(s) > 50 {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
			return false
		}
	}
	return true
}

func checkText(v *Validation, field, s string, min, max int) {
	n := utf8.RuneCountInString(s)
	if n < min {
		v.Add(field, "required")
	} else if n > max {
		v.Add(field, "too_long", max)
	}
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
