package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/photo"
	"tuijin/internal/store"
)

func (s *Server) listPeriods(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	year := q.int("year", 0)
	if q.err != nil {
		return q.err
	}
	ctx, actor, today := r.Context(), actorFrom(r.Context()), s.today().String()
	// The periods with their reports counted by status (a year's list of
	// 38,000 projects has 400,000 reports): made of periods and reports,
	// narrowed to the reader's projects, counted late against today.
	version, err := s.version(ctx, store.HeadReports, store.HeadLedger, store.HeadOrg)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("%s|%d|%s", scopeKey(actor), year, today)
	body, err := s.heavy.periods.Get(ctx, key, version, func(ctx context.Context) ([]byte, error) {
		list, err := s.DB.Periods(ctx, actor, year, today)
		if err != nil {
			return nil, err
		}
		return json.Marshal(map[string]any{"items": list})
	})
	if err != nil {
		return err
	}
	writeJSONBytes(w, http.StatusOK, body)
	return nil
}

// openPeriod opens a reporting period; its deadline is counted in working
// days after its end on the official calendar.
func (s *Server) openPeriod(w http.ResponseWriter, r *http.Request) error {
	var in tuijin.PeriodInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	actor := actorFrom(r.Context())
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	deadline := cal.AddWorkingDays(calendar.MustDate(in.End), in.DeadlineDays)
	p, err := s.DB.OpenPeriod(r.Context(), actor, in, deadline.String())
	if err != nil {
		return err
	}
	if p, err = s.DB.Period(r.Context(), actor, p.ID, s.today().String()); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

func (s *Server) getPeriod(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.DB.Period(r.Context(), actorFrom(r.Context()), id, s.today().String())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

type closeRequest struct {
	Closed  bool  `json:"closed"`
	Version int64 `json:"version"`
}

func (s *Server) closePeriod(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req closeRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := versionFrom(r, &req.Version); err != nil {
		return err
	}
	p, err := s.DB.ClosePeriod(r.Context(), actorFrom(r.Context()), id, req.Version, req.Closed)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) reportFilter(r *http.Request) (tuijin.ReportFilter, error) {
	q := query{r: r}
	f := tuijin.ReportFilter{PeriodID: q.id("period_id"), Status: tuijin.ReportStatus(q.str("status")),
		DepartmentID: q.id("department_id"), ProjectID: q.id("project_id"), Page: q.page()}
	if b := q.bool("late"); b != nil {
		f.Late = *b
	}
	if b := q.bool("mine"); b != nil {
		f.Mine = *b
	}
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return f, err
		}
		f.PeriodID = &id
	}
	return f, q.err
}

func (s *Server) listReports(w http.ResponseWriter, r *http.Request) error {
	f, err := s.reportFilter(r)
	if err != nil {
		return err
	}
	list, err := s.DB.Reports(r.Context(), actorFrom(r.Context()), f, s.today().String())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) getReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rep, err := s.DB.Report(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// reportRequest is the body of a save or a step: the figures (all of them,
// as read and edited), the version read, and a reason where one is needed.
type reportRequest struct {
	tuijin.ReportFields
	Version int64  `json:"version"`
	Reason  string `json:"reason"`
}

func (s *Server) saveReport(w http.ResponseWriter, r *http.Request) error {
	return s.stepReport(w, r, store.ActionSave)
}

// stepHandler returns the handler of one report action.
func (s *Server) stepHandler(a store.ReportAction) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error { return s.stepReport(w, r, a) }
}

func (s *Server) stepReport(w http.ResponseWriter, r *http.Request, a store.ReportAction) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var raw map[string]json.RawMessage
	var req reportRequest
	if _, err := decodeRaw(w, r, &raw, &req); err != nil {
		return err
	}
	if err := versionFrom(r, &req.Version); err != nil {
		return err
	}
	st := store.ReportStep{Action: a, Version: req.Version, Reason: req.Reason}
	// Approve and return take no figures; the others take the whole set.
	if a == store.ActionSave || a == store.ActionSubmit || a == store.ActionAmend {
		if hasFields(raw) {
			f := req.ReportFields
			st.Fields = &f
		}
	}
	rep, err := s.DB.StepReport(r.Context(), actorFrom(r.Context()), id, st, s.ReportHooks...)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func hasFields(raw map[string]json.RawMessage) bool {
	for k := range raw {
		if k != "version" && k != "reason" {
			return true
		}
	}
	return false
}

func (s *Server) uploadPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	meta, data, thumb, err := readPhoto(w, r)
	if err != nil {
		return err
	}
	p, err := s.DB.AddPhoto(r.Context(), actorFrom(r.Context()), id, meta, data, thumb)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// readPhoto reads an uploaded photo (multipart field "file"), checks it by
// its content and makes its thumbnail.
func readPhoto(w http.ResponseWriter, r *http.Request) (tuijin.Photo, []byte, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, photo.MaxBytes+1<<20)
	file, header, err := r.FormFile("file")
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return tuijin.Photo{}, nil, nil, tuijin.Errorf(tuijin.ETOOLARGE, "too_large", humanBytes(photo.MaxBytes))
		}
		return tuijin.Photo{}, nil, nil, tuijin.Errorf(tuijin.EINVALID, "upload_missing")
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return tuijin.Photo{}, nil, nil, err
	}
	info, err := photo.Check(data)
	switch {
	case errors.Is(err, photo.ErrTooLarge):
		return tuijin.Photo{}, nil, nil, tuijin.Errorf(tuijin.ETOOLARGE, "too_large", humanBytes(photo.MaxBytes))
	case err != nil:
		return tuijin.Photo{}, nil, nil, tuijin.Errorf(tuijin.EINVALID, "photo_type")
	}
	thumb, err := photo.Thumbnail(data)
	if err != nil {
		return tuijin.Photo{}, nil, nil, tuijin.Errorf(tuijin.EINVALID, "photo_type")
	}
	meta := tuijin.Photo{Name: truncName(header.Filename), ContentType: info.ContentType, Width: info.Width, Height: info.Height}
	return meta, data, thumb, nil
}

func truncName(s string) string {
	if r := []rune(s); len(r) > 100 {
		return string(r[:100])
	}
	return s
}

func (s *Server) getPhoto(w http.ResponseWriter, r *http.Request) error {
	return s.servePhoto(w, r, false)
}
func (s *Server) getThumb(w http.ResponseWriter, r *http.Request) error {
	return s.servePhoto(w, r, true)
}
func (s *Server) servePhoto(w http.ResponseWriter, r *http.Request, thumb bool) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctype, data, err := s.DB.PhotoData(r.Context(), actorFrom(r.Context()), id, thumb)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "private, max-age=86400")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err = w.Write(data)
	return err
}

func (s *Server) deletePhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.DB.DeletePhoto(r.Context(), actorFrom(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type figuresResponse struct {
	Year         int              `json:"year"`
	AsOf         string           `json:"as_of"`
	ElapsedShare float64          `json:"elapsed_share"`
	GroupBy      string           `json:"group_by"`
	Total        tuijin.Figures   `json:"total"`
	Groups       []tuijin.Figures `json:"groups"`
}

// getFigures is the investment figures of a year's list, for the whole
// list and by a grouping, as of a date (today by default).
func (s *Server) getFigures(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	year := q.int("year", s.today().Year())
	asOfRaw, groupBy := q.str("as_of"), q.str("group_by")
	f := tuijin.ProjectFilter{Year: year, DepartmentID: q.id("department_id"), LeaderID: q.id("leader_id"),
		Stage: tuijin.Stage(q.str("stage")), Town: q.str("town")}
	if q.err != nil {
		return q.err
	}
	asOf := s.today().Time()
	if asOfRaw != "" {
		t, err := time.Parse(time.DateOnly, asOfRaw)
		if err != nil {
			return tuijin.Errorf(tuijin.EINVALID, "bad_param", "as_of", asOfRaw)
		}
		asOf = t
	}
	valid := false
	for _, g := range tuijin.FigureGroups {
		valid = valid || g == groupBy
	}
	if !valid {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "group_by", groupBy)
	}
	rows, err := s.DB.FigureRows(r.Context(), actorFrom(r.Context()), f)
	if err != nil {
		return err
	}
	total := tuijin.ComputeFigures(rows, year, asOf, "")
	out := figuresResponse{Year: year, AsOf: asOf.Format(time.DateOnly), ElapsedShare: tuijin.ElapsedShare(year, asOf),
		GroupBy: groupBy, Groups: []tuijin.Figures{}}
	if len(total) > 0 {
		out.Total = total[0]
	} else {
		out.Total = tuijin.Figures{ElapsedShare: out.ElapsedShare}
	}
	if groupBy != "" {
		out.Groups = tuijin.ComputeFigures(rows, year, asOf, groupBy)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
