package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"tuijin"
)

// Audit appends one row to the audit trail inside tx. Empty updates (no
// field changed) are not recorded.
func (tx *Tx) Audit(action, entity string, entityID int64, changes map[string][2]any) error {
	if action == "update" && len(changes) == 0 {
		return nil
	}
	if err := tx.lockAuditHead(); err != nil {
		return err
	}
	lastID, lastHash := tx.head.id, tx.head.hash
	req := tuijin.RequestFrom(tx.ctx)
	row := auditRow{
		ID: lastID + 1, At: ts(tx.now), Username: tx.actor.Username, Action: action, Entity: entity,
		Changes: jsonText(changes), RequestID: req.ID, IP: req.IP, PrevHash: lastHash,
	}
	if !tx.actor.System && tx.actor.UserID != 0 {
		row.UserID = sql.NullInt64{Int64: tx.actor.UserID, Valid: true}
	}
	if entityID != 0 {
		row.EntityID = sql.NullInt64{Int64: entityID, Valid: true}
	}
	row.Hash = row.computeHash()
	if _, err := tx.Exec(`INSERT INTO audit_log (id, at, user_id, username, action, entity, entity_id, changes, request_id, ip, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		row.ID, row.At, row.UserID, row.Username, row.Action, row.Entity, row.EntityID, row.Changes,
		row.RequestID, row.IP, row.PrevHash, row.Hash); err != nil {
		return err
	}
	tx.head.id, tx.head.hash = row.ID, row.Hash
	return nil
}

// lockAuditHead reads the chain's head once per transaction. Touching the
// head row first takes its lock on PostgreSQL, so concurrent writers append
// one after another (SQLite has one writer); the lock is held to the
// commit, so the head is written back once, by writeAuditHead.
func (tx *Tx) lockAuditHead() error {
	if tx.head != nil {
		return nil
	}
	if _, err := tx.Exec("UPDATE audit_head SET last_id = last_id WHERE id = 1"); err != nil {
		return err
	}
	h := &auditHead{}
	if err := tx.QueryRow("SELECT last_id, last_hash FROM audit_head WHERE id = 1").Scan(&h.id, &h.hash); err != nil {
		return err
	}
	tx.head = h
	return nil
}

// writeAuditHead stores the chain's new head before the transaction
// commits.
func (tx *Tx) writeAuditHead() error {
	if tx.head == nil {
		return nil
	}
	_, err := tx.Exec("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1", tx.head.id, tx.head.hash)
	return err
}

// auditRow is a row as stored; the hash covers the stored text exactly.
type auditRow struct {
	ID                                                   int64
	At, Username, Action, Entity, Changes, RequestID, IP string
	UserID, EntityID                                     sql.NullInt64
	PrevHash, Hash                                       string
}

func (r *auditRow) computeHash() string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
		r.ID, r.At, nullStr(r.UserID), r.Username, r.Action, r.Entity, nullStr(r.EntityID),
		r.Changes, r.RequestID, r.IP, r.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

func nullStr(n sql.NullInt64) string {
	if !n.Valid {
		return "-"
	}
	return fmt.Sprint(n.Int64)
}

// AuditProblem is one break in the chain that VerifyAudit found.
type AuditProblem struct {
	ID     int64
	Reason string
}

// VerifyAudit walks the whole audit trail and reports every row whose hash
// does not match its content, every gap (a deleted row) and a head that does
// not match the last row (the newest rows deleted). It returns the number of
// rows checked.
func (db *DB) VerifyAudit(ctx context.Context) (int64, []AuditProblem, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, at, user_id, username, action, entity, entity_id, changes, request_id, ip, prev_hash, hash
		FROM audit_log ORDER BY id`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var problems []AuditProblem
	var n, prevID int64
	prevHash := ""
	for rows.Next() {
		var r auditRow
		if err := rows.Scan(&r.ID, &r.At, &r.UserID, &r.Username, &r.Action, &r.Entity, &r.EntityID,
			&r.Changes, &r.RequestID, &r.IP, &r.PrevHash, &r.Hash); err != nil {
			return n, nil, err
		}
		n++
		if r.ID != prevID+1 {
			problems = append(problems, AuditProblem{r.ID, fmt.Sprintf("rows %d to %d are missing", prevID+1, r.ID-1)})
		} else if r.PrevHash != prevHash {
			problems = append(problems, AuditProblem{r.ID, "previous hash does not match the row before"})
		}
		if r.computeHash() != r.Hash {
			problems = append(problems, AuditProblem{r.ID, "content does not match its hash (row edited)"})
		}
		prevID, prevHash = r.ID, r.Hash
	}
	if err := rows.Err(); err != nil {
		return n, nil, err
	}
	var headID int64
	var headHash string
	if err := db.read.QueryRowContext(ctx, "SELECT last_id, last_hash FROM audit_head WHERE id = 1").Scan(&headID, &headHash); err != nil {
		return n, nil, err
	}
	if headID != prevID || headHash != prevHash {
		problems = append(problems, AuditProblem{headID, fmt.Sprintf("chain ends at row %d but the head records row %d (rows deleted)", prevID, headID)})
	}
	return n, problems, nil
}

// AuditEntries lists audit rows, newest first.
func (db *DB) AuditEntries(ctx context.Context, actor *tuijin.Actor, f tuijin.AuditFilter, loc *time.Location) (*tuijin.List[tuijin.AuditEntry], error) {
	if err := actor.Require(tuijin.PermReadAudit); err != nil {
		return nil, err
	}
	f.Normalize()
	var where []string
	var args []any
	if f.UserID != nil {
		where, args = append(where, "user_id = ?"), append(args, *f.UserID)
	}
	if f.Entity != "" {
		where, args = append(where, "entity = ?"), append(args, f.Entity)
	}
	if f.EntityID != nil {
		where, args = append(where, "entity_id = ?"), append(args, *f.EntityID)
	}
	if f.From != "" {
		t, err := time.ParseInLocation(time.DateOnly, f.From, loc)
		if err != nil {
			return nil, invalidField("from", "invalid_date")
		}
		where, args = append(where, "at >= ?"), append(args, ts(t))
	}
	if f.To != "" {
		t, err := time.ParseInLocation(time.DateOnly, f.To, loc)
		if err != nil {
			return nil, invalidField("to", "invalid_date")
		}
		where, args = append(where, "at < ?"), append(args, ts(t.AddDate(0, 0, 1)))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	r := db.reader(ctx)
	out := &tuijin.List[tuijin.AuditEntry]{Items: []tuijin.AuditEntry{}, Page: f.Page.Page, PerPage: f.PerPage}
	if err := r.QueryRow("SELECT COUNT(*) FROM audit_log"+cond, args...).Scan(&out.Total); err != nil {
		return nil, err
	}
	rows, err := r.Query(`SELECT id, at, user_id, username, action, entity, entity_id, changes, request_id, ip FROM audit_log`+
		cond+" ORDER BY id DESC LIMIT ? OFFSET ?", append(args, f.PerPage, f.Offset())...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e tuijin.AuditEntry
		var at timeCol
		var uid, eid sql.NullInt64
		if err := rows.Scan(&e.ID, &at, &uid, &e.Username, &e.Action, &e.Entity, &eid,
			jsonCol{&e.Changes}, &e.RequestID, &e.IP); err != nil {
			return nil, err
		}
		e.At, e.UserID, e.EntityID = at.T, intPtr(uid), intPtr(eid)
		out.Items = append(out.Items, e)
	}
	return out, rows.Err()
}

func invalidField(field, key string, args ...any) error {
	var v tuijin.Validation
	v.Add(field, key, args...)
	return v.Err()
}
