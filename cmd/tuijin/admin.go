package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"tuijin"
	"tuijin/internal/auth"
	"tuijin/internal/store"
)

func cmdMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := newFlags("migrate")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintln(stdout, "database is up to date")
	return nil
}

func cmdUser(ctx context.Context, args []string, stdout io.Writer) error {
	sub, args, err := subcommand(args, "add", "passwd", "list")
	if err != nil {
		return err
	}
	fs, dsn := newFlags("user " + sub)
	role := fs.String("role", "viewer", "role: "+roleNames())
	name := fs.String("name", "", "display name (defaults to the username)")
	dept := fs.Int64("department", 0, "department id (needed for department and owner roles)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	hasher := auth.Hasher{P: auth.Default}
	switch sub {
	case "list":
		return listUsers(ctx, db, stdout)
	case "add":
		if fs.NArg() != 1 {
			return errors.New("usage: tuijin user add [--role R] [--name N] [--department ID] USERNAME")
		}
		pw, err := readPassword(stdout)
		if err != nil {
			return err
		}
		in := tuijin.UserInput{Username: fs.Arg(0), DisplayName: *name, Role: tuijin.Role(*role), Password: pw}
		if in.DisplayName == "" {
			in.DisplayName = in.Username
		}
		if *dept != 0 {
			in.DepartmentID = dept
		}
		if err := in.Validate(); err != nil {
			return describe(err)
		}
		hash, err := hasher.Hash(pw)
		if err != nil {
			return err
		}
		u, err := db.CreateUser(ctx, tuijin.SystemActor, in, hash, false)
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "user %s created (id %d, role %s)\n", u.Username, u.ID, u.Role)
	case "passwd":
		if fs.NArg() != 1 {
			return errors.New("usage: tuijin user passwd USERNAME")
		}
		u, err := db.UserByUsername(ctx, fs.Arg(0))
		if err != nil {
			return fmt.Errorf("no user %q", fs.Arg(0))
		}
		pw, err := readPassword(stdout)
		if err != nil {
			return err
		}
		if msg := tuijin.PasswordProblem(pw); msg != "" {
			return fmt.Errorf("password rejected: %s", msg)
		}
		hash, err := hasher.Hash(pw)
		if err != nil {
			return err
		}
		if err := db.SetPassword(ctx, tuijin.SystemActor, u.ID, hash, false, ""); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "password of %s changed; their sessions have ended\n", u.Username)
	}
	return nil
}

func listUsers(ctx context.Context, db *store.DB, stdout io.Writer) error {
	list, err := db.Users(ctx, tuijin.SystemActor, tuijin.UserFilter{Page: tuijin.Page{PerPage: tuijin.MaxPerPage}})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSERNAME\tNAME\tROLE\tDEPARTMENT\tACTIVE\tLAST LOGIN")
	for _, u := range list.Items {
		last := "-"
		if u.LastLoginAt != nil {
			last = u.LastLoginAt.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%v\t%s\n", u.ID, u.Username, u.DisplayName, u.Role, u.DepartmentName, u.Active, last)
	}
	return tw.Flush()
}

// readPassword takes the password from TUIJIN_PASSWORD (for scripts) or
// asks twice on the terminal without echo.
func readPassword(stdout io.Writer) (string, error) {
	if pw := os.Getenv("TUIJIN_PASSWORD"); pw != "" {
		return pw, nil
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		return "", errors.New("no terminal to ask for the password: set TUIJIN_PASSWORD")
	}
	fmt.Fprint(stdout, "Password: ")
	a, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(stdout)
	if err != nil {
		return "", err
	}
	fmt.Fprint(stdout, "Again: ")
	b, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(stdout)
	if err != nil {
		return "", err
	}
	if string(a) != string(b) {
		return "", errors.New("the two passwords differ")
	}
	return string(a), nil
}

func cmdToken(ctx context.Context, args []string, stdout io.Writer) error {
	sub, args, err := subcommand(args, "create", "list", "revoke")
	if err != nil {
		return err
	}
	fs, dsn := newFlags("token " + sub)
	days := fs.Int("days", 0, "days until the token expires (0: never)")
	user := fs.String("user", "admin", "the user the token acts as")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "create":
		if fs.NArg() != 1 {
			return errors.New("usage: tuijin token create [--user NAME] [--days N] TOKEN-NAME")
		}
		u, err := db.UserByUsername(ctx, *user)
		if err != nil {
			return fmt.Errorf("no user %q", *user)
		}
		var exp *time.Time
		if *days > 0 {
			t := time.Now().AddDate(0, 0, *days)
			exp = &t
		}
		secret, tok, err := db.CreateToken(ctx, tuijin.SystemActor, u.ID, fs.Arg(0), exp)
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "token %d for %s (shown once; use it as Authorization: Bearer ...):\n%s\n", tok.ID, u.Username, secret)
	case "list":
		list, err := db.Tokens(ctx, tuijin.SystemActor)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tUSER\tPREFIX\tCREATED\tEXPIRES\tREVOKED")
		for _, t := range list {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Username, t.Prefix,
				t.CreatedAt.Format(time.DateOnly), dateOr(t.ExpiresAt), dateOr(t.RevokedAt))
		}
		return tw.Flush()
	case "revoke":
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return errors.New("usage: tuijin token revoke ID")
		}
		if err := db.RevokeToken(ctx, tuijin.SystemActor, id); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "token %d revoked\n", id)
	}
	return nil
}

func dateOr(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.DateOnly)
}

func cmdAudit(ctx context.Context, args []string, stdout io.Writer) error {
	_, args, err := subcommand(args, "verify")
	if err != nil {
		return err
	}
	fs, dsn := newFlags("audit verify")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, problems, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintf(stdout, "audit trail intact: %d rows, hash chain verified\n", n)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(stdout, "audit row %d: %s\n", p.ID, p.Reason)
	}
	fmt.Fprintf(stdout, "audit trail BROKEN: %d problem(s) in %d rows\n", len(problems), n)
	return exitCode(1)
}

// describe turns a domain validation error into a readable line.
func describe(err error) error {
	var e *tuijin.Error
	if !errors.As(err, &e) {
		return err
	}
	var parts []string
	for f, fe := range e.Fields {
		parts = append(parts, f+": "+fe.Key)
	}
	if len(parts) == 0 {
		return err
	}
	return fmt.Errorf("%s (%s)", e.Code, strings.Join(parts, "; "))
}

func roleNames() string {
	var s []string
	for _, r := range tuijin.Roles {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}
