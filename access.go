package tuijin

// Actor is who is acting: the logged-in user or the owner of an API token.
// Every store method that reads or writes records on someone's behalf takes
// one, so scoping is applied in one place and cannot be forgotten by a route.
type Actor struct {
	UserID       int64
	Username     string
	Role         Role
	DepartmentID *int64
	// System marks work done by Tuijin itself (migrations, seeding, jobs).
	System bool
	// MustChangePassword limits a session to changing its password.
	MustChangePassword bool
}

// SystemActor is the actor for work Tuijin does on its own.
var SystemActor = &Actor{Username: "system", Role: RoleAdmin, System: true}

// Permission is something a role may do, independent of which record.
type Permission string

const (
	PermManageUsers       Permission = "users.manage"
	PermManageDepartments Permission = "departments.manage"
	PermManageTokens      Permission = "tokens.manage"
	PermReadAudit         Permission = "audit.read"
	PermReadOrg           Permission = "org.read"
	PermEditProjects      Permission = "projects.edit"   // edit projects in scope
	PermCreateProjects    Permission = "projects.create" // add to the ledger
	PermImportLedger      Permission = "ledger.import"
	PermManagePeriods     Permission = "periods.manage"  // open and close reporting periods
	PermFillReports       Permission = "reports.fill"    // fill in and submit reports in scope
	PermReviewReports     Permission = "reports.review"  // approve, return and amend reports in scope
	PermManageCalendar    Permission = "calendar.manage" // enter or correct a year's holidays
	PermLogProblems       Permission = "problems.log"    // log a problem on a project in scope
	PermWorkProblems      Permission = "problems.work"   // accept, work on, apply to close a problem assigned to one's department
	PermCloseProblems     Permission = "problems.close"  // close out (销号), send back, reassign
	PermSupervise         Permission = "supervise"       // supervision orders, accountability notes
	PermMeetings          Permission = "meetings.record" // record meetings and site visits
)

// permissions is the role table. What a role may do to which record is
// further narrowed by the scope methods below.
var permissions = map[Role][]Permission{
	RoleAdmin: {PermManageUsers, PermManageDepartments, PermManageTokens, PermReadAudit, PermReadOrg,
		PermEditProjects, PermCreateProjects, PermImportLedger, PermManageCalendar,
		PermManagePeriods, PermFillReports, PermReviewReports,
		PermLogProblems, PermWorkProblems, PermCloseProblems, PermSupervise, PermMeetings},
	RoleOffice: {PermManageDepartments, PermReadAudit, PermReadOrg, PermEditProjects, PermCreateProjects, PermImportLedger,
		PermManagePeriods, PermFillReports, PermReviewReports,
		PermLogProblems, PermWorkProblems, PermCloseProblems, PermSupervise, PermMeetings},
	RoleLeader:     {PermReadOrg, PermLogProblems, PermMeetings},
	RoleDepartment: {PermReadOrg, PermEditProjects, PermFillReports, PermReviewReports, PermLogProblems, PermWorkProblems},
	RoleOfficer:    {PermReadOrg, PermEditProjects, PermFillReports, PermLogProblems, PermMeetings},
	RoleOwner:      {PermReadOrg, PermFillReports},
	RoleSupervisor: {PermReadAudit, PermReadOrg, PermLogProblems, PermSupervise},
	RoleViewer:     {PermReadOrg},
}

// Can reports whether the actor's role grants p.
func (a *Actor) Can(p Permission) bool {
	if a == nil {
		return false
	}
	if a.System {
		return true
	}
	for _, x := range permissions[a.Role] {
		if x == p {
			return true
		}
	}
	return false
}

// Require returns ErrForbidden unless the actor's role grants p.
func (a *Actor) Require(p Permission) error {
	if !a.Can(p) {
		return ErrForbidden
	}
	return nil
}

// SeesAll reports whether the actor's reads are not narrowed by department:
// the office, leaders, supervisors, viewers and admins see every record.
func (a *Actor) SeesAll() bool {
	if a.System {
		return true
	}
	switch a.Role {
	case RoleAdmin, RoleOffice, RoleLeader, RoleSupervisor, RoleViewer:
		return true
	}
	return false
}

// ProjectScope says which projects an actor may see. A zero scope (All)
// means every project; otherwise a project is visible when it matches any
// non-nil field.
type ProjectScope struct {
	All bool
	// DepartmentID: projects whose responsible department is this one.
	DepartmentID *int64
	// OwnerDepartmentID: projects whose owner unit is this one.
	OwnerDepartmentID *int64
	// UserID: projects where this user is the officer or the leader.
	UserID *int64
	// None is set for an actor who may see no project at all.
	None bool
}

// ProjectScope returns the scope of the actor's project reads.
func (a *Actor) ProjectScope() ProjectScope {
	if a.SeesAll() {
		return ProjectScope{All: true}
	}
	switch a.Role {
	case RoleDepartment:
		if a.DepartmentID != nil {
			return ProjectScope{DepartmentID: a.DepartmentID}
		}
	case RoleOwner:
		if a.DepartmentID != nil {
			return ProjectScope{OwnerDepartmentID: a.DepartmentID}
		}
	case RoleOfficer:
		id := a.UserID
		return ProjectScope{UserID: &id}
	}
	return ProjectScope{None: true}
}

// CanSeeUser reports whether the actor may read user u: admins, the office,
// leaders and supervisors see everyone; department and owner users see their
// own department; everyone sees themselves.
func (a *Actor) CanSeeUser(u *User) bool {
	if a.System || a.UserID == u.ID {
		return true
	}
	switch a.Role {
	case RoleAdmin, RoleOffice, RoleLeader, RoleSupervisor:
		return true
	case RoleDepartment, RoleOwner:
		return sameID(a.DepartmentID, u.DepartmentID)
	}
	return false
}

// UserScope narrows a user list to what CanSeeUser allows.
func (a *Actor) UserScope() (all bool, dept *int64, self int64) {
	if a.System {
		return true, nil, 0
	}
	switch a.Role {
	case RoleAdmin, RoleOffice, RoleLeader, RoleSupervisor:
		return true, nil, 0
	case RoleDepartment, RoleOwner:
		return false, a.DepartmentID, a.UserID
	}
	return false, nil, a.UserID
}

func sameID(a, b *int64) bool {
	return a != nil && b != nil && *a == *b
}

// ActorFor is the actor for a logged-in user.
func ActorFor(u *User) *Actor {
	return &Actor{UserID: u.ID, Username: u.Username, Role: u.Role, DepartmentID: u.DepartmentID}
}
