package httpapi

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"

	"tuijin"
	"tuijin/internal/memo"
)

// heavyReads keep what the heavy pages compute (the light board, the
// cockpit, the battle map) until what they were computed from changes: a
// result is kept under the reader's scope and the request's parameters,
// with the generations of the tables it read (store.Heads) as its version.
// Their computations share slots, one per core, so that a burst of heavy
// pages queues instead of taking the server's memory.
type heavyReads struct {
	board    *memo.Cache[*boardBase]
	cockpit  *memo.Cache[*packed]
	schedule *memo.Cache[*packed]
	points   *memo.Cache[*packed] // the cockpit map's projects
	// ledger keeps pages of the ledger (Monday morning, every department
	// opens this year's list); they are light and have slots of their own.
	ledger *memo.Cache[[]byte]
	// periods keeps the lists of reporting periods with their counts.
	periods *memo.Cache[[]byte]
}

func newHeavyReads() *heavyReads {
	slots := memo.NewSlots(runtime.NumCPU())
	return &heavyReads{
		board:    memo.New[*boardBase](64, slots),
		cockpit:  memo.New[*packed](32, slots),
		schedule: memo.New[*packed](32, slots),
		points:   memo.New[*packed](32, slots),
		ledger:   memo.New[[]byte](512, memo.NewSlots(4*runtime.NumCPU())),
		periods:  memo.New[[]byte](128, slots),
	}
}

// version reads the generations named, as a cache version.
func (s *Server) version(ctx context.Context, names ...string) (string, error) {
	h, err := s.DB.Heads(ctx)
	if err != nil {
		return "", err
	}
	return h.Key(names...), nil
}

// scopeKey names the projects an actor sees: actors with the same scope
// share results.
func scopeKey(a *tuijin.Actor) string {
	sc := a.ProjectScope()
	switch {
	case sc.All:
		return "all"
	case sc.None:
		return "none"
	}
	var b strings.Builder
	for _, p := range []struct {
		name string
		id   *int64
	}{{"dept", sc.DepartmentID}, {"owner", sc.OwnerDepartmentID}, {"user", sc.UserID}} {
		if p.id != nil {
			fmt.Fprintf(&b, "%s=%d;", p.name, *p.id)
		}
	}
	return b.String()
}

// filterKey names a ledger filter's selection (not its page).
func filterKey(f tuijin.ProjectFilter) string {
	id := func(p *int64) string {
		if p == nil {
			return ""
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf("q=%q;stage=%s;nature=%s;level=%s;year=%d;dept=%s;leader=%s;town=%q;cat=%q;archived=%t;ids=%v",
		f.Q, f.Stage, f.Nature, f.Level, f.Year, id(f.DepartmentID), id(f.LeaderID), f.Town, f.Category, f.Archived, f.IDs)
}

// packed is a kept JSON response, gzipped once when it is computed: a
// province's battle map is 15 MB of JSON and 2 MB packed, which is what
// the cache holds and what browsers are sent.
type packed struct {
	gz []byte
}

// pack encodes v as JSON and gzips it.
func pack(v any) (*packed, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &packed{gz: buf.Bytes()}, nil
}

// write sends the response packed to clients that take gzip, and unpacks
// it for those that do not.
func (p *packed) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(p.gz)))
		w.WriteHeader(http.StatusOK)
		if _, err := w.Write(p.gz); err != nil {
			slog.Debug("write response", "err", err)
		}
		return
	}
	w.WriteHeader(http.StatusOK)
	zr, err := gzip.NewReader(bytes.NewReader(p.gz))
	if err == nil {
		_, err = io.Copy(w, zr)
	}
	if err != nil {
		slog.Debug("write response", "err", err)
	}
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q = strings.ReplaceAll(strings.TrimSpace(q), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
