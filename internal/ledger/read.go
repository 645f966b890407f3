package ledger

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"tuijin"
)

// Options steer Read.
type Options struct {
	// Year is the list year for a header that says 年度计划投资 without a
	// year. 0 means the year in the sheet's title, else the current year.
	Year int
}

// Parsed is an uploaded workbook, sheet by sheet.
type Parsed struct {
	Sheets  []SheetResult  // sheets that hold a project list
	Skipped []SkippedSheet // the others, with the reason
}

// SkippedSheet is a sheet that holds no project list.
type SkippedSheet struct {
	Name     string
	Reason   string // Chinese
	ReasonEN string
}

// SheetResult is one project list.
type SheetResult struct {
	Name       string
	HeaderRows []int  // 1-based Excel row numbers
	Unit       string // 元, 万元 or 亿元: the sheet's unit
	Columns    []ColumnMap
	Rows       []Row        // project rows only, in sheet order
	Totals     []TotalCheck // each 合计/总计/小计 row and each section row with amounts
	Warnings   []Message
}

// ColumnMap says what a column was read as, for the import preview.
type ColumnMap struct {
	Column string // Excel letter, "F"
	Header string // header text as in the sheet; "group/leaf" under a merged group
	Field  string // tuijin.Project JSON field(s); "" = kept in Extra
	Unit   string // money unit, for amount columns
	Year   int    // for an annual-plan column
}

// Row is one project row.
type Row struct {
	Line    int // 1-based Excel row number
	Project tuijin.Project
	Errors  []CellError
	Section string // the section rows above it, "龙海市 / 工业"
}

// CellError is one cell that could not be read.
type CellError struct {
	Line      int
	Column    string // header text as in the sheet
	Value     string
	Message   string // "第12行 总投资（万元）: '约5亿' 不是金额"
	MessageEN string
}

// Message is a sheet-level note, such as a 合计 that its rows do not add up to.
type Message struct {
	Line      int // 0 when it concerns the whole sheet
	Message   string
	MessageEN string
}

// TotalCheck compares a total row with the rows it covers.
type TotalCheck struct {
	Line       int
	Label      string // "合计13个"
	StatedRows int    // the count the row states ("13个"), -1 if none
	Rows       int    // project rows it covers
	Amounts    []TotalAmount
	OK         bool
	Message    string
	MessageEN  string
}

// TotalAmount is one amount column of a total row.
type TotalAmount struct {
	Column     string
	StatedYuan int64
	SumYuan    int64
}

// Errors lists every cell error of every sheet.
func (p *Parsed) Errors() []CellError {
	var out []CellError
	for _, s := range p.Sheets {
		for _, r := range s.Rows {
			out = append(out, r.Errors...)
		}
	}
	return out
}

// maxUpload bounds what Read accepts: a county ledger is well under a
// megabyte; anything past this is not a ledger.
const maxUpload = 64 << 20

// Read parses an uploaded workbook. The format is found from the content
// (OLE2 .xls, zip .xlsx, else UTF-8 CSV); name is used in messages only.
// The error is for files that cannot be read at all; problems in cells are
// in the result.
func Read(r io.ReaderAt, size int64, name string, opt Options) (*Parsed, error) {
	if size > maxUpload {
		return nil, unreadable(name, "file too large")
	}
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	var grids []*grid
	var err error
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		grids, err = readXLS(r, size)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		grids, err = readXLSX(r, size)
	default:
		grids, err = readCSV(io.NewSectionReader(r, 0, size))
	}
	if err != nil {
		return nil, unreadable(name, err.Error())
	}
	year := opt.Year
	if year == 0 {
		year = time.Now().Year()
	}
	p := &Parsed{}
	for _, g := range grids {
		res, skip := parseSheet(g, year, opt.Year != 0)
		if skip != nil {
			p.Skipped = append(p.Skipped, *skip)
			continue
		}
		p.Sheets = append(p.Sheets, *res)
	}
	return p, nil
}

func unreadable(name, why string) error {
	return &tuijin.Error{Code: tuijin.EINVALID, Key: "sheet_unreadable",
		Args: []any{name, fmt.Sprint(why)}}
}
