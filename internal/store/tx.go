package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"tuijin"
)

// Tx is a write transaction with the actor it runs for, the time it runs at
// (one timestamp for every row it writes) and hooks to run after it commits.
type Tx struct {
	tx    *sql.Tx
	db    *DB
	ctx   context.Context
	actor *tuijin.Actor
	now   time.Time
	after []func()
	// head is the audit chain's head as this transaction left it; written
	// back once, just before the commit.
	head *auditHead
	// touched: the generations (heads) moved in this transaction.
	touched map[string]bool
	// stmts keeps prepared the statements this transaction runs again and
	// again (see prepared).
	stmts map[string]*sql.Stmt
	runs  map[string]int
}

type auditHead struct {
	id   int64
	hash string
}

// Exec runs a statement written with ? placeholders.
func (tx *Tx) Exec(q string, args ...any) (sql.Result, error) {
	return tx.ExecContext(tx.ctx, tx.db.dialect.rebind(q), args...)
}

// Query runs a query written with ? placeholders.
func (tx *Tx) Query(q string, args ...any) (*sql.Rows, error) {
	return tx.QueryContext(tx.ctx, tx.db.dialect.rebind(q), args...)
}

// QueryRow runs a single-row query written with ? placeholders.
func (tx *Tx) QueryRow(q string, args ...any) *sql.Row {
	return tx.QueryRowContext(tx.ctx, tx.db.dialect.rebind(q), args...)
}

// ExecContext, QueryContext and QueryRowContext run SQL as the engine
// takes it (placeholders rebound); statements and single rows go through
// prepared.
func (tx *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := tx.prepared(q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.tx.ExecContext(ctx, q, args...)
}

// QueryContext never uses a kept statement: SQLite steps one statement
// through one result set at a time, and a caller may run the same query
// again while it reads the rows of the last (a Row is read at once).
func (tx *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, q, args...)
}

func (tx *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := tx.prepared(q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.tx.QueryRowContext(ctx, q, args...)
}

// prepared is q prepared once the transaction runs it a second time, nil
// before. A bulk write (an import of 10,000 rows) runs the same few
// statements for every row, and SQLite would parse each one again every
// time: a third of an import's time. PostgreSQL's driver keeps its own
// prepared statements; the transaction closes its statements when it ends.
func (tx *Tx) prepared(q string) *sql.Stmt {
	if tx.db.dialect != SQLite {
		return nil
	}
	if st := tx.stmts[q]; st != nil {
		return st
	}
	if tx.runs == nil {
		tx.runs, tx.stmts = map[string]int{}, map[string]*sql.Stmt{}
	}
	if tx.runs[q]++; tx.runs[q] < 2 || len(tx.stmts) >= maxTxStmts {
		return nil
	}
	st, err := tx.tx.PrepareContext(tx.ctx, q)
	if err != nil {
		return nil // the statement runs unprepared and reports its error
	}
	tx.stmts[q] = st
	return st
}

// maxTxStmts bounds the statements a transaction keeps prepared.
const maxTxStmts = 64

// touchLedger moves the ledger generation once per transaction that writes
// projects; cached ledger sums are keyed on it.
func (tx *Tx) touchLedger() error { return tx.touch(HeadLedger) }

// touch moves a generation once per transaction that writes what it
// stands for (see heads.go).
func (tx *Tx) touch(name string) error {
	if tx.touched[name] {
		return nil
	}
	if tx.touched == nil {
		tx.touched = map[string]bool{}
	}
	tx.touched[name] = true
	_, err := tx.Exec("UPDATE heads SET gen = gen + 1 WHERE name = ?", name)
	return err
}

// AfterCommit queues f to run once the transaction has committed; nothing
// leaves the process (notifications, cache updates) before that.
func (tx *Tx) AfterCommit(f func()) { tx.after = append(tx.after, f) }

// Now is the transaction's timestamp.
func (tx *Tx) Now() time.Time { return tx.now }

// Actor is who the transaction runs for.
func (tx *Tx) Actor() *tuijin.Actor { return tx.actor }

// Dialect is the engine of the transaction.
func (tx *Tx) Dialect() Dialect { return tx.db.dialect }

// InTx runs f in a write transaction for actor and commits it when f returns
// nil. Other packages (ledger import, later capabilities) use it to compose
// store writes into one transaction.
func (db *DB) InTx(ctx context.Context, actor *tuijin.Actor, f func(*Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx, actor: actor, now: db.Now().UTC()}
	if err := f(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := tx.writeAuditHead(); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return err
	}
	for _, h := range tx.after {
		h()
	}
	return nil
}

// queryer is what reads need: the read pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// reader runs reads on the read pool with ? placeholders.
type reader struct {
	q   queryer
	d   Dialect
	ctx context.Context
}

func (db *DB) reader(ctx context.Context) reader { return reader{q: db.read, d: db.dialect, ctx: ctx} }

func (tx *Tx) reader() reader { return reader{q: tx, d: tx.db.dialect, ctx: tx.ctx} }

func (r reader) Query(q string, args ...any) (*sql.Rows, error) {
	return r.q.QueryContext(r.ctx, r.d.rebind(q), args...)
}

func (r reader) QueryRow(q string, args ...any) *sql.Row {
	return r.q.QueryRowContext(r.ctx, r.d.rebind(q), args...)
}

// notFound turns sql.ErrNoRows into the domain sentinel.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return tuijin.ErrNotFound
	}
	return err
}

// uniqueViolation reports whether err is a unique-constraint failure on
// either engine, and maps it to a conflict on field.
func uniqueViolation(err error, field string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505") {
		e := &tuijin.Error{Code: tuijin.ECONFLICT, Key: "duplicate"}
		if field != "" {
			e.Fields = map[string]tuijin.FieldError{field: {Key: "duplicate"}}
		}
		return e
	}
	return err
}
