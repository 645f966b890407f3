package store

import (
	"context"
	"database/sql"

	"tuijin"
)

// CreateProject adds a project to the ledger.
func (db *DB) CreateProject(ctx context.Context, actor *tuijin.Actor, p *tuijin.Project) (*tuijin.Project, error) {
	if err := actor.Require(tuijin.PermCreateProjects); err != nil {
		return nil, err
	}
	var out *tuijin.Project
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		out, err = tx.CreateProject(p)
		return err
	})
	return out, err
}

// CreateProject inserts p inside tx (the ledger import composes many).
func (tx *Tx) CreateProject(p *tuijin.Project) (*tuijin.Project, error) {
	p.Archived = false
	if err := tx.prepareProject(p); err != nil {
		return nil, err
	}
	if err := tx.touchLedger(); err != nil {
		return nil, err
	}
	now := ts(tx.now)
	var id int64
	err := tx.QueryRow("INSERT INTO projects ("+projectWriteCols+", created_at, updated_at, version) VALUES ("+
		placeholders(44)+", ?, ?, 1) RETURNING id", append(projectValues(p), now, now)...).Scan(&id)
	if err != nil {
		return nil, uniqueViolation(err, "code")
	}
	if err := tx.replaceYears(id, p.Years); err != nil {
		return nil, err
	}
	out, err := projectByID(tx.reader(), tuijin.SystemActor, id)
	if err != nil {
		return nil, err
	}
	return out, tx.Audit("create", "project", id, tuijin.Changes(nil, out))
}

// prepareProject validates p and checks and fills its references.
func (tx *Tx) prepareProject(p *tuijin.Project) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var v tuijin.Validation
	for field, id := range map[string]*int64{"department_id": p.DepartmentID, "owner_department_id": p.OwnerDepartmentID} {
		if id == nil {
			continue
		}
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM departments WHERE id = ?", *id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			v.Add(field, "no_such_department")
		}
	}
	for field, ref := range map[string]struct {
		id   *int64
		name *string
	}{"leader_id": {p.LeaderID, &p.LeaderName}, "officer_id": {p.OfficerID, &p.OfficerName}} {
		if ref.id == nil {
			continue
		}
		// The chain shows the user's current name next to the id.
		err := tx.QueryRow("SELECT display_name FROM users WHERE id = ?", *ref.id).Scan(ref.name)
		if err == sql.ErrNoRows {
			v.Add(field, "no_such_user")
		} else if err != nil {
			return err
		}
	}
	return v.Err()
}

func (tx *Tx) replaceYears(id int64, years []tuijin.YearPlan) error {
	if _, err := tx.Exec("DELETE FROM project_years WHERE project_id = ?", id); err != nil {
		return err
	}
	for _, y := range years {
		if _, err := tx.Exec("INSERT INTO project_years (project_id, year, planned_yuan, level) VALUES (?, ?, ?, ?)",
			id, y.Year, y.PlannedYuan, y.Level); err != nil {
			return err
		}
	}
	return nil
}

// chainFields may be changed only by those who keep the ledger: the
// responsibility chain and the year lists decide who sees and answers for a
// project.
var chainFields = []string{"department_id", "owner_department_id", "leader_id", "officer_id", "years", "archived"}

// UpdateProject loads the project, lets change modify a copy, and stores
// the result when version is current. change is where a handler applies a
// PATCH body; it must not touch ID, Stage or Version (stages move through
// ChangeStage, so that their history is kept).
func (db *DB) UpdateProject(ctx context.Context, actor *tuijin.Actor, id, version int64, change func(*tuijin.Project) error) (*tuijin.Project, error) {
	if err := actor.Require(tuijin.PermEditProjects); err != nil {
		return nil, err
	}
	var out *tuijin.Project
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := projectByID(tx.reader(), actor, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return tuijin.ErrStale
		}
		after := before.Clone()
		if err := change(after); err != nil {
			return err
		}
		after.ID, after.Stage, after.Version = before.ID, before.Stage, before.Version
		diff := tuijin.Changes(before, after)
		if !actor.Can(tuijin.PermCreateProjects) {
			for _, f := range chainFields {
				if _, changed := diff[f]; changed {
					return tuijin.ErrForbidden
				}
			}
		}
		out, err = tx.updateProject(before, after)
		return err
	})
	return out, err
}

func (tx *Tx) updateProject(before, after *tuijin.Project) (*tuijin.Project, error) {
	if err := tx.prepareProject(after); err != nil {
		return nil, err
	}
	if err := tx.touchLedger(); err != nil {
		return nil, err
	}
	res, err := tx.Exec("UPDATE projects SET ("+projectWriteCols+", updated_at, version) = ("+placeholders(44)+", ?, version + 1) WHERE id = ? AND version = ?",
		append(projectValues(after), ts(tx.now), before.ID, before.Version)...)
	if err != nil {
		return nil, uniqueViolation(err, "code")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, tuijin.ErrStale
	}
	if err := tx.replaceYears(before.ID, after.Years); err != nil {
		return nil, err
	}
	out, err := projectByID(tx.reader(), tuijin.SystemActor, before.ID)
	if err != nil {
		return nil, err
	}
	return out, tx.Audit("update", "project", before.ID, tuijin.Changes(before, out))
}

// ArchiveProject takes a project off the ledger without deleting it
// (archived projects keep their history and can be restored).
func (db *DB) ArchiveProject(ctx context.Context, actor *tuijin.Actor, id, version int64, archived bool) (*tuijin.Project, error) {
	if err := actor.Require(tuijin.PermCreateProjects); err != nil {
		return nil, err
	}
	return db.UpdateProject(ctx, actor, id, version, func(p *tuijin.Project) error {
		p.Archived = archived
		return nil
	})
}

// ChangeStage moves a project along its lifecycle and records who, when
// and why.
func (db *DB) ChangeStage(ctx context.Context, actor *tuijin.Actor, id int64, c tuijin.StageChange) (*tuijin.Project, error) {
	if err := actor.Require(tuijin.PermEditProjects); err != nil {
		return nil, err
	}
	var out *tuijin.Project
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := projectByID(tx.reader(), actor, id)
		if err != nil {
			return err
		}
		if before.Version != c.Version {
			return tuijin.ErrStale
		}
		after := before.Clone()
		if err := c.Apply(after); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE projects SET stage = ?, actual_start = ?, actual_completion = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, after.Stage, after.ActualStart, after.ActualCompletion, ts(tx.now), id, c.Version); err != nil {
			return err
		}
		if err := tx.touchLedger(); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO project_stages (project_id, from_stage, to_stage, on_date, reason, user_id, username, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, before.Stage, after.Stage, c.Date, c.Reason, nullInt(actorID(actor)), actor.Username, ts(tx.now)); err != nil {
			return err
		}
		if out, err = projectByID(tx.reader(), tuijin.SystemActor, id); err != nil {
			return err
		}
		changes := tuijin.Changes(before, out)
		if c.Reason != "" {
			changes["reason"] = [2]any{nil, c.Reason}
		}
		return tx.Audit("stage", "project", id, changes)
	})
	return out, err
}

// StageHistory lists a project's stage changes, oldest first.
func (db *DB) StageHistory(ctx context.Context, actor *tuijin.Actor, id int64) ([]tuijin.StageEvent, error) {
	if _, err := db.Project(ctx, actor, id); err != nil {
		return nil, err
	}
	rows, err := db.reader(ctx).Query("SELECT id, from_stage, to_stage, on_date, reason, username, at FROM project_stages WHERE project_id = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.StageEvent{}
	for rows.Next() {
		var e tuijin.StageEvent
		var at timeCol
		if err := rows.Scan(&e.ID, &e.From, &e.To, &e.Date, &e.Reason, &e.Username, &at); err != nil {
			return nil, err
		}
		e.At = at.T
		out = append(out, e)
	}
	return out, rows.Err()
}

// CarryOver puts every project of year's list that is not finished on the
// next year's list as continued (续建), with a zero plan for the office to
// fill in. Projects already on next year's list are left as they are. It
// returns how many were added.
func (db *DB) CarryOver(ctx context.Context, actor *tuijin.Actor, year int) (int, error) {
	if err := actor.Require(tuijin.PermCreateProjects); err != nil {
		return 0, err
	}
	n := 0
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		rows, err := tx.Query(`SELECT p.id FROM projects p JOIN project_years y ON y.project_id = p.id AND y.year = ?
			WHERE p.archived = ? AND p.stage NOT IN (?, ?)
			AND NOT EXISTS (SELECT 1 FROM project_years z WHERE z.project_id = p.id AND z.year = ?) ORDER BY p.id`,
			year, false, tuijin.StageCompleted, tuijin.StageOperating, year+1)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			before, err := projectByID(tx.reader(), tuijin.SystemActor, id)
			if err != nil {
				return err
			}
			after := before.Clone()
			prev, _ := before.PlanFor(year)
			after.Years = append(after.Years, tuijin.YearPlan{Year: year + 1, Level: prev.Level})
			after.Nature = tuijin.NatureContinued
			if _, err := tx.updateProject(before, after); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}
