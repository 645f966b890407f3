package httpapi

import (
	"net/http"
	"strconv"

	"tuijin"
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

type reminderSettings struct {
	NodeReminderDays int `json:"node_reminder_days"`
}

func (s *Server) getReminderSettings(w http.ResponseWriter, r *http.Request) error {
	raw, err := s.DB.Setting(r.Context(), "node_reminder_days", strconv.Itoa(jobs.DefaultReminderDays))
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(raw)
	writeJSON(w, http.StatusOK, reminderSettings{NodeReminderDays: n})
	return nil
}

func (s *Server) putReminderSettings(w http.ResponseWriter, r *http.Request) error {
	var in reminderSettings
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.NodeReminderDays < 0 || in.NodeReminderDays > 60 {
		var v tuijin.Validation
		v.Add("node_reminder_days", "out_of_range")
		return v.Err()
	}
	if err := s.DB.SetSetting(r.Context(), actorFrom(r.Context()), "node_reminder_days", strconv.Itoa(in.NodeReminderDays)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, in)
	return nil
}
