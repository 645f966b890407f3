package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// op is one request of a scenario by one simulated user; i counts that
// user's requests.
type op func(ctx context.Context, i int) error

// timing says how long to measure.
type timing struct {
	Warmup time.Duration `json:"warmup_s"`
	Round  time.Duration `json:"round_s"`
	Rounds int           `json:"rounds"`
}

// Stats summarise the latencies of one scenario at one concurrency.
type Stats struct {
	Requests   int       `json:"requests"`
	Errors     int       `json:"errors"`
	P50        float64   `json:"p50_ms"`
	P95        float64   `json:"p95_ms"`
	P99        float64   `json:"p99_ms"`
	Max        float64   `json:"max_ms"`
	Throughput float64   `json:"throughput_rps"`
	PerRound   []float64 `json:"round_throughput_rps,omitempty"`
	FirstError string    `json:"first_error,omitempty"`
}

// result of one phase: latencies of successful requests, errors.
type phase struct {
	lat      []time.Duration
	errors   int
	firstErr error
	elapsed  time.Duration
}

// run lets each op loop until the duration is over (or, with n > 0, until
// it has done n requests) and collects what happened.
func run(ctx context.Context, ops []op, d time.Duration, n int) phase {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	results := make([]phase, len(ops))
	var wg sync.WaitGroup
	start := time.Now()
	for w, f := range ops {
		wg.Go(func() {
			p := &results[w]
			for i := 0; (n == 0 || i < n) && ctx.Err() == nil; i++ {
				var skip time.Duration
				t0 := time.Now()
				err := f(context.WithValue(context.WithoutCancel(ctx), untimedKey{}, &skip), i)
				if err != nil {
					p.errors++
					if p.firstErr == nil {
						p.firstErr = err
					}
					continue
				}
				p.lat = append(p.lat, time.Since(t0)-skip)
			}
		})
	}
	wg.Wait()
	out := phase{elapsed: time.Since(start)}
	for _, p := range results {
		out.lat = append(out.lat, p.lat...)
		out.errors += p.errors
		if out.firstErr == nil {
			out.firstErr = p.firstErr
		}
	}
	return out
}

type untimedKey struct{}

// untimed runs f inside an op without counting its time in the op's
// latency: setting the stage for the request that is measured.
func untimed(ctx context.Context, f func() error) error {
	t0 := time.Now()
	err := f()
	if skip, ok := ctx.Value(untimedKey{}).(*time.Duration); ok {
		*skip += time.Since(t0)
	}
	return err
}

// measure warms up, then runs the rounds and summarises them.
func measure(ctx context.Context, ops []op, t timing) Stats {
	if t.Warmup > 0 {
		run(ctx, ops, t.Warmup, 0)
	}
	var all phase
	var perRound []float64
	for range t.Rounds {
		p := run(ctx, ops, t.Round, 0)
		all.lat = append(all.lat, p.lat...)
		all.errors += p.errors
		all.elapsed += p.elapsed
		if all.firstErr == nil {
			all.firstErr = p.firstErr
		}
		perRound = append(perRound, float64(len(p.lat))/p.elapsed.Seconds())
	}
	s := summarise(all)
	s.PerRound = perRound
	return s
}

// measureN runs each op n times (heavy scenarios: imports, exports).
func measureN(ctx context.Context, ops []op, n int) Stats {
	return summarise(run(ctx, ops, 24*time.Hour, n))
}

func summarise(p phase) Stats {
	s := Stats{Requests: len(p.lat) + p.errors, Errors: p.errors}
	if p.firstErr != nil {
		s.FirstError = truncate(p.firstErr.Error(), 300)
	}
	if len(p.lat) == 0 {
		return s
	}
	slices.Sort(p.lat)
	s.P50, s.P95, s.P99 = ms(percentile(p.lat, 50)), ms(percentile(p.lat, 95)), ms(percentile(p.lat, 99))
	s.Max = ms(p.lat[len(p.lat)-1])
	if p.elapsed > 0 {
		s.Throughput = round(float64(len(p.lat))/p.elapsed.Seconds(), 1)
	}
	return s
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return round(float64(d.Microseconds())/1000, 2) }

func round(x float64, places int) float64 {
	f := math.Pow(10, float64(places))
	return math.Round(x*f) / f
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func (s Stats) String() string {
	return fmt.Sprintf("n=%d err=%d p50=%.1fms p95=%.1fms p99=%.1fms %.0f/s", s.Requests, s.Errors, s.P50, s.P95, s.P99, s.Throughput)
}
