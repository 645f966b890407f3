package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// The generations (heads) kept in the heads table. Each moves once in any
// transaction that writes the tables it stands for; what is computed from
// those tables stays valid while the generations it read stay put.
const (
	HeadLedger   = "ledger"   // projects and their year lists
	HeadLights   = "lights"   // lights' colours, overrides and history
	HeadFigures  = "figures"  // the running sums of approved reports
	HeadProblems = "problems" // problems and their steps
	HeadNodes    = "nodes"    // key nodes
	HeadOrg      = "org"      // departments
	HeadReports  = "reports"  // reporting periods and their reports
)

// Heads is a reading of every generation.
type Heads map[string]int64

// Heads reads every generation at once (a few rows).
func (db *DB) Heads(ctx context.Context) (Heads, error) {
	rows, err := db.reader(ctx).Query("SELECT name, gen FROM heads")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	h := Heads{}
	for rows.Next() {
		var name string
		var gen int64
		if err := rows.Scan(&name, &gen); err != nil {
			return nil, err
		}
		h[name] = gen
	}
	return h, rows.Err()
}

// Key is the named generations as a cache key part, e.g.
// "figures=3,ledger=12".
func (h Heads) Key(names ...string) string {
	names = append([]string(nil), names...)
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s=%d", n, h[n])
	}
	return strings.Join(parts, ",")
}

// touchAll moves every generation: bulk writes (the seed) that fill many
// tables at once.
func (tx *Tx) touchAll() error {
	for _, n := range []string{HeadLedger, HeadLights, HeadFigures, HeadProblems, HeadNodes, HeadOrg, HeadReports} {
		if err := tx.touch(n); err != nil {
			return err
		}
	}
	return nil
}
