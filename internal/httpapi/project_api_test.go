package httpapi

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func TestProjectRoutesScoping(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		a, b := e.dept("发改局"), e.dept("交通局")
		e.user("fgj", tuijin.RoleDepartment, &a.ID)
		e.user("office", tuijin.RoleOffice, nil)
		office := e.login("office")
		var pa, pb tuijin.Project
		res := office.do("POST", "/api/v1/projects", map[string]any{"name": "物流园", "department_id": a.ID, "total_investment_yuan": 300000000,
			"years": []map[string]any{{"year": 2026, "planned_yuan": 50000000}}})
		res.json(t, &pa)
		if res.status != 201 || pa.Stage != tuijin.StagePreliminary {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		office.do("POST", "/api/v1/projects", map[string]any{"name": "快速路", "department_id": b.ID}).json(t, &pb)

		dep := e.login("fgj")
		other := "/api/v1/projects/" + itoa(pb.ID)
		for _, tc := range []struct {
			method, path string
			body         any
		}{
			{"GET", other, nil},
			{"PATCH", other, map[string]any{"remarks": "x", "version": pb.Version}},
			{"POST", other + "/stage", map[string]any{"to": "new_start", "date": "2026-03-01", "version": pb.Version}},
			{"GET", other + "/stages", nil},
		} {
			if res := dep.do(tc.method, tc.path, tc.body); res.status != 404 {
				t.Errorf("%s %s by another department: %d %s", tc.method, tc.path, res.status, trim(res.body))
			}
		}
		if res := dep.do("DELETE", other+"?version=1", nil); res.status != 403 {
			t.Errorf("archive by a department: %d", res.status)
		}
		if res := dep.do("POST", "/api/v1/projects", map[string]any{"name": "x"}); res.status != 403 {
			t.Errorf("create by a department: %d", res.status)
		}
		var list tuijin.ProjectList
		dep.do("GET", "/api/v1/projects", nil).json(t, &list)
		if list.Total != 1 || list.Items[0].ID != pa.ID {
			t.Fatalf("department's ledger: %+v", list)
		}

		own := "/api/v1/projects/" + itoa(pa.ID)
		for _, tc := range []struct {
			body     any
			status   int
			contains string
		}{
			{map[string]any{"remarks": "x"}, 400, "version"},
			{map[string]any{"stage": "completed", "version": pa.Version}, 400, "不能直接修改"},
			{map[string]any{"nmae": "x", "version": pa.Version}, 400, "未知字段"},
			{map[string]any{"total_investment_yuan": 1.5, "version": pa.Version}, 400, "JSON"},
			{map[string]any{"total_investment_yuan": -1, "version": pa.Version}, 400, "不能为负数"},
			{map[string]any{"department_id": b.ID, "version": pa.Version}, 403, "权限"},
			{map[string]any{"dept_liaison": "张三", "version": pa.Version}, 200, "张三"},
			{map[string]any{"dept_liaison": "李四", "version": pa.Version}, 409, "已被他人修改"},
		} {
			if res := dep.do("PATCH", own, tc.body); res.status != tc.status || !strings.Contains(res.body, tc.contains) {
				t.Errorf("PATCH %v: %d %s", tc.body, res.status, trim(res.body))
			}
		}
		got, _ := db.Project(context.Background(), tuijin.SystemActor, pa.ID)
		if got.DeptLiaison != "张三" || got.TotalInvestmentYuan != 300000000 {
			t.Fatalf("after the patches: %+v", got)
		}
	})
}

// upload posts a file to the import endpoint.
func (c *client) upload(path, name string, data []byte) response {
	c.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return response{status: res.StatusCode, body: b.String(), header: res.Header}
}

// testSheet builds a small ledger in 亿元 with a section row and a 合计.
func testSheet(t *testing.T, badCell bool) []byte {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"2026年重点项目台账"},
		{"单位：亿元"},
		{"序号", "项目编码", "项目名称", "建设性质", "总投资", "2026年计划投资", "责任单位"},
		{"合计", "", "", "", 12.5, 3.25},
		{"一、产业项目"},
		{1, "CY-01", "★新能源电池产业园", "新建", 10.25, 2.5, "工信局"},
		{2, "CY-02", "智能装备制造基地", "续建", 2.25, 0.75, "城关镇"},
	}
	if badCell {
		rows[6][4] = "约2亿"
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sh, cell, &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLedgerImportExport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		c := e.login("admin")
		c.header.Set("Accept-Language", "zh-CN")

		res := c.upload("/api/v1/ledger/import?year=2026", "bad.xlsx", testSheet(t, true))
		if res.status != 422 || !strings.Contains(res.body, "第7行") || !strings.Contains(res.body, "约2亿") {
			t.Fatalf("bad cell: %d %s", res.status, trim(res.body))
		}
		if n := countProjects(t, db); n != 0 {
			t.Fatalf("a sheet with a bad cell wrote %d projects", n)
		}

		var pv importPreview
		res = c.upload("/api/v1/ledger/import?year=2026&dry_run=true", "good.xlsx", testSheet(t, false))
		res.json(t, &pv)
		if res.status != 200 || pv.Summary.Create != 2 || pv.Committed || len(pv.NewDepartments) != 2 {
			t.Fatalf("dry run: %d %s", res.status, res.body)
		}
		if tot := pv.Sheets[0].Totals; len(tot) == 0 || !tot[0].OK {
			t.Fatalf("合计 should match to the yuan: %+v", tot)
		}
		if n := countProjects(t, db); n != 0 {
			t.Fatalf("dry run wrote %d projects", n)
		}
		res = c.upload("/api/v1/ledger/import?year=2026", "good.xlsx", testSheet(t, false))
		res.json(t, &pv)
		if res.status != 200 || !pv.Committed || pv.Summary.Create != 2 {
			t.Fatalf("commit: %d %s", res.status, trim(res.body))
		}
		var list tuijin.ProjectList
		c.do("GET", "/api/v1/projects?year=2026&sort=code", nil).json(t, &list)
		if list.Total != 2 || list.Sums.TotalInvestmentYuan != 1_250_000_000 || list.Sums.PlannedYuan != 325_000_000 {
			t.Fatalf("imported ledger: %+v", list.Sums)
		}
		p := list.Items[0]
		if p.Name != "新能源电池产业园" || !p.Flagship || p.Category == "" || p.DepartmentName != "工信局" || p.Nature != tuijin.NatureNew {
			t.Fatalf("imported project: %+v", p)
		}
		// The same sheet again changes nothing.
		res = c.upload("/api/v1/ledger/import?year=2026&dry_run=true", "good.xlsx", testSheet(t, false))
		res.json(t, &pv)
		if pv.Summary.Unchanged != 2 {
			t.Fatalf("re-import: %+v %+v", pv.Summary, pv.Sheets[0].Rows[0].Action)
		}

		res = c.do("GET", "/api/v1/ledger/export?year=2026&format=xlsx", nil)
		if res.status != 200 || !strings.Contains(res.header.Get("Content-Disposition"), "ledger-2026.xlsx") {
			t.Fatalf("export: %d %v", res.status, res.header)
		}
		// Export, import into an empty database: the same ledger.
		e2 := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/rt.db"))
		c2 := e2.login("admin")
		if res := c2.upload("/api/v1/ledger/import?year=2026", "export.xlsx", []byte(res.body)); res.status != 200 {
			t.Fatalf("re-import of the export: %d %s", res.status, trim(res.body))
		}
		var list2 tuijin.ProjectList
		c2.do("GET", "/api/v1/projects?year=2026&sort=code", nil).json(t, &list2)
		if list2.Total != 2 || list2.Sums != list.Sums || list2.Items[0].Code != "CY-01" || list2.Items[1].DepartmentName != "城关镇" {
			t.Fatalf("round trip: %+v vs %+v", list2.Sums, list.Sums)
		}
		if res := c.do("GET", "/api/v1/ledger/export?year=2026&format=pdf", nil); res.status != 400 {
			t.Fatalf("bad format: %d", res.status)
		}
		if res := c.upload("/api/v1/ledger/import", "notes.txt", []byte("hello")); res.status != 400 {
			t.Fatalf("not a ledger: %d %s", res.status, res.body)
		}
	})
}

func countProjects(t *testing.T, db *store.DB) int {
	list, err := db.Projects(context.Background(), tuijin.SystemActor, tuijin.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list.Total
}

// TestRealLedgers imports every real sheet in shared/data/ledgers that
// holds a project list, dry run then commit.
func TestRealLedgers(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "ledgers")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xls"))
	if len(files) == 0 {
		t.Skip("no shared ledgers")
	}
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		c := e.login("admin")
		imported := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			var dry, done importPreview
			res := c.upload("/api/v1/ledger/import?year=2026&dry_run=true", name, data)
			if res.status == 400 && strings.Contains(res.body, "没有找到项目清单") {
				continue // a form that holds no project list
			}
			res.json(t, &dry)
			if res.status != 200 || len(dry.Errors) > 0 {
				t.Errorf("%s dry run: %d errors %v", name, res.status, dry.Errors)
				continue
			}
			res = c.upload("/api/v1/ledger/import?year=2026", name, data)
			res.json(t, &done)
			if res.status != 200 || !done.Committed || done.Summary.Create+done.Summary.Update+done.Summary.Unchanged+done.Summary.Duplicate != done.Summary.Rows {
				t.Errorf("%s commit: %d %+v", name, res.status, done.Summary)
			}
			imported++
		}
		if imported < 8 {
			t.Errorf("only %d of %d sheets imported", imported, len(files))
		}
		var list tuijin.ProjectList
		c.do("GET", "/api/v1/projects?q=", nil).json(t, &list)
		t.Logf("%d files imported, %d projects in the ledger", imported, list.Total)
	})
}
