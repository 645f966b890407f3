package httpapi

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// documentText unzips a .docx and returns the text of its body.
func documentText(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a docx: %v", err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

// renderPDF converts a .docx with LibreOffice when it is installed.
func renderPDF(t *testing.T, data []byte) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Log("LibreOffice absent: not rendering to PDF")
		return
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.docx")
	os.WriteFile(in, data, 0o600)
	cmd := exec.Command(soffice, "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v %s", err, out)
	}
	if st, err := os.Stat(filepath.Join(dir, "doc.pdf")); err != nil || st.Size() < 1000 {
		t.Fatalf("no PDF: %v", err)
	}
}

func TestDocumentsAndCockpit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db) // 2026-11-03; plans 120, 80, 300 million
		oct := w.openMonth(t, 10)
		for _, tc := range []struct {
			c       *client
			project int64
			yuan    int64
		}{{w.officer, w.p1.ID, 60_000_000}, {w.depBcli, w.p3.ID, 90_000_000}} {
			r := w.reportOf(t, tc.c, oct.ID, tc.project)
			r = w.step(t, tc.c, r.ID, "submit", map[string]any{"invested_yuan": tc.yuan, "version": r.Version}, 200)
			w.step(t, w.office, r.ID, "approve", map[string]any{"version": r.Version}, 200)
		}
		for i, title := range []string{"征地未完成", "用电未接入"} {
			var pr tuijin.Problem
			w.office.do("POST", "/api/v1/problems", map[string]any{"project_id": w.p2.ID, "title": title,
				"department_id": w.deptA.ID, "deadline": []string{"2026-10-30", "2026-12-30"}[i]}).json(t, &pr)
		}

		// The cockpit, against a calculation done here: 150 of 500 million.
		var dash dashboardResponse
		w.office.do("GET", "/api/v1/dashboard?year=2026", nil).json(t, &dash)
		if dash.Total.ProjectCount != 3 || dash.Total.PlannedYuan != 500_000_000 || dash.Total.CompletedYuan != 150_000_000 ||
			*dash.Total.CompletionRate != 30.0 || dash.Total.Monthly[9] != 150_000_000 || dash.Problems.Found != 2 || dash.Problems.Overdue != 1 {
			t.Fatalf("cockpit: %+v problems %+v", dash.Total, dash.Problems)
		}
		if len(dash.Groups["department"]) != 2 || dash.Top[0].Label != "住建局" && dash.Top[0].Label != "交通局" {
			t.Fatalf("departments: %+v", dash.Groups["department"])
		}
		// 住建局 60 of 200 = 30.0%, 交通局 90 of 300 = 30.0%: both 30%.
		for _, g := range dash.Groups["department"] {
			if *g.CompletionRate != 30.0 {
				t.Fatalf("%s: %v", g.Label, *g.CompletionRate)
			}
		}

		res := w.office.do("GET", fmt.Sprintf("/api/v1/briefings?period_id=%d&format=docx", oct.ID), nil)
		if res.status != 200 || !strings.Contains(res.header.Get("Content-Type"), "wordprocessingml") {
			t.Fatalf("briefing: %d %s", res.status, trim(res.body))
		}
		text := documentText(t, []byte(res.body))
		for _, want := range []string{"全区重点项目3个，总投资15.0亿元，年度计划投资5.0亿元；1-10月完成投资1.5亿元，占年度计划30.0%", "住建局", "红灯"} {
			if !strings.Contains(text, want) {
				t.Errorf("briefing lacks %q", want)
			}
		}
		renderPDF(t, []byte(res.body))

		res = w.office.do("GET", "/api/v1/problems/documents?kind=weekly", nil)
		text = documentText(t, []byte(res.body))
		if res.status != 200 || !strings.Contains(text, "共排查发现问题2个，已解决销号0个，正在推进2个，其中超期未销号1个") || !strings.Contains(text, "征地未完成") {
			t.Fatalf("weekly list: %d %s", res.status, trim(text))
		}
		res = w.office.do("GET", "/api/v1/problems/documents?kind=weekly&format=xlsx", nil)
		if res.status != 200 || !strings.HasPrefix(res.body, "PK") || !strings.Contains(res.header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("weekly list as xlsx: %d", res.status)
		}
		if res := w.office.do("GET", "/api/v1/problems/documents?kind=poem", nil); res.status != 400 {
			t.Fatalf("bad kind: %d", res.status)
		}
		// A department's document holds only its own problems.
		text = documentText(t, []byte(w.depBcli.do("GET", "/api/v1/problems/documents?kind=report", nil).body))
		if strings.Contains(text, "征地未完成") || !strings.Contains(text, "共排查发现问题0个") {
			t.Fatalf("department's report shows others' problems")
		}
	})
}
