// Package testdb gives tests a fresh, migrated database on each engine:
// SQLite in a temporary folder, and PostgreSQL from TUIJIN_TEST_PG or from a
// throwaway server that the test binary starts itself and stops at the end.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tuijin/internal/store"
)

// Main runs the tests of a package and stops the throwaway PostgreSQL
// server afterwards; call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	pg.stop()
	os.Exit(code)
}

// Engine is a database engine to run a test against.
type Engine struct {
	Name string
	// DSN makes a new empty database and returns how to reach it.
	DSN func(t testing.TB) string
}

// Engines lists SQLite and PostgreSQL. TUIJIN_TEST_PG=skip leaves
// PostgreSQL out (for a quick local run; CI never sets it).
func Engines() []Engine {
	es := []Engine{{"sqlite", sqliteDSN}}
	if os.Getenv("TUIJIN_TEST_PG") != "skip" {
		es = append(es, Engine{"postgres", postgresDSN})
	}
	return es
}

// Each runs f once per engine as subtests, each with a fresh migrated DB.
func Each(t *testing.T, f func(t *testing.T, db *store.DB)) {
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) {
			f(t, Open(t, e.DSN(t)))
		})
	}
}

// Open opens and migrates dsn, closing it when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func sqliteDSN(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
}

var dbSeq atomic.Int64

func postgresDSN(t testing.TB) string {
	t.Helper()
	base, err := pg.base()
	if err != nil {
		t.Fatalf("PostgreSQL for tests: %v (set TUIJIN_TEST_PG to a server, or install postgresql)", err)
	}
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), dbSeq.Add(1))
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	return withDatabase(base, name)
}

func withDatabase(dsn, name string) string {
	// postgres://user@host:port/db?params
	q := ""
	if i := strings.Index(dsn, "?"); i >= 0 {
		dsn, q = dsn[:i], dsn[i:]
	}
	if i := strings.LastIndex(dsn, "/"); i > len("postgres://") {
		dsn = dsn[:i]
	}
	return dsn + "/" + name + q
}

// pg is the process's PostgreSQL: given, or started on first use.
var pg = &pgServer{}

type pgServer struct {
	once sync.Once
	dsn  string
	err  error
	dir  string
	ctl  string
}

func (s *pgServer) base() (string, error) {
	s.once.Do(func() {
		if v := os.Getenv("TUIJIN_TEST_PG"); v != "" && v != "skip" {
			s.dsn = v
			return
		}
		s.dsn, s.err = s.start()
	})
	return s.dsn, s.err
}

func (s *pgServer) start() (string, error) {
	bin, err := pgBinDir()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "tuijin-pg-")
	if err != nil {
		return "", err
	}
	s.dir, s.ctl = dir, filepath.Join(bin, "pg_ctl")
	asRoot := os.Geteuid() == 0
	if asRoot {
		// initdb refuses to run as root: hand the folder to postgres.
		if err := exec.Command("chown", "-R", "postgres:postgres", dir).Run(); err != nil {
			return "", fmt.Errorf("chown %s: %w", dir, err)
		}
		os.Chmod(dir, 0o700)
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		if asRoot {
			cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(bin, name)}, args...)...)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %w: %s", name, err, out)
		}
		return nil
	}
	if err := run("initdb", "-D", data, "-U", "app", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		return "", err
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", port, dir)
	if err := run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-o", opts, "start"); err != nil {
		return "", err
	}
	dsn := fmt.Sprintf("postgres://app@127.0.0.1:%d/postgres?sslmode=disable", port)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", err
	}
	defer db.Close()
	for i := 0; ; i++ {
		if err = db.Ping(); err == nil || i > 50 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return dsn, err
}

func (s *pgServer) stop() {
	if s.dir == "" {
		return
	}
	args := []string{"-D", filepath.Join(s.dir, "data"), "-m", "immediate", "stop"}
	cmd := exec.Command(s.ctl, args...)
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", s.ctl}, args...)...)
	}
	cmd.Run()
	os.RemoveAll(s.dir)
}

func pgBinDir() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "initdb")); err == nil {
			return filepath.Dir(p), nil
		}
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if len(matches) > 0 {
		return filepath.Dir(matches[len(matches)-1]), nil
	}
	return "", fmt.Errorf("no PostgreSQL server binaries (pg_ctl, initdb) found")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
