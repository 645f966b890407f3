package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"tuijin"
)

// This file holds what the synthetic-data seeder (internal/seed) needs
// beyond the ordinary writes: it replays years of office work, hundreds of
// thousands of writes, so it writes the same rows and audit entries as
// CreateProject, UpdateProject and ChangeStage, but with statements
// prepared once per transaction, the project's current state kept by the
// caller instead of read back, and the audit chain's head held in memory.
// A test (seed_test.go) checks that both paths leave the same records.
//
// The records that come in by the hundred thousand (nodes, reports,
// problems: seed_work.go, seed_problems.go) are written in the state their
// flow reached, with one audit row per kind and transaction ("import", as
// a period sheet import records itself) instead of one per record and
// step: a province's five years would otherwise be millions of audit rows.

// As makes the next writes of tx run for actor at time at: their audit rows
// and timestamps say who and when. The seeder uses it for the records it
// writes through the ordinary Tx methods (departments, accounts).
func (tx *Tx) As(actor *tuijin.Actor, at time.Time) {
	tx.actor, tx.now = actor, at.UTC()
}

// RecordCounts counts users, departments and projects: the seeder refuses
// to mix invented records with real ones.
func (db *DB) RecordCounts(ctx context.Context) (users, departments, projects int, err error) {
	err = db.reader(ctx).QueryRow(`SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM departments), (SELECT COUNT(*) FROM projects)`).
		Scan(&users, &departments, &projects)
	return users, departments, projects, err
}

// Seeding is a write transaction for replaying history in bulk.
type Seeding struct {
	tx    *Tx
	stmts map[string]*sql.Stmt
	// imported counts the records written without their own audit rows,
	// by entity, for the transaction's import rows.
	imported map[string]int
}

// Seed runs f in one write transaction for bulk replay and commits when f
// returns nil. Nothing else may append to the audit trail meanwhile: on
// PostgreSQL the chain's head row stays locked until the commit.
func (db *DB) Seed(ctx context.Context, f func(*Seeding) error) error {
	return db.InTx(ctx, tuijin.SystemActor, func(tx *Tx) error {
		s := &Seeding{tx: tx, stmts: map[string]*sql.Stmt{}, imported: map[string]int{}}
		defer s.closeStmts()
		// The chain's head is the transaction's own (see Tx.Audit), so the
		// bulk rows here and any tx.Audit in between stay one chain; InTx
		// writes it back before the commit.
		if err := tx.lockAuditHead(); err != nil {
			return err
		}
		if err := f(s); err != nil {
			return err
		}
		if err := tx.touchAll(); err != nil {
			return err
		}
		return s.auditImports()
	})
}

// Tx is the transaction itself, for the ordinary writes a bulk
// transaction mixes in (inbox messages, lights).
func (s *Seeding) Tx() *Tx { return s.tx }

// imports notes n records of entity written without their own audit rows.
func (s *Seeding) imports(entity string, n int) { s.imported[entity] += n }

// auditImports writes the transaction's import rows, one per entity in
// name order, by the system at the time of the last write.
func (s *Seeding) auditImports() error {
	names := make([]string, 0, len(s.imported))
	for k, n := range s.imported {
		if n > 0 {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	s.tx.actor = tuijin.SystemActor
	for _, k := range names {
		if err := s.tx.Audit("import", k, 0, map[string][2]any{"rows": {nil, s.imported[k]}}); err != nil {
			return err
		}
	}
	return nil
}

// As makes the next writes run for actor at time at.
func (s *Seeding) As(actor *tuijin.Actor, at time.Time) { s.tx.As(actor, at) }

func (s *Seeding) closeStmts() {
	for _, st := range s.stmts {
		st.Close()
	}
}

// stmt prepares q once per transaction.
func (s *Seeding) stmt(q string) (*sql.Stmt, error) {
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.tx.tx.PrepareContext(s.tx.ctx, s.tx.db.dialect.rebind(q))
	if err != nil {
		return nil, err
	}
	s.stmts[q] = st
	return st, nil
}

func (s *Seeding) exec(q string, args ...any) (sql.Result, error) {
	st, err := s.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(s.tx.ctx, args...)
}

// CreateProject inserts p and sets its ID, version and timestamps. p must
// carry the names the store would fill in from its references
// (DepartmentName, LeaderName, OfficerName), so that the audit row says
// what CreateProject's would.
func (s *Seeding) CreateProject(p *tuijin.Project) error {
	if err := s.tx.touchLedger(); err != nil {
		return err
	}
	p.Archived = false
	if err := p.Validate(); err != nil {
		return err
	}
	st, err := s.stmt("INSERT INTO projects (" + projectWriteCols + ", created_at, updated_at, version) VALUES (" +
		placeholders(44) + ", ?, ?, 1) RETURNING id")
	if err != nil {
		return err
	}
	now := ts(s.tx.now)
	if err := st.QueryRowContext(s.tx.ctx, append(projectValues(p), now, now)...).Scan(&p.ID); err != nil {
		return uniqueViolation(err, "code")
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, s.tx.now, s.tx.now
	p.Years = sortYears(p.Years)
	if err := s.insertYears(p.ID, p.Years); err != nil {
		return err
	}
	return s.audit("create", p.ID, tuijin.Changes(nil, p))
}

// CarryOver puts p, the project's current state, on another year's list
// as continued (续建), as DB.CarryOver does, with the year's plan filled in.
func (s *Seeding) CarryOver(p *tuijin.Project, plan tuijin.YearPlan) error {
	if err := s.tx.touchLedger(); err != nil {
		return err
	}
	before := yearFields{p.Years, p.Nature}
	p.Years, p.Nature = sortYears(append(append([]tuijin.YearPlan{}, p.Years...), plan)), tuijin.NatureContinued
	if err := p.Validate(); err != nil {
		return err
	}
	res, err := s.exec("UPDATE projects SET nature = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
		p.Nature, ts(s.tx.now), p.ID, p.Version)
	if err := rowChanged(res, err); err != nil {
		return err
	}
	if err := s.insertYears(p.ID, []tuijin.YearPlan{plan}); err != nil {
		return err
	}
	p.Version, p.UpdatedAt = p.Version+1, s.tx.now
	// Only the year list and the nature change; diffing just them gives
	// Changes(before, p) at a fraction of its cost.
	return s.audit("update", p.ID, tuijin.Changes(before, yearFields{p.Years, p.Nature}))
}

// yearFields are the fields a carry-over changes, by their JSON names.
type yearFields struct {
	Years  []tuijin.YearPlan `json:"years"`
	Nature tuijin.Nature     `json:"nature"`
}

// ChangeStage moves p, the project's current state, as DB.ChangeStage
// does: same checks, history row and audit row.
func (s *Seeding) ChangeStage(p *tuijin.Project, c tuijin.StageChange) error {
	if err := s.tx.touchLedger(); err != nil {
		return err
	}
	before := p.Clone()
	if err := c.Apply(p); err != nil {
		return err
	}
	res, err := s.exec(`UPDATE projects SET stage = ?, actual_start = ?, actual_completion = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, p.Stage, p.ActualStart, p.ActualCompletion, ts(s.tx.now), p.ID, p.Version)
	if err := rowChanged(res, err); err != nil {
		return err
	}
	actor := s.tx.actor
	if _, err := s.exec(`INSERT INTO project_stages (project_id, from_stage, to_stage, on_date, reason, user_id, username, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, before.Stage, p.Stage, c.Date, c.Reason, nullInt(actorID(actor)), actor.Username, ts(s.tx.now)); err != nil {
		return err
	}
	p.Version, p.UpdatedAt = p.Version+1, s.tx.now
	// StageChange.Apply touches these three fields only; diffing just them
	// gives Changes(before, p) at a fraction of its cost.
	changes := tuijin.Changes(stageFields{before.Stage, before.ActualStart, before.ActualCompletion},
		stageFields{p.Stage, p.ActualStart, p.ActualCompletion})
	if c.Reason != "" {
		changes["reason"] = [2]any{nil, c.Reason}
	}
	return s.audit("stage", p.ID, changes)
}

// stageFields are the fields a stage change may change, by their JSON
// names.
type stageFields struct {
	Stage            tuijin.Stage `json:"stage"`
	ActualStart      string       `json:"actual_start"`
	ActualCompletion string       `json:"actual_completion"`
}

func rowChanged(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return tuijin.ErrStale
	}
	return nil
}

func (s *Seeding) insertYears(id int64, years []tuijin.YearPlan) error {
	for _, y := range years {
		if _, err := s.exec("INSERT INTO project_years (project_id, year, planned_yuan, level) VALUES (?, ?, ?, ?)",
			id, y.Year, y.PlannedYuan, y.Level); err != nil {
			return err
		}
	}
	return nil
}

// audit appends to the chain as Tx.Audit does, with the head in memory.
func (s *Seeding) audit(action string, projectID int64, changes map[string][2]any) error {
	if action == "update" && len(changes) == 0 {
		return nil
	}
	actor, req := s.tx.actor, tuijin.RequestFrom(s.tx.ctx)
	head := s.tx.head
	row := auditRow{ID: head.id + 1, At: ts(s.tx.now), Username: actor.Username, Action: action, Entity: "project",
		Changes: jsonText(changes), RequestID: req.ID, IP: req.IP, PrevHash: head.hash,
		EntityID: sql.NullInt64{Int64: projectID, Valid: true}}
	if !actor.System && actor.UserID != 0 {
		row.UserID = sql.NullInt64{Int64: actor.UserID, Valid: true}
	}
	row.Hash = row.computeHash()
	if _, err := s.exec(`INSERT INTO audit_log (id, at, user_id, username, action, entity, entity_id, changes, request_id, ip, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, row.ID, row.At, row.UserID, row.Username, row.Action, row.Entity, row.EntityID,
		row.Changes, row.RequestID, row.IP, row.PrevHash, row.Hash); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	head.id, head.hash = row.ID, row.Hash
	return nil
}
