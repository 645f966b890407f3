package store

import (
	"context"
	"strings"

	"tuijin"
)

// PeriodSheetRow is one report of a period with what the monthly report
// sheet shows beside it: the project's plan and chain, and its completion
// in the year and since the start as of the period.
type PeriodSheetRow struct {
	Report              tuijin.Report
	LeaderName          string
	OwnerName           string
	TotalInvestmentYuan int64
	PlannedYuan         int64 // the annual plan of the period's list year
	// YearToDateYuan is what the counting reports of the project approved
	// from January 1 up to the period's end add up to, with this period's
	// report as it stands (reported, not yet approved, included) when the
	// period counts. CumulativeYuan adds what was done before the year and
	// before Tuijin tracked the project.
	YearToDateYuan int64
	CumulativeYuan int64
}

// PeriodSheet returns a period and its reports in the actor's scope, in
// ledger order, with the figures the monthly report sheet shows.
func (db *DB) PeriodSheet(ctx context.Context, actor *tuijin.Actor, periodID int64) (*tuijin.Period, []PeriodSheetRow, error) {
	r := db.reader(ctx)
	pe, err := scanPeriod(r.QueryRow("SELECT "+periodCols+" FROM periods WHERE id = ?", periodID))
	if err != nil {
		return nil, nil, err
	}
	yearStart := pe.End[:4] + "-01-01"
	q := "SELECT " + reportCols + `, r.counts, p.leader_name, p.owner_name, p.total_investment_yuan, COALESCE(y.planned_yuan, 0),
		p.completed_before_yuan,
		(SELECT COALESCE(SUM(o.invested_yuan), 0) FROM reports o WHERE o.project_id = r.project_id AND o.id <> r.id
			AND o.status = ? AND o.counts = ? AND o.period_end >= ? AND o.period_end <= ?),
		(SELECT COALESCE(SUM(o.invested_yuan), 0) FROM reports o WHERE o.project_id = r.project_id AND o.id <> r.id
			AND o.status = ? AND o.counts = ? AND o.period_end <= ?)` + reportFrom +
		" LEFT JOIN project_years y ON y.project_id = p.id AND y.year = pe.year"
	args := []any{tuijin.ReportApproved, true, yearStart, pe.End, tuijin.ReportApproved, true, pe.End}
	where := []string{"r.period_id = ?"}
	args = append(args, periodID)
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = append(where, cond), append(args, cargs...)
	}
	rows, err := r.Query(q+" WHERE "+strings.Join(where, " AND ")+" ORDER BY p.id", args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out := []PeriodSheetRow{}
	for rows.Next() {
		var row PeriodSheetRow
		var counts bool
		var before, priorYear, priorAll int64
		rep, err := scanReport(scanAppend{rows, []any{&counts, &row.LeaderName, &row.OwnerName, &row.TotalInvestmentYuan,
			&row.PlannedYuan, &before, &priorYear, &priorAll}})
		if err != nil {
			return nil, nil, err
		}
		row.Report = *rep
		own := int64(0)
		if counts {
			own = rep.InvestedYuan
		}
		row.YearToDateYuan = priorYear + own
		row.CumulativeYuan = before + priorAll + own
		out = append(out, row)
	}
	return pe, out, rows.Err()
}

// scanAppend scans a row whose first columns are read by another scan
// function, the rest into more.
type scanAppend struct {
	s    interface{ Scan(...any) error }
	more []any
}

func (a scanAppend) Scan(dest ...any) error { return a.s.Scan(append(dest, a.more...)...) }
