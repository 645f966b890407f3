package main

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// The SQL floors of the daily-work scenarios: the statements the store
// runs for the battle map (Schedule), a period's page (Period,
// reportCounts, Reports), the light board (BoardRows, LightsTurnedOff,
// LightResults) and the cockpit (FigureRows, the start targets setting,
// BoardRows, ProblemCountsBy), for an office user, copied from
// internal/store (schedule.go, periods.go, reports.go, lights_read.go,
// figures.go, problem_flow.go). Keep them in step.

const scheduleWhere = ` FROM projects p LEFT JOIN departments d ON d.id = p.department_id
	JOIN project_years y ON y.project_id = p.id AND y.year = ? WHERE p.archived = ?`

// scheduleNodes is the battle map's nodes as store.Schedule reads them
// (schedule.go: scheduleNodeCols, scheduleNodeFrom), for the projects of
// scheduleWhere.
const scheduleNodes = `SELECT n.project_id, n.id, n.name, n.duration_days, n.planned_start, n.planned_finish,
	n.actual_start, n.actual_finish, n.preds, COALESCE(nd.name, ''), CASE WHEN n.actual_finish = '' THEN n.person ELSE '' END
	FROM nodes n LEFT JOIN departments nd ON nd.id = n.department_id AND n.actual_finish = ''
	WHERE n.project_id IN (SELECT p.id` + scheduleWhere + ") ORDER BY n.project_id, n.seq, n.id"

const reportCols = `r.id, r.period_id, pe.name, r.project_id, p.name, p.code, COALESCE(d.name, ''), r.status, pe.deadline,
	r.invested_yuan, r.progress_text, r.progress_percent, r.work_done, r.next_plan, r.problems, r.stats_entered, r.stats_yuan,
	r.submitted_at, r.submitted_by, r.reviewed_at, r.reviewed_by, r.return_reason, r.updated_at, r.version`

const reportFrom = ` FROM reports r JOIN periods pe ON pe.id = r.period_id JOIN projects p ON p.id = r.project_id
	LEFT JOIN departments d ON d.id = p.department_id`

const boardSQL = `SELECT p.id, p.code, p.name, COALESCE(d.name, ''), p.leader_name, p.town, p.domain,
	COALESCE(l.colour, 'green'), COALESCE(l.override_colour, ''), COALESCE(l.override_until, ''),
	p.department_id, p.leader_id` + scheduleWhere

// board is BoardRows for the year's whole list, as the store writes it
// (the LEFT JOIN goes after the WHERE's FROM).
var board = strings.Replace(boardSQL, " WHERE p.archived = ?",
	" LEFT JOIN project_lights l ON l.project_id = p.id AND l.year = y.year WHERE p.archived = ? ORDER BY p.id", 1)

func figuresSQL(year int) string {
	months := func(alias string) string {
		var b strings.Builder
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&b, ", COALESCE(%s.m%02d, 0)", alias, m)
		}
		return b.String()
	}
	return `SELECT p.id, p.code, p.name, p.department_id, COALESCE(d.name, ''), p.leader_id, p.leader_name, p.domain, p.town, p.stage, p.nature, y.level, p.actual_start,
		p.total_investment_yuan, p.completed_before_yuan, p.reported_yuan, y.planned_yuan, COALESCE(f.stats_yuan, 0)` + months("f") + months("g") +
		` FROM projects p LEFT JOIN departments d ON d.id = p.department_id JOIN project_years y ON y.project_id = p.id AND y.year = ?` +
		fmt.Sprintf(" LEFT JOIN project_figures f ON f.project_id = p.id AND f.year = %d", year) +
		fmt.Sprintf(" LEFT JOIN project_figures g ON g.project_id = p.id AND g.year = %d", year-1) +
		" WHERE p.archived = ? ORDER BY p.id"
}

const problemCountsSQL = `SELECT '', '', pr.status, pr.deadline, pr.found_on, pr.closed_on FROM problems pr
	LEFT JOIN projects p ON p.id = pr.project_id LEFT JOIN departments d ON d.id = pr.department_id
	LEFT JOIN users u ON u.id = pr.leader_id`

// scan runs a query and reads every column of every row, returning how
// many rows there were.
func (f *floorDB) scan(ctx context.Context, q string, args ...any) (int, error) {
	rows, err := f.db.QueryContext(ctx, f.rebind(q), args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// all runs statements one after another.
func (f *floorDB) all(ctx context.Context, stmts ...func() error) error {
	for _, s := range stmts {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}

func (f *floorDB) q(ctx context.Context, q string, args ...any) func() error {
	return func() error { _, err := f.scan(ctx, q, args...); return err }
}

func (f *floorDB) scheduleOps(year, c int) []op {
	return f.repeat(c, func(ctx context.Context) error {
		return f.all(ctx,
			f.q(ctx, "SELECT p.id, p.code, p.name, p.stage, p.department_id, COALESCE(d.name, ''), p.leader_name"+scheduleWhere+" ORDER BY d.name, p.id", year, false),
			f.q(ctx, scheduleNodes, year, false))
	})
}

func (f *floorDB) periodOps(periodID int64, c int) []op {
	today := time.Now().In(officeZone()).Format(time.DateOnly)
	return f.repeat(c, func(ctx context.Context) error {
		return f.all(ctx,
			f.q(ctx, "SELECT id, name, kind, year, start_date, end_date, deadline_days, deadline, counts_investment, closed, created_by, created_at, version FROM periods WHERE id = ?", periodID),
			f.q(ctx, countsSQL(1), today, "draft", "returned", periodID),
			f.q(ctx, "SELECT COUNT(*) FROM reports r WHERE r.period_id = ?", periodID),
			f.q(ctx, "SELECT "+reportCols+reportFrom+" WHERE r.period_id = ? ORDER BY r.project_id LIMIT ? OFFSET ?", periodID, 50, 0))
	})
}

// countsSQL is reportCounts for n periods, for an actor who sees every
// project (no join to the projects).
func countsSQL(n int) string {
	return `SELECT r.period_id, r.status, COUNT(*), SUM(CASE WHEN pe.deadline < ? AND r.status IN (?, ?) THEN 1 ELSE 0 END)
		FROM reports r JOIN periods pe ON pe.id = r.period_id
		WHERE r.period_id IN (` + strings.TrimSuffix(strings.Repeat("?,", n), ",") + `) GROUP BY r.period_id, r.status`
}

// periodsOps are Periods: a year's periods, then their reports counted by
// status in one statement.
func (f *floorDB) periodsOps(year, c int) []op {
	today := time.Now().In(officeZone()).Format(time.DateOnly)
	return f.repeat(c, func(ctx context.Context) error {
		rows, err := f.db.QueryContext(ctx, f.rebind("SELECT id, name, kind, year, start_date, end_date, deadline_days, deadline, counts_investment, closed, created_by, created_at, version FROM periods WHERE year = ? ORDER BY end_date DESC, id DESC"), year)
		if err != nil {
			return err
		}
		args := []any{today, "draft", "returned"}
		for rows.Next() {
			var id int64
			var skip [12]any
			if err := rows.Scan(&id, &skip[0], &skip[1], &skip[2], &skip[3], &skip[4], &skip[5], &skip[6], &skip[7], &skip[8], &skip[9], &skip[10], &skip[11]); err != nil {
				rows.Close()
				return err
			}
			args = append(args, id)
		}
		rows.Close()
		_, err = f.scan(ctx, countsSQL(len(args)-3), args...)
		return err
	})
}

// boardOps are the board's statements: every light's colour, the red
// lights turned off this month, and the results of the page shown (the
// first 50 red ones, as LightResults reads them).
func (f *floorDB) boardOps(year, c int) []op {
	monthStart := time.Now().In(officeZone())
	monthStart = time.Date(monthStart.Year(), monthStart.Month(), 1, 0, 0, 0, 0, officeZone()).UTC()
	return f.repeat(c, func(ctx context.Context) error {
		page, err := f.boardRows(ctx, year)
		if err != nil {
			return err
		}
		return f.all(ctx,
			f.q(ctx, `SELECT COUNT(DISTINCT h.project_id) FROM light_history h JOIN projects p ON p.id = h.project_id
				WHERE h.year = ? AND h.from_colour = ? AND h.to_colour <> ? AND h.at >= ?`, year, "red", "red", monthStart.Format("2006-01-02T15:04:05.000000Z")),
			f.q(ctx, "SELECT project_id, results FROM project_lights WHERE year = ? AND project_id IN ("+
				strings.TrimSuffix(strings.Repeat("?,", len(page)-1), ",")+")", page...))
	})
}

// boardRows runs BoardRows' statement and returns the year and the ids of
// the first 50 red lights, as the arguments of the page's results.
func (f *floorDB) boardRows(ctx context.Context, year int) ([]any, error) {
	rows, err := f.db.QueryContext(ctx, f.rebind(board), year, false)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	page := []any{year}
	vals := make([]any, 12)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		if c, _ := vals[7].(string); c == "red" && len(page) <= 50 {
			page = append(page, vals[0])
		}
	}
	if len(page) == 1 {
		page = append(page, 0)
	}
	return page, rows.Err()
}

func (f *floorDB) cockpitOps(year, c int) []op {
	return f.repeat(c, func(ctx context.Context) error {
		return f.all(ctx,
			f.q(ctx, figuresSQL(year), year, false),
			f.q(ctx, "SELECT value FROM settings WHERE key = ?", "start_targets"),
			func() error { _, err := f.boardRows(ctx, year); return err },
			f.q(ctx, problemCountsSQL))
	})
}

func (f *floorDB) repeat(c int, run func(ctx context.Context) error) []op {
	ops := make([]op, c)
	for i := range ops {
		ops[i] = func(ctx context.Context, n int) error { return run(ctx) }
	}
	return ops
}
