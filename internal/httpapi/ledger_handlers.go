package httpapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"tuijin"
	"tuijin/internal/i18n"
	"tuijin/internal/ledger"
	"tuijin/internal/store"
)

// maxUpload bounds a ledger upload: county ledgers are well under a
// megabyte, a province's a few.
const maxUpload = 32 << 20

// importPreview is the answer to an import, dry run or not.
type importPreview struct {
	DryRun         bool                `json:"dry_run"`
	Committed      bool                `json:"committed"`
	Year           int                 `json:"year"`
	File           string              `json:"file"`
	Summary        importSummary       `json:"summary"`
	Sheets         []sheetPreview      `json:"sheets"`
	Skipped        []skippedSheet      `json:"skipped"`
	Errors         []cellError         `json:"errors"`
	NewDepartments []string            `json:"new_departments"`
	Missing        []tuijin.ProjectRef `json:"missing_from_sheet"`
}

type importSummary struct {
	Rows      int `json:"rows"`
	Create    int `json:"create"`
	Update    int `json:"update"`
	Unchanged int `json:"unchanged"`
	Duplicate int `json:"duplicate"`
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
}

type sheetPreview struct {
	Name       string             `json:"name"`
	Unit       string             `json:"unit"`
	HeaderRows []int              `json:"header_rows"`
	Columns    []ledger.ColumnMap `json:"columns"`
	Totals     []totalPreview     `json:"totals"`
	Warnings   []lineMessage      `json:"warnings"`
	Rows       []rowPreview       `json:"rows"`
}

type totalPreview struct {
	Line    int                  `json:"line"`
	Label   string               `json:"label"`
	OK      bool                 `json:"ok"`
	Message string               `json:"message"`
	Amounts []ledger.TotalAmount `json:"amounts"`
}

type lineMessage struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type rowPreview struct {
	Line    int                 `json:"line"`
	Section string              `json:"section"`
	Project tuijin.Project      `json:"project"`
	Action  *store.ImportAction `json:"result,omitempty"`
	Errors  []cellError         `json:"errors"`
}

type cellError struct {
	Sheet   string `json:"sheet"`
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

type skippedSheet struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// importLedger reads an uploaded sheet, then plans (dry_run=true) or
// applies the import. A sheet with any cell error writes nothing.
func (s *Server) importLedger(w http.ResponseWriter, r *http.Request) error {
	actor := actorFrom(r.Context())
	if err := actor.Require(tuijin.PermImportLedger); err != nil {
		return err
	}
	q := query{r: r}
	dry := q.bool("dry_run")
	year := q.int("year", 0) // 0: the year the sheet's title names
	if q.err != nil {
		return q.err
	}
	if year != 0 && (year < 1990 || year > 2100) {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "year", strconv.Itoa(year))
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return err
		}
		return tuijin.Errorf(tuijin.EINVALID, "upload_missing")
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	parsed, err := ledger.Read(bytes.NewReader(data), int64(len(data)), header.Filename, ledger.Options{Year: year})
	if err != nil {
		return err
	}
	if year == 0 {
		year = listYear(parsed)
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	pv := buildPreview(parsed, lang, header.Filename, year)
	pv.DryRun = dry != nil && *dry
	if pv.Summary.Rows == 0 {
		return tuijin.Errorf(tuijin.EINVALID, "sheet_no_projects")
	}
	if len(pv.Errors) > 0 {
		if pv.DryRun {
			pv.write(w, http.StatusOK, nil)
			return nil
		}
		pv.write(w, http.StatusUnprocessableEntity, &errorPayload{Code: tuijin.EINVALID, Message: i18n.T(lang, "import_has_errors", len(pv.Errors))})
		return nil
	}
	items := importItems(parsed)
	plan, err := s.DB.ImportLedger(r.Context(), actor, year, items, pv.DryRun)
	if err != nil {
		var rowErr *store.RowError
		if errors.As(err, &rowErr) {
			return tuijin.Errorf(tuijin.EINVALID, "import_row_failed", rowLabel(parsed, rowErr.Index), i18nErr(lang, rowErr.Err))
		}
		return err
	}
	pv.applyPlan(plan)
	pv.Committed = !pv.DryRun
	pv.write(w, http.StatusOK, nil)
	return nil
}

// write sends the preview, with the API's error beside it when the import
// was refused, one row at a time.
func (pv importPreview) write(w http.ResponseWriter, status int, apiErr *errorPayload) {
	sheets := pv.Sheets
	pv.Sheets = nil
	head := struct {
		Error *errorPayload `json:"error,omitempty"`
		importPreview
	}{apiErr, pv}
	writeStreamed(w, status, head, "sheets", func(w io.Writer) error {
		if _, err := io.WriteString(w, "["); err != nil {
			return err
		}
		for i, sh := range sheets {
			if i > 0 {
				if _, err := io.WriteString(w, ","); err != nil {
					return err
				}
			}
			rows := sh.Rows
			sh.Rows = nil
			if err := spliceJSON(w, sh, "rows", func(w io.Writer) error { return writeArray(w, rows) }); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "]")
		return err
	})
}

// listYear is the year most rows plan for: the year of the list a sheet
// without ?year= belongs to.
func listYear(parsed *ledger.Parsed) int {
	count := map[int]int{}
	best := 0
	for _, sh := range parsed.Sheets {
		for _, row := range sh.Rows {
			for _, y := range row.Project.Years {
				count[y.Year]++
				if count[y.Year] > count[best] {
					best = y.Year
				}
			}
		}
	}
	return best
}

func buildPreview(parsed *ledger.Parsed, lang i18n.Lang, file string, year int) importPreview {
	pick := func(zh, en string) string {
		if lang == i18n.EN && en != "" {
			return en
		}
		return zh
	}
	pv := importPreview{Year: year, File: file, Sheets: []sheetPreview{}, Skipped: []skippedSheet{}, Errors: []cellError{},
		NewDepartments: []string{}, Missing: []tuijin.ProjectRef{}}
	for _, sk := range parsed.Skipped {
		pv.Skipped = append(pv.Skipped, skippedSheet{sk.Name, pick(sk.Reason, sk.ReasonEN)})
	}
	for _, sh := range parsed.Sheets {
		sp := sheetPreview{Name: sh.Name, Unit: sh.Unit, HeaderRows: sh.HeaderRows, Columns: sh.Columns,
			Totals: []totalPreview{}, Warnings: []lineMessage{}, Rows: []rowPreview{}}
		for _, t := range sh.Totals {
			// A 合计 that does not add up is also among the sheet's
			// warnings, counted there.
			sp.Totals = append(sp.Totals, totalPreview{t.Line, t.Label, t.OK, pick(t.Message, t.MessageEN), t.Amounts})
		}
		for _, m := range sh.Warnings {
			sp.Warnings = append(sp.Warnings, lineMessage{m.Line, pick(m.Message, m.MessageEN)})
			pv.Summary.Warnings++
		}
		for _, row := range sh.Rows {
			rp := rowPreview{Line: row.Line, Section: row.Section, Project: row.Project, Errors: []cellError{}}
			for _, ce := range row.Errors {
				e := cellError{sh.Name, ce.Line, ce.Column, ce.Value, pick(ce.Message, ce.MessageEN)}
				rp.Errors = append(rp.Errors, e)
				pv.Errors = append(pv.Errors, e)
			}
			sp.Rows = append(sp.Rows, rp)
			pv.Summary.Rows++
		}
		pv.Sheets = append(pv.Sheets, sp)
	}
	pv.Summary.Errors = len(pv.Errors)
	return pv
}

// importItems turns parsed rows into store items, with the fields each
// sheet has columns for.
func importItems(parsed *ledger.Parsed) []store.ImportItem {
	var items []store.ImportItem
	for _, sh := range parsed.Sheets {
		var fields []string
		for _, c := range sh.Columns {
			if c.Field != "" {
				fields = append(fields, c.Field)
			}
		}
		for _, row := range sh.Rows {
			items = append(items, store.ImportItem{Project: row.Project, Fields: fields})
		}
	}
	return items
}

func (pv *importPreview) applyPlan(plan *store.ImportPlan) {
	i := 0
	for si := range pv.Sheets {
		for ri := range pv.Sheets[si].Rows {
			a := plan.Actions[i]
			if pv.DryRun && a.Action == "create" {
				a.ProjectID = 0 // the dry run's ids were rolled back
			}
			pv.Sheets[si].Rows[ri].Action = &a
			switch a.Action {
			case "create":
				pv.Summary.Create++
			case "update":
				pv.Summary.Update++
			case "unchanged":
				pv.Summary.Unchanged++
			case "duplicate":
				pv.Summary.Duplicate++
			}
			i++
		}
	}
	pv.NewDepartments, pv.Missing = plan.NewDepartments, plan.Missing
}

func rowLabel(parsed *ledger.Parsed, index int) string {
	for _, sh := range parsed.Sheets {
		if index < len(sh.Rows) {
			return fmt.Sprintf("%s!%d", sh.Name, sh.Rows[index].Line)
		}
		index -= len(sh.Rows)
	}
	return "?"
}

// i18nErr says a store error in words, for messages that embed it.
func i18nErr(lang i18n.Lang, err error) string {
	var e *tuijin.Error
	if !errors.As(err, &e) {
		return i18n.T(lang, tuijin.EINTERNAL)
	}
	msg := i18n.T(lang, e.Code)
	if e.Key != "" {
		msg = i18n.T(lang, e.Key, e.Args...)
	}
	for f, fe := range e.Fields {
		msg += " (" + f + ": " + i18n.T(lang, fe.Key, fe.Args...) + ")"
	}
	return msg
}

// exportLedger writes the year's list as .xlsx in the layout offices use,
// or as CSV.
func (s *Server) exportLedger(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	year := q.int("year", time.Now().In(s.Loc).Year())
	format := q.str("format")
	if q.err != nil {
		return q.err
	}
	if format == "" {
		format = "xlsx"
	}
	if format != "xlsx" && format != "csv" {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "format", format)
	}
	projects, err := s.DB.ExportProjects(r.Context(), actorFrom(r.Context()), year)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	title := fmt.Sprintf("%d年重点项目台账", year)
	ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if format == "csv" {
		err, ctype = ledger.WriteCSV(&buf, year, projects), "text/csv; charset=utf-8"
	} else {
		err = ledger.WriteXLSX(&buf, year, title, projects)
	}
	if err != nil {
		return err
	}
	name := title + "." + format
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", "attachment; filename=\"ledger-"+strconv.Itoa(year)+"."+format+"\"; filename*=UTF-8''"+url.PathEscape(name))
	_, err = w.Write(buf.Bytes())
	return err
}
