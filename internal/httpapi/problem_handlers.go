package httpapi

import (
	"context"
	"net/http"
	"time"

	"tuijin"
	"tuijin/internal/store"
)

// deadlineOf turns a problem's deadline in working days into a date on the
// calendar ("within 5 working days"), or keeps the date given.
func (s *Server) deadlineOf(ctx context.Context) (func(tuijin.ProblemInput) string, error) {
	cal, err := s.Calendar.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today := s.today()
	return func(in tuijin.ProblemInput) string {
		if in.DeadlineDays != nil {
			return cal.AddWorkingDays(today, *in.DeadlineDays).String()
		}
		return in.Deadline
	}, nil
}

func (s *Server) problemFilter(r *http.Request) (tuijin.ProblemFilter, error) {
	q := query{r: r}
	f := tuijin.ProblemFilter{Kind: q.str("kind"), Status: tuijin.ProblemStatus(q.str("status")), DepartmentID: q.id("department_id"),
		LeaderID: q.id("leader_id"), ProjectID: q.id("project_id"), Type: q.str("type"), Q: q.str("q"), Page: q.page()}
	if b := q.bool("open"); b != nil {
		f.Open = *b
	}
	if b := q.bool("overdue"); b != nil {
		f.Overdue = *b
	}
	if raw := q.str("level"); raw != "" {
		l := q.int("level", 0)
		f.Level = &l
	}
	return f, q.err
}

func (s *Server) listProblems(w http.ResponseWriter, r *http.Request) error {
	f, err := s.problemFilter(r)
	if err != nil {
		return err
	}
	list, err := s.DB.Problems(r.Context(), actorFrom(r.Context()), f, s.today().String())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) getProblem(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	pr, err := s.DB.Problem(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	pr.Overdue = pr.Status.Open() && pr.Deadline < s.today().String()
	writeJSON(w, http.StatusOK, pr)
	return nil
}

func (s *Server) createProblem(w http.ResponseWriter, r *http.Request) error {
	var in tuijin.ProblemInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	deadline, err := s.deadlineOf(r.Context())
	if err != nil {
		return err
	}
	in.Deadline = deadline(in)
	pr, err := s.DB.CreateProblem(r.Context(), actorFrom(r.Context()), in, s.today().String())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, pr)
	return nil
}

// stepProblem is POST /problems/{id}/transitions: accept, start, apply,
// close, send_back, reopen, reassign or comment.
func (s *Server) stepProblem(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var st store.ProblemStep
	if err := decode(w, r, &st); err != nil {
		return err
	}
	if err := versionFrom(r, &st.Version); err != nil {
		return err
	}
	ctx := r.Context()
	hook := func(tx *store.Tx, pr *tuijin.Problem) error {
		if pr.ProjectID == nil {
			return nil
		}
		return s.recomputeProject(ctx, tx, *pr.ProjectID, s.today().Year(), "problem")
	}
	pr, err := s.DB.StepProblem(ctx, actorFrom(ctx), id, st, s.today().String(), hook)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pr)
	return nil
}

// problemCounts is the figures offices report, by a grouping.
func (s *Server) problemCounts(w http.ResponseWriter, r *http.Request) error {
	f, err := s.problemFilter(r)
	if err != nil {
		return err
	}
	groupBy := r.URL.Query().Get("group_by")
	today := s.today().String()
	total, err := s.DB.ProblemCountsBy(r.Context(), actorFrom(r.Context()), f, "", today)
	if err != nil {
		return err
	}
	groups, err := s.DB.ProblemCountsBy(r.Context(), actorFrom(r.Context()), f, groupBy, today)
	if err != nil {
		return err
	}
	out := map[string]any{"total": tuijin.ProblemCounts{}, "groups": groups, "group_by": groupBy}
	if len(total) > 0 {
		out["total"] = total[0]
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// uploadAttachment keeps evidence or a photo with a problem or a visit.
func (s *Server) uploadAttachment(ownerType string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		meta, data, thumb, err := readPhoto(w, r)
		if err != nil {
			return err
		}
		p, err := s.DB.AddAttachment(r.Context(), actorFrom(r.Context()), ownerType, id, meta, data, thumb)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusCreated, p)
		return nil
	}
}

func (s *Server) getAttachment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctype, data, err := s.DB.AttachmentData(r.Context(), actorFrom(r.Context()), id, r.URL.Query().Get("thumb") == "true")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "private, max-age=86400")
	_, err = w.Write(data)
	return err
}

func (s *Server) listOrders(w http.ResponseWriter, r *http.Request) error {
	list, err := s.DB.Orders(r.Context(), actorFrom(r.Context()), r.URL.Query().Get("status"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	o, err := s.DB.Order(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}

func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) error {
	var in tuijin.OrderInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	o, err := s.DB.CreateOrder(r.Context(), actorFrom(r.Context()), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, o)
	return nil
}

func (s *Server) stepOrder(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var st store.OrderStep
	if err := decode(w, r, &st); err != nil {
		return err
	}
	if err := versionFrom(r, &st.Version); err != nil {
		return err
	}
	o, err := s.DB.StepOrder(r.Context(), actorFrom(r.Context()), id, st)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}

// monthRange reads ?from=&to= (default: this month).
func (s *Server) monthRange(r *http.Request) (string, string, error) {
	q := r.URL.Query()
	from, to := q.Get("from"), q.Get("to")
	t := s.today().Time()
	if from == "" {
		from = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	if to == "" {
		to = time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	if !tuijin.ValidDate(from) {
		return "", "", tuijin.Errorf(tuijin.EINVALID, "bad_param", "from", from)
	}
	if !tuijin.ValidDate(to) {
		return "", "", tuijin.Errorf(tuijin.EINVALID, "bad_param", "to", to)
	}
	return from, to, nil
}

func (s *Server) listMeetings(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.monthRange(r)
	if err != nil {
		return err
	}
	list, err := s.DB.Meetings(r.Context(), from, to)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list, "from": from, "to": to})
	return nil
}

func (s *Server) getMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := s.DB.Meeting(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

func (s *Server) createMeeting(w http.ResponseWriter, r *http.Request) error {
	var m tuijin.Meeting
	if err := decode(w, r, &m); err != nil {
		return err
	}
	deadline, err := s.deadlineOf(r.Context())
	if err != nil {
		return err
	}
	out, err := s.DB.CreateMeeting(r.Context(), actorFrom(r.Context()), m, deadline, s.today().String())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

func (s *Server) listVisits(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.monthRange(r)
	if err != nil {
		return err
	}
	q := query{r: r}
	leader := q.id("leader_id")
	if q.err != nil {
		return q.err
	}
	list, err := s.DB.Visits(r.Context(), actorFrom(r.Context()), from, to, leader)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list, "from": from, "to": to})
	return nil
}

func (s *Server) getVisit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.DB.Visit(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) createVisit(w http.ResponseWriter, r *http.Request) error {
	var v tuijin.Visit
	if err := decode(w, r, &v); err != nil {
		return err
	}
	deadline, err := s.deadlineOf(r.Context())
	if err != nil {
		return err
	}
	out, err := s.DB.CreateVisit(r.Context(), actorFrom(r.Context()), v, deadline, s.today().String())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// leaderActivity counts visits and meetings per leader against the
// monthly target (setting leader_monthly_target, default 4).
func (s *Server) leaderActivity(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.monthRange(r)
	if err != nil {
		return err
	}
	target := 4
	if raw, err := s.DB.Setting(r.Context(), "leader_monthly_target", "4"); err == nil {
		if n, ok := atoiOK(raw); ok {
			target = n
		}
	}
	list, err := s.DB.LeaderActivities(r.Context(), from, to, target)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list, "from": from, "to": to})
	return nil
}

func atoiOK(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
