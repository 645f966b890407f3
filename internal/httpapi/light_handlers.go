package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/i18n"
	"tuijin/internal/lights"
	"tuijin/internal/store"
)

// workdays counts working days on the current calendar, for the lights.
func (s *Server) workdays(ctx context.Context) (store.Workdays, error) {
	cal, err := s.Calendar.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	return func(from, to string) int {
		a, errA := calendar.ParseDate(from)
		b, errB := calendar.ParseDate(to)
		if errA != nil || errB != nil {
			return 0
		}
		return cal.WorkingDaysBetween(a, b)
	}, nil
}

// recomputeProject is the hook that keeps a project's light in step with a
// change, inside the change's transaction.
func (s *Server) recomputeProject(ctx context.Context, tx *store.Tx, projectID int64, year int, cause string) error {
	wd, err := s.workdays(ctx)
	if err != nil {
		return err
	}
	_, err = tx.RecomputeLights(year, s.today().Time(), []int64{projectID}, cause, wd)
	return err
}

// reportLightHook recomputes the light of an approved or amended report's
// project for its period's year.
func (s *Server) reportLightHook(tx *store.Tx, rep *tuijin.Report) error {
	var year int
	if err := tx.QueryRow("SELECT year FROM periods WHERE id = ?", rep.PeriodID).Scan(&year); err != nil {
		return err
	}
	return s.recomputeProject(context.Background(), tx, rep.ProjectID, year, "report")
}

// resultView is a rule's result with its reason said in the user's
// language.
type resultView struct {
	lights.Result
	RuleName string `json:"rule_name"`
	Reason   string `json:"reason"`
}

func renderResults(lang i18n.Lang, rs []lights.Result) []resultView {
	out := make([]resultView, len(rs))
	for i, r := range rs {
		args := make([]any, len(r.Args))
		for j, a := range r.Args {
			args[j] = a
		}
		reason := i18n.T(lang, r.Key, args...)
		if r.LimitKey != "" && r.LimitKey != "light_limit_ok" {
			reason += i18n.T(lang, r.LimitKey, i18n.T(lang, "colour_"+string(r.Colour)), r.Limit, i18n.T(lang, "unit_"+string(r.Type)))
		}
		out[i] = resultView{Result: r, RuleName: i18n.T(lang, "light_rule_"+string(r.Type)), Reason: reason}
	}
	return out
}

type lightView struct {
	*store.ProjectLight
	Results []resultView  `json:"results"`
	Reasons []string      `json:"reasons"` // the non-green results, said in words
	History []historyView `json:"history"`
}

type historyView struct {
	store.LightChange
	Results []resultView `json:"results"`
}

func (s *Server) getProjectLight(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := query{r: r}
	year := q.int("year", s.today().Year())
	if q.err != nil {
		return q.err
	}
	l, err := s.DB.ProjectLight(r.Context(), actorFrom(r.Context()), id, year, s.today().String())
	if err != nil {
		return err
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	v := lightView{ProjectLight: l, Results: renderResults(lang, l.Results), Reasons: []string{}, History: []historyView{}}
	for _, res := range v.Results {
		if res.Colour != lights.Green {
			v.Reasons = append(v.Reasons, res.Reason)
		}
	}
	if l.Override != nil {
		v.Reasons = append([]string{i18n.T(lang, "light_override", i18n.T(lang, "colour_"+string(l.Override.Colour)), l.Override.Reason, l.Override.Until)}, v.Reasons...)
	}
	for _, h := range l.History {
		v.History = append(v.History, historyView{LightChange: h, Results: renderResults(lang, h.Results)})
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

type overrideRequest struct {
	Year   int           `json:"year"`
	Colour lights.Colour `json:"colour"`
	Reason string        `json:"reason"`
	Until  string        `json:"until"`
}

func (s *Server) overrideLight(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req overrideRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	var v tuijin.Validation
	if !req.Colour.Valid() {
		v.Add("colour", "invalid_choice")
	}
	if strings.TrimSpace(req.Reason) == "" {
		v.Add("reason", "required")
	}
	if !tuijin.ValidDate(req.Until) {
		v.Add("until", "invalid_date")
	} else if req.Until < s.today().String() {
		v.Add("until", "override_until_past")
	}
	if req.Year == 0 {
		req.Year = s.today().Year()
	}
	if err := v.Err(); err != nil {
		return err
	}
	o := store.LightOverride{Colour: req.Colour, Reason: strings.TrimSpace(req.Reason), Until: req.Until}
	if err := s.DB.SetLightOverride(r.Context(), actorFrom(r.Context()), id, req.Year, o); err != nil {
		return err
	}
	return s.getProjectLight(w, r)
}

func (s *Server) clearOverride(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := query{r: r}
	year := q.int("year", s.today().Year())
	if q.err != nil {
		return q.err
	}
	if err := s.DB.SetLightOverride(r.Context(), actorFrom(r.Context()), id, year, store.LightOverride{}); err != nil {
		return err
	}
	return s.getProjectLight(w, r)
}

// groupCount is the colours of one group on the board.
type groupCount struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Green  int    `json:"green"`
	Yellow int    `json:"yellow"`
	Red    int    `json:"red"`
}

type boardItemView struct {
	store.BoardItem
	Results []resultView `json:"results"`
	Reasons []string     `json:"reasons"`
}

type boardResponse struct {
	Year         int                        `json:"year"`
	Counts       groupCount                 `json:"counts"`
	ByDepartment []groupCount               `json:"by_department"`
	ByLeader     []groupCount               `json:"by_leader"`
	ByTown       []groupCount               `json:"by_town"`
	ByDomain     []groupCount               `json:"by_domain"`
	TurnedOff    int                        `json:"turned_off_this_month"`
	Items        tuijin.List[boardItemView] `json:"items"`
}

// getLights is the light board: counts by colour overall and by
// department, leader, town and domain; the red and yellow projects with
// their reasons; the red lights turned off this month.
func (s *Server) getLights(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	f := tuijin.ProjectFilter{Year: q.int("year", s.today().Year()), DepartmentID: q.id("department_id"), LeaderID: q.id("leader_id"),
		Town: q.str("town"), Stage: tuijin.Stage(q.str("stage")), Q: q.str("q")}
	colour := lights.Colour(q.str("colour"))
	page := q.page()
	if q.err != nil {
		return q.err
	}
	if colour != "" && !colour.Valid() {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "colour", string(colour))
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	today := s.today()
	items, keys, err := s.DB.BoardRows(ctx, actor, f, today.String())
	if err != nil {
		return err
	}
	monthStart := time.Date(today.Year(), today.Time().Month(), 1, 0, 0, 0, 0, s.Loc)
	off, err := s.DB.LightsTurnedOff(ctx, actor, f.Year, monthStart)
	if err != nil {
		return err
	}
	out := boardResponse{Year: f.Year, TurnedOff: off}
	groups := map[string]*[]groupCount{}
	index := map[string]map[string]int{}
	add := func(dim, key, label string, c lights.Colour) {
		if index[dim] == nil {
			index[dim] = map[string]int{}
		}
		list := groups[dim]
		i, ok := index[dim][key]
		if !ok {
			i = len(*list)
			index[dim][key] = i
			*list = append(*list, groupCount{Key: key, Label: label})
		}
		count(&(*list)[i], c)
	}
	groups["department"], groups["leader"], groups["town"], groups["domain"] = &out.ByDepartment, &out.ByLeader, &out.ByTown, &out.ByDomain
	out.ByDepartment, out.ByLeader, out.ByTown, out.ByDomain = []groupCount{}, []groupCount{}, []groupCount{}, []groupCount{}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	var listed []boardItemView
	for i, it := range items {
		count(&out.Counts, it.Colour)
		k := keys[i]
		add("department", idKey(k.DepartmentID), it.DepartmentName, it.Colour)
		leaderKey := idKey(k.LeaderID)
		if leaderKey == "" {
			leaderKey = "name:" + it.LeaderName
		}
		add("leader", leaderKey, it.LeaderName, it.Colour)
		add("town", it.Town, it.Town, it.Colour)
		add("domain", k.Domain, k.Domain, it.Colour)
		if it.Colour == lights.Green || (colour != "" && it.Colour != colour) {
			continue
		}
		listed = append(listed, boardItemView{BoardItem: it})
	}
	// Red before yellow, then by id.
	redFirst := make([]boardItemView, 0, len(listed))
	for _, want := range []lights.Colour{lights.Red, lights.Yellow} {
		for _, v := range listed {
			if v.Colour == want {
				redFirst = append(redFirst, v)
			}
		}
	}
	page.Normalize()
	lo, hi := min(page.Offset(), len(redFirst)), min(page.Offset()+page.PerPage, len(redFirst))
	shown := redFirst[lo:hi]
	ids := make([]int64, len(shown))
	for i, v := range shown {
		ids[i] = v.ID
	}
	results, err := s.DB.LightResults(ctx, f.Year, ids)
	if err != nil {
		return err
	}
	for i := range shown {
		v := &shown[i]
		v.Results, v.Reasons = renderResults(lang, results[v.ID]), []string{}
		for _, res := range v.Results {
			if res.Colour != lights.Green {
				v.Reasons = append(v.Reasons, res.Reason)
			}
		}
	}
	out.Items = tuijin.List[boardItemView]{Items: shown, Total: len(redFirst), Page: page.Page, PerPage: page.PerPage}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func count(g *groupCount, c lights.Colour) {
	switch c {
	case lights.Red:
		g.Red++
	case lights.Yellow:
		g.Yellow++
	default:
		g.Green++
	}
}

func idKey(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func (s *Server) recomputeLights(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	year := q.int("year", s.today().Year())
	if q.err != nil {
		return q.err
	}
	wd, err := s.workdays(r.Context())
	if err != nil {
		return err
	}
	start := time.Now()
	n, err := s.DB.RecomputeAllLights(r.Context(), actorFrom(r.Context()), year, s.today().Time(), "manual", wd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": year, "changed": n, "duration_ms": time.Since(start).Milliseconds()})
	return nil
}
