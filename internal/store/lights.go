package store

import (
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/lights"
)

// Workdays counts working days from a to b (a not counted, b counted), on
// the official calendar; the caller supplies it.
type Workdays func(from, to string) int

// lightFacts gathers what the rules look at for the live projects of
// year's list (ids nil: all of them) as of asOf, in a few set queries.
func (r reader) lightFacts(year int, asOf time.Time, ids []int64, workdays Workdays) (map[int64]*lights.Facts, error) {
	asOfS := asOf.Format(time.DateOnly)
	in, inArgs := "", []any{}
	if ids != nil {
		if len(ids) == 0 {
			return map[int64]*lights.Facts{}, nil
		}
		in = " AND p.id IN (" + placeholders(len(ids)) + ")"
		for _, id := range ids {
			inArgs = append(inArgs, id)
		}
	}
	var months strings.Builder
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&months, ", COALESCE(f.m%02d, 0)", m)
	}
	rows, err := r.Query(`SELECT p.id, p.stage, p.planned_start, p.actual_start, y.planned_yuan,
		CASE WHEN EXISTS (SELECT 1 FROM project_figures s WHERE s.project_id = p.id AND s.stats_yuan > 0) THEN 1 ELSE 0 END`+
		months.String()+` FROM projects p JOIN project_years y ON y.project_id = p.id AND y.year = ?
		LEFT JOIN project_figures f ON f.project_id = p.id AND f.year = ?
		WHERE p.archived = ?`+in, append([]any{year, year, false}, inArgs...)...)
	if err != nil {
		return nil, err
	}
	cut := monthCut(year, asOf)
	out := map[int64]*lights.Facts{}
	for rows.Next() {
		var id int64
		var stats int
		var m [12]int64
		f := &lights.Facts{AsOf: asOfS, ElapsedShare: tuijin.ElapsedShare(year, asOf)}
		dest := []any{&id, &f.Stage, &f.PlannedStart, &f.ActualStart, &f.PlannedYuan, &stats}
		for i := range m {
			dest = append(dest, &m[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, err
		}
		f.Started = tuijin.Stage(f.Stage).Started() || f.ActualStart != ""
		f.StatsEntered = stats == 1
		f.CompletedYuan = sumMonths(m, cut)
		for back := 1; back <= 3 && cut-back >= 1; back++ {
			end := time.Date(year, time.Month(cut-back)+1, 0, 0, 0, 0, 0, time.UTC)
			f.MonthEnds = append(f.MonthEnds, lights.Snapshot{CompletedYuan: sumMonths(m, cut-back), ElapsedShare: tuijin.ElapsedShare(year, end)})
		}
		out[id] = f
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := r.overdueNodes(year, asOfS, in, inArgs, out, workdays); err != nil {
		return nil, err
	}
	if err := r.overdueProblems(asOfS, in, inArgs, out); err != nil {
		return nil, err
	}
	return out, r.missingReports(year, asOfS, in, inArgs, out)
}

func monthCut(year int, asOf time.Time) int {
	switch {
	case asOf.Year() < year:
		return 0
	case asOf.Year() > year:
		return 12
	}
	return int(asOf.Month())
}

func sumMonths(m [12]int64, cut int) int64 {
	var s int64
	for i := 0; i < cut && i < 12; i++ {
		s += m[i]
	}
	return s
}

// overdueNodes finds each project's most overdue open node.
func (r reader) overdueNodes(year int, asOf, in string, inArgs []any, out map[int64]*lights.Facts, workdays Workdays) error {
	rows, err := r.Query(`SELECT n.project_id, n.name, n.planned_finish FROM nodes n JOIN projects p ON p.id = n.project_id
		JOIN project_years y ON y.project_id = p.id AND y.year = ?
		WHERE n.actual_finish = '' AND n.planned_finish <> '' AND n.planned_finish < ?`+in+
		` ORDER BY n.project_id, n.planned_finish`, append([]any{year, asOf}, inArgs...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name, finish string
		if err := rows.Scan(&id, &name, &finish); err != nil {
			return err
		}
		if f := out[id]; f != nil && f.OverdueNodeName == "" {
			f.OverdueNodeName, f.OverdueNodeDays = name, workdays(finish, asOf)
		}
	}
	return rows.Err()
}

// overdueProblems counts each project's open problems past their deadline.
func (r reader) overdueProblems(asOf, in string, inArgs []any, out map[int64]*lights.Facts) error {
	rows, err := r.Query(`SELECT pr.project_id, COUNT(*) FROM problems pr JOIN projects p ON p.id = pr.project_id
		WHERE pr.status <> ? AND pr.deadline < ?`+in+` GROUP BY pr.project_id`, append([]any{tuijin.ProblemClosed, asOf}, inArgs...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		if f := out[id]; f != nil {
			f.OverdueProblems = n
		}
	}
	return rows.Err()
}

// missingReports counts, per project, the latest past-deadline periods in
// a row whose report was not submitted.
func (r reader) missingReports(year int, asOf, in string, inArgs []any, out map[int64]*lights.Facts) error {
	prows, err := r.Query("SELECT id FROM periods WHERE year = ? AND deadline < ? ORDER BY end_date DESC, id DESC LIMIT 6", year, asOf)
	if err != nil {
		return err
	}
	var periods []any
	order := map[int64]int{}
	for prows.Next() {
		var id int64
		if err := prows.Scan(&id); err != nil {
			prows.Close()
			return err
		}
		order[id] = len(periods)
		periods = append(periods, id)
	}
	prows.Close()
	if len(periods) == 0 {
		return prows.Err()
	}
	rows, err := r.Query(`SELECT r.project_id, r.period_id, r.status FROM reports r JOIN projects p ON p.id = r.project_id
		WHERE r.period_id IN (`+placeholders(len(periods))+`)`+in, append(periods, inArgs...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	missing := map[int64][]bool{} // per project, per period newest first: missing?
	present := map[int64][]bool{}
	for rows.Next() {
		var id, pid int64
		var status tuijin.ReportStatus
		if err := rows.Scan(&id, &pid, &status); err != nil {
			return err
		}
		if missing[id] == nil {
			missing[id], present[id] = make([]bool, len(periods)), make([]bool, len(periods))
		}
		i := order[pid]
		present[id][i] = true
		missing[id][i] = status == tuijin.ReportDraft || status == tuijin.ReportReturned
	}
	for id, ms := range missing {
		f := out[id]
		if f == nil {
			continue
		}
		for i := range ms {
			if !present[id][i] || !ms[i] {
				break
			}
			f.MissingReports++
		}
	}
	return rows.Err()
}

// activeRules returns the active rule set of year, or the default preset
// when the office has not chosen one.
func (r reader) activeRules(year int) ([]lights.Rule, error) {
	var rules []lights.Rule
	err := r.QueryRow("SELECT rules FROM light_rule_sets WHERE year = ? AND active = ?", year, true).Scan(jsonCol{&rules})
	if err == sql.ErrNoRows {
		p, _ := lights.PresetByKey("tuijin")
		return p.Rules, nil
	}
	return rules, err
}

// storedLight is a project's light as kept.
type storedLight struct {
	colour  lights.Colour
	results string
}

// RecomputeLights evaluates the lights of the projects (ids nil: the whole
// list) inside tx and stores the ones that changed, with history rows and
// inbox events when a light turns red or back. It returns how many
// colours changed.
func (tx *Tx) RecomputeLights(year int, asOf time.Time, ids []int64, cause string, workdays Workdays) (int, error) {
	r := tx.reader()
	rules, err := r.activeRules(year)
	if err != nil {
		return 0, err
	}
	facts, err := r.lightFacts(year, asOf, ids, workdays)
	if err != nil {
		return 0, err
	}
	old, err := r.storedLights(year, ids)
	if err != nil {
		return 0, err
	}
	changed := 0
	now := ts(tx.now)
	// In id order, so that the rows written (history, inbox) come out the
	// same on every run.
	for _, id := range slices.Sorted(maps.Keys(facts)) {
		f := facts[id]
		l := lights.Evaluate(rules, *f)
		results := jsonText(l.Results)
		prev, had := old[id]
		if had && prev.colour == l.Colour && prev.results == results {
			continue
		}
		if !had || prev.colour != l.Colour {
			if err := tx.touch(HeadLights); err != nil {
				return changed, err
			}
		}
		if !had {
			_, err = tx.Exec(`INSERT INTO project_lights (project_id, year, colour, results, computed_at, changed_at) VALUES (?, ?, ?, ?, ?, ?)`,
				id, year, l.Colour, results, now, now)
		} else if prev.colour != l.Colour {
			_, err = tx.Exec("UPDATE project_lights SET colour = ?, results = ?, computed_at = ?, changed_at = ? WHERE year = ? AND project_id = ?",
				l.Colour, results, now, now, year, id)
		} else {
			_, err = tx.Exec("UPDATE project_lights SET results = ?, computed_at = ? WHERE year = ? AND project_id = ?", results, now, year, id)
		}
		if err != nil {
			return changed, err
		}
		from := lights.Green
		if had {
			from = prev.colour
		}
		if from != l.Colour || (!had && l.Colour != lights.Green) {
			changed++
			if err := tx.lightChanged(id, year, from, l, cause); err != nil {
				return changed, err
			}
		}
	}
	return changed, nil
}

func (r reader) storedLights(year int, ids []int64) (map[int64]storedLight, error) {
	q, args := "SELECT project_id, colour, results FROM project_lights WHERE year = ?", []any{year}
	if ids != nil {
		if len(ids) == 0 {
			return map[int64]storedLight{}, nil
		}
		q += " AND project_id IN (" + placeholders(len(ids)) + ")"
		for _, id := range ids {
			args = append(args, id)
		}
	}
	rows, err := r.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]storedLight{}
	for rows.Next() {
		var id int64
		var s storedLight
		if err := rows.Scan(&id, &s.colour, &s.results); err != nil {
			return nil, err
		}
		out[id] = s
	}
	return out, rows.Err()
}

// lightChanged records a colour change and tells the people of the
// project when it turns red or stops being red.
func (tx *Tx) lightChanged(id int64, year int, from lights.Colour, l lights.Light, cause string) error {
	var hid int64
	if err := tx.QueryRow(`INSERT INTO light_history (project_id, year, from_colour, to_colour, results, cause, username, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, id, year, from, l.Colour, jsonText(l.Results), cause, tx.actor.Username, ts(tx.now)).Scan(&hid); err != nil {
		return err
	}
	if from != lights.Red && l.Colour != lights.Red {
		return nil
	}
	var name string
	if err := tx.QueryRow("SELECT name FROM projects WHERE id = ?", id).Scan(&name); err != nil {
		return err
	}
	people, err := tx.projectPeople(id)
	if err != nil {
		return err
	}
	n := tuijin.Notification{Kind: "light_red", ProjectID: &id, Link: "/projects/" + strconv.FormatInt(id, 10), Args: []string{name}}
	if l.Colour != lights.Red {
		n.Kind = "light_off"
	}
	_, err = tx.Notify(people, n, fmt.Sprintf("light:%d", hid))
	return err
}
