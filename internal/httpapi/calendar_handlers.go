package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/i18n"
)

// Dates that the working-day counts accept, and how far they count: wide
// enough for any schedule, narrow enough that no answer leaves the
// four-digit years.
const (
	calendarMinDateYear = 1900
	calendarMaxDateYear = 2200
	calendarMaxDays     = 10000
)

// calendarYearResponse is one year of the calendar with, for a year
// without data, a note saying that it counts weekends only.
type calendarYearResponse struct {
	calendar.Year
	Note string `json:"note,omitempty"`
}

// calendarCount is the answer of the two counting routes; FallbackYears
// lists the years crossed that have no data, which make it an estimate.
type calendarCount struct {
	Date          *calendar.Date `json:"date,omitempty"`
	Days          *int           `json:"days,omitempty"`
	FallbackYears []int          `json:"fallback_years,omitempty"`
	Note          string         `json:"note,omitempty"`
}

// calendarYearSummary is one line of the admin screen's year list.
type calendarYearSummary struct {
	Year       int             `json:"year"`
	Source     calendar.Source `json:"source"`
	Official   bool            `json:"official"`
	HasBuiltin bool            `json:"has_builtin"`
	OffDays    int             `json:"off_days"`
	MakeUpDays int             `json:"make_up_days"`
	Version    int64           `json:"version"`
	UpdatedAt  *time.Time      `json:"updated_at"`
	UpdatedBy  string          `json:"updated_by"`
}

// listCalendarYears lists the years with data, and this year and next
// whether or not they have any: the admin's to-do shows there.
func (s *Server) listCalendarYears(w http.ResponseWriter, r *http.Request) error {
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	this := s.DB.Now().In(s.Loc).Year()
	years := cal.Years()
	for _, y := range []int{this, this + 1} {
		if !cal.HasData(y) {
			years = append(years, y)
		}
	}
	out := []calendarYearSummary{}
	for _, y := range years {
		out = append(out, summarize(cal.Year(y)))
	}
	writeJSON(w, http.StatusOK, map[string]any{"years": out, "min_year": calendar.MinYear, "max_year": calendar.MaxYear})
	return nil
}

func summarize(y calendar.Year) calendarYearSummary {
	s := calendarYearSummary{Year: y.Year, Source: y.Source, Official: y.Official, HasBuiltin: y.HasBuiltin,
		Version: y.Version, UpdatedAt: y.UpdatedAt, UpdatedBy: y.UpdatedBy}
	for _, d := range y.Days {
		if d.Off {
			s.OffDays++
		} else {
			s.MakeUpDays++
		}
	}
	return s
}

func (s *Server) getCalendarYear(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.yearResponse(r, cal, year))
	return nil
}

func (s *Server) yearResponse(r *http.Request, cal *calendar.Calendar, year int) calendarYearResponse {
	out := calendarYearResponse{Year: cal.Year(year)}
	if !out.Official {
		out.Note = i18n.T(i18n.Negotiate(r.Header.Get("Accept-Language")), "calendar_weekends_only", year)
	}
	return out
}

// replaceCalendarYear stores an admin's data for a year: the whole year,
// as the notice lists it.
func (s *Server) replaceCalendarYear(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	var in calendar.YearInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := calendarVersion(r, &in.Version); err != nil {
		return err
	}
	if _, err := s.DB.ReplaceCalendarYear(r.Context(), actorFrom(r.Context()), year, in); err != nil {
		return err
	}
	return s.respondYear(w, r, year)
}

// deleteCalendarYear removes an admin's data for a year: the year goes
// back to the built-in data, or to weekends only.
func (s *Server) deleteCalendarYear(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	var version *int64
	if err := calendarVersion(r, &version); err != nil {
		return err
	}
	if err := s.DB.DeleteCalendarYear(r.Context(), actorFrom(r.Context()), year, *version); err != nil {
		return err
	}
	return s.respondYear(w, r, year)
}

// respondYear answers a write with the year as it now is.
func (s *Server) respondYear(w http.ResponseWriter, r *http.Request, year int) error {
	s.Calendar.Invalidate()
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.yearResponse(r, cal, year))
	return nil
}

// calendarVersion takes the version from If-Match or ?version= when the
// body has none. Unlike other resources 0 is a real version here: the
// year had no override yet.
func calendarVersion(r *http.Request, v **int64) error {
	raw := r.Header.Get("If-Match")
	if raw == "" {
		raw = r.URL.Query().Get("version")
	}
	if *v == nil && raw != "" {
		n, err := strconv.ParseInt(trimETag(raw), 10, 64)
		if err != nil || n < 0 {
			return tuijin.Errorf(tuijin.EINVALID, "bad_param", "version", raw)
		}
		*v = &n
	}
	if *v == nil {
		var val tuijin.Validation
		val.Add("version", "invalid_version")
		return val.Err()
	}
	return nil
}

func (s *Server) addWorkingDays(w http.ResponseWriter, r *http.Request) error {
	var v tuijin.Validation
	from := dateParam(r, &v, "from")
	days := daysParam(r, &v, "days")
	if err := v.Err(); err != nil {
		return err
	}
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	to := cal.AddWorkingDays(from, days)
	out := calendarCount{Date: &to}
	s.noteFallback(r, &out, cal.FallbackYears(from, to))
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) workingDaysBetween(w http.ResponseWriter, r *http.Request) error {
	var v tuijin.Validation
	from, to := dateParam(r, &v, "from"), dateParam(r, &v, "to")
	if err := v.Err(); err != nil {
		return err
	}
	cal, err := s.Calendar.Calendar(r.Context())
	if err != nil {
		return err
	}
	n := cal.WorkingDaysBetween(from, to)
	out := calendarCount{Days: &n}
	s.noteFallback(r, &out, cal.FallbackYears(from, to))
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) noteFallback(r *http.Request, out *calendarCount, years []int) {
	if len(years) == 0 {
		return
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	sep := "、"
	if lang == i18n.EN {
		sep = ", "
	}
	list := make([]string, len(years))
	for i, y := range years {
		list[i] = strconv.Itoa(y)
	}
	out.FallbackYears = years
	out.Note = i18n.T(lang, "calendar_estimate", strings.Join(list, sep))
}

// pathYear reads {year}; years without data still answer (weekends only)
// but must be ones that data could be entered for.
func pathYear(r *http.Request) (int, error) {
	raw := r.PathValue("year")
	y, err := strconv.Atoi(raw)
	if err != nil {
		return 0, tuijin.Errorf(tuijin.EINVALID, "bad_param", "year", raw)
	}
	if y < calendar.MinYear || y > calendar.MaxYear {
		return 0, tuijin.Errorf(tuijin.EINVALID, "calendar_year_range", calendar.MinYear, calendar.MaxYear)
	}
	return y, nil
}

func dateParam(r *http.Request, v *tuijin.Validation, name string) calendar.Date {
	raw := strings.TrimSpace(r.URL.Query().Get(name))
	d, err := calendar.ParseDate(raw)
	switch {
	case raw == "":
		v.Add(name, "required")
	case err != nil:
		v.Add(name, "invalid_date")
	case d.Year() < calendarMinDateYear || d.Year() > calendarMaxDateYear:
		v.Add(name, "calendar_date_range", calendarMinDateYear, calendarMaxDateYear)
	}
	return d
}

func daysParam(r *http.Request, v *tuijin.Validation, name string) int {
	raw := strings.TrimSpace(r.URL.Query().Get(name))
	n, err := strconv.Atoi(raw)
	switch {
	case raw == "":
		v.Add(name, "required")
	case err != nil:
		v.Add(name, "invalid_number")
	case n < -calendarMaxDays || n > calendarMaxDays:
		v.Add(name, "calendar_days_range", calendarMaxDays, calendarMaxDays)
	}
	return n
}
