package tuijin

import (
	"math"
	"strconv"
	"time"
)

// Figures are the investment figures of a project or a group of projects
// for one year's list as of a date: what the lights, the cockpit and the
// briefings use. Money is integer yuan; rates are percentages.
type Figures struct {
	Key          string `json:"key"`   // the group's id ("" for the whole list)
	Label        string `json:"label"` // the group's name
	ProjectCount int    `json:"project_count"`

	TotalInvestmentYuan int64 `json:"total_investment_yuan"`
	PlannedYuan         int64 `json:"planned_yuan"`   // annual plan (年度计划投资)
	CompletedYuan       int64 `json:"completed_yuan"` // approved, year to date
	// CompletionRate is CompletedYuan over PlannedYuan, in percent (nil
	// without a plan).
	CompletionRate *float64 `json:"completion_rate"`
	// ElapsedShare is the time-elapsed share of the year (序时进度), in
	// percent, and GapPoints how far completion lags it (positive: behind).
	ElapsedShare float64  `json:"elapsed_share"`
	GapPoints    *float64 `json:"gap_points"`
	// CumulativeYuan is everything invested since the start: what was done
	// before Tuijin tracked the project plus every approved report.
	CumulativeYuan int64     `json:"cumulative_yuan"`
	CumulativeRate *float64  `json:"cumulative_rate"` // of total investment, percent
	StatsYuan      int64     `json:"stats_yuan"`      // entered in the statistics (统计入库), year to date
	Monthly        [12]int64 `json:"monthly"`         // completed per month of the year
	// LastYearYuan is the same list's completion a year earlier, to the
	// same day of the year, for the year-on-year change.
	LastYearYuan int64    `json:"last_year_yuan"`
	YoYRate      *float64 `json:"yoy_rate"` // change in percent
}

// FigureRow is one project's raw sums, before grouping.
type FigureRow struct {
	ProjectID           int64
	Code, Name          string
	DepartmentID        *int64
	DepartmentName      string
	LeaderID            *int64
	LeaderName          string
	Domain, Town        string
	Stage               Stage
	Nature              Nature
	Level               Level
	ActualStart         string
	TotalInvestmentYuan int64
	CompletedBeforeYuan int64
	ReportedYuan        int64 // all approved reports ever
	PlannedYuan         int64
	Months              [12]int64
	LastYearMonths      [12]int64
	StatsYuan           int64
}

// FigureGroups are the ways figures can be grouped.
var FigureGroups = []string{"", "project", "department", "leader", "domain", "town", "stage", "level", "nature"}

// ElapsedShare is the time-elapsed share of year on asOf (序时进度), in
// percent: the days of the year gone, so that after 10 of 12 months
// (October 31) it is 83.3%. Before the year it is 0; after it, 100.
func ElapsedShare(year int, asOf time.Time) float64 {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(1, 0, 0)
	d := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case d.Before(start):
		return 0
	case !d.Before(end.AddDate(0, 0, -1)):
		return 100
	}
	days := end.Sub(start).Hours() / 24
	gone := d.Sub(start).Hours()/24 + 1
	return round1(gone / days * 100)
}

// ComputeFigures adds up rows for year as of asOf, grouped by one of
// FigureGroups ("" gives one total). Months after asOf's month do not
// count; the same cut applies a year earlier for the year-on-year change.
// This is the one place the figures are computed.
func ComputeFigures(rows []FigureRow, year int, asOf time.Time, groupBy string) []Figures {
	cut := 12
	switch {
	case asOf.Year() < year:
		cut = 0
	case asOf.Year() == year:
		cut = int(asOf.Month())
	}
	elapsed := ElapsedShare(year, asOf)
	index := map[string]int{}
	var out []Figures
	for i := range rows {
		r := &rows[i]
		key, label := groupKey(r, groupBy)
		gi, ok := index[key]
		if !ok {
			gi = len(out)
			index[key] = gi
			out = append(out, Figures{Key: key, Label: label, ElapsedShare: elapsed})
		}
		g := &out[gi]
		g.ProjectCount++
		g.TotalInvestmentYuan += r.TotalInvestmentYuan
		g.PlannedYuan += r.PlannedYuan
		g.StatsYuan += r.StatsYuan
		g.CumulativeYuan += r.CompletedBeforeYuan + r.ReportedYuan
		for m := 0; m < cut; m++ {
			g.Monthly[m] += r.Months[m]
			g.CompletedYuan += r.Months[m]
			g.LastYearYuan += r.LastYearMonths[m]
		}
	}
	for i := range out {
		out[i].rates()
	}
	if out == nil {
		out = []Figures{}
	}
	return out
}

func (g *Figures) rates() {
	if g.PlannedYuan > 0 {
		rate := round1(float64(g.CompletedYuan) * 100 / float64(g.PlannedYuan))
		gap := round1(g.ElapsedShare - rate)
		g.CompletionRate, g.GapPoints = &rate, &gap
	}
	if g.TotalInvestmentYuan > 0 {
		c := round1(float64(g.CumulativeYuan) * 100 / float64(g.TotalInvestmentYuan))
		g.CumulativeRate = &c
	}
	if g.LastYearYuan > 0 {
		y := round1(float64(g.CompletedYuan-g.LastYearYuan) * 100 / float64(g.LastYearYuan))
		g.YoYRate = &y
	}
}

func groupKey(r *FigureRow, by string) (string, string) {
	id := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	switch by {
	case "project":
		return strconv.FormatInt(r.ProjectID, 10), r.Name
	case "department":
		return id(r.DepartmentID), r.DepartmentName
	case "leader":
		if r.LeaderID != nil {
			return id(r.LeaderID), r.LeaderName
		}
		return "name:" + r.LeaderName, r.LeaderName
	case "domain":
		return r.Domain, r.Domain
	case "town":
		return r.Town, r.Town
	case "stage":
		return string(r.Stage), string(r.Stage)
	case "level":
		return string(r.Level), string(r.Level)
	case "nature":
		return string(r.Nature), string(r.Nature)
	}
	return "", ""
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
