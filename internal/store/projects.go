package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"tuijin"
	"tuijin/internal/pinyin"
)

// projectCols are the stored columns in the order scanProject reads them;
// the department name comes from a join.
const projectCols = `p.id, p.code, p.name, p.flagship, p.stage, p.nature, p.level, p.domain, p.industry, p.category, p.content,
	p.town, p.address, p.longitude, p.latitude, p.land_area_mu, p.floor_area_m2, p.total_investment_yuan, p.completed_before_yuan,
	p.start_year, p.end_year, p.planned_start, p.planned_completion, p.actual_start, p.actual_completion,
	p.owner_name, p.owner_department_id, p.owner_head, p.owner_contact, p.owner_phone,
	p.leader_id, p.leader_name, p.department_id, COALESCE(d.name, ''), p.dept_head, p.dept_liaison, p.dept_phone,
	p.officer_id, p.officer_name, p.task_force, p.funding, p.tags, p.remarks, p.extra, p.archived, p.created_at, p.updated_at, p.version`

const projectFrom = " FROM projects p LEFT JOIN departments d ON d.id = p.department_id"

func scanProject(s interface{ Scan(...any) error }) (*tuijin.Project, error) {
	var p tuijin.Project
	var lng, lat, land, floor sql.NullFloat64
	var ownerDept, leader, dept, officer sql.NullInt64
	var c, u timeCol
	err := s.Scan(&p.ID, &p.Code, &p.Name, &p.Flagship, &p.Stage, &p.Nature, &p.Level, &p.Domain, &p.Industry, &p.Category, &p.Content,
		&p.Town, &p.Address, &lng, &lat, &land, &floor, &p.TotalInvestmentYuan, &p.CompletedBeforeYuan,
		&p.StartYear, &p.EndYear, &p.PlannedStart, &p.PlannedCompletion, &p.ActualStart, &p.ActualCompletion,
		&p.OwnerName, &ownerDept, &p.OwnerHead, &p.OwnerContact, &p.OwnerPhone,
		&leader, &p.LeaderName, &dept, &p.DepartmentName, &p.DeptHead, &p.DeptLiaison, &p.DeptPhone,
		&officer, &p.OfficerName, &p.TaskForce, jsonCol{&p.Funding}, jsonCol{&p.Tags}, &p.Remarks, jsonCol{&p.Extra},
		&p.Archived, &c, &u, &p.Version)
	if err != nil {
		return nil, notFound(err)
	}
	p.Longitude, p.Latitude, p.LandAreaMu, p.FloorAreaM2 = floatPtr(lng), floatPtr(lat), floatPtr(land), floatPtr(floor)
	p.OwnerDepartmentID, p.LeaderID, p.DepartmentID, p.OfficerID = intPtr(ownerDept), intPtr(leader), intPtr(dept), intPtr(officer)
	p.CreatedAt, p.UpdatedAt = c.T, u.T
	p.Years = []tuijin.YearPlan{}
	return &p, nil
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

func nullFloat(p *float64) sql.NullFloat64 {
	if p == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *p, Valid: true}
}

// projectValues are the stored columns of p, in the order of
// projectWriteCols.
func projectValues(p *tuijin.Project) []any {
	return []any{p.Code, p.Name, p.Flagship, p.Stage, p.Nature, p.Level, p.Domain, p.Industry, p.Category, p.Content,
		p.Town, p.Address, nullFloat(p.Longitude), nullFloat(p.Latitude), nullFloat(p.LandAreaMu), nullFloat(p.FloorAreaM2),
		p.TotalInvestmentYuan, p.CompletedBeforeYuan, p.StartYear, p.EndYear, p.PlannedStart, p.PlannedCompletion,
		p.ActualStart, p.ActualCompletion, p.OwnerName, nullInt(p.OwnerDepartmentID), p.OwnerHead, p.OwnerContact, p.OwnerPhone,
		nullInt(p.LeaderID), p.LeaderName, nullInt(p.DepartmentID), p.DeptHead, p.DeptLiaison, p.DeptPhone,
		nullInt(p.OfficerID), p.OfficerName, p.TaskForce, jsonText(p.Funding), jsonText(p.Tags), p.Remarks, jsonText(p.Extra),
		searchText(p), p.Archived}
}

const projectWriteCols = `code, name, flagship, stage, nature, level, domain, industry, category, content,
	town, address, longitude, latitude, land_area_mu, floor_area_m2, total_investment_yuan, completed_before_yuan,
	start_year, end_year, planned_start, planned_completion, actual_start, actual_completion,
	owner_name, owner_department_id, owner_head, owner_contact, owner_phone,
	leader_id, leader_name, department_id, dept_head, dept_liaison, dept_phone,
	officer_id, officer_name, task_force, funding, tags, remarks, extra, search, archived`

// searchText is what the ledger's search box matches against.
func searchText(p *tuijin.Project) string {
	return strings.ToLower(strings.Join([]string{p.Name, p.Code, p.OwnerName, pinyin.Initials(p.Name)}, "\x1f"))
}

// projectScope returns the SQL condition for what the actor may see.
func projectScope(actor *tuijin.Actor) (string, []any) {
	s := actor.ProjectScope()
	switch {
	case s.All:
		return "", nil
	case s.None:
		return "1 = 0", nil
	case s.DepartmentID != nil:
		return "p.department_id = ?", []any{*s.DepartmentID}
	case s.OwnerDepartmentID != nil:
		return "p.owner_department_id = ?", []any{*s.OwnerDepartmentID}
	case s.UserID != nil:
		return "(p.officer_id = ? OR p.leader_id = ?)", []any{*s.UserID, *s.UserID}
	}
	return "1 = 0", nil
}

// Project returns one project the actor may see; one outside its scope is
// not found, so that its existence does not leak.
func (db *DB) Project(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.Project, error) {
	return projectByID(db.reader(ctx), actor, id)
}

func projectByID(r reader, actor *tuijin.Actor, id int64) (*tuijin.Project, error) {
	where, args := "p.id = ?", []any{id}
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	p, err := scanProject(r.QueryRow("SELECT "+projectCols+projectFrom+" WHERE "+where, args...))
	if err != nil {
		return nil, err
	}
	if err := r.loadYears([]*tuijin.Project{p}); err != nil {
		return nil, err
	}
	return p, nil
}

// loadYears fills the year plans of ps with one query.
func (r reader) loadYears(ps []*tuijin.Project) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*tuijin.Project, len(ps))
	ids := make([]any, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i] = p, p.ID
	}
	rows, err := r.Query("SELECT project_id, year, planned_yuan, level FROM project_years WHERE project_id IN ("+
		placeholders(len(ids))+") ORDER BY project_id, year", ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var y tuijin.YearPlan
		if err := rows.Scan(&id, &y.Year, &y.PlannedYuan, &y.Level); err != nil {
			return err
		}
		byID[id].Years = append(byID[id].Years, y)
	}
	return rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

var projectSorts = map[string]string{
	"id": "p.id", "code": "p.code", "name": "p.name", "stage": "p.stage", "nature": "p.nature", "level": "p.level",
	"town": "p.town", "category": "p.category", "total_investment_yuan": "p.total_investment_yuan",
	"planned_start": "p.planned_start", "planned_completion": "p.planned_completion", "department_name": "d.name",
	"updated_at": "p.updated_at", "planned_yuan": "y.planned_yuan",
}

// Projects lists the ledger: one page, the total count and the money sums
// over the whole selection.
func (db *DB) Projects(ctx context.Context, actor *tuijin.Actor, f tuijin.ProjectFilter) (*tuijin.ProjectList, error) {
	f.Normalize()
	from, where, args := db.projectWhere(actor, f)
	if f.Sort == "planned_yuan" || f.Sort == "-planned_yuan" {
		if f.Year == 0 {
			return nil, invalidField("sort", "invalid_sort", f.Sort)
		}
	}
	order, err := ledgerOrder(f.Sort)
	if err != nil {
		return nil, err
	}
	r := db.reader(ctx)
	out := &tuijin.ProjectList{List: tuijin.List[tuijin.Project]{Items: []tuijin.Project{}, Page: f.Page.Page, PerPage: f.PerPage}}
	planned := "0"
	if f.Year != 0 {
		planned = "COALESCE(SUM(y.planned_yuan), 0)"
	}
	// The count and sums need no department names.
	countFrom := strings.Replace(from, projectFrom, " FROM projects p", 1)
	if err := db.sums.get(r, "SELECT COUNT(*), COALESCE(SUM(p.total_investment_yuan), 0), "+planned+countFrom+where, args, out); err != nil {
		return nil, err
	}
	rows, err := r.Query("SELECT "+projectCols+from+where+order+" LIMIT ? OFFSET ?", append(args, f.PerPage, f.Offset())...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ptrs := make([]*tuijin.Project, 0, f.PerPage)
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, err
		}
		ptrs = append(ptrs, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := r.loadYears(ptrs); err != nil {
		return nil, err
	}
	for _, p := range ptrs {
		out.Items = append(out.Items, *p)
	}
	return out, nil
}

// projectWhere builds the FROM and WHERE of a ledger query.
func (db *DB) projectWhere(actor *tuijin.Actor, f tuijin.ProjectFilter) (string, string, []any) {
	from := projectFrom
	var where []string
	var args []any
	if f.Year != 0 {
		from += " JOIN project_years y ON y.project_id = p.id AND y.year = ?"
		args = append(args, f.Year)
	}
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = append(where, cond), append(args, cargs...)
	}
	where, args = append(where, "p.archived = ?"), append(args, f.Archived)
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		q = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q)
		where, args = append(where, "p.search LIKE ? ESCAPE '\\'"), append(args, "%"+q+"%")
	}
	eq := func(col string, v any) {
		where, args = append(where, col+" = ?"), append(args, v)
	}
	if f.Stage != "" {
		eq("p.stage", f.Stage)
	}
	if f.Nature != "" {
		eq("p.nature", f.Nature)
	}
	if f.Level != "" {
		if f.Year != 0 {
			eq("y.level", f.Level)
		} else {
			eq("p.level", f.Level)
		}
	}
	if f.DepartmentID != nil {
		eq("p.department_id", *f.DepartmentID)
	}
	if f.LeaderID != nil {
		eq("p.leader_id", *f.LeaderID)
	}
	if f.Town != "" {
		eq("p.town", f.Town)
	}
	if f.Category != "" {
		eq("p.category", f.Category)
	}
	if len(f.IDs) > 0 {
		where = append(where, "p.id IN ("+placeholders(len(f.IDs))+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	return from, " WHERE " + strings.Join(where, " AND "), args
}

// ledgerOrder sorts by the chosen column and breaks ties by id in the same
// direction, so that one index on the column serves both: a tie-breaker in
// the other direction makes SQLite sort every selected row for one page.
func ledgerOrder(sort string) (string, error) {
	if sort == "" {
		sort = "id"
	}
	dir := " ASC"
	if strings.HasPrefix(sort, "-") {
		dir, sort = " DESC", sort[1:]
	}
	col, ok := projectSorts[sort]
	if !ok {
		return "", invalidField("sort", "invalid_sort", sort)
	}
	tie := "p.id"
	if sort == "planned_yuan" {
		tie = "y.project_id" // the same id, as the year index holds it
	}
	if col == "p.id" {
		return " ORDER BY p.id" + dir, nil
	}
	return " ORDER BY " + col + dir + ", " + tie + dir, nil
}

// sumsCache keeps the count and sums of recent ledger selections. They are
// valid while the ledger generation stays put: every write to projects or
// their year lists moves it, in the same transaction, on every instance.
type sumsCache struct {
	mu  sync.Mutex
	gen int64
	m   map[string]sumsEntry
}

type sumsEntry struct {
	total int
	sums  tuijin.ProjectSums
}

func (c *sumsCache) get(r reader, q string, args []any, out *tuijin.ProjectList) error {
	var gen int64
	if err := r.QueryRow("SELECT gen FROM heads WHERE name = ?", HeadLedger).Scan(&gen); err != nil {
		return err
	}
	key := q + "\x1f" + fmt.Sprintf("%#v", args)
	c.mu.Lock()
	if c.gen != gen {
		c.gen, c.m = gen, map[string]sumsEntry{}
	}
	e, ok := c.m[key]
	c.mu.Unlock()
	if !ok {
		if err := r.QueryRow(q, args...).Scan(&e.total, &e.sums.TotalInvestmentYuan, &e.sums.PlannedYuan); err != nil {
			return err
		}
		c.mu.Lock()
		if c.gen == gen && len(c.m) < 1000 {
			c.m[key] = e
		}
		c.mu.Unlock()
	}
	out.Total, out.Sums = e.total, e.sums
	return nil
}
