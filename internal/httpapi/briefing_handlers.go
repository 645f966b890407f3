package httpapi

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"tuijin"
	"tuijin/internal/briefing"
	"tuijin/internal/i18n"
	"tuijin/internal/lights"
)

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

func writeFile(w http.ResponseWriter, ctype, name string, data []byte) error {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", "attachment; filename=\"document.docx\"; filename*=UTF-8''"+url.PathEscape(name))
	_, err := w.Write(data)
	return err
}

// problemDocument is the weekly problem list (kind=weekly, 一周一清单) or
// the supervision report (kind=report, 督查专报) as Word.
func (s *Server) problemDocument(w http.ResponseWriter, r *http.Request) error {
	kind := r.URL.Query().Get("kind")
	title := map[string]string{"weekly": "重点项目问题一周一清单", "report": "重点项目督查专报"}[kind]
	if title == "" {
		return tuijin.Errorf(tuijin.EINVALID, "bad_param", "kind", kind)
	}
	ctx, actor, today := r.Context(), actorFrom(r.Context()), s.today().String()
	total, err := s.DB.ProblemCountsBy(ctx, actor, tuijin.ProblemFilter{}, "", today)
	if err != nil {
		return err
	}
	byDept, err := s.DB.ProblemCountsBy(ctx, actor, tuijin.ProblemFilter{}, "department", today)
	if err != nil {
		return err
	}
	open, err := s.DB.Problems(ctx, actor, tuijin.ProblemFilter{Open: true, Page: tuijin.Page{PerPage: tuijin.MaxPerPage}}, today)
	if err != nil {
		return err
	}
	doc := briefing.Problems{Title: title, Date: today, ByDepartment: byDept, Open: open.Items}
	if len(total) > 0 {
		doc.Total = total[0]
	}
	var buf bytes.Buffer
	if r.URL.Query().Get("format") == "xlsx" {
		if err := briefing.WriteProblemsXLSX(&buf, doc); err != nil {
			return err
		}
		return writeFile(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", title+today+".xlsx", buf.Bytes())
	}
	if err := briefing.WriteProblems(&buf, doc); err != nil {
		return err
	}
	return writeFile(w, docxType, title+today+".docx", buf.Bytes())
}

// briefingData gathers the briefing's figures for year as of asOf.
func (s *Server) briefingData(ctx context.Context, actor *tuijin.Actor, lang i18n.Lang, year int, asOf time.Time) (*briefing.Briefing, error) {
	rows, err := s.DB.FigureRows(ctx, actor, tuijin.ProjectFilter{Year: year})
	if err != nil {
		return nil, err
	}
	b := &briefing.Briefing{Area: "全区", Year: year, AsOf: asOf.Format(time.DateOnly), Month: int(asOf.Month()),
		Red: []briefing.Lit{}, Yellow: []briefing.Lit{}}
	if asOf.Year() > year {
		b.Month = 12
	}
	if t := tuijin.ComputeFigures(rows, year, asOf, ""); len(t) > 0 {
		b.Total = t[0]
	}
	b.ByDepartment = tuijin.ComputeFigures(rows, year, asOf, "department")
	for _, r := range rows {
		if r.Stage.Started() || r.ActualStart != "" {
			b.Started++
		}
		if r.Nature == tuijin.NatureNew {
			b.NewProjects++
			if r.Stage.Started() || r.ActualStart != "" {
				b.NewStarted++
			}
		}
	}
	items, _, err := s.DB.BoardRows(ctx, actor, tuijin.ProjectFilter{Year: year}, s.today().String())
	if err != nil {
		return nil, err
	}
	var lit []int64
	for _, it := range items {
		if it.Colour != lights.Green {
			lit = append(lit, it.ID)
		}
	}
	results, err := s.DB.LightResults(ctx, year, lit)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		if it.Colour == lights.Green {
			continue
		}
		l := briefing.Lit{Name: it.Name, Department: it.DepartmentName, Reasons: []string{}}
		for _, res := range renderResults(lang, results[it.ID]) {
			if res.Colour != lights.Green {
				l.Reasons = append(l.Reasons, res.Reason)
			}
		}
		if it.Colour == lights.Red {
			b.Red = append(b.Red, l)
		} else {
			b.Yellow = append(b.Yellow, l)
		}
	}
	pc, err := s.DB.ProblemCountsBy(ctx, actor, tuijin.ProblemFilter{}, "", s.today().String())
	if err != nil {
		return nil, err
	}
	if len(pc) > 0 {
		b.Problems = pc[0]
	}
	return b, nil
}

// getBriefing is the briefing (简报) for a period (?period_id=, as of its
// end) or a year as of a date, as Word (format=docx) or JSON.
func (s *Server) getBriefing(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	periodID := q.id("period_id")
	year := q.int("year", s.today().Year())
	format, asOfRaw := q.str("format"), q.str("as_of")
	if q.err != nil {
		return q.err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	asOf := s.today().Time()
	if periodID != nil {
		p, err := s.DB.Period(ctx, actor, *periodID, s.today().String())
		if err != nil {
			return err
		}
		year, asOf = p.Year, mustDate(p.End)
	} else if asOfRaw != "" {
		t, err := time.Parse(time.DateOnly, asOfRaw)
		if err != nil {
			return tuijin.Errorf(tuijin.EINVALID, "bad_param", "as_of", asOfRaw)
		}
		asOf = t
	}
	b, err := s.briefingData(ctx, actor, i18n.Negotiate(r.Header.Get("Accept-Language")), year, asOf)
	if err != nil {
		return err
	}
	switch format {
	case "", "json":
		writeJSON(w, http.StatusOK, map[string]any{"headline": b.Headline(), "briefing": b})
		return nil
	case "docx":
		var buf bytes.Buffer
		if err := briefing.WriteBriefing(&buf, *b); err != nil {
			return err
		}
		return writeFile(w, docxType, "重点项目建设简报"+strconv.Itoa(year)+"年"+strconv.Itoa(b.Month)+"月.docx", buf.Bytes())
	}
	return tuijin.Errorf(tuijin.EINVALID, "bad_param", "format", format)
}

func mustDate(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}
