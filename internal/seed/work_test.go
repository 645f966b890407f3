package seed_test

import (
	"fmt"
	"strconv"
	"testing"

	"tuijin"
	"tuijin/internal/seed"
	"tuijin/internal/testdb"
)

// TestFiguresMatchReports recomputes every project's running sums from the
// approved reports and expects exactly what the seed stored: the
// project_figures row of each year (none where nothing counted) and
// projects.reported_yuan, as approvals would have left them.
func TestFiguresMatchReports(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			db := testdb.Open(t, e.DSN(t))
			mustSeed(t, db, options(500))
			type key struct {
				project string
				year    int
			}
			want := map[key]*[13]int64{}
			reported := map[string]int64{}
			for _, r := range rows(t, db, "SELECT project_id, period_end, invested_yuan, stats_yuan FROM reports WHERE status = ? AND counts = ?",
				tuijin.ReportApproved, true) {
				year, _ := strconv.Atoi(r[1][:4])
				month, _ := strconv.Atoi(r[1][5:7])
				yuan, _ := strconv.ParseInt(r[2], 10, 64)
				stats, _ := strconv.ParseInt(r[3], 10, 64)
				k := key{r[0], year}
				if want[k] == nil {
					want[k] = &[13]int64{}
				}
				want[k][month-1] += yuan
				want[k][12] += stats
				reported[r[0]] += yuan
			}
			got := rows(t, db, `SELECT project_id, year, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, stats_yuan
				FROM project_figures ORDER BY project_id, year`)
			if len(got) < 100 {
				t.Fatalf("only %d figure rows", len(got))
			}
			for _, r := range got {
				year, _ := strconv.Atoi(r[1])
				w := want[key{r[0], year}]
				if w == nil {
					t.Fatalf("project %s, %d: a figures row without approved reports: %v", r[0], year, r)
				}
				if g := fmt.Sprint(r[2:]); g != fmt.Sprint(w[:]) {
					t.Fatalf("project %s, %d: stored %s, reports add up to %v", r[0], year, g, w[:])
				}
				delete(want, key{r[0], year})
			}
			for k, w := range want {
				if *w != [13]int64{} {
					t.Fatalf("project %s, %d: approved reports add up to %v, no figures row", k.project, k.year, w[:])
				}
			}
			for _, r := range rows(t, db, "SELECT id, reported_yuan FROM projects") {
				if r[1] != strconv.FormatInt(reported[r[0]], 10) {
					t.Fatalf("project %s: reported_yuan %s, approved reports add up to %d", r[0], r[1], reported[r[0]])
				}
			}
		})
	}
}

// TestDemoAlive checks that every screen of the demo has something to
// show, in this year: the battle map with done and overdue nodes, periods
// with reports in every state and some late, figures behind and ahead,
// problems in every state with overdue and escalated ones, meetings and
// visits of every leader every month, lights of every colour with history,
// messages in the inbox, and the daily jobs done for today.
func TestDemoAlive(t *testing.T) {
	db := testdb.Open(t, testdb.Engines()[0].DSN(t))
	opt := seed.Demo(today)
	opt.Password = "Seed-Pass-2026"
	res := mustSeed(t, db, opt)
	day := today.Format("2006-01-02")
	atLeast := func(what string, n, min int) {
		t.Helper()
		if n < min {
			t.Errorf("%s: %d, want at least %d", what, n, min)
		}
	}
	atLeast("nodes per project ×10", res.Nodes*10/res.Projects, 100)
	atLeast("nodes done", count(t, db, "SELECT COUNT(*) FROM nodes WHERE actual_finish <> ''"), res.Nodes/3)
	atLeast("nodes overdue", count(t, db, "SELECT COUNT(*) FROM nodes WHERE actual_finish = '' AND planned_finish < ?", day), 10)
	for _, st := range []tuijin.ReportStatus{tuijin.ReportDraft, tuijin.ReportSubmitted, tuijin.ReportReturned, tuijin.ReportApproved} {
		atLeast("this year's reports "+string(st), count(t, db, "SELECT COUNT(*) FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.year = ? AND r.status = ?",
			today.Year(), st), 2)
	}
	atLeast("late reports", count(t, db, `SELECT COUNT(*) FROM reports r JOIN periods p ON p.id = r.period_id
		WHERE p.deadline < ? AND r.status IN (?, ?)`, day, tuijin.ReportDraft, tuijin.ReportReturned), 3)
	if n := count(t, db, "SELECT COUNT(*) FROM reports r JOIN periods p ON p.id = r.period_id WHERE p.year < ? AND r.status <> ?",
		today.Year(), tuijin.ReportApproved); n*100 > count(t, db, "SELECT COUNT(*) FROM reports") {
		t.Errorf("%d reports of past years not approved", n)
	}
	for _, st := range []tuijin.ProblemStatus{tuijin.ProblemAssigned, tuijin.ProblemAccepted, tuijin.ProblemInProgress, tuijin.ProblemApplied, tuijin.ProblemClosed} {
		atLeast("problems "+string(st), count(t, db, "SELECT COUNT(*) FROM problems WHERE status = ?", st), 1)
	}
	atLeast("problems overdue", count(t, db, "SELECT COUNT(*) FROM problems WHERE status <> ? AND deadline < ?", tuijin.ProblemClosed, day), 3)
	atLeast("problems escalated", count(t, db, "SELECT COUNT(*) FROM problems WHERE level > 0"), 3)
	atLeast("problems closed with a date", count(t, db, "SELECT COUNT(*) FROM problems WHERE closed_on <> ''"), 10)
	atLeast("supervision orders", count(t, db, "SELECT COUNT(*) FROM supervision_orders"), 3)
	for _, r := range rows(t, db, "SELECT id FROM users WHERE role = ?", tuijin.RoleLeader) {
		for m := 1; m < int(today.Month()); m++ {
			from, to := fmt.Sprintf("%d-%02d-01", today.Year(), m), fmt.Sprintf("%d-%02d-31", today.Year(), m)
			atLeast("visits of leader "+r[0]+" in "+from[:7], count(t, db, "SELECT COUNT(*) FROM visits WHERE leader_id = ? AND visited_on BETWEEN ? AND ?", r[0], from, to), 1)
			atLeast("meetings of leader "+r[0]+" in "+from[:7], count(t, db, "SELECT COUNT(*) FROM meetings WHERE chair_id = ? AND held_on BETWEEN ? AND ?", r[0], from, to), 1)
		}
	}
	for _, c := range []string{"green", "yellow", "red"} {
		atLeast("lights "+c, res.Lights[c], 5)
	}
	atLeast("light history", count(t, db, "SELECT COUNT(*) FROM light_history WHERE year = ?", today.Year()), 10)
	atLeast("inbox messages", count(t, db, "SELECT COUNT(*) FROM notifications"), 50)
	atLeast("jobs done today", count(t, db, "SELECT COUNT(*) FROM jobs WHERE last_done_at >= ? AND due_at > ? AND last_error = ''", day, day), 5)
	figs, err := db.FigureRows(ctx, tuijin.SystemActor, tuijin.ProjectFilter{Year: today.Year()})
	if err != nil {
		t.Fatal(err)
	}
	var planned, done int64
	for _, f := range figs {
		planned += f.PlannedYuan
		for _, m := range f.Months {
			done += m
		}
	}
	if rate := done * 100 / planned; rate < 50 || rate > 110 {
		t.Errorf("this year's completion %d%% of plan", rate)
	}
}
