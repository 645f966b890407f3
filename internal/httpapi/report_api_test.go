package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"sync"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// reportWorld is a year's list with two departments, an officer and an
// owner, ready for periods.
type reportWorld struct {
	e                *env
	deptA, deptB     *tuijin.Department
	p1, p2, p3       *tuijin.Project
	office, depA     *client
	officer, depBcli *client
}

func newReportWorld(t *testing.T, db *store.DB) *reportWorld {
	db.Now = func() time.Time { return time.Date(2026, 11, 3, 2, 0, 0, 0, time.UTC) }
	e := newEnv(t, db)
	w := &reportWorld{e: e, deptA: e.dept("住建局"), deptB: e.dept("交通局")}
	officer := e.user("zhuan", tuijin.RoleOfficer, &w.deptA.ID)
	e.user("zjj", tuijin.RoleDepartment, &w.deptA.ID)
	e.user("jtj", tuijin.RoleDepartment, &w.deptB.ID)
	e.user("office", tuijin.RoleOffice, nil)
	ctx := context.Background()
	mk := func(name string, dept int64, officerID *int64, plan int64) *tuijin.Project {
		p, err := db.CreateProject(ctx, tuijin.SystemActor, &tuijin.Project{Name: name, DepartmentID: &dept, OfficerID: officerID,
			TotalInvestmentYuan: plan * 3, CompletedBeforeYuan: 1_000_000, Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: plan}}})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	w.p1 = mk("保障房一期", w.deptA.ID, &officer.ID, 120_000_000)
	w.p2 = mk("污水管网", w.deptA.ID, nil, 80_000_000)
	w.p3 = mk("城市快速路", w.deptB.ID, nil, 300_000_000)
	w.office, w.depA, w.officer, w.depBcli = e.login("office"), e.login("zjj"), e.login("zhuan"), e.login("jtj")
	return w
}

func (w *reportWorld) openMonth(t *testing.T, month int) *tuijin.Period {
	start := time.Date(2026, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 1, -1)
	var p tuijin.Period
	res := w.office.do("POST", "/api/v1/periods", map[string]any{"name": fmt.Sprintf("2026年%d月月报", month), "kind": "monthly",
		"year": 2026, "start": start.Format(time.DateOnly), "end": end.Format(time.DateOnly), "deadline_days": 5})
	res.json(t, &p)
	if res.status != 201 {
		t.Fatalf("open period: %d %s", res.status, res.body)
	}
	return &p
}

// reportOf finds the report of a project in a period.
func (w *reportWorld) reportOf(t *testing.T, c *client, period, project int64) tuijin.Report {
	var list tuijin.List[tuijin.Report]
	c.do("GET", fmt.Sprintf("/api/v1/periods/%d/reports?per_page=100", period), nil).json(t, &list)
	for _, r := range list.Items {
		if r.ProjectID == project {
			return r
		}
	}
	t.Fatalf("no report of project %d in period %d", project, period)
	return tuijin.Report{}
}

func (w *reportWorld) step(t *testing.T, c *client, id int64, action string, body map[string]any, want int) tuijin.Report {
	t.Helper()
	path := fmt.Sprintf("/api/v1/reports/%d/%s", id, action)
	method := "POST"
	if action == "" {
		method, path = "PATCH", fmt.Sprintf("/api/v1/reports/%d", id)
	}
	res := c.do(method, path, body)
	if res.status != want {
		t.Fatalf("%s report %d: %d %s", action, id, res.status, res.body)
	}
	var r tuijin.Report
	if want == 200 {
		res.json(t, &r)
	}
	return r
}

func TestPeriodEndToEnd(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		oct := w.openMonth(t, 10)
		// 5 working days after 10-31 (a Saturday): 11-02 .. 11-06.
		if oct.Deadline != "2026-11-06" || oct.Counts.Total != 3 || oct.Counts.Draft != 3 {
			t.Fatalf("period: %+v", oct)
		}
		if res := w.office.do("POST", "/api/v1/periods", map[string]any{"name": "重叠", "kind": "weekly", "year": 2026,
			"start": "2026-10-26", "end": "2026-11-01", "deadline_days": 2}); res.status != 409 {
			t.Fatalf("overlapping counting period: %d %s", res.status, res.body)
		}
		if res := w.depA.do("POST", "/api/v1/periods", map[string]any{"name": "x", "kind": "monthly", "year": 2026,
			"start": "2026-12-01", "end": "2026-12-31"}); res.status != 403 {
			t.Fatalf("department opening a period: %d", res.status)
		}

		r1 := w.reportOf(t, w.officer, oct.ID, w.p1.ID)
		fields := map[string]any{"invested_yuan": 12_345_678, "progress_text": "主体结构完成至12层", "progress_percent": 45,
			"work_done": "完成12层结构", "next_plan": "封顶", "stats_entered": true, "stats_yuan": 10_000_000, "version": r1.Version}
		r1 = w.step(t, w.officer, r1.ID, "", fields, 200)
		if r1.Status != tuijin.ReportDraft || r1.InvestedYuan != 12_345_678 {
			t.Fatalf("saved: %+v", r1)
		}
		fields["version"] = r1.Version
		r1 = w.step(t, w.officer, r1.ID, "submit", fields, 200)
		// The officer may not approve; another department may not see it.
		w.step(t, w.officer, r1.ID, "approve", map[string]any{"version": r1.Version}, 403)
		w.step(t, w.depBcli, r1.ID, "approve", map[string]any{"version": r1.Version}, 404)
		w.step(t, w.depA, r1.ID, "return", map[string]any{"version": r1.Version}, 400) // no reason
		r1 = w.step(t, w.depA, r1.ID, "return", map[string]any{"version": r1.Version, "reason": "投资额与形象进度不符"}, 200)
		if r1.Status != tuijin.ReportReturned || r1.ReturnReason == "" {
			t.Fatalf("returned: %+v", r1)
		}
		fields["invested_yuan"], fields["version"] = 10_000_000, r1.Version
		r1 = w.step(t, w.officer, r1.ID, "submit", fields, 200)
		r1 = w.step(t, w.depA, r1.ID, "approve", map[string]any{"version": r1.Version}, 200)
		w.step(t, w.officer, r1.ID, "", map[string]any{"invested_yuan": 1, "version": r1.Version}, 409) // locked
		r1 = w.step(t, w.depA, r1.ID, "amend", map[string]any{"invested_yuan": 11_000_000, "progress_text": "主体结构完成至12层",
			"progress_percent": 45, "stats_entered": true, "stats_yuan": 10_000_000, "version": r1.Version, "reason": "统计口径更正"}, 200)
		if len(r1.Amendments) != 1 || r1.Amendments[0].Before.InvestedYuan != 10_000_000 || r1.InvestedYuan != 11_000_000 {
			t.Fatalf("amended: %+v", r1.Amendments)
		}

		r3 := w.reportOf(t, w.office, oct.ID, w.p3.ID)
		r3 = w.step(t, w.depBcli, r3.ID, "submit", map[string]any{"invested_yuan": 45_000_000, "progress_percent": 30, "version": r3.Version}, 200)
		w.step(t, w.depBcli, r3.ID, "approve", map[string]any{"version": r3.Version}, 200)

		// A second month, with p2 left late.
		nov := w.openMonth(t, 9)
		r1s := w.reportOf(t, w.officer, nov.ID, w.p1.ID)
		r1s = w.step(t, w.officer, r1s.ID, "submit", map[string]any{"invested_yuan": 7_654_322, "version": r1s.Version}, 200)
		w.step(t, w.office, r1s.ID, "approve", map[string]any{"version": r1s.Version}, 200)

		var p tuijin.Period
		w.office.do("GET", fmt.Sprintf("/api/v1/periods/%d", nov.ID), nil).json(t, &p)
		if p.Counts.Approved != 1 || p.Counts.Draft != 2 || p.Counts.Late != 2 {
			t.Fatalf("September counts: %+v", p.Counts)
		}
		var late tuijin.List[tuijin.Report]
		w.office.do("GET", "/api/v1/reports?late=true", nil).json(t, &late)
		// September's deadline (5 working days after 09-30, past the
		// National Day holiday: 10-13) has passed; October's (11-06) has not.
		if late.Total != 2 {
			t.Fatalf("late list: %d", late.Total)
		}

		// The figures, against a sum done here.
		wantA := int64(11_000_000 + 7_654_322)
		wantAll := wantA + 45_000_000
		var fig figuresResponse
		w.office.do("GET", "/api/v1/figures?year=2026&as_of=2026-10-31&group_by=department", nil).json(t, &fig)
		if fig.Total.CompletedYuan != wantAll || fig.Total.PlannedYuan != 500_000_000 || fig.Total.Monthly[8] != 7_654_322 ||
			fig.Total.Monthly[9] != 56_000_000 || fig.ElapsedShare != 83.3 || fig.Total.StatsYuan != 10_000_000 {
			t.Fatalf("total figures: %+v", fig.Total)
		}
		rate := float64(wantAll) * 100 / 500_000_000
		if *fig.Total.CompletionRate != float64(int(rate*10+0.5))/10 || *fig.Total.GapPoints != float64(int((83.3-*fig.Total.CompletionRate)*10+0.5))/10 {
			t.Fatalf("rates: %v %v", *fig.Total.CompletionRate, *fig.Total.GapPoints)
		}
		if fig.Total.CumulativeYuan != 3*1_000_000+wantAll {
			t.Fatalf("cumulative: %d", fig.Total.CumulativeYuan)
		}
		for _, g := range fig.Groups {
			if g.Label == "住建局" && (g.CompletedYuan != wantA || g.ProjectCount != 2) {
				t.Fatalf("住建局: %+v", g)
			}
		}
		// As of September, October's money does not count yet.
		w.office.do("GET", "/api/v1/figures?year=2026&as_of=2026-09-30", nil).json(t, &fig)
		if fig.Total.CompletedYuan != 7_654_322 {
			t.Fatalf("as of September: %d", fig.Total.CompletedYuan)
		}
		// A department sees its own figures only.
		w.depBcli.do("GET", "/api/v1/figures?year=2026", nil).json(t, &fig)
		if fig.Total.CompletedYuan != 45_000_000 || fig.Total.ProjectCount != 1 {
			t.Fatalf("department's figures: %+v", fig.Total)
		}
	})
}

// TestConcurrentReview: two reviewers act on the same report at once; one
// wins, the other gets 409, and the figures count the report once.
func TestConcurrentReview(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		oct := w.openMonth(t, 10)
		r := w.reportOf(t, w.office, oct.ID, w.p2.ID)
		r = w.step(t, w.depA, r.ID, "submit", map[string]any{"invested_yuan": 5_000_000, "version": r.Version}, 200)
		results := make(chan int, 2)
		var wg sync.WaitGroup
		for _, c := range []*client{w.depA, w.office} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- c.do("POST", fmt.Sprintf("/api/v1/reports/%d/approve", r.ID), map[string]any{"version": r.Version}).status
			}()
		}
		wg.Wait()
		close(results)
		got := map[int]int{}
		for s := range results {
			got[s]++
		}
		if got[200] != 1 || got[409] != 1 {
			t.Fatalf("concurrent approvals: %v", got)
		}
		r = w.reportOf(t, w.office, oct.ID, w.p2.ID)
		// Two amendments from the same version: one wins.
		results = make(chan int, 2)
		for i, c := range []*client{w.depA, w.office} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- c.do("POST", fmt.Sprintf("/api/v1/reports/%d/amend", r.ID), map[string]any{
					"invested_yuan": 6_000_000 + i, "version": r.Version, "reason": "更正"}).status
			}()
		}
		wg.Wait()
		close(results)
		got = map[int]int{}
		for s := range results {
			got[s]++
		}
		if got[200] != 1 || got[409] != 1 {
			t.Fatalf("concurrent amendments: %v", got)
		}
		final := w.reportOf(t, w.office, oct.ID, w.p2.ID)
		var fig figuresResponse
		w.office.do("GET", "/api/v1/figures?year=2026&as_of=2026-10-31", nil).json(t, &fig)
		if fig.Total.CompletedYuan != final.InvestedYuan {
			t.Fatalf("figures %d, report %d: counted twice or lost", fig.Total.CompletedYuan, final.InvestedYuan)
		}
	})
}

func TestReportPhotos(t *testing.T) {
	w := newReportWorld(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/p.db"))
	oct := w.openMonth(t, 10)
	r := w.reportOf(t, w.officer, oct.ID, w.p1.ID)
	var img bytes.Buffer
	jpeg.Encode(&img, image.NewRGBA(image.Rect(0, 0, 800, 600)), nil)
	upload := func(c *client, data []byte) response {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "现场.jpg")
		fw.Write(data)
		mw.Close()
		req, _ := http.NewRequest("POST", w.e.srv.URL+fmt.Sprintf("/api/v1/reports/%d/photos", r.ID), &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(res.Body)
		return response{status: res.StatusCode, body: b.String()}
	}
	res := upload(w.officer, img.Bytes())
	var ph tuijin.Photo
	res.json(t, &ph)
	if res.status != 201 || ph.Width != 800 {
		t.Fatalf("upload: %d %s", res.status, res.body)
	}
	if res := upload(w.officer, []byte("%PDF-1.4 not a photo")); res.status != 400 {
		t.Fatalf("a PDF: %d %s", res.status, res.body)
	}
	if res := w.officer.do("GET", fmt.Sprintf("/api/v1/photos/%d/thumb", ph.ID), nil); res.status != 200 || res.header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("thumb: %d", res.status)
	}
	if res := w.depBcli.do("GET", fmt.Sprintf("/api/v1/photos/%d", ph.ID), nil); res.status != 404 {
		t.Fatalf("another department's photo: %d", res.status)
	}
}

func tinyJPEG() []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 40, 30)), nil)
	return b.Bytes()
}
