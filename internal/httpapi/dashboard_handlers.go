package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"time"

	"tuijin"
	"tuijin/internal/calendar"
	"tuijin/internal/store"
)

// startTarget is the share of the year's new projects that should have
// started by the end of a quarter.
type startTarget struct {
	Quarter int     `json:"quarter"`
	Target  float64 `json:"target"` // percent
}

var defaultStartTargets = []startTarget{{1, 50}, {2, 80}, {3, 90}, {4, 100}}

type dashboardResponse struct {
	Year     int                         `json:"year"`
	AsOf     string                      `json:"as_of"`
	Total    tuijin.Figures              `json:"total"`
	Groups   map[string][]tuijin.Figures `json:"groups"` // stage, domain, level, town, department
	Start    startFigures                `json:"start"`
	Lights   groupCount                  `json:"lights"`
	LightsBy []groupCount                `json:"lights_by_department"`
	Problems tuijin.ProblemCounts        `json:"problems"`
	Top      []tuijin.Figures            `json:"top_departments"`
	Bottom   []tuijin.Figures            `json:"bottom_departments"`
}

type startFigures struct {
	NewProjects int           `json:"new_projects"`
	Started     int           `json:"started"`
	Rate        *float64      `json:"rate"`
	Quarter     int           `json:"quarter"`
	Target      float64       `json:"target"` // this quarter's
	Targets     []startTarget `json:"targets"`
}

// getDashboard is the leaders' cockpit (领导驾驶舱) for a year's list: every
// number comes from the figures, the lights and the problem counts that
// the rest of Tuijin computes.
func (s *Server) getDashboard(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	year := q.int("year", s.today().Year())
	if q.err != nil {
		return q.err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	version, err := s.version(ctx, store.HeadLedger, store.HeadFigures, store.HeadLights, store.HeadProblems, store.HeadOrg)
	if err != nil {
		return err
	}
	targets, err := s.DB.Setting(ctx, "start_targets", "")
	if err != nil {
		return err
	}
	today := s.today()
	key := fmt.Sprintf("%s|%d|%s|%s", scopeKey(actor), year, today, targets)
	body, err := s.heavy.cockpit.Get(ctx, key, version, func(ctx context.Context) (*packed, error) {
		out, err := s.computeDashboard(ctx, actor, year, today, targets)
		if err != nil {
			return nil, err
		}
		return pack(out)
	})
	if err != nil {
		return err
	}
	body.write(w, r)
	return nil
}

// computeDashboard computes the cockpit of a year's list as of today.
func (s *Server) computeDashboard(ctx context.Context, actor *tuijin.Actor, year int, today calendar.Date, targets string) (*dashboardResponse, error) {
	asOf := today.Time()
	rows, err := s.DB.FigureRows(ctx, actor, tuijin.ProjectFilter{Year: year})
	if err != nil {
		return nil, err
	}
	out := &dashboardResponse{Year: year, AsOf: asOf.Format(time.DateOnly), Groups: map[string][]tuijin.Figures{}}
	if t := tuijin.ComputeFigures(rows, year, asOf, ""); len(t) > 0 {
		out.Total = t[0]
	} else {
		out.Total = tuijin.Figures{ElapsedShare: tuijin.ElapsedShare(year, asOf)}
	}
	for _, g := range []string{"stage", "domain", "level", "town", "department"} {
		out.Groups[g] = tuijin.ComputeFigures(rows, year, asOf, g)
	}
	out.Start = startFiguresOf(targets, rows, year, asOf)
	deps := append([]tuijin.Figures(nil), out.Groups["department"]...)
	sort.SliceStable(deps, func(i, j int) bool { return figRate(deps[i]) > figRate(deps[j]) })
	n := min(3, len(deps))
	out.Top, out.Bottom = deps[:n], reverse(deps[len(deps)-n:])
	items, keys, err := s.DB.BoardRows(ctx, actor, tuijin.ProjectFilter{Year: year}, today.String())
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	out.LightsBy = []groupCount{}
	for i, it := range items {
		count(&out.Lights, it.Colour)
		k := idKey(keys[i].DepartmentID)
		j, ok := index[k]
		if !ok {
			j = len(out.LightsBy)
			index[k] = j
			out.LightsBy = append(out.LightsBy, groupCount{Key: k, Label: it.DepartmentName})
		}
		count(&out.LightsBy[j], it.Colour)
	}
	pc, err := s.DB.ProblemCountsBy(ctx, actor, tuijin.ProblemFilter{}, "", today.String())
	if err != nil {
		return nil, err
	}
	if len(pc) > 0 {
		out.Problems = pc[0]
	}
	return out, nil
}

// startFigures is the year's start rate of new projects against the
// office's quarterly targets (setting start_targets, default 50/80/90/100%).
func startFiguresOf(raw string, rows []tuijin.FigureRow, year int, asOf time.Time) startFigures {
	sf := startFigures{Targets: defaultStartTargets, Quarter: 4}
	if raw != "" {
		var ts []startTarget
		if json.Unmarshal([]byte(raw), &ts) == nil && len(ts) > 0 {
			sf.Targets = ts
		}
	}
	if asOf.Year() == year {
		sf.Quarter = (int(asOf.Month())-1)/3 + 1
	} else if asOf.Year() < year {
		sf.Quarter = 0
	}
	for _, t := range sf.Targets {
		if t.Quarter == sf.Quarter {
			sf.Target = t.Target
		}
	}
	for _, r := range rows {
		if r.Nature != tuijin.NatureNew {
			continue
		}
		sf.NewProjects++
		if r.Stage.Started() || r.ActualStart != "" {
			sf.Started++
		}
	}
	if sf.NewProjects > 0 {
		v := float64(int(float64(sf.Started)*1000/float64(sf.NewProjects)+0.5)) / 10
		sf.Rate = &v
	}
	return sf
}

func figRate(f tuijin.Figures) float64 {
	if f.CompletionRate == nil {
		return -1
	}
	return *f.CompletionRate
}

func reverse(fs []tuijin.Figures) []tuijin.Figures {
	out := make([]tuijin.Figures, len(fs))
	for i, f := range fs {
		out[len(fs)-1-i] = f
	}
	return out
}
