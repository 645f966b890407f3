package ledger

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// readXLSX reads every worksheet of an .xlsx file: raw cell values (the
// number stored, not the text a number format makes of it, so an amount is
// never turned into a date) and the merged areas. excelize is third-party
// code fed untrusted files, so a panic in it becomes an error.
func readXLSX(r io.ReaderAt, size int64) (grids []*grid, err error) {
	defer func() {
		if p := recover(); p != nil {
			grids, err = nil, fmt.Errorf("corrupt .xlsx: %v", p)
		}
	}()
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit:    512 << 20, // a zip bomb stops here, not in RAM
		UnzipXMLSizeLimit: 4 << 20,
	})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	merges, fast := xlsxMerges(r, size)
	for _, name := range f.GetSheetList() {
		g, err := readXLSXSheet(f, name)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		if fast {
			g.merges = merges[name]
		} else if g.merges, err = excelizeMerges(f, name); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		grids = append(grids, g)
	}
	return grids, nil
}

func readXLSXSheet(f *excelize.File, name string) (*grid, error) {
	g := &grid{name: name}
	rows, err := f.Rows(name)
	if err != nil {
		return g, nil // a chart or dialog sheet: no cells, listed as skipped
	}
	for r := 0; rows.Next(); r++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rows.Close()
			return nil, err
		}
		if len(cells) > 0 {
			if g.set(r, len(cells)-1, cells[len(cells)-1]); g.tooBig {
				rows.Close()
				return nil, errTooBig
			}
			copy(g.cells[r], cells)
		}
	}
	return g, rows.Close()
}

// excelizeMerges is the slow path for packages xlsxMerges cannot follow.
func excelizeMerges(f *excelize.File, name string) ([]area, error) {
	merges, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, err
	}
	var out []area
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil && r0 <= r1 && c0 <= c1 {
			out = append(out, area{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
		}
	}
	return out, nil
}

// readCSV reads a CSV file (our own export, or a sheet saved as CSV) as
// one sheet. A byte-order mark is dropped; text that is not UTF-8 is read
// as GB18030, which is what Excel on a Chinese Windows saves as "CSV".
func readCSV(r io.Reader) ([]*grid, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxUpload))
	if err != nil {
		return nil, err
	}
	s := strings.TrimPrefix(string(b), "\uFEFF")
	if !utf8.ValidString(s) {
		if s, err = simplifiedchinese.GB18030.NewDecoder().String(s); err != nil {
			return nil, errors.New("not an Excel workbook or a CSV file")
		}
	}
	if strings.ContainsRune(s, 0) {
		return nil, errors.New("not an Excel workbook or a CSV file")
	}
	cr := csv.NewReader(strings.NewReader(s))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	g := &grid{name: "CSV"}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		g.cells = append(g.cells, rec)
		if g.size += len(rec) + 1; g.size > maxCells {
			return nil, errTooBig
		}
	}
	return []*grid{g}, nil
}
