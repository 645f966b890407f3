package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tuijin"
	"tuijin/internal/auth"
	"tuijin/internal/httpapi"
	"tuijin/internal/jobs"
	"tuijin/internal/store"
	"tuijin/web"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dsn := newFlags("serve")
	addr := fs.String("addr", env("ADDR", "127.0.0.1:8080"), "listen address (env TUIJIN_ADDR)")
	tz := fs.String("tz", env("TZ", "Asia/Shanghai"), "the office's time zone (env TUIJIN_TZ)")
	logLevel := fs.String("log-level", env("LOG_LEVEL", "info"), "debug, info, warn or error (env TUIJIN_LOG_LEVEL)")
	secure := fs.Bool("secure-cookies", envBool("SECURE_COOKIES"), "mark cookies Secure behind a TLS proxy (env TUIJIN_SECURE_COOKIES)")
	trustProxy := fs.Bool("trust-proxy", envBool("TRUST_PROXY"), "take client addresses from X-Forwarded-For (env TUIJIN_TRUST_PROXY)")
	memLimit := fs.String("memory-limit", env("MEMORY_LIMIT", "192MiB"),
		"soft limit of the Go heap, e.g. 192MiB or 1GiB; 0 for none; GOMEMLIMIT wins when set (env TUIJIN_MEMORY_LIMIT)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	limit, err := parseSize(*memLimit)
	if err != nil {
		return fmt.Errorf("--memory-limit: %w", err)
	}
	if limit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		// The collector works harder as the heap nears the limit instead of
		// letting garbage double it; it is soft: a heap that needs more
		// gets more.
		debug.SetMemoryLimit(limit)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return fmt.Errorf("--tz: %w", err)
	}

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	db, err := openDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	hasher := auth.Hasher{P: auth.Default}
	if err := ensureAdmin(ctx, db, hasher, stdout); err != nil {
		return err
	}

	cals := store.NewCalendarCache(db, 5*time.Second)
	runner := &jobs.Runner{DB: db, Log: log, Jobs: []jobs.Job{
		jobs.NodeReminders(db, cals, loc), jobs.ReportReminders(db, cals, loc), jobs.OpenPeriods(db, cals, loc),
		jobs.Lights(db, cals, loc), jobs.Escalation(db, cals, loc)}}
	go runner.Run(ctx)
	srv := &httpapi.Server{DB: db, Log: log, Hasher: hasher, Loc: loc, Version: version, Calendar: cals,
		Web: webFS(), SecureCookies: *secure, TrustProxy: *trustProxy}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // ledger uploads from slow county networks
		WriteTimeout:      5 * time.Minute, // large exports
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Tuijin %s is listening on http://%s (database: %s)\n", version, ln.Addr(), db.Dialect())
	fmt.Fprintf(stdout, "推进已启动，请用浏览器打开 http://%s 登录\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Finish the requests in flight, then stop.
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func envBool(name string) bool {
	b, _ := strconv.ParseBool(env(name, "false"))
	return b
}

func webFS() fs.FS {
	sub, err := fs.Sub(web.Dist, "dist")
	if err != nil {
		return nil
	}
	return sub
}

// openDB connects and applies migrations.
func openDB(ctx context.Context, dsn string, stdout io.Writer) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	n, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if n > 0 {
		fmt.Fprintf(stdout, "applied %d database migration(s)\n", n)
	}
	return db, nil
}

// ensureAdmin creates the first admin account on an empty database, with
// the password from TUIJIN_ADMIN_PASSWORD or a one-time password printed
// once (and to be changed at first login).
func ensureAdmin(ctx context.Context, db *store.DB, hasher auth.Hasher, stdout io.Writer) error {
	n, err := db.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	pw, fromEnv := env("ADMIN_PASSWORD", ""), true
	if pw == "" {
		pw, fromEnv = auth.OneTimePassword(), false
	}
	if msg := tuijin.PasswordProblem(pw); msg != "" {
		return fmt.Errorf("TUIJIN_ADMIN_PASSWORD is too weak (%s): use at least 10 characters of three kinds", msg)
	}
	hash, err := hasher.Hash(pw)
	if err != nil {
		return err
	}
	in := tuijin.UserInput{Username: "admin", DisplayName: "系统管理员", Role: tuijin.RoleAdmin}
	if _, err := db.CreateUser(ctx, tuijin.SystemActor, in, hash, !fromEnv); err != nil {
		return err
	}
	if fromEnv {
		fmt.Fprintln(stdout, "First admin account created: username admin, password from TUIJIN_ADMIN_PASSWORD")
		return nil
	}
	fmt.Fprintln(stdout, "已创建首个管理员账号（密码仅显示这一次，首次登录后须修改）：")
	fmt.Fprintf(stdout, "First admin account created: username admin, password %s\n", pw)
	return nil
}

// parseSize reads a byte count written as 300000000, 256MiB, 1GiB, 512MB.
func parseSize(v string) (int64, error) {
	v = strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1}} {
		if strings.HasSuffix(v, u.suffix) {
			v, mult = strings.TrimSpace(strings.TrimSuffix(v, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a size such as 256MiB", v)
	}
	return n * mult, nil
}
