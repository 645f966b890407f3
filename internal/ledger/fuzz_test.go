package ledger

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzRead feeds Read arbitrary uploads: no file may make it panic.
// Seeds are a generated .xlsx, our own export in .xlsx and CSV, small CSV
// sheets, and the real .xls ledgers when they are present. Large seeds make
// the engine minimise for long; run it with -fuzzminimizetime=2s.
func FuzzRead(f *testing.F) {
	rows, merges := yiSheet()
	f.Add(buildXLSX(f, rows, merges...))
	var x, c bytes.Buffer
	if err := WriteXLSX(&x, 2024, "", genProjects(5, 2024, 9)); err != nil {
		f.Fatal(err)
	}
	if err := WriteCSV(&c, 2024, genProjects(5, 2024, 9)); err != nil {
		f.Fatal(err)
	}
	f.Add(x.Bytes())
	f.Add(c.Bytes())
	f.Add([]byte("序号,项目名称,总投资（万元）,建设年限\n合计（2项）,,3,\n一、工业,,,\n1,甲,1,2023-2025\n2★,乙,2,09.10-11.3\n注：金额单位万元\n"))
	f.Add([]byte("序号,项目名称,资金来源,总投资\n1,甲,合计,5\n,,专项债,3\n,,自筹,2\n"))
	for _, name := range seedFiles() {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Read(bytes.NewReader(b), int64(len(b)), "fuzz", Options{Year: 2024})
		if err != nil {
			return
		}
		for _, s := range p.Sheets {
			for _, r := range s.Rows {
				for _, e := range r.Errors {
					if e.Line != r.Line && !strings.HasPrefix(e.Message, "第") {
						t.Errorf("error %+v on row %d", e, r.Line)
					}
				}
			}
		}
	})
}

// FuzzParseBIFF fuzzes the record parser and the sheet parser behind it
// directly, past the OLE2 container that makes most mutations unreadable.
func FuzzParseBIFF(f *testing.F) {
	f.Add(testBIFF())
	for _, name := range seedFiles() {
		if fh, err := os.Open(name); err == nil {
			st, _ := fh.Stat()
			if s, err := workbookStream(fh, st.Size()); err == nil {
				f.Add(s)
			}
			fh.Close()
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		grids, err := parseBIFF(b)
		if err != nil {
			return
		}
		for _, g := range grids {
			parseSheet(g, 2024, true)
		}
	})
}

func seedFiles() []string {
	names, _ := filepath.Glob(filepath.Join(ledgerDir, "*.xls"))
	return names
}
