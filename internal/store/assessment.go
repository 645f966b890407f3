package store

import (
	"context"
	"database/sql"
	"time"

	"tuijin"
)

// ScoreFacts gathers each project's facts for a period's assessment, for
// the projects in the period that the actor may see.
func (db *DB) ScoreFacts(ctx context.Context, actor *tuijin.Actor, periodID int64) (*tuijin.Period, []tuijin.ScoreFacts, error) {
	r := db.reader(ctx)
	p, err := scanPeriod(r.QueryRow("SELECT "+periodCols+" FROM periods WHERE id = ?", periodID))
	if err != nil {
		return nil, nil, err
	}
	end, _ := time.Parse(time.DateOnly, p.End)
	cut := monthCut(p.Year, end)
	elapsed := tuijin.ElapsedShare(p.Year, end)
	where, args := "r.period_id = ?", []any{periodID}
	if cond, cargs := projectScope(actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	rows, err := r.Query(`SELECT p.id, p.name, COALESCE(d.name, ''), p.town, p.department_id, COALESCE(y.planned_yuan, 0),
		COALESCE(f.m01,0), COALESCE(f.m02,0), COALESCE(f.m03,0), COALESCE(f.m04,0), COALESCE(f.m05,0), COALESCE(f.m06,0),
		COALESCE(f.m07,0), COALESCE(f.m08,0), COALESCE(f.m09,0), COALESCE(f.m10,0), COALESCE(f.m11,0), COALESCE(f.m12,0),
		r.status, COALESCE(r.submitted_at, ''), p.actual_start, p.actual_completion
		FROM reports r JOIN projects p ON p.id = r.project_id LEFT JOIN departments d ON d.id = p.department_id
		LEFT JOIN project_years y ON y.project_id = p.id AND y.year = ?
		LEFT JOIN project_figures f ON f.project_id = p.id AND f.year = ?
		WHERE `+where+` ORDER BY p.id`, append([]any{p.Year, p.Year}, args...)...)
	if err != nil {
		return nil, nil, err
	}
	var out []tuijin.ScoreFacts
	for rows.Next() {
		var f tuijin.ScoreFacts
		var dept sql.NullInt64
		var plan int64
		var m [12]int64
		var status tuijin.ReportStatus
		var submitted, start, done string
		dest := []any{&f.ProjectID, &f.Name, &f.Department, &f.Town, &dept, &plan}
		for i := range m {
			dest = append(dest, &m[i])
		}
		if err := rows.Scan(append(dest, &status, &submitted, &start, &done)...); err != nil {
			rows.Close()
			return nil, nil, err
		}
		f.DepartmentID = intPtr(dept)
		f.InvestmentShare = -1
		if plan > 0 && elapsed > 0 {
			f.InvestmentShare = float64(sumMonths(m, cut)) * 100 / float64(plan) / elapsed
		}
		f.ReportOnTime = (status == tuijin.ReportSubmitted || status == tuijin.ReportApproved) && len(submitted) >= 10 && submitted[:10] <= p.Deadline
		f.Started = start >= p.Start && start <= p.End
		f.Completed = done >= p.Start && done <= p.End
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return p, out, r.onTimeShares(p.End, out)
}

// onTimeShares fills the share of nodes and problems due by end that were
// done or closed on time.
func (r reader) onTimeShares(end string, facts []tuijin.ScoreFacts) error {
	index := map[int64]int{}
	for i, f := range facts {
		index[f.ProjectID] = i
		facts[i].NodesShare, facts[i].ProblemsShare = -1, -1
	}
	for _, q := range []struct {
		sql   string
		share func(*tuijin.ScoreFacts) *float64
	}{
		{`SELECT project_id, COUNT(*), SUM(CASE WHEN actual_finish <> '' AND actual_finish <= planned_finish THEN 1 ELSE 0 END)
			FROM nodes WHERE planned_finish <> '' AND planned_finish <= ? GROUP BY project_id`, func(f *tuijin.ScoreFacts) *float64 { return &f.NodesShare }},
		{`SELECT project_id, COUNT(*), SUM(CASE WHEN status = 'closed' AND closed_on <= deadline THEN 1 ELSE 0 END)
			FROM problems WHERE project_id IS NOT NULL AND deadline <= ? GROUP BY project_id`, func(f *tuijin.ScoreFacts) *float64 { return &f.ProblemsShare }},
	} {
		rows, err := r.Query(q.sql, end)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var n, ok int
			if err := rows.Scan(&id, &n, &ok); err != nil {
				rows.Close()
				return err
			}
			if i, found := index[id]; found && n > 0 {
				*q.share(&facts[i]) = float64(ok) / float64(n)
			}
		}
		rows.Close()
	}
	return nil
}

// PublishedRanking is a ranking the office published for a period.
type PublishedRanking struct {
	PeriodID    int64          `json:"period_id"`
	PeriodName  string         `json:"period_name"`
	Grouping    string         `json:"grouping"`
	Scheme      tuijin.Scheme  `json:"scheme"`
	Scores      []tuijin.Score `json:"scores"`
	PublishedBy string         `json:"published_by"`
	PublishedAt time.Time      `json:"published_at"`
}

// PublishRanking keeps a period's ranking for the history (the office).
func (db *DB) PublishRanking(ctx context.Context, actor *tuijin.Actor, periodID int64, grouping string, scheme tuijin.Scheme, scores []tuijin.Score) error {
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		if _, err := tx.Exec(`INSERT INTO assessment_results (period_id, grouping, scheme, scores, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (period_id, grouping) DO UPDATE SET scheme = excluded.scheme, scores = excluded.scores,
			published_by = excluded.published_by, published_at = excluded.published_at`,
			periodID, grouping, jsonText(scheme), jsonText(scores), actor.Username, ts(tx.now)); err != nil {
			return err
		}
		return tx.Audit("publish", "assessment", periodID, map[string][2]any{"grouping": {nil, grouping}, "entries": {nil, len(scores)}})
	})
}

// Rankings lists the published rankings of a grouping, newest period first.
func (db *DB) Rankings(ctx context.Context, grouping string, year int) ([]PublishedRanking, error) {
	rows, err := db.reader(ctx).Query(`SELECT a.period_id, p.name, a.grouping, a.scheme, a.scores, a.published_by, a.published_at
		FROM assessment_results a JOIN periods p ON p.id = a.period_id WHERE a.grouping = ? AND (? = 0 OR p.year = ?)
		ORDER BY p.end_date DESC, p.id DESC`, grouping, year, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []PublishedRanking{}
	for rows.Next() {
		var pr PublishedRanking
		var at timeCol
		if err := rows.Scan(&pr.PeriodID, &pr.PeriodName, &pr.Grouping, jsonCol{&pr.Scheme}, jsonCol{&pr.Scores}, &pr.PublishedBy, &at); err != nil {
			return nil, err
		}
		pr.PublishedAt = at.T
		out = append(out, pr)
	}
	return out, rows.Err()
}
