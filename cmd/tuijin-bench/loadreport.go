package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// loadReport is bench/load.json.
type loadReport struct {
	Date    string                `json:"date"`
	Machine Machine               `json:"machine"`
	Config  map[string]any        `json:"config"`
	Seconds float64               `json:"seconds"`
	PeakMB  float64               `json:"server_peak_mb"`
	Actions map[string]*loadStats `json:"actions"`
	Writes  struct {
		Attempted, Acked, Failed, ConflictsRetried int
	} `json:"writes"`
	Check check `json:"check"`

	mu     sync.Mutex
	latLog map[string][]time.Duration
}

type loadStats struct {
	Count      int     `json:"count"`
	Errors     int     `json:"errors"`
	P50        float64 `json:"p50_ms"`
	P95        float64 `json:"p95_ms"`
	P99        float64 `json:"p99_ms"`
	FirstError string  `json:"first_error,omitempty"`
}

func newLoadReport(cfg loadConfig, users int) *loadReport {
	return &loadReport{Date: time.Now().In(officeZone()).Format("2006-01-02 15:04 MST"), Machine: machine(),
		Config: map[string]any{"users": users, "duration_s": cfg.Duration.Seconds(), "projects": cfg.Projects, "seed": cfg.Seed,
			"max_requests": cfg.MaxRequests},
		Actions: map[string]*loadStats{}, latLog: map[string][]time.Duration{}}
}

func (r *loadReport) record(kind string, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	st := r.Actions[kind]
	if st == nil {
		st = &loadStats{}
		r.Actions[kind] = st
	}
	st.Count++
	if err != nil {
		st.Errors++
		if st.FirstError == "" {
			st.FirstError = truncate(err.Error(), 300)
		}
		return
	}
	r.latLog[kind] = append(r.latLog[kind], d)
}

func (r *loadReport) addWrites(ws []write) {
	for _, w := range ws {
		r.Writes.Attempted++
		r.Writes.ConflictsRetried += w.Conflicts
		if w.Acked {
			r.Writes.Acked++
		} else {
			r.Writes.Failed++
		}
	}
}

func (r *loadReport) write(dir string) error {
	for kind, lat := range r.latLog {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		st := r.Actions[kind]
		st.P50, st.P95, st.P99 = ms(percentile(lat, 50)), ms(percentile(lat, 95)), ms(percentile(lat, 99))
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "load.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	md := r.markdown()
	fmt.Print(md)
	if err := os.WriteFile(filepath.Join(dir, "LOAD.md"), []byte(md), 0o644); err != nil {
		return err
	}
	if !r.Check.OK() || r.errors() > 0 {
		return fmt.Errorf("load test failed: %d errors, %d lost, %d doubled, %d unexpected", r.errors(), r.Check.Lost, r.Check.Doubled, r.Check.Unexpected)
	}
	return nil
}

func (r *loadReport) errors() int {
	n := 0
	for _, st := range r.Actions {
		n += st.Errors
	}
	return n
}

func (r *loadReport) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Tuijin load test\n\n%s on %s (%d cores): %v simulated users for %.0f s on loopback, %v projects; server peak memory %.0f MB.\n\n",
		r.Date, r.Machine.CPU, r.Machine.Cores, r.Config["users"], r.Seconds, r.Config["projects"], r.PeakMB)
	b.WriteString("| action | count | errors | p50 ms | p95 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	kinds := make([]string, 0, len(r.Actions))
	for k := range r.Actions {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		st := r.Actions[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %.1f | %.1f | %.1f |\n", k, st.Count, st.Errors, st.P50, st.P95, st.P99)
	}
	fmt.Fprintf(&b, "\nWrites: %d attempted, %d acknowledged, %d failed; %d conflicts (409) met and retried.\n\nCheck: %s\n",
		r.Writes.Attempted, r.Writes.Acked, r.Writes.Failed, r.Writes.ConflictsRetried, r.Check)
	return b.String()
}
