package tuijin

import (
	"math"
	"sort"
)

// Scheme is the office's assessment scheme (考核办法): the weight of each
// measure out of 100 and the bonus points for milestones reached.
type Scheme struct {
	Investment float64 `json:"investment"` // completion against 序时进度
	Nodes      float64 `json:"nodes"`      // key nodes done on time
	Problems   float64 `json:"problems"`   // problems closed on time
	Reports    float64 `json:"reports"`    // reports submitted by the deadline
	NewStart   float64 `json:"new_start"`  // bonus: started in the period
	Production float64 `json:"production"` // bonus: completed or in production in the period
	LastPlaces int     `json:"last_places"`
}

// DefaultScheme weighs investment most, as offices do.
var DefaultScheme = Scheme{Investment: 40, Nodes: 20, Problems: 20, Reports: 20, NewStart: 2, Production: 3, LastPlaces: 3}

// Validate checks the weights add up to 100.
func (s *Scheme) Validate() error {
	var v Validation
	for f, w := range map[string]float64{"investment": s.Investment, "nodes": s.Nodes, "problems": s.Problems, "reports": s.Reports,
		"new_start": s.NewStart, "production": s.Production} {
		if w < 0 || w > 100 || math.IsNaN(w) {
			v.Add(f, "out_of_range")
		}
	}
	if math.Abs(s.Investment+s.Nodes+s.Problems+s.Reports-100) > 0.001 {
		v.Add("investment", "weights_sum")
	}
	if s.LastPlaces < 0 || s.LastPlaces > 20 {
		v.Add("last_places", "out_of_range")
	}
	return v.Err()
}

// ScoreFacts are one project's facts for a period's assessment; each share
// is between 0 and 1, or negative when nothing was due (full marks).
type ScoreFacts struct {
	ProjectID                        int64
	Name, Department, Town           string
	DepartmentID                     *int64
	InvestmentShare                  float64 // completion over 序时进度, capped at 1
	NodesShare, ProblemsShare        float64
	ReportOnTime, Started, Completed bool
}

// Score is a project's, a department's or a town's result.
type Score struct {
	Key        string  `json:"key"`
	Label      string  `json:"label"`
	Investment float64 `json:"investment"`
	Nodes      float64 `json:"nodes"`
	Problems   float64 `json:"problems"`
	Reports    float64 `json:"reports"`
	Bonus      float64 `json:"bonus"`
	Total      float64 `json:"total"`
	Projects   int     `json:"projects"`
	Rank       int     `json:"rank"`
	Last       bool    `json:"last"` // among the last places, named in the briefing
}

// ScoreProject applies the scheme to one project.
func (s Scheme) ScoreProject(f ScoreFacts) Score {
	share := func(x float64) float64 {
		if x < 0 {
			return 1
		}
		return math.Min(x, 1)
	}
	sc := Score{Investment: s.Investment * share(f.InvestmentShare), Nodes: s.Nodes * share(f.NodesShare),
		Problems: s.Problems * share(f.ProblemsShare), Projects: 1}
	if f.ReportOnTime {
		sc.Reports = s.Reports
	}
	if f.Started {
		sc.Bonus += s.NewStart
	}
	if f.Completed {
		sc.Bonus += s.Production
	}
	sc.Total = sc.Investment + sc.Nodes + sc.Problems + sc.Reports + sc.Bonus
	return sc.rounded()
}

func (sc Score) rounded() Score {
	r := func(x float64) float64 { return math.Round(x*10) / 10 }
	sc.Investment, sc.Nodes, sc.Problems, sc.Reports, sc.Bonus, sc.Total = r(sc.Investment), r(sc.Nodes), r(sc.Problems), r(sc.Reports), r(sc.Bonus), r(sc.Total)
	return sc
}

// Rank scores projects and averages them by group ("project",
// "department" or "town"), ranks them, and marks the last places.
func (s Scheme) Rank(facts []ScoreFacts, by string) []Score {
	index := map[string]int{}
	var out []Score
	for _, f := range facts {
		key, label := "", ""
		switch by {
		case "department":
			if f.DepartmentID != nil {
				key = itoa(*f.DepartmentID)
			}
			label = f.Department
		case "town":
			key, label = f.Town, f.Town
		default:
			key, label = itoa(f.ProjectID), f.Name
		}
		p := s.ScoreProject(f)
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, Score{Key: key, Label: label})
		}
		g := &out[i]
		g.Investment, g.Nodes, g.Problems, g.Reports, g.Bonus = g.Investment+p.Investment, g.Nodes+p.Nodes, g.Problems+p.Problems, g.Reports+p.Reports, g.Bonus+p.Bonus
		g.Projects++
	}
	for i := range out {
		n := float64(out[i].Projects)
		g := &out[i]
		g.Investment, g.Nodes, g.Problems, g.Reports, g.Bonus = g.Investment/n, g.Nodes/n, g.Problems/n, g.Reports/n, g.Bonus/n
		g.Total = g.Investment + g.Nodes + g.Problems + g.Reports + g.Bonus
		*g = g.rounded()
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Total > out[j].Total })
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i].Total == out[i-1].Total {
			out[i].Rank = out[i-1].Rank
		}
	}
	for i := len(out) - 1; i >= 0 && i >= len(out)-s.LastPlaces; i-- {
		if len(out) > s.LastPlaces {
			out[i].Last = true
		}
	}
	if out == nil {
		out = []Score{}
	}
	return out
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}
