package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/xuri/excelize/v2"

	"tuijin"
)

func (s *Server) scheme(r *http.Request) tuijin.Scheme {
	sc := tuijin.DefaultScheme
	if raw, err := s.DB.Setting(r.Context(), "assessment_scheme", ""); err == nil && raw != "" {
		json.Unmarshal([]byte(raw), &sc)
	}
	return sc
}

var groupings = map[string]bool{"project": true, "department": true, "town": true}

// getAssessment scores a period's projects with the office's scheme and
// ranks projects, departments or towns (?by=), as JSON or .xlsx.
func (s *Server) getAssessment(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	periodID := q.id("period_id")
	by, format := q.str("by"), q.str("format")
	if q.err != nil {
		return q.err
	}
	if periodID == nil {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "period_id", "")
	}
	if by == "" {
		by = "department"
	}
	if !groupings[by] {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "by", by)
	}
	p, facts, err := s.DB.ScoreFacts(r.Context(), actorFrom(r.Context()), *periodID)
	if err != nil {
		return err
	}
	scheme := s.scheme(r)
	scores := scheme.Rank(facts, by)
	if format == "xlsx" {
		return writeRankingXLSX(w, p.Name, by, scores)
	}
	writeJSON(w, http.StatusOK, map[string]any{"period": p, "by": by, "scheme": scheme, "scores": scores})
	return nil
}

func writeRankingXLSX(w http.ResponseWriter, period, by string, scores []tuijin.Score) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	title := period + "考核排名"
	f.SetCellValue(sh, "A1", title)
	f.MergeCell(sh, "A1", "I1")
	head := []any{"排名", map[string]string{"project": "项目", "department": "责任单位", "town": "镇街"}[by], "项目数", "投资完成", "节点", "问题办结", "按时填报", "加分", "总分"}
	f.SetSheetRow(sh, "A2", &head)
	for i, sc := range scores {
		row := []any{sc.Rank, sc.Label, sc.Projects, sc.Investment, sc.Nodes, sc.Problems, sc.Reports, sc.Bonus, sc.Total}
		if sc.Last {
			row[1] = sc.Label + "（末位）"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		f.SetSheetRow(sh, cell, &row)
	}
	f.SetColWidth(sh, "B", "B", 30)
	f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	return writeFile(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", title+".xlsx", buf.Bytes())
}

// publishAssessment keeps a period's rankings (all three groupings) for
// the history.
func (s *Server) publishAssessment(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		PeriodID int64 `json:"period_id"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return err
	}
	_, facts, err := s.DB.ScoreFacts(ctx, actor, req.PeriodID)
	if err != nil {
		return err
	}
	scheme := s.scheme(r)
	for by := range groupings {
		if err := s.DB.PublishRanking(ctx, actor, req.PeriodID, by, scheme, scheme.Rank(facts, by)); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) rankingHistory(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	by, year := q.str("by"), q.int("year", 0)
	if q.err != nil {
		return q.err
	}
	if by == "" {
		by = "department"
	}
	if !groupings[by] {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "by", by)
	}
	list, err := s.DB.Rankings(r.Context(), by, year)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) getScheme(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, s.scheme(r))
	return nil
}

func (s *Server) putScheme(w http.ResponseWriter, r *http.Request) error {
	var sc tuijin.Scheme
	if err := decode(w, r, &sc); err != nil {
		return err
	}
	if err := sc.Validate(); err != nil {
		return err
	}
	b, _ := json.Marshal(sc)
	if err := s.DB.SetSetting(r.Context(), actorFrom(r.Context()), "assessment_scheme", string(b)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sc)
	return nil
}
