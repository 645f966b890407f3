package store

import (
	"context"
	"database/sql"
	"time"

	"tuijin"
	"tuijin/internal/lights"
)

// ProjectLight is a project's light as the API shows it.
type ProjectLight struct {
	ProjectID  int64           `json:"project_id"`
	Year       int             `json:"year"`
	Colour     lights.Colour   `json:"colour"`   // what counts: the override while it lasts
	Computed   lights.Colour   `json:"computed"` // what the rules say
	Results    []lights.Result `json:"results"`
	ComputedAt *time.Time      `json:"computed_at"`
	ChangedAt  *time.Time      `json:"changed_at"`
	Override   *LightOverride  `json:"override"`
	History    []LightChange   `json:"history"`
}

// LightOverride is a supervision decision that sets a light for a time.
type LightOverride struct {
	Colour lights.Colour `json:"colour"`
	Reason string        `json:"reason"`
	Until  string        `json:"until"`
	By     string        `json:"by"`
}

// LightChange is one row of a light's history.
type LightChange struct {
	From     lights.Colour   `json:"from"`
	To       lights.Colour   `json:"to"`
	Results  []lights.Result `json:"results"`
	Cause    string          `json:"cause"`
	Username string          `json:"username"`
	At       time.Time       `json:"at"`
}

// effective is the colour that counts today.
func effective(computed lights.Colour, o *LightOverride, today string) lights.Colour {
	if o != nil && o.Until >= today {
		return o.Colour
	}
	return computed
}

// ProjectLight returns a project's light with its history.
func (db *DB) ProjectLight(ctx context.Context, actor *tuijin.Actor, projectID int64, year int, today string) (*ProjectLight, error) {
	r := db.reader(ctx)
	if _, err := projectByID(r, actor, projectID); err != nil {
		return nil, err
	}
	out := &ProjectLight{ProjectID: projectID, Year: year, Colour: lights.Green, Computed: lights.Green, Results: []lights.Result{}, History: []LightChange{}}
	var oc, reason, until, by string
	var comp, changed timeCol
	err := r.QueryRow(`SELECT colour, results, computed_at, changed_at, override_colour, override_reason, override_until, override_by
		FROM project_lights WHERE year = ? AND project_id = ?`, year, projectID).Scan(&out.Computed, jsonCol{&out.Results}, &comp, &changed,
		&oc, &reason, &until, &by)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	out.ComputedAt, out.ChangedAt = comp.Ptr(), changed.Ptr()
	if oc != "" && until >= today {
		out.Override = &LightOverride{Colour: lights.Colour(oc), Reason: reason, Until: until, By: by}
	}
	out.Colour = effective(out.Computed, out.Override, today)
	rows, err := r.Query("SELECT from_colour, to_colour, results, cause, username, at FROM light_history WHERE project_id = ? AND year = ? ORDER BY id DESC LIMIT 50", projectID, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var h LightChange
		var at timeCol
		if err := rows.Scan(&h.From, &h.To, jsonCol{&h.Results}, &h.Cause, &h.Username, &at); err != nil {
			return nil, err
		}
		h.At = at.T
		out.History = append(out.History, h)
	}
	return out, rows.Err()
}

// SetLightOverride lets the supervision role set a project's light, with a
// reason and an expiry; an empty colour removes the override.
func (db *DB) SetLightOverride(ctx context.Context, actor *tuijin.Actor, projectID int64, year int, o LightOverride) error {
	if actor.Role != tuijin.RoleSupervisor && actor.Role != tuijin.RoleAdmin && !actor.System {
		return tuijin.ErrForbidden
	}
	if _, err := db.Project(ctx, actor, projectID); err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		if err := tx.touch(HeadLights); err != nil {
			return err
		}
		now := ts(tx.now)
		if _, err := tx.Exec(`INSERT INTO project_lights (project_id, year, colour, results, computed_at, changed_at) VALUES (?, ?, ?, '[]', ?, ?)
			ON CONFLICT (year, project_id) DO NOTHING`, projectID, year, lights.Green, now, now); err != nil {
			return err
		}
		var before LightOverride
		tx.QueryRow("SELECT override_colour, override_reason, override_until FROM project_lights WHERE year = ? AND project_id = ?",
			year, projectID).Scan(&before.Colour, &before.Reason, &before.Until)
		by := actor.Username
		if o.Colour == "" {
			o, by = LightOverride{}, ""
		}
		if _, err := tx.Exec(`UPDATE project_lights SET override_colour = ?, override_reason = ?, override_until = ?, override_by = ?
			WHERE year = ? AND project_id = ?`, o.Colour, o.Reason, o.Until, by, year, projectID); err != nil {
			return err
		}
		return tx.Audit("override", "project_light", projectID, map[string][2]any{
			"colour": {before.Colour, o.Colour}, "reason": {before.Reason, o.Reason}, "until": {before.Until, o.Until}})
	})
}

// BoardItem is a project on the light board.
type BoardItem struct {
	ID             int64           `json:"id"`
	Code           string          `json:"code"`
	Name           string          `json:"name"`
	DepartmentName string          `json:"department_name"`
	LeaderName     string          `json:"leader_name"`
	Town           string          `json:"town"`
	Colour         lights.Colour   `json:"colour"`
	Computed       lights.Colour   `json:"computed"`
	Overridden     bool            `json:"overridden"`
	Results        []lights.Result `json:"results"`
}

// BoardRows reads the lights of every project of a year's list that the
// actor may see and the filter selects (the board and its counts are
// derived from them).
func (db *DB) BoardRows(ctx context.Context, actor *tuijin.Actor, f tuijin.ProjectFilter, today string) ([]BoardItem, []BoardKeys, error) {
	from, where, args := db.projectWhere(actor, f)
	rows, err := db.reader(ctx).Query(`SELECT p.id, p.code, p.name, COALESCE(d.name, ''), p.leader_name, p.town, p.domain,
		COALESCE(l.colour, 'green'), COALESCE(l.override_colour, ''), COALESCE(l.override_until, ''),
		p.department_id, p.leader_id`+from+
		" LEFT JOIN project_lights l ON l.project_id = p.id AND l.year = y.year"+where+" ORDER BY p.id", args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var items []BoardItem
	var keys []BoardKeys
	for rows.Next() {
		var it BoardItem
		var k BoardKeys
		var oc, until string
		var dept, leader sql.NullInt64
		if err := rows.Scan(&it.ID, &it.Code, &it.Name, &it.DepartmentName, &it.LeaderName, &it.Town, &k.Domain,
			&it.Computed, &oc, &until, &dept, &leader); err != nil {
			return nil, nil, err
		}
		var o *LightOverride
		if oc != "" && until >= today {
			o = &LightOverride{Colour: lights.Colour(oc), Until: until}
		}
		it.Colour, it.Overridden = effective(it.Computed, o, today), o != nil
		k.DepartmentID, k.LeaderID = intPtr(dept), intPtr(leader)
		items, keys = append(items, it), append(keys, k)
	}
	return items, keys, rows.Err()
}

// LightResults reads the rules' results of some projects' lights of a
// year: BoardRows leaves them out, and a page shows a few.
func (db *DB) LightResults(ctx context.Context, year int, ids []int64) (map[int64][]lights.Result, error) {
	out := map[int64][]lights.Result{}
	for lo := 0; lo < len(ids); lo += 500 {
		chunk := ids[lo:min(lo+500, len(ids))]
		args := []any{year}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := db.reader(ctx).Query("SELECT project_id, results FROM project_lights WHERE year = ? AND project_id IN ("+placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var rs []lights.Result
			if err := rows.Scan(&id, jsonCol{&rs}); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = rs
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// BoardKeys are the grouping ids of a board row.
type BoardKeys struct {
	DepartmentID, LeaderID *int64
	Domain                 string
}

// LightsTurnedOff counts the projects of a year whose light went from red
// to another colour since a time (the offices' "lights turned off").
func (db *DB) LightsTurnedOff(ctx context.Context, actor *tuijin.Actor, year int, since time.Time) (int, error) {
	q := `SELECT COUNT(DISTINCT h.project_id) FROM light_history h JOIN projects p ON p.id = h.project_id
		WHERE h.year = ? AND h.from_colour = ? AND h.to_colour <> ? AND h.at >= ?`
	args := []any{year, lights.Red, lights.Red, ts(since)}
	if cond, cargs := projectScope(actor); cond != "" {
		q, args = q+" AND "+cond, append(args, cargs...)
	}
	var n int
	err := db.reader(ctx).QueryRow(q, args...).Scan(&n)
	return n, err
}

// PreviewLights evaluates rules on the year's list without storing
// anything: the counts per colour a rule set would give.
func (db *DB) PreviewLights(ctx context.Context, year int, asOf time.Time, rules []lights.Rule, workdays Workdays) (map[lights.Colour]int, error) {
	facts, err := db.reader(ctx).lightFacts(year, asOf, nil, workdays)
	if err != nil {
		return nil, err
	}
	out := map[lights.Colour]int{lights.Green: 0, lights.Yellow: 0, lights.Red: 0}
	for _, f := range facts {
		out[lights.Evaluate(rules, *f).Colour]++
	}
	return out, nil
}

// RecomputeAllLights recomputes every light of year's list in one
// transaction (the daily job and the office's button).
func (db *DB) RecomputeAllLights(ctx context.Context, actor *tuijin.Actor, year int, asOf time.Time, cause string, workdays Workdays) (int, error) {
	if !actor.System && !actor.Can(tuijin.PermManagePeriods) {
		return 0, tuijin.ErrForbidden
	}
	n := 0
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		n, err = tx.RecomputeLights(year, asOf, nil, cause, workdays)
		return err
	})
	return n, err
}
