package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"tuijin"
)

// addFigures moves a project's running sums by an approved report's
// investment (or an amendment's difference), in the month its period ends.
func (tx *Tx) addFigures(projectID int64, periodEnd string, invested, stats int64) error {
	if invested == 0 && stats == 0 {
		return nil
	}
	if err := tx.touch(HeadFigures); err != nil {
		return err
	}
	var year, month int
	if _, err := fmt.Sscanf(periodEnd, "%d-%d-", &year, &month); err != nil || month < 1 || month > 12 {
		return fmt.Errorf("store: period end %q", periodEnd)
	}
	col := fmt.Sprintf("m%02d", month)
	if _, err := tx.Exec(`INSERT INTO project_figures (project_id, year, `+col+`, stats_yuan) VALUES (?, ?, ?, ?)
		ON CONFLICT (year, project_id) DO UPDATE SET `+col+` = project_figures.`+col+` + excluded.`+col+`,
		stats_yuan = project_figures.stats_yuan + excluded.stats_yuan`, projectID, year, invested, stats); err != nil {
		return err
	}
	_, err := tx.Exec("UPDATE projects SET reported_yuan = reported_yuan + ? WHERE id = ?", invested, projectID)
	return err
}

// FigureRows returns the raw figures of every project on the filter's year
// list that the actor may see: one row per project, read from the running
// sums, whatever the number of reports behind them.
func (db *DB) FigureRows(ctx context.Context, actor *tuijin.Actor, f tuijin.ProjectFilter) ([]tuijin.FigureRow, error) {
	if f.Year == 0 {
		return nil, invalidField("year", "required")
	}
	from, where, args := db.projectWhere(actor, f)
	months := func(alias string) string {
		var b strings.Builder
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&b, ", COALESCE(%s.m%02d, 0)", alias, m)
		}
		return b.String()
	}
	q := `SELECT p.id, p.code, p.name, p.department_id, COALESCE(d.name, ''), p.leader_id, p.leader_name, p.domain, p.town, p.stage, p.nature, y.level, p.actual_start,
		p.total_investment_yuan, p.completed_before_yuan, p.reported_yuan, y.planned_yuan, COALESCE(f.stats_yuan, 0)` +
		months("f") + months("g") + from +
		fmt.Sprintf(" LEFT JOIN project_figures f ON f.project_id = p.id AND f.year = %d", f.Year) +
		fmt.Sprintf(" LEFT JOIN project_figures g ON g.project_id = p.id AND g.year = %d", f.Year-1) +
		where + " ORDER BY p.id"
	rows, err := db.reader(ctx).Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.FigureRow{}
	for rows.Next() {
		var r tuijin.FigureRow
		var dept, leader sql.NullInt64
		dest := []any{&r.ProjectID, &r.Code, &r.Name, &dept, &r.DepartmentName, &leader, &r.LeaderName, &r.Domain, &r.Town, &r.Stage, &r.Nature, &r.Level, &r.ActualStart,
			&r.TotalInvestmentYuan, &r.CompletedBeforeYuan, &r.ReportedYuan, &r.PlannedYuan, &r.StatsYuan}
		for m := range 12 {
			dest = append(dest, &r.Months[m])
		}
		for m := range 12 {
			dest = append(dest, &r.LastYearMonths[m])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		r.DepartmentID, r.LeaderID = intPtr(dept), intPtr(leader)
		out = append(out, r)
	}
	return out, rows.Err()
}
