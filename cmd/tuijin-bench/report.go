package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Results is bench/results.json.
type Results struct {
	Date     string         `json:"date"`
	Commit   string         `json:"commit"`
	Machine  Machine        `json:"machine"`
	Config   config         `json:"config"`
	Seconds  float64        `json:"total_seconds"`
	Engines  []EngineResult `json:"engines"`
	Targets  []Target       `json:"targets"`
	LoadFrom string         `json:"load_average_before"`
	LoadTo   string         `json:"load_average_after"`
}

// Machine says where the figures were taken.
type Machine struct {
	CPU    string `json:"cpu"`
	Cores  int    `json:"cores"`
	Memory string `json:"memory"`
	OS     string `json:"os"`
	Go     string `json:"go"`
}

// Target is one of the goals, checked against the SQLite results:
// under its limit, or with AtLeast at or over it.
type Target struct {
	What    string  `json:"what"`
	Value   float64 `json:"value"`
	Limit   float64 `json:"limit"`
	Unit    string  `json:"unit"`
	AtLeast bool    `json:"at_least,omitempty"`
	Met     bool    `json:"met"`
	// found is false when the scenario was not measured.
	found bool
}

func newResults(cfg config) *Results {
	return &Results{Date: time.Now().In(officeZone()).Format("2006-01-02 15:04 MST"), Commit: gitCommit(), Machine: machine(),
		Config: cfg, LoadFrom: loadAverage()}
}

func (r *Results) finish(started time.Time) {
	r.Seconds = round(time.Since(started).Seconds(), 0)
	r.LoadTo = loadAverage()
	if len(r.Engines) == 0 {
		return
	}
	sq := r.Engines[0]
	find := func(name string, c int) Cell {
		for _, cell := range sq.Cells {
			if cell.Scenario == name && cell.Concurrency == c {
				return cell
			}
		}
		return Cell{}
	}
	p95 := func(what, name string, c int, limit float64) Target {
		cell := find(name, c)
		return Target{What: what, Value: cell.Stats.P95, Limit: limit, Unit: "ms", found: cell.Stats.Requests > 0}
	}
	ledger := find("ledger page", 16)
	submit, recompute, cockpit := find(scSubmit, 50), find(scRecompute, 1), find(scCockpit, 1)
	r.Targets = []Target{
		p95("ledger page p95 at concurrency 16", "ledger page", 16, 30),
		p95("project detail p95 at concurrency 16", "project detail", 16, 20),
		{What: "ledger page p95 over its SQL floor, concurrency 16", Value: ledger.RatioP95, Limit: 2, Unit: "×", found: ledger.RatioP95 > 0},
		{What: "server peak memory, every scenario but the production-argon2 login", Value: peakExcept(sq, "login (admin"), Limit: 300, Unit: "MB", found: true},
		p95("battle map of a 5,000-project list p95, one user", scSchedule, 1, 100),
		{What: "report submissions, 50 clients at once: errors", Value: float64(submit.Stats.Errors), Limit: 1, Unit: "errors", found: submit.Stats.Requests > 0},
		{What: "report submissions, 50 clients at once: throughput", Value: submit.Stats.Throughput, Limit: 300, Unit: "/s", AtLeast: true, found: submit.Stats.Requests > 0},
		p95("period overview (period + reports page) of 5,000 reports p95, one user", scPeriod, 1, 100),
		{What: "lights recompute of this year's list", Value: recompute.Stats.Max, Limit: 2000, Unit: "ms", found: recompute.Stats.Requests > 0},
		p95("lights board p95, one user", scBoard, 1, 50),
		p95("cockpit p95, one user", scCockpit, 1, 100),
		{What: "server peak memory during the cockpit", Value: max(cockpit.PeakMB, find(scCockpit, 16).PeakMB), Limit: 300, Unit: "MB", found: cockpit.PeakMB > 0},
	}
	kept := r.Targets[:0]
	for _, t := range r.Targets {
		if !t.found {
			continue // not measured in this run (--only)
		}
		if t.AtLeast {
			t.Met = t.Value >= t.Limit
		} else {
			t.Met = t.Value < t.Limit && (t.Value > 0 || t.Unit == "errors")
		}
		kept = append(kept, t)
	}
	r.Targets = kept
}

func peakExcept(e EngineResult, prefix string) float64 {
	var m float64
	for _, c := range e.Cells {
		if !strings.HasPrefix(c.Scenario, prefix) {
			m = max(m, c.PeakMB)
		}
	}
	return m
}

func (r *Results) write(dir string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	md := r.markdown()
	fmt.Print("\n" + md)
	return os.WriteFile(filepath.Join(dir, "RESULTS.md"), []byte(md), 0o644)
}

// Markers of the README's block of latest figures.
const (
	readmeStart = "<!-- bench:start (written by make bench) -->"
	readmeEnd   = "<!-- bench:end -->"
)

// updateReadme replaces the README's block of latest figures, when it has
// one, with a summary of these results.
func (r *Results) updateReadme(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(b)
	i, j := strings.Index(text, readmeStart), strings.Index(text, readmeEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q block", path, readmeStart)
	}
	text = text[:i+len(readmeStart)] + "\n" + r.summary() + text[j:]
	return os.WriteFile(path, []byte(text), 0o644)
}

// summary is the README's block: where and when, the targets, and the
// main scenarios on SQLite.
func (r *Results) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Taken %s on %s, %d cores, %s (load average %s from other work on the machine), %d projects, commit %s:\n\n",
		r.Date, r.Machine.CPU, r.Machine.Cores, r.Machine.Memory, r.LoadFrom, r.Config.Projects, r.Commit)
	b.WriteString("| target (SQLite) | measured | limit | met |\n| --- | --- | --- | --- |\n")
	for _, t := range r.Targets {
		fmt.Fprintf(&b, "| %s | %.1f %s | %s | %s |\n", t.What, t.Value, t.Unit, t.limit(), yesNo(t.Met))
	}
	if len(r.Engines) > 0 {
		b.WriteString("\n| scenario (SQLite) | users | p50 ms | p95 ms | req/s | ×floor p95 | peak MB |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		for _, c := range r.Engines[0].Cells {
			ratio := ""
			if c.Floor != nil {
				ratio = fmt.Sprintf("%.2f", c.RatioP95)
			}
			fmt.Fprintf(&b, "| %s | %d | %.1f | %.1f | %.1f | %s | %.0f |\n", c.Scenario, c.Concurrency, c.Stats.P50, c.Stats.P95, c.Stats.Throughput, ratio, c.PeakMB)
		}
	}
	return b.String()
}

func (r *Results) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Tuijin benchmark results\n\n")
	p("Taken %s on %s (%d cores, %s, %s, %s), commit %s; load average %s before, %s after. ",
		r.Date, r.Machine.CPU, r.Machine.Cores, r.Machine.Memory, r.Machine.OS, r.Machine.Go, r.Commit, r.LoadFrom, r.LoadTo)
	p("Client and server share the machine. %d projects, seed %d; each cell: %v warm-up, then %d rounds of %v. ",
		r.Config.Projects, r.Config.Seed, r.Config.Timing.Warmup, r.Config.Timing.Rounds, r.Config.Timing.Round)
	p("The SQL floor runs the store's own statements with database/sql on the same database; ratio = Tuijin ÷ floor. ")
	p("Logins with the admin's production password hash (argon2id, 64 MiB each) run last and at most 16 at once. ")
	p("The office's daily work (battle map, periods, light board, cockpit) is measured at 1 and 16 users; the heavy pages by a number of requests, ")
	p("alone against their floor and then 16 users once each; 500 reports are submitted by 50 department accounts at once. ")
	p("Pages of the ledger, the light board, the cockpit and the battle map are kept between requests until a table they are made of changes ")
	p("(generations in the `heads` table, `internal/httpapi/heavy.go`): repeated requests measure a kept result; the rows \"…, after a write\" ")
	p("and \"…, first after an edit\" measure each request computed afresh, and 16 users at once after a change wait for one computation. ")
	p("Where targets miss and what would fix them: [PROPOSALS.md](PROPOSALS.md). ")
	p("Written by `make bench` (%.0f s); raw figures in `results.json`.\n\n", r.Seconds)
	p("## Targets (SQLite)\n\n| target | measured | limit | met |\n| --- | --- | --- | --- |\n")
	for _, t := range r.Targets {
		p("| %s | %.1f %s | %s | %s |\n", t.What, t.Value, t.Unit, t.limit(), yesNo(t.Met))
	}
	for _, e := range r.Engines {
		p("\n## %s\n\nSeeded in %.0f s", e.Engine, e.SeedSeconds)
		if e.DBSizeMB > 0 {
			p(", %.0f MB on disk", e.DBSizeMB)
		}
		p("; server peak memory %.0f MB over all scenarios.\n\n", e.PeakMB)
		table(&b, e.Cells)
		for _, c := range e.Cells {
			if c.Note != "" && c.Concurrency == 1 {
				p("\n%s: %s.", c.Scenario, c.Note)
			}
		}
		p("\n\nThe ledger mix taken apart (each request alone, concurrency 1):\n\n")
		table(&b, e.Ledger)
	}
	return b.String()
}

func table(b *strings.Builder, cells []Cell) {
	fmt.Fprintf(b, "| scenario | users | requests | errors | p50 ms | p95 ms | p99 ms | req/s | floor p50 | floor p95 | ×floor p95 | peak MB |\n")
	fmt.Fprintf(b, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, c := range cells {
		s := c.Stats
		floor := "| | |"
		if c.Floor != nil {
			floor = fmt.Sprintf("| %.1f | %.1f | %.2f |", c.Floor.P50, c.Floor.P95, c.RatioP95)
		}
		fmt.Fprintf(b, "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f %s %.0f |\n",
			c.Scenario, c.Concurrency, s.Requests, s.Errors, s.P50, s.P95, s.P99, s.Throughput, floor, c.PeakMB)
	}
}

// limit says the target's bound: "< 30 ms", "≥ 300 /s", "0 errors".
func (t Target) limit() string {
	switch {
	case t.Unit == "errors":
		return "0 errors"
	case t.AtLeast:
		return fmt.Sprintf("≥ %.0f %s", t.Limit, t.Unit)
	}
	return fmt.Sprintf("< %.0f %s", t.Limit, t.Unit)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}

func machine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), CPU: "unknown CPU", OS: runtime.GOOS}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%d", &kb)
		m.Memory = fmt.Sprintf("%.0f GB RAM", float64(kb)/(1<<20))
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.OS = "Linux " + strings.TrimSpace(string(b))
	}
	return m
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], " ")
}

func gitCommit() string {
	out, err := exec.Command("git", "describe", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
