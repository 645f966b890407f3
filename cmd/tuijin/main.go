// Command tuijin is Tuijin (推进) in one binary: the web server, database
// migrations, and the administrator's tools.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `tuijin: key-project management (推进 · 重点项目管理)

Usage: tuijin <command> [flags]

Commands:
  serve            start the web server (migrates the database first)
  migrate          apply database migrations
  user add|passwd|list
                   manage user accounts
  token create|list|revoke
                   manage API tokens for scripts
  audit verify     check the audit trail's hash chain
  seed [--demo] [--projects N] [--years Y] [--seed S]
                   fill an empty database with a synthetic province (or a
                   demo county) and create the admin account
  version          print the version

Every command that touches the database takes --db (or TUIJIN_DB):
  sqlite:PATH (default sqlite:./data/tuijin.db) or postgres://user@host/db
Run "tuijin <command> -h" for a command's flags.
`

func main() {
	ctx := context.Background()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var exit exitCode
		if errors.As(err, &exit) {
			os.Exit(int(exit))
		}
		fmt.Fprintln(os.Stderr, "tuijin:", err)
		os.Exit(1)
	}
}

// exitCode ends the program with a status after the command has said why.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitCode(2)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, stdout)
	case "user":
		return cmdUser(ctx, rest, stdout)
	case "token":
		return cmdToken(ctx, rest, stdout)
	case "audit":
		return cmdAudit(ctx, rest, stdout)
	case "seed":
		return cmdSeed(ctx, rest, stdout)
	case "version":
		fmt.Fprintln(stdout, "tuijin", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "tuijin: unknown command %q\n\n%s", cmd, usage)
	return exitCode(2)
}

// env returns the TUIJIN_ environment variable name, or def.
func env(name, def string) string {
	if v, ok := os.LookupEnv("TUIJIN_" + name); ok && v != "" {
		return v
	}
	return def
}

// newFlags makes a flag set for a subcommand with --db on it.
func newFlags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("tuijin "+name, flag.ContinueOnError)
	db := fs.String("db", env("DB", "sqlite:./data/tuijin.db"), "database: sqlite:PATH or postgres://... (env TUIJIN_DB)")
	return fs, db
}

// subcommand splits "user add ..." into "add" and the rest.
func subcommand(args []string, choices ...string) (string, []string, error) {
	if len(args) == 0 {
		return "", nil, fmt.Errorf("expected one of: %s", strings.Join(choices, ", "))
	}
	for _, c := range choices {
		if args[0] == c {
			return c, args[1:], nil
		}
	}
	return "", nil, fmt.Errorf("unknown subcommand %q; expected one of: %s", args[0], strings.Join(choices, ", "))
}
