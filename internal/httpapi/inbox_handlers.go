package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"tuijin"
	"tuijin/internal/i18n"
	"tuijin/internal/jobs"
)

type inboxResponse struct {
	tuijin.List[tuijin.Notification]
	Unread int `json:"unread"`
}

func (s *Server) listInbox(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	unread := q.bool("unread")
	p := q.page()
	if q.err != nil {
		return q.err
	}
	list, n, err := s.DB.Inbox(r.Context(), actorFrom(r.Context()), unread != nil && *unread, p)
	if err != nil {
		return err
	}
	// Said in the reader's language; rows from before notifications kept
	// their words stay as they were written (in Chinese).
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	for i := range list.Items {
		it := &list.Items[i]
		if title, body, ok := i18n.Notification(lang, it.Kind, it.Args); ok && it.Args != nil {
			it.Title, it.Body = title, body
		}
	}
	writeJSON(w, http.StatusOK, inboxResponse{List: *list, Unread: n})
	return nil
}

func (s *Server) markRead(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.DB.MarkRead(r.Context(), actorFrom(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) markAllRead(w http.ResponseWriter, r *http.Request) error {
	if err := s.DB.MarkRead(r.Context(), actorFrom(r.Context()), 0); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// reminderSettings are how many working days ahead reminders go out.
type reminderSettings struct {
	NodeReminderDays   int `json:"node_reminder_days"`
	ReportReminderDays int `json:"report_reminder_days"`
}

var reminderKeys = []struct {
	key string
	def int
}{{"node_reminder_days", jobs.DefaultReminderDays}, {"report_reminder_days", jobs.DefaultReportReminderDays}}

func (s *Server) getReminderSettings(w http.ResponseWriter, r *http.Request) error {
	var out reminderSettings
	dst := []*int{&out.NodeReminderDays, &out.ReportReminderDays}
	for i, k := range reminderKeys {
		raw, err := s.DB.Setting(r.Context(), k.key, strconv.Itoa(k.def))
		if err != nil {
			return err
		}
		*dst[i], _ = strconv.Atoi(raw)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) putReminderSettings(w http.ResponseWriter, r *http.Request) error {
	var in reminderSettings
	if err := decode(w, r, &in); err != nil {
		return err
	}
	vals := []int{in.NodeReminderDays, in.ReportReminderDays}
	var v tuijin.Validation
	for i, k := range reminderKeys {
		if vals[i] < 0 || vals[i] > 60 {
			v.Add(k.key, "out_of_range")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	for i, k := range reminderKeys {
		if err := s.DB.SetSetting(r.Context(), actorFrom(r.Context()), k.key, strconv.Itoa(vals[i])); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, in)
	return nil
}

func (s *Server) getAutoPeriods(w http.ResponseWriter, r *http.Request) error {
	raw, err := s.DB.Setting(r.Context(), "auto_periods", "")
	if err != nil {
		return err
	}
	out := jobs.AutoPeriods{Kind: tuijin.PeriodMonthly, DeadlineDays: 5}
	if raw != "" {
		json.Unmarshal([]byte(raw), &out)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// putAutoPeriods sets the schedule on which periods open by themselves.
func (s *Server) putAutoPeriods(w http.ResponseWriter, r *http.Request) error {
	var in jobs.AutoPeriods
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var v tuijin.Validation
	if !in.Kind.Valid() {
		v.Add("kind", "invalid_choice")
	}
	if in.DeadlineDays < 0 || in.DeadlineDays > 60 {
		v.Add("deadline_days", "out_of_range")
	}
	if err := v.Err(); err != nil {
		return err
	}
	b, _ := json.Marshal(in)
	if err := s.DB.SetSetting(r.Context(), actorFrom(r.Context()), "auto_periods", string(b)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, in)
	return nil
}
