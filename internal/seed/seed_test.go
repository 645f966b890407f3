package seed_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/seed"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	ctx   = context.Background()
	today = time.Date(2026, 11, 21, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
)

func options(projects int) seed.Options {
	opt := seed.Defaults(today)
	opt.Projects, opt.Years, opt.Password = projects, 3, "Seed-Pass-2026"
	return opt
}

func mustSeed(t *testing.T, db *store.DB, opt seed.Options) *seed.Result {
	t.Helper()
	res, err := seed.Run(ctx, db, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestDeterministic seeds two databases with the same options and expects
// the same records, down to the audit trail; counts must match the result.
func TestDeterministic(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			a, b := testdb.Open(t, e.DSN(t)), testdb.Open(t, e.DSN(t))
			opt := options(800) // two counties
			res := mustSeed(t, a, opt)
			mustSeed(t, b, opt)
			if x, y := dump(t, a), dump(t, b); x != y {
				if d := os.Getenv("SEED_DUMP"); d != "" {
					os.WriteFile(d+".a", []byte(x), 0o644)
					os.WriteFile(d+".b", []byte(y), 0o644)
				}
				t.Fatalf("same seed, different data (%d vs %d bytes)", len(x), len(y))
			}
			checkCounts(t, a, res, opt)
			if _, err := seed.Run(ctx, a, opt); err == nil || !strings.Contains(err.Error(), "already holds records") {
				t.Fatalf("seeding a database with records: %v", err)
			}
		})
	}
}

func checkCounts(t *testing.T, db *store.DB, res *seed.Result, opt seed.Options) {
	t.Helper()
	users, depts, projects, err := db.RecordCounts(ctx)
	if err != nil || users != res.Users || depts != res.Departments || projects != opt.Projects || res.Projects != opt.Projects {
		t.Fatalf("counts: %d users, %d departments, %d projects; result %+v (%v)", users, depts, projects, res, err)
	}
	if _, problems, err := db.VerifyAudit(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("audit trail: %v %v", problems, err)
	}
	for entity, want := range map[string]int{"department": res.Departments, "user": res.Users,
		"project": res.Projects + res.StageChanges + res.Updates, "period": res.Periods + closedPeriods(t, db)} {
		list, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Entity: entity}, time.UTC)
		if err != nil || list.Total != want {
			t.Fatalf("audit rows of %s: %d, want %d (%v)", entity, list.Total, want, err)
		}
	}
	for table, want := range map[string]int{"nodes": res.Nodes, "periods": res.Periods, "reports": res.Reports,
		"problems": res.Problems, "meetings": res.Meetings, "visits": res.Visits} {
		if n := count(t, db, "SELECT COUNT(*) FROM "+table); n != want {
			t.Fatalf("%d %s, result says %d", n, table, want)
		}
	}
	roles := map[tuijin.Role]bool{}
	for _, a := range res.Accounts {
		roles[a.Role] = true
	}
	if len(roles) != len(tuijin.Roles)-1 { // every role but admin
		t.Fatalf("sample accounts cover %d roles: %+v", len(roles), res.Accounts)
	}
}

func closedPeriods(t *testing.T, db *store.DB) int {
	return count(t, db, "SELECT COUNT(*) FROM periods WHERE closed = ?", true)
}

// rows runs a query and returns its rows as text.
func rows(t *testing.T, db *store.DB, q string, args ...any) [][]string {
	t.Helper()
	var out [][]string
	err := db.InTx(ctx, tuijin.SystemActor, func(tx *store.Tx) error {
		rs, err := tx.Query(q, args...)
		if err != nil {
			return err
		}
		defer rs.Close()
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				return err
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				row[i] = fmt.Sprint(v)
			}
			out = append(out, row)
		}
		return rs.Err()
	})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

func count(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	n, _ := strconv.Atoi(rows(t, db, q, args...)[0][0])
	return n
}

// dump is every project and audit row as JSON, for comparison, and the
// rows of what the later steps wrote, in an order that does not depend on
// ids (lights are stored in map order).
func dump(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for page := 1; ; page++ {
		list, err := db.Projects(ctx, tuijin.SystemActor, tuijin.ProjectFilter{Page: tuijin.Page{Page: page, PerPage: 500}})
		if err != nil {
			t.Fatal(err)
		}
		enc.Encode(list.Items)
		if page*500 >= list.Total {
			break
		}
	}
	for page := 1; ; page++ {
		list, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Page: tuijin.Page{Page: page, PerPage: 500}}, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		enc.Encode(list.Items)
		if page*500 >= list.Total {
			break
		}
	}
	for _, q := range []string{
		"SELECT * FROM nodes ORDER BY id", "SELECT * FROM periods ORDER BY id", "SELECT * FROM reports ORDER BY id",
		"SELECT * FROM problems ORDER BY id", "SELECT * FROM problem_events ORDER BY id", "SELECT * FROM meetings ORDER BY id",
		"SELECT * FROM visits ORDER BY id", "SELECT * FROM supervision_orders ORDER BY id",
		"SELECT * FROM project_figures ORDER BY project_id, year", "SELECT id, reported_yuan FROM projects ORDER BY id",
		"SELECT project_id, year, colour, results, computed_at, changed_at FROM project_lights ORDER BY project_id, year",
		"SELECT project_id, year, from_colour, to_colour, results, at FROM light_history ORDER BY project_id, year, at",
		"SELECT user_id, kind, title, body, created_at FROM notifications ORDER BY user_id, kind, title, body, created_at",
		"SELECT name, due_at, last_done_at, last_error FROM jobs ORDER BY name",
		"SELECT id, name, geojson, uploaded_by, uploaded_at FROM map_boundaries",
	} {
		enc.Encode(rows(t, db, q))
	}
	return b.String()
}

// TestDemo checks that the demo county looks like a county's ledger in
// its current year: plain town names, every stage, late projects, amounts
// in whole 万元 with a heavy tail.
func TestDemo(t *testing.T) {
	db := testdb.Open(t, testdb.Engines()[0].DSN(t))
	opt := seed.Demo(today)
	opt.Password, opt.AdminHash = "Seed-Pass-2026", "x"
	res := mustSeed(t, db, opt)
	if !res.AdminCreated {
		t.Fatal("no admin account")
	}
	list, err := db.Projects(ctx, tuijin.SystemActor, tuijin.ProjectFilter{Page: tuijin.Page{PerPage: 500}})
	if err != nil || list.Total != 200 {
		t.Fatalf("demo projects: %v %v", list.Total, err)
	}
	stages, late, small, big := map[tuijin.Stage]int{}, 0, 0, 0
	thisYear := 0
	for _, p := range list.Items {
		stages[p.Stage]++
		if !p.Stage.Started() && p.PlannedStart < "2026-11-21" {
			late++
		}
		if p.TotalInvestmentYuan%10_000 != 0 {
			t.Fatalf("%s: amount %d is not in whole 万元", p.Name, p.TotalInvestmentYuan)
		}
		if p.TotalInvestmentYuan < 100_000_000 {
			small++
		} else if p.TotalInvestmentYuan >= 1_000_000_000 {
			big++
		}
		if _, ok := p.PlanFor(2026); ok {
			thisYear++
		}
		if p.DepartmentName == "" || p.LeaderName == "" || p.OfficerName == "" || p.OwnerName == "" {
			t.Fatalf("%s: responsibility chain incomplete: %+v", p.Name, p)
		}
	}
	t.Logf("demo mix: stages %v, %d late, %d under 1亿, %d over 10亿, %d on this year's list", stages, late, small, big, thisYear)
	if len(stages) != len(tuijin.Stages) || late < 5 || small < 120 || big < 2 || thisYear < 120 {
		t.Fatalf("demo mix: stages %v, %d late, %d under 1亿, %d over 10亿, %d on this year's list", stages, late, small, big, thisYear)
	}
	checkMap(t, db, 2026)
	towns, _ := db.Departments(ctx, tuijin.SystemActor, tuijin.DepartmentFilter{Kind: tuijin.KindTown, Q: "城关镇"})
	if towns.Total != 1 || towns.Items[0].Name != "城关镇" {
		t.Fatalf("a county's towns are named plainly: %+v", towns.Items)
	}
}

func BenchmarkSeed1000(b *testing.B) {
	for b.Loop() {
		db := testdb.Open(b, testdb.Engines()[0].DSN(b))
		if _, err := seed.Run(ctx, db, options(1000)); err != nil {
			b.Fatal(err)
		}
	}
}
