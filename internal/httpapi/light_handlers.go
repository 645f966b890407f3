package httpapi

import (
	"context"
	"encoding/json"
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
	ByDepartment json.RawMessage            `json:"by_department"`
	ByLeader     json.RawMessage            `json:"by_leader"`
	ByTown       json.RawMessage            `json:"by_town"`
	ByDomain     json.RawMessage            `json:"by_domain"`
	TurnedOff    int                        `json:"turned_off_this_month"`
	Items        tuijin.List[boardItemView] `json:"items"`
}

// boardBase is what a board's selection holds whatever the page and the
// colour asked for: the counts, and the red and yellow projects in order.
// It is kept (see heavyReads) until the ledger, the lights or the
// departments change.
type boardBase struct {
	counts                             groupCount
	byDept, byLeader, byTown, byDomain json.RawMessage
	turnedOff                          int
	red, yellow                        []store.BoardItem
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
	version, err := s.version(ctx, store.HeadLedger, store.HeadLights, store.HeadOrg)
	if err != nil {
		return err
	}
	key := scopeKey(actor) + "|" + filterKey(f) + "|" + today.String()
	base, err := s.heavy.board.Get(ctx, key, version, func(ctx context.Context) (*boardBase, error) {
		return s.computeBoard(ctx, actor, f, today)
	})
	if err != nil {
		return err
	}
	var listed []store.BoardItem
	switch colour {
	case lights.Red:
		listed = base.red
	case lights.Yellow:
		listed = base.yellow
	case lights.Green:
	default:
		listed = append(base.red[:len(base.red):len(base.red)], base.yellow...)
	}
	page.Normalize()
	lo, hi := min(page.Offset(), len(listed)), min(page.Offset()+page.PerPage, len(listed))
	shown := make([]boardItemView, hi-lo)
	ids := make([]int64, len(shown))
	for i, it := range listed[lo:hi] {
		shown[i], ids[i] = boardItemView{BoardItem: it}, it.ID
	}
	results, err := s.DB.LightResults(ctx, f.Year, ids)
	if err != nil {
		return err
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	for i := range shown {
		v := &shown[i]
		v.Results, v.Reasons = renderResults(lang, results[v.ID]), []string{}
		for _, res := range v.Results {
			if res.Colour != lights.Green {
				v.Reasons = append(v.Reasons, res.Reason)
			}
		}
	}
	writeJSON(w, http.StatusOK, boardResponse{Year: f.Year, Counts: base.counts, ByDepartment: base.byDept, ByLeader: base.byLeader,
		ByTown: base.byTown, ByDomain: base.byDomain, TurnedOff: base.turnedOff,
		Items: tuijin.List[boardItemView]{Items: shown, Total: len(listed), Page: page.Page, PerPage: page.PerPage}})
	return nil
}

// computeBoard reads a board's selection and counts it.
func (s *Server) computeBoard(ctx context.Context, actor *tuijin.Actor, f tuijin.ProjectFilter, today calendar.Date) (*boardBase, error) {
	items, keys, err := s.DB.BoardRows(ctx, actor, f, today.String())
	if err != nil {
		return nil, err
	}
	monthStart := time.Date(today.Year(), today.Time().Month(), 1, 0, 0, 0, 0, s.Loc)
	off, err := s.DB.LightsTurnedOff(ctx, actor, f.Year, monthStart)
	if err != nil {
		return nil, err
	}
	out := &boardBase{turnedOff: off}
	var byDept, byLeader, byTown, byDomain groupCounter
	for i, it := range items {
		count(&out.counts, it.Colour)
		k := keys[i]
		byDept.add(idKey(k.DepartmentID), it.DepartmentName, it.Colour)
		leaderKey := idKey(k.LeaderID)
		if leaderKey == "" {
			leaderKey = "name:" + it.LeaderName
		}
		byLeader.add(leaderKey, it.LeaderName, it.Colour)
		byTown.add(it.Town, it.Town, it.Colour)
		byDomain.add(k.Domain, k.Domain, it.Colour)
		switch it.Colour {
		case lights.Red:
			out.red = append(out.red, it)
		case lights.Yellow:
			out.yellow = append(out.yellow, it)
		}
	}
	for _, g := range []struct {
		c   *groupCounter
		raw *json.RawMessage
	}{{&byDept, &out.byDept}, {&byLeader, &out.byLeader}, {&byTown, &out.byTown}, {&byDomain, &out.byDomain}} {
		if *g.raw, err = json.Marshal(g.c.list()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// groupCounter counts colours by group, in the order groups first appear.
type groupCounter struct {
	index  map[string]int
	groups []groupCount
}

func (g *groupCounter) add(key, label string, c lights.Colour) {
	if g.index == nil {
		g.index = map[string]int{}
	}
	i, ok := g.index[key]
	if !ok {
		i = len(g.groups)
		g.index[key] = i
		g.groups = append(g.groups, groupCount{Key: key, Label: label})
	}
	count(&g.groups[i], c)
}

func (g *groupCounter) list() []groupCount {
	if g.groups == nil {
		return []groupCount{}
	}
	return g.groups
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
