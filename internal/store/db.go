// Package store keeps Tuijin's records in SQLite (the default, embedded) or
// PostgreSQL. All SQL lives here, a file per entity. Public methods own their
// transaction; unexported helpers take the *Tx so that they compose.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect is the SQL engine behind a DB.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// DB is Tuijin's database. On SQLite writes go through one connection (SQLite
// allows one writer at a time; queuing them in Go is cheaper than busy
// retries) and reads through a pool; on PostgreSQL both are one pool.
type DB struct {
	write   *sql.DB
	read    *sql.DB
	dialect Dialect
	// Now is the clock; tests replace it.
	Now  func() time.Time
	sums *sumsCache
}

// Open connects to dsn: "sqlite:PATH" (or a bare path) or "postgres://...".
// It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{Now: func() time.Time { return time.Now().UTC() }}
	var err error
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db.dialect = Postgres
		db.write, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		db.write.SetMaxOpenConns(4 * runtime.NumCPU())
		db.write.SetMaxIdleConns(4 * runtime.NumCPU())
		db.write.SetConnMaxIdleTime(5 * time.Minute)
		db.read = db.write
	default:
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, errors.New("store: empty sqlite path")
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: %w", err)
			}
		}
		if db.write, err = sql.Open("sqlite", sqliteDSN(path, false)); err != nil {
			return nil, err
		}
		db.write.SetMaxOpenConns(1)
		if db.read, err = sql.Open("sqlite", sqliteDSN(path, true)); err != nil {
			return nil, err
		}
		db.read.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
		db.read.SetMaxIdleConns(max(4, 2*runtime.NumCPU()))
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect %s: %w", db.dialect, err)
	}
	if db.dialect == SQLite {
		// Planner statistics: without them SQLite sorts a whole year's
		// list to show its first page.
		if _, err := db.write.ExecContext(ctx, "PRAGMA optimize=0x10002"); err != nil {
			db.Close()
			return nil, err
		}
	}
	db.sums = &sumsCache{m: map[string]sumsEntry{}}
	return db, nil
}

// sqliteDSN: each connection keeps up to 8 MB of pages (cache_size); the
// operating system caches the file besides. With 16 MB each, the pool's
// five connections held 40 MB more once a morning's ledger browsing had
// filled them, for no measurable gain in speed (bench, 50,000 projects).
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-8000)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// BEGIN IMMEDIATE: a write transaction takes the lock at once, so
		// another process (the CLI beside the server) waits on busy_timeout
		// instead of failing when a read turns into a write.
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Dialect reports the engine.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close closes all connections.
func (db *DB) Close() error {
	var err error
	if db.read != nil && db.read != db.write {
		err = db.read.Close()
	}
	if db.write != nil {
		err = errors.Join(err, db.write.Close())
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// rebind turns ? placeholders into $1, $2 ... for PostgreSQL. Queries are
// written once, with ?, and never contain a literal question mark.
func (d Dialect) rebind(q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// like is the case-insensitive LIKE operator of the dialect.
func (d Dialect) like() string {
	if d == Postgres {
		return "ILIKE"
	}
	return "LIKE"
}
