package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tuijin"
)

// Cell is one scenario at one concurrency.
type Cell struct {
	Scenario    string  `json:"scenario"`
	Concurrency int     `json:"concurrency"`
	Stats       Stats   `json:"tuijin"`
	Floor       *Stats  `json:"sql_floor,omitempty"`
	RatioP50    float64 `json:"ratio_p50,omitempty"`
	RatioP95    float64 `json:"ratio_p95,omitempty"`
	PeakMB      float64 `json:"server_peak_mb"`
	// GoSysMB is what the Go runtime holds (heap, stacks) at the end of the
	// cell; the rest of the resident memory is SQLite's page caches.
	GoSysMB float64 `json:"go_sys_mb,omitempty"`
	Note    string  `json:"note,omitempty"`
}

// EngineResult is everything measured on one database engine.
type EngineResult struct {
	Engine      string  `json:"engine"`
	SeedSeconds float64 `json:"seed_seconds,omitempty"`
	DBSizeMB    float64 `json:"db_size_mb,omitempty"`
	PeakMB      float64 `json:"server_peak_mb"`
	Cells       []Cell  `json:"scenarios"`
	// Ledger is the ledger mix taken apart: each kind of request alone at
	// concurrency 1, to show which one costs what.
	Ledger []Cell `json:"ledger_breakdown"`
}

// engine is a database to measure.
type engine struct {
	name, dsn string
	file      string // SQLite's file, for its size
	cleanup   func()
}

func bench(ctx context.Context, cfg config) error {
	started := time.Now()
	tmp := filepath.Join(cfg.Out, "tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	logf, err := os.Create(filepath.Join(tmp, "server.log"))
	if err != nil {
		return err
	}
	defer logf.Close()
	res := newResults(cfg)
	engines := []engine{{name: "sqlite", file: filepath.Join(tmp, "bench.db")}}
	engines[0].dsn = "sqlite:" + engines[0].file
	if cfg.Postgres != "" {
		pg, err := postgresEngine(cfg.Postgres, tmp)
		if err != nil {
			return err
		}
		defer pg.cleanup()
		engines = append(engines, pg)
	}
	for _, e := range engines {
		fmt.Printf("== %s: %d projects\n", e.name, cfg.Projects)
		er, err := benchEngine(ctx, cfg, e, logf)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		res.Engines = append(res.Engines, *er)
	}
	res.finish(started)
	if err := res.write(cfg.Out); err != nil {
		return err
	}
	// The README shows the latest full run's figures.
	if cfg.Readme != "" && cfg.Projects == 50_000 && len(cfg.Only) == 0 {
		return res.updateReadme(cfg.Readme)
	}
	return nil
}

// benchEngine seeds the engine's database, starts the server on it and
// runs every scenario.
func benchEngine(ctx context.Context, cfg config, e engine, logf *os.File) (*EngineResult, error) {
	er := &EngineResult{Engine: e.name}
	var took time.Duration
	var err error
	if e.file != "" {
		took, err = sqliteCopy(ctx, cfg.Bin, filepath.Dir(e.file), e.file, cfg.Projects, cfg.Seed, logf)
	} else {
		took, err = seedDB(ctx, cfg.Bin, e.dsn, cfg.Projects, cfg.Seed, logf)
	}
	if err != nil {
		return nil, err
	}
	er.SeedSeconds = round(took.Seconds(), 1)
	if e.file != "" {
		er.DBSizeMB = round(fileMB(e.file), 1)
	}
	fmt.Printf("   seeded in %.0fs\n", took.Seconds())
	srv, err := startServer(cfg.Bin, e.dsn, logf)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	floor, err := openFloor(e.dsn)
	if err != nil {
		return nil, err
	}
	defer floor.db.Close()
	fx, err := newFixture(srv.base, cfg.Year, maxOf(cfg.Concurrency))
	if err != nil {
		return nil, err
	}
	b := &runner{ctx: ctx, cfg: cfg, srv: srv, fx: fx, floor: floor, er: er}
	b.reads()
	b.whileWriting()
	b.ledgerBreakdown()
	if err := b.writes(); err != nil {
		return nil, err
	}
	if err := b.dailyWork(); err != nil {
		return nil, err
	}
	if cfg.ImportRows > 0 && b.selected("import") {
		if err := b.importExport(); err != nil {
			return nil, err
		}
	}
	// Last: production-cost logins leave the server holding their memory.
	b.argon2Logins()
	for _, c := range er.Cells {
		er.PeakMB = max(er.PeakMB, c.PeakMB)
	}
	return er, nil
}

// runner measures the scenarios of one engine.
type runner struct {
	ctx   context.Context
	cfg   config
	srv   *server
	fx    *fixture
	floor *floorDB
	er    *EngineResult
}

// selected reports whether --only lets the scenario run.
func (b *runner) selected(name string) bool {
	if len(b.cfg.Only) == 0 {
		return true
	}
	for _, p := range b.cfg.Only {
		if strings.HasPrefix(name, strings.TrimSpace(p)) {
			return true
		}
	}
	return false
}

// add measures and records a cell unless --only leaves it out.
func (b *runner) add(to *[]Cell, name string, c int, t timing, ops func() []op, floorOps func() []op) {
	if !b.selected(name) {
		return
	}
	var fl []op
	if floorOps != nil {
		fl = floorOps()
	}
	*to = append(*to, b.cell(name, c, t, ops(), fl))
}

// cell measures ops (and their SQL floor, if any) and records the result.
func (b *runner) cell(name string, c int, t timing, ops []op, floorOps []op) Cell {
	b.srv.resetPeak()
	cell := Cell{Scenario: name, Concurrency: c, Stats: measure(b.ctx, ops, t)}
	cell.PeakMB, cell.GoSysMB = round(b.srv.peakMB(), 1), b.srv.goSysMB()
	if floorOps != nil {
		fl := measure(b.ctx, floorOps, t)
		cell.Floor = &fl
		if fl.P50 > 0 && fl.P95 > 0 {
			cell.RatioP50, cell.RatioP95 = round(cell.Stats.P50/fl.P50, 2), round(cell.Stats.P95/fl.P95, 2)
		}
	}
	b.print(cell)
	return cell
}

// print shows a cell as it is measured.
func (b *runner) print(cell Cell) {
	fmt.Printf("   %-34s c=%-3d %s  peak %.0f MB (Go %.0f)", cell.Scenario, cell.Concurrency, cell.Stats, cell.PeakMB, cell.GoSysMB)
	if cell.Floor != nil {
		fmt.Printf("  | floor p50=%.1fms p95=%.1fms ratio p95 %.2f", cell.Floor.P50, cell.Floor.P95, cell.RatioP95)
	}
	fmt.Println()
	if cell.Note != "" {
		fmt.Printf("     %s\n", cell.Note)
	}
}

func (b *runner) reads() {
	for _, c := range b.cfg.Concurrency {
		b.add(&b.er.Cells, "ledger page", c, b.cfg.Timing, func() []op { return b.fx.ledgerOps(c, nil) },
			func() []op { return b.floor.ledgerOps(b.fx, c, nil, false) })
		b.add(&b.er.Cells, "project detail", c, b.cfg.Timing, func() []op { return b.fx.detailOps(c) },
			func() []op { return b.floor.detailOps(b.fx, c) })
	}
}

// whileWriting measures the ledger while one more user edits a project every
// 100 ms: each edit ends the cached counts and sums, as in a busy office.
func (b *runner) whileWriting() {
	for _, c := range b.cfg.Concurrency {
		if !b.selected("ledger page, one edit per 100 ms") {
			return
		}
		stop := b.fx.background(100 * time.Millisecond)
		b.add(&b.er.Cells, "ledger page, one edit per 100 ms", c, b.cfg.Timing, func() []op { return b.fx.ledgerOps(c, nil) },
			func() []op { return b.floor.ledgerOps(b.fx, c, nil, true) })
		stop()
	}
}

func (b *runner) ledgerBreakdown() {
	t := timing{Warmup: 200 * time.Millisecond, Round: time.Second, Rounds: 1}
	for _, q := range b.fx.queries {
		b.add(&b.er.Ledger, "ledger: "+q.Name, 1, t, func() []op { return b.fx.ledgerOps(1, &q) },
			func() []op { return b.floor.ledgerOps(b.fx, 1, &q, false) })
		b.add(&b.er.Ledger, "ledger: "+q.Name+", after a write", 1, t, func() []op { return b.fx.ledgerAfterWriteOps(&q) },
			func() []op { return b.floor.ledgerOps(b.fx, 1, &q, true) })
	}
}

func (b *runner) writes() error {
	officers, err := usernames(b.fx.users[0], tuijin.RoleOfficer)
	if err != nil || len(officers) == 0 {
		return fmt.Errorf("officer accounts: %v", err)
	}
	for _, c := range b.cfg.Concurrency {
		b.add(&b.er.Cells, "project update", c, b.cfg.Timing, func() []op { return b.fx.updateOps(c) }, nil)
		b.add(&b.er.Cells, "login (fixture accounts)", c, b.cfg.Timing, func() []op {
			return b.fx.loginOps(c, func(w int) (string, string) { return officers[w%len(officers)], seedPassword })
		}, nil)
	}
	return nil
}

// argon2Logins logs in with the admin's real password hash. It costs 64
// MiB of argon2 memory per login; 64 at once would take 4 GiB, so it is
// measured up to 16.
func (b *runner) argon2Logins() {
	for _, c := range b.cfg.Concurrency {
		if c > 16 {
			continue
		}
		b.add(&b.er.Cells, "login (admin, production argon2)", c, b.cfg.Timing, func() []op {
			return b.fx.loginOps(c, func(int) (string, string) { return "admin", adminPassword })
		}, nil)
	}
}

// importExport imports a ledger of cfg.ImportRows projects onto a future
// year's list (new projects), imports it again with every amount changed
// (updates), and exports that year's list, each at concurrency 1.
func (b *runner) importExport() error {
	year, n := b.cfg.Year+3, b.cfg.ImportRows
	create, err := b.fx.importSheet(year, n, 0)
	if err != nil {
		return err
	}
	update, err := b.fx.importSheet(year, n, 10_000)
	if err != nil {
		return err
	}
	b.heavy(fmt.Sprintf("import %d (new projects)", n), 1, 1, []op{b.fx.importOp(year, [][]byte{create})}, "")
	b.heavy(fmt.Sprintf("import %d (every row changed)", n), 1, 2, []op{b.fx.importOp(year, [][]byte{update, create})}, "")
	b.heavy(fmt.Sprintf("export %d (.xlsx)", n), 1, 3, []op{b.fx.exportOp(year)}, "")
	return nil
}

func maxOf(xs []int) int {
	m := 1
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
