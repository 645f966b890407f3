package main

import (
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// postgresEngine gives the benchmark a fresh PostgreSQL database: on a
// throwaway server of its own ("auto"), or on the server at a URL.
func postgresEngine(spec, tmp string) (engine, error) {
	base, stop := spec, func() {}
	if spec == "auto" {
		var err error
		if base, stop, err = startPostgres(); err != nil {
			return engine{}, err
		}
	}
	name := fmt.Sprintf("tuijin_bench_%d", time.Now().Unix())
	admin, err := sql.Open("pgx", base)
	if err != nil {
		stop()
		return engine{}, err
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		stop()
		return engine{}, fmt.Errorf("create database: %w", err)
	}
	cleanup := func() {
		if a, err := sql.Open("pgx", base); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
		stop()
	}
	return engine{name: "postgres", dsn: withDatabase(base, name), cleanup: cleanup}, nil
}

func withDatabase(dsn, name string) string {
	q := ""
	if i := strings.Index(dsn, "?"); i >= 0 {
		dsn, q = dsn[:i], dsn[i:]
	}
	if i := strings.LastIndex(dsn, "/"); i > len("postgres://") {
		dsn = dsn[:i]
	}
	return dsn + "/" + name + q
}

// startPostgres runs initdb and pg_ctl in a temporary folder, as the
// postgres user when we are root (initdb refuses root). Commits do not wait
// for the disk (synchronous_commit=off), as SQLite's WAL with
// synchronous=NORMAL does not.
func startPostgres() (string, func(), error) {
	bin := "/usr/lib/postgresql/15/bin"
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		p, err := exec.LookPath("initdb")
		if err != nil {
			return "", nil, fmt.Errorf("PostgreSQL binaries not found (apt-get install postgresql)")
		}
		bin = filepath.Dir(p)
	}
	dir, err := os.MkdirTemp("", "tuijin-bench-pg-")
	if err != nil {
		return "", nil, err
	}
	root := os.Geteuid() == 0
	command := func(name string, args ...string) *exec.Cmd {
		if root {
			return exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(bin, name)}, args...)...)
		}
		return exec.Command(filepath.Join(bin, name), args...)
	}
	if root {
		if err := exec.Command("chown", "postgres:postgres", dir).Run(); err != nil {
			return "", nil, err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	data := filepath.Join(dir, "data")
	if out, err := command("initdb", "-D", data, "-U", "app", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8").CombinedOutput(); err != nil {
		return "", nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c synchronous_commit=off -c max_connections=200", port, dir)
	if out, err := command("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-o", opts, "start").CombinedOutput(); err != nil {
		return "", nil, fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	stop := func() {
		command("pg_ctl", "-D", data, "-m", "fast", "stop").Run()
		os.RemoveAll(dir)
	}
	return fmt.Sprintf("postgres://app@127.0.0.1:%d/postgres?sslmode=disable", port), stop, nil
}
