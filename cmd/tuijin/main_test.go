package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"tuijin/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String() + errOut.String(), err
}

// TestAuditVerifyDetectsTampering changes one byte of one audit row, then
// deletes a row, and expects `tuijin audit verify` to fail and name it.
func TestAuditVerifyDetectsTampering(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			dsn := e.DSN(t)
			t.Setenv("TUIJIN_PASSWORD", "Pw-0123456789")
			for _, name := range []string{"alice", "bob", "carol"} {
				if out, err := runCLI(t, "user", "add", "--db", dsn, "--role", "office", name); err != nil {
					t.Fatalf("user add: %v\n%s", err, out)
				}
			}
			out, err := runCLI(t, "audit", "verify", "--db", dsn)
			if err != nil || !strings.Contains(out, "intact: 3 rows") {
				t.Fatalf("intact chain: %v\n%s", err, out)
			}

			raw := rawDB(t, dsn)
			// One byte: the display name "bob" becomes "bot".
			if _, err := raw.Exec(`UPDATE audit_log SET changes = REPLACE(changes, '"bob"', '"bot"') WHERE id = 2`); err != nil {
				t.Fatal(err)
			}
			out, err = runCLI(t, "audit", "verify", "--db", dsn)
			var code exitCode
			if !errors.As(err, &code) || code != 1 || !strings.Contains(out, "audit row 2: content does not match") {
				t.Fatalf("edited row not named: %v\n%s", err, out)
			}
			if _, err := raw.Exec(`UPDATE audit_log SET changes = REPLACE(changes, '"bot"', '"bob"') WHERE id = 2`); err != nil {
				t.Fatal(err)
			}
			if out, err := runCLI(t, "audit", "verify", "--db", dsn); err != nil {
				t.Fatalf("restored chain: %v\n%s", err, out)
			}
			if _, err := raw.Exec(`DELETE FROM audit_log WHERE id = 3`); err != nil {
				t.Fatal(err)
			}
			out, err = runCLI(t, "audit", "verify", "--db", dsn)
			if err == nil || !strings.Contains(out, "head records row 3") {
				t.Fatalf("deleted newest row not detected: %v\n%s", err, out)
			}
		})
	}
}

func rawDB(t *testing.T, dsn string) *sql.DB {
	driver, src := "pgx", dsn
	if strings.HasPrefix(dsn, "sqlite:") {
		driver, src = "sqlite", strings.TrimPrefix(dsn, "sqlite:")
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestUsage(t *testing.T) {
	out, err := runCLI(t, "frobnicate")
	if err == nil || !strings.Contains(out, "unknown command") {
		t.Fatalf("unknown command: %v %s", err, out)
	}
	out, err = runCLI(t, "version")
	if err != nil || !strings.HasPrefix(out, "tuijin ") {
		t.Fatalf("version: %v %s", err, out)
	}
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
	if out, err := runCLI(t, "migrate", "--db", dsn); err != nil || !strings.Contains(out, "up to date") {
		t.Fatalf("migrate: %v %s", err, out)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"256MiB": 256 << 20, "1GiB": 1 << 30, "300000000": 300000000, "512 MB": 512e6, "0": 0} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("%q: %d %v, want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-1MiB", "1.5GiB"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
