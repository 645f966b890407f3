package httpapi

import (
	"context"
	"fmt"
	"runtime"
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
	cockpit  *memo.Cache[[]byte]
	schedule *memo.Cache[[]byte]
	// ledger keeps pages of the ledger (Monday morning, every department
	// opens this year's list); they are light and have slots of their own.
	ledger *memo.Cache[[]byte]
}

func newHeavyReads() *heavyReads {
	slots := memo.NewSlots(runtime.NumCPU())
	return &heavyReads{
		board:    memo.New[*boardBase](64, slots),
		cockpit:  memo.New[[]byte](32, slots),
		schedule: memo.New[[]byte](32, slots),
		ledger:   memo.New[[]byte](512, memo.NewSlots(4*runtime.NumCPU())),
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

