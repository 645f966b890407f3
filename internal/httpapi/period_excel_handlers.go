package httpapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"tuijin"
	"tuijin/internal/i18n"
	"tuijin/internal/ledger"
	"tuijin/internal/store"
)

// exportPeriod writes a period as the monthly report sheet (重点项目月报表),
// with the caller's projects.
func (s *Server) exportPeriod(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := query{r: r}
	format := q.str("format")
	if q.err != nil {
		return q.err
	}
	if format != "" && format != "xlsx" {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "format", format)
	}
	pe, rows, err := s.DB.PeriodSheet(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	sheet := periodSheet(pe, rows)
	var buf bytes.Buffer
	if err := ledger.WritePeriodXLSX(&buf, sheet); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"period-"+strconv.FormatInt(id, 10)+".xlsx\"; filename*=UTF-8''"+
		url.PathEscape(pe.Name+".xlsx"))
	_, err = w.Write(buf.Bytes())
	return err
}

func periodSheet(pe *tuijin.Period, rows []store.PeriodSheetRow) ledger.PeriodSheet {
	month, _ := strconv.Atoi(pe.End[5:7])
	out := ledger.PeriodSheet{Name: pe.Name, Kind: pe.Kind, Year: pe.Year, Month: month, Start: pe.Start, End: pe.End,
		Rows: make([]ledger.PeriodSheetRow, len(rows))}
	for i, row := range rows {
		rep := &row.Report
		out.Rows[i] = ledger.PeriodSheetRow{Code: rep.ProjectCode, Name: rep.ProjectName, Department: rep.Department,
			Leader: row.LeaderName, Owner: row.OwnerName, TotalInvestmentYuan: row.TotalInvestmentYuan, PlannedYuan: row.PlannedYuan,
			InvestedYuan: rep.InvestedYuan, YearToDateYuan: row.YearToDateYuan, CumulativeYuan: row.CumulativeYuan,
			ProgressText: rep.ProgressText, ProgressPercent: rep.ProgressPercent, StatsEntered: rep.StatsEntered,
			StatsYuan: rep.StatsYuan, Problems: rep.Problems, Status: rep.Status}
	}
	return out
}

// periodImportPreview is the answer to a period sheet import, dry run or not.
type periodImportPreview struct {
	DryRun     bool                `json:"dry_run"`
	Committed  bool                `json:"committed"`
	PeriodID   int64               `json:"period_id"`
	File       string              `json:"file"`
	Sheet      string              `json:"sheet"`
	Unit       string              `json:"unit"`
	HeaderRows []int               `json:"header_rows"`
	Columns    []ledger.ColumnMap  `json:"columns"`
	Summary    periodImportSummary `json:"summary"`
	Rows       []periodRowPreview  `json:"rows"`
	Errors     []cellError         `json:"errors"` // cell errors and refused rows
	Skipped    []skippedSheet      `json:"skipped"`
	Unreported []tuijin.ProjectRef `json:"unreported"`
}

type periodImportSummary struct {
	Rows   int `json:"rows"`
	Submit int `json:"submit"`
	Skip   int `json:"skip"`
	Errors int `json:"errors"`
}

type periodRowPreview struct {
	Line           int                 `json:"line"`
	Code           string              `json:"code"`
	Name           string              `json:"name"`
	Fields         tuijin.ReportFields `json:"fields"`
	Set            []string            `json:"set"` // the fields the row fills in
	YearToDateYuan *int64              `json:"year_to_date_yuan"`
	Action         string              `json:"action"` // submit, skip, error
	ReportID       int64               `json:"report_id,omitempty"`
	ProjectID      int64               `json:"project_id,omitempty"`
	MatchedBy      string              `json:"matched_by,omitempty"`
	Status         tuijin.ReportStatus `json:"status,omitempty"`
	Changes        map[string][2]any   `json:"changes,omitempty"`
	Message        string              `json:"message,omitempty"` // why it is skipped or refused
	Errors         []cellError         `json:"errors"`
}

// importPeriod reads a period sheet the office received and submits the
// period's reports with its figures (dry_run=true: the preview only). A
// sheet with any bad cell or refused row writes nothing.
func (s *Server) importPeriod(w http.ResponseWriter, r *http.Request) error {
	actor := actorFrom(r.Context())
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := query{r: r}
	dry := q.bool("dry_run")
	if q.err != nil {
		return q.err
	}
	data, name, err := uploadedFile(w, r)
	if err != nil {
		return err
	}
	parsed, err := ledger.ReadPeriodSheet(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		return err
	}
	if parsed.Sheet == "" {
		return tuijin.Errorf(tuijin.EINVALID, "period_sheet_none")
	}
	if len(parsed.Rows) == 0 {
		return tuijin.Errorf(tuijin.EINVALID, "period_sheet_empty", parsed.Sheet)
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	pv := newPeriodPreview(parsed, lang, name, id)
	pv.DryRun = dry != nil && *dry
	rows, index := periodFigureRows(parsed)
	plan, err := s.DB.ImportPeriodFigures(r.Context(), actor, id, rows, pv.DryRun || len(pv.Errors) > 0)
	if err != nil {
		var rowErr *store.RowError
		if errors.As(err, &rowErr) {
			label := fmt.Sprintf("%s!%d", parsed.Sheet, rows[rowErr.Index].Line)
			return tuijin.Errorf(tuijin.EINVALID, "import_row_failed", label, i18nErr(lang, rowErr.Err))
		}
		return err
	}
	pv.applyPlan(plan, index, lang)
	if len(pv.Errors) > 0 && !pv.DryRun {
		pv.write(w, http.StatusUnprocessableEntity, &errorPayload{Code: tuijin.EINVALID, Message: i18n.T(lang, "import_has_errors", len(pv.Errors))})
		return nil
	}
	pv.write(w, http.StatusOK, nil)
	return nil
}

// write sends the preview, with the API's error beside it when the import
// was refused, one row at a time.
func (pv periodImportPreview) write(w http.ResponseWriter, status int, apiErr *errorPayload) {
	rows := pv.Rows
	pv.Rows = nil
	head := struct {
		Error *errorPayload `json:"error,omitempty"`
		periodImportPreview
	}{apiErr, pv}
	writeStreamed(w, status, head, "rows", func(w io.Writer) error { return writeArray(w, rows) })
}

// uploadedFile reads the multipart "file" of an import.
func uploadedFile(w http.ResponseWriter, r *http.Request) ([]byte, string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, "", err
		}
		return nil, "", tuijin.Errorf(tuijin.EINVALID, "upload_missing")
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	return data, header.Filename, err
}

func newPeriodPreview(parsed *ledger.PeriodParsed, lang i18n.Lang, file string, periodID int64) periodImportPreview {
	pick := func(zh, en string) string {
		if lang == i18n.EN && en != "" {
			return en
		}
		return zh
	}
	pv := periodImportPreview{PeriodID: periodID, File: file, Sheet: parsed.Sheet, Unit: parsed.Unit, HeaderRows: parsed.HeaderRows,
		Columns: parsed.Columns, Rows: []periodRowPreview{}, Errors: []cellError{}, Skipped: []skippedSheet{},
		Unreported: []tuijin.ProjectRef{}}
	for _, sk := range parsed.Skipped {
		pv.Skipped = append(pv.Skipped, skippedSheet{sk.Name, pick(sk.Reason, sk.ReasonEN)})
	}
	for _, row := range parsed.Rows {
		rp := periodRowPreview{Line: row.Line, Code: row.Code, Name: row.Name, Fields: row.Fields, Set: row.Set,
			YearToDateYuan: row.YearToDateYuan, Errors: []cellError{}}
		if rp.Set == nil {
			rp.Set = []string{}
		}
		for _, ce := range row.Errors {
			e := cellError{parsed.Sheet, ce.Line, ce.Column, ce.Value, pick(ce.Message, ce.MessageEN)}
			rp.Errors = append(rp.Errors, e)
			pv.Errors = append(pv.Errors, e)
		}
		if len(rp.Errors) > 0 {
			rp.Action = store.PeriodRowError
		}
		pv.Rows = append(pv.Rows, rp)
	}
	return pv
}

// periodFigureRows are the rows without cell errors, for the store, with
// the index of each in the sheet's rows.
func periodFigureRows(parsed *ledger.PeriodParsed) ([]store.PeriodFigureRow, []int) {
	var rows []store.PeriodFigureRow
	var index []int
	for i, row := range parsed.Rows {
		if len(row.Errors) > 0 {
			continue
		}
		rows = append(rows, store.PeriodFigureRow{Line: row.Line, Code: row.Code, Name: row.Name, Fields: row.Fields,
			Set: row.Set, YearToDateYuan: row.YearToDateYuan})
		index = append(index, i)
	}
	return rows, index
}

func (pv *periodImportPreview) applyPlan(plan *store.PeriodImportPlan, index []int, lang i18n.Lang) {
	for k, act := range plan.Rows {
		rp := &pv.Rows[index[k]]
		rp.Action, rp.ReportID, rp.ProjectID, rp.MatchedBy, rp.Status, rp.Changes =
			act.Action, act.ReportID, act.ProjectID, act.MatchedBy, act.Status, act.Changes
		if act.Reason != nil {
			rp.Message = i18nErr(lang, act.Reason)
		}
		if act.Action == store.PeriodRowError {
			e := cellError{Sheet: pv.Sheet, Line: rp.Line, Message: i18n.T(lang, "period_row_line", rp.Line, rp.Message)}
			rp.Errors = append(rp.Errors, e)
			pv.Errors = append(pv.Errors, e)
		}
	}
	pv.Summary.Rows = len(pv.Rows)
	for _, rp := range pv.Rows {
		switch rp.Action {
		case store.PeriodRowSubmit:
			pv.Summary.Submit++
		case store.PeriodRowSkip:
			pv.Summary.Skip++
		default:
			pv.Summary.Errors++
		}
	}
	pv.Unreported = plan.Unreported
	pv.Committed = plan.Committed
}
