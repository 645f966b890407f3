package httpapi

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// metrics counts requests per route and status class and their durations,
// in the Prometheus text format. Routes are the patterns of the route
// table, so label values stay few.
type metrics struct {
	mu       sync.Mutex
	counts   map[string]*routeStats
	inFlight atomic.Int64
	started  time.Time
}

var buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type routeStats struct {
	byClass map[string]uint64
	hist    []uint64 // cumulative counts per bucket
	sum     float64
	count   uint64
}

func newMetrics() *metrics { return &metrics{counts: map[string]*routeStats{}, started: time.Now()} }

func (m *metrics) instrument(pattern string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.inFlight.Add(1)
		start := time.Now()
		sw, ok := w.(*statusWriter)
		if !ok {
			sw = &statusWriter{ResponseWriter: w}
		}
		next.ServeHTTP(sw, r)
		m.inFlight.Add(-1)
		m.observe(pattern, sw.status, time.Since(start).Seconds())
	})
}

func (m *metrics) observe(pattern string, status int, secs float64) {
	if status == 0 {
		status = http.StatusOK
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	st := m.counts[pattern]
	if st == nil {
		st = &routeStats{byClass: map[string]uint64{}, hist: make([]uint64, len(buckets))}
		m.counts[pattern] = st
	}
	st.byClass[strconv.Itoa(status/100)+"xx"]++
	for i, b := range buckets {
		if secs <= b {
			st.hist[i]++
		}
	}
	st.sum += secs
	st.count++
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	m := s.metrics
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.mu.Lock()
	defer m.mu.Unlock()
	patterns := make([]string, 0, len(m.counts))
	for p := range m.counts {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	fmt.Fprintln(w, "# HELP tuijin_http_requests_total HTTP requests by route and status class.")
	fmt.Fprintln(w, "# TYPE tuijin_http_requests_total counter")
	for _, p := range patterns {
		for class, n := range m.counts[p].byClass {
			fmt.Fprintf(w, "tuijin_http_requests_total{route=%q,status=%q} %d\n", p, class, n)
		}
	}
	fmt.Fprintln(w, "# HELP tuijin_http_request_duration_seconds HTTP request durations by route.")
	fmt.Fprintln(w, "# TYPE tuijin_http_request_duration_seconds histogram")
	for _, p := range patterns {
		st := m.counts[p]
		for i, b := range buckets {
			fmt.Fprintf(w, "tuijin_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", p, strconv.FormatFloat(b, 'g', -1, 64), st.hist[i])
		}
		fmt.Fprintf(w, "tuijin_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", p, st.count)
		fmt.Fprintf(w, "tuijin_http_request_duration_seconds_sum{route=%q} %g\n", p, st.sum)
		fmt.Fprintf(w, "tuijin_http_request_duration_seconds_count{route=%q} %d\n", p, st.count)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(w, "# TYPE tuijin_http_in_flight gauge\ntuijin_http_in_flight %d\n", m.inFlight.Load())
	fmt.Fprintf(w, "# TYPE tuijin_go_heap_bytes gauge\ntuijin_go_heap_bytes %d\n", ms.HeapAlloc)
	fmt.Fprintf(w, "# TYPE tuijin_go_sys_bytes gauge\ntuijin_go_sys_bytes %d\n", ms.Sys)
	fmt.Fprintf(w, "# TYPE tuijin_go_goroutines gauge\ntuijin_go_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintf(w, "# TYPE tuijin_uptime_seconds gauge\ntuijin_uptime_seconds %g\n", time.Since(m.started).Seconds())
	return nil
}

func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}
