package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"tuijin"
	"tuijin/internal/auth"
	"tuijin/internal/seed"
)

func cmdSeed(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := newFlags("seed")
	demo := fs.Bool("demo", false, "a county of about 200 projects set in this year, for a first look")
	projects := fs.Int("projects", 50_000, "number of projects (a province: about 500 per county)")
	years := fs.Int("years", 5, "years of history, ending this year")
	number := fs.Uint64("seed", 1, "random seed: the same seed and date give the same data")
	today := fs.String("today", "", "the dataset's today, YYYY-MM-DD (default: today)")
	tz := fs.String("tz", env("TZ", "Asia/Shanghai"), "the office's time zone (env TUIJIN_TZ)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	day, err := seedDay(*today, *tz)
	if err != nil {
		return err
	}
	opt := seed.Defaults(day)
	if *demo {
		opt = seed.Demo(day)
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "projects":
			opt.Projects = *projects
		case "years":
			opt.Years = *years
		case "seed":
			opt.Seed = *number
		}
	})
	opt.Password, opt.Progress = env("SEED_PASSWORD", ""), stdout
	shown := opt.Password == ""
	if shown {
		opt.Password = auth.OneTimePassword()
	}
	adminPW, err := seedAdmin(&opt)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "seeding %d projects over %d years (seed %d, today %s)\n", opt.Projects, opt.Years, opt.Seed, day.Format(time.DateOnly))
	start := time.Now()
	res, err := seed.Run(ctx, db, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded in %.1fs: %d departments, %d accounts, %d projects, %d stage changes, %d list updates\n",
		time.Since(start).Seconds(), res.Departments, res.Users, res.Projects, res.StageChanges, res.Updates)
	fmt.Fprintf(stdout, "  %d key nodes, %d periods with %d reports, %d problems, %d meetings, %d site visits; this year's lights %d green, %d yellow, %d red\n",
		res.Nodes, res.Periods, res.Reports, res.Problems, res.Meetings, res.Visits, res.Lights["green"], res.Lights["yellow"], res.Lights["red"])
	printAccounts(stdout, res, adminPW, opt.Password, shown)
	return nil
}

// seedAdmin sets the admin account's hash in opt, with the password from
// TUIJIN_ADMIN_PASSWORD or a one-time password that it returns to print
// (and that must be changed at first login), as "tuijin serve" does.
func seedAdmin(opt *seed.Options) (string, error) {
	pw, shown := env("ADMIN_PASSWORD", ""), ""
	if pw == "" {
		pw = auth.OneTimePassword()
		shown, opt.AdminMustChange = pw, true
	}
	if msg := tuijin.PasswordProblem(pw); msg != "" {
		return "", fmt.Errorf("TUIJIN_ADMIN_PASSWORD is too weak (%s): use at least 10 characters of three kinds", msg)
	}
	hash, err := auth.Hasher{P: auth.Default}.Hash(pw)
	opt.AdminHash = hash
	return shown, err
}

// seedDay is the dataset's today at midnight in the office's zone, so that
// two runs on the same day write the same data.
func seedDay(today, tz string) (time.Time, error) {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return time.Time{}, fmt.Errorf("--tz: %w", err)
	}
	if today != "" {
		d, err := time.ParseInLocation(time.DateOnly, today, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("--today: %w", err)
		}
		return d, nil
	}
	y, m, d := time.Now().In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc), nil
}

// printAccounts says how to log in: the admin, then one generated account
// per role. Passwords that were not chosen are shown this once.
func printAccounts(w io.Writer, res *seed.Result, adminPW, password string, shown bool) {
	switch {
	case !res.AdminCreated:
		fmt.Fprintln(w, "The admin account was there already and is unchanged.")
	case adminPW == "":
		fmt.Fprintln(w, "Admin account: username admin, password from TUIJIN_ADMIN_PASSWORD")
	default:
		fmt.Fprintln(w, "已创建管理员账号（密码仅显示这一次，首次登录后须修改）：")
		fmt.Fprintf(w, "Admin account: username admin, password %s\n", adminPW)
	}
	fmt.Fprintln(w, "Sample accounts, one per role (every generated account has the same password):")
	for _, a := range res.Accounts {
		fmt.Fprintf(w, "  %-12s %-10s %s %s\n", a.Username, a.Role, a.DisplayName, a.Department)
	}
	if shown {
		fmt.Fprintf(w, "Their password (shown once; set TUIJIN_SEED_PASSWORD to choose it): %s\n", password)
	} else {
		fmt.Fprintln(w, "Their password is TUIJIN_SEED_PASSWORD.")
	}
}
