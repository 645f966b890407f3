package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"runtime"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// The SQL floor: the statements Tuijin's store runs for a ledger page and a
// project detail, run directly with database/sql on the same database, with
// a pool of the same size as the server's. The store keeps a selection's
// count and sums until the next write, so a ledger page's floor has them
// only when something is being written meanwhile. Tuijin's time over the floor's
// is what the server adds: HTTP, the session check, decoding rows into
// records, JSON.
//
// The statements are copied from internal/store/projects.go (projectCols,
// projectFrom, Projects, projectWhere, loadYears, projectByID) for an
// office user, who sees every project. Keep them in step.

const projectCols = `p.id, p.code, p.name, p.flagship, p.stage, p.nature, p.level, p.domain, p.industry, p.category, p.content,
	p.town, p.address, p.longitude, p.latitude, p.land_area_mu, p.floor_area_m2, p.total_investment_yuan, p.completed_before_yuan,
	p.start_year, p.end_year, p.planned_start, p.planned_completion, p.actual_start, p.actual_completion,
	p.owner_name, p.owner_department_id, p.owner_head, p.owner_contact, p.owner_phone,
	p.leader_id, p.leader_name, p.department_id, COALESCE(d.name, ''), p.dept_head, p.dept_liaison, p.dept_phone,
	p.officer_id, p.officer_name, p.task_force, p.funding, p.tags, p.remarks, p.extra, p.archived, p.created_at, p.updated_at, p.version`

const projectFrom = " FROM projects p LEFT JOIN departments d ON d.id = p.department_id"

var projectSorts = map[string]string{
	"id": "p.id", "code": "p.code", "name": "p.name", "stage": "p.stage", "nature": "p.nature", "level": "p.level",
	"town": "p.town", "category": "p.category", "total_investment_yuan": "p.total_investment_yuan",
	"planned_start": "p.planned_start", "planned_completion": "p.planned_completion", "department_name": "d.name",
	"updated_at": "p.updated_at", "planned_yuan": "y.planned_yuan",
}

type floorDB struct {
	db       *sql.DB
	postgres bool
}

func openFloor(dsn string) (*floorDB, error) {
	if strings.HasPrefix(dsn, "postgres") {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(4 * runtime.NumCPU())
		db.SetMaxIdleConns(4 * runtime.NumCPU())
		return &floorDB{db: db, postgres: true}, nil
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)",
		"cache_size(-32000)", "temp_store(MEMORY)", "query_only(1)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+strings.TrimPrefix(dsn, "sqlite:")+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	db.SetMaxIdleConns(max(4, 2*runtime.NumCPU()))
	return &floorDB{db: db}, nil
}

// rebind numbers the placeholders for PostgreSQL, as the store does.
func (f *floorDB) rebind(q string) string {
	if !f.postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ledgerSQL builds the count and page statements of a ledger request.
func ledgerSQL(params url.Values) (count, page string, args []any, err error) {
	from, where := projectFrom, []string{}
	year, _ := strconv.Atoi(params.Get("year"))
	if year != 0 {
		from += " JOIN project_years y ON y.project_id = p.id AND y.year = ?"
		args = append(args, year)
	}
	where, args = append(where, "p.archived = ?"), append(args, false)
	if q := strings.ToLower(strings.TrimSpace(params.Get("q"))); q != "" {
		q = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q)
		where, args = append(where, "p.search LIKE ? ESCAPE '\\'"), append(args, "%"+q+"%")
	}
	levelCol := "p.level"
	if year != 0 {
		levelCol = "y.level"
	}
	for _, f := range []struct{ param, col string }{{"stage", "p.stage"}, {"nature", "p.nature"}, {"level", levelCol},
		{"department_id", "p.department_id"}, {"leader_id", "p.leader_id"}, {"town", "p.town"}, {"category", "p.category"}} {
		if v := params.Get(f.param); v != "" {
			var arg any = v
			if strings.HasSuffix(f.param, "_id") {
				arg, _ = strconv.ParseInt(v, 10, 64)
			}
			where, args = append(where, f.col+" = ?"), append(args, arg)
		}
	}
	order, err := orderBy(params.Get("sort"))
	planned := "0"
	if year != 0 {
		planned = "COALESCE(SUM(y.planned_yuan), 0)"
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	count = "SELECT COUNT(*), COALESCE(SUM(p.total_investment_yuan), 0), " + planned + strings.Replace(from, projectFrom, " FROM projects p", 1) + cond
	page = "SELECT " + projectCols + from + cond + order + " LIMIT ? OFFSET ?"
	return count, page, args, err
}

func orderBy(sort string) (string, error) {
	if sort == "" {
		sort = "id"
	}
	dir := " ASC"
	if strings.HasPrefix(sort, "-") {
		dir, sort = " DESC", sort[1:]
	}
	col, ok := projectSorts[sort]
	if !ok {
		return "", fmt.Errorf("sort %q", sort)
	}
	tie := "p.id"
	if sort == "planned_yuan" {
		tie = "y.project_id"
	}
	if col == "p.id" {
		return " ORDER BY p.id" + dir, nil
	}
	return " ORDER BY " + col + dir + ", " + tie + dir, nil
}

// ledger runs a ledger request's statements: the check of the sums cache
// (the audit head), the count and sums when the cache cannot have them
// (withCount: something was written since), the page, and the page's year
// plans.
func (f *floorDB) ledger(ctx context.Context, params url.Values, withCount bool) error {
	count, page, args, err := ledgerSQL(params)
	if err != nil {
		return err
	}
	var gen, n, sum, planned int64
	if err := f.db.QueryRowContext(ctx, "SELECT last_id FROM audit_head WHERE id = 1").Scan(&gen); err != nil {
		return err
	}
	if withCount {
		if err := f.db.QueryRowContext(ctx, f.rebind(count), args...).Scan(&n, &sum, &planned); err != nil {
			return err
		}
	}
	per, _ := strconv.Atoi(params.Get("per_page"))
	pageNo, _ := strconv.Atoi(params.Get("page"))
	if per == 0 {
		per = 50
	}
	pageNo = max(pageNo, 1)
	ids, err := f.rows(ctx, page, append(args, per, (pageNo-1)*per)...)
	if err != nil {
		return err
	}
	return f.years(ctx, ids)
}

// detail runs projectByID's statements.
func (f *floorDB) detail(ctx context.Context, id int64) error {
	ids, err := f.rows(ctx, "SELECT "+projectCols+projectFrom+" WHERE p.id = ?", id)
	if err == nil && len(ids) != 1 {
		err = fmt.Errorf("project %d: %d rows", id, len(ids))
	}
	if err != nil {
		return err
	}
	return f.years(ctx, ids)
}

// rows runs a project query and reads every column of every row.
func (f *floorDB) rows(ctx context.Context, q string, args ...any) ([]any, error) {
	rows, err := f.db.QueryContext(ctx, f.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := make([]any, 48)
	ptrs := make([]any, len(cols))
	for i := range cols {
		ptrs[i] = &cols[i]
	}
	var ids []any
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		ids = append(ids, cols[0])
	}
	return ids, rows.Err()
}

func (f *floorDB) years(ctx context.Context, ids []any) error {
	if len(ids) == 0 {
		return nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	rows, err := f.db.QueryContext(ctx, f.rebind("SELECT project_id, year, planned_yuan, level FROM project_years WHERE project_id IN ("+
		marks+") ORDER BY project_id, year"), ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var id, year, planned int64
	var level string
	for rows.Next() {
		if err := rows.Scan(&id, &year, &planned, &level); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ledgerOps and detailOps are the floors of the HTTP scenarios: the same
// mix, the same ids. withCount runs the count and sums each time, as the
// server must while others write.
func (f *floorDB) ledgerOps(fx *fixture, c int, only *ledgerQuery, withCount bool) []op {
	ops := make([]op, c)
	for w := range c {
		ops[w] = func(ctx context.Context, i int) error {
			q := fx.queries[(w+i)%len(fx.queries)]
			if only != nil {
				q = *only
			}
			return f.ledger(ctx, q.Params, withCount)
		}
	}
	return ops
}

func (f *floorDB) detailOps(fx *fixture, c int) []op {
	ops := make([]op, c)
	for w := range c {
		r := rand.New(rand.NewPCG(uint64(w), 7))
		ops[w] = func(ctx context.Context, i int) error { return f.detail(ctx, 1+r.Int64N(fx.maxID)) }
	}
	return ops
}
