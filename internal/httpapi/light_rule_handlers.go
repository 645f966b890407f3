package httpapi

import (
	"net/http"

	"tuijin"
	"tuijin/internal/i18n"
	"tuijin/internal/lights"
	"tuijin/internal/store"
)

type ruleTypeView struct {
	Type lights.RuleType `json:"type"`
	Name string          `json:"name"`
	Unit string          `json:"unit"`
}

// listRuleSets gives the year's rule sets, the presets and the rule types
// the editor offers.
func (s *Server) listRuleSets(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	year := q.int("year", 0)
	if q.err != nil {
		return q.err
	}
	sets, err := s.DB.RuleSets(r.Context(), year)
	if err != nil {
		return err
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	types := make([]ruleTypeView, len(lights.RuleTypes))
	for i, t := range lights.RuleTypes {
		types[i] = ruleTypeView{t, i18n.T(lang, "light_rule_"+string(t)), i18n.T(lang, "unit_"+string(t))}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": sets, "presets": lights.Presets, "rule_types": types})
	return nil
}

type ruleSetRequest struct {
	Name    string        `json:"name"`
	Year    int           `json:"year"`
	Preset  string        `json:"preset"`
	Rules   []lights.Rule `json:"rules"`
	Version int64         `json:"version"`
}

// createRuleSet makes a rule set from a preset or from rules given.
func (s *Server) createRuleSet(w http.ResponseWriter, r *http.Request) error {
	var req ruleSetRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	rs := lights.RuleSet{Name: req.Name, Year: req.Year, Preset: req.Preset, Rules: req.Rules}
	if req.Preset != "" && len(req.Rules) == 0 {
		p, ok := lights.PresetByKey(req.Preset)
		if !ok {
			var v tuijin.Validation
			v.Add("preset", "invalid_choice")
			return v.Err()
		}
		rs.Rules = p.Rules
		if rs.Name == "" {
			rs.Name = p.Name
		}
	}
	out, err := s.DB.CreateRuleSet(r.Context(), actorFrom(r.Context()), rs)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

func (s *Server) updateRuleSet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req ruleSetRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := versionFrom(r, &req.Version); err != nil {
		return err
	}
	wd, err := s.workdays(r.Context())
	if err != nil {
		return err
	}
	out, err := s.DB.UpdateRuleSet(r.Context(), actorFrom(r.Context()), id, req.Version, req.Name, req.Rules, s.today().Time(), wd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) activateRuleSet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req struct {
		Version int64 `json:"version"`
	}
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := versionFrom(r, &req.Version); err != nil {
		return err
	}
	wd, err := s.workdays(r.Context())
	if err != nil {
		return err
	}
	out, err := s.DB.ActivateRuleSet(r.Context(), actorFrom(r.Context()), id, req.Version, s.today().Time(), wd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// previewRules says how many projects each colour would hold under rules,
// before the office saves them.
func (s *Server) previewRules(w http.ResponseWriter, r *http.Request) error {
	var req ruleSetRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	actor := actorFrom(r.Context())
	if err := actor.Require(tuijin.PermManagePeriods); err != nil {
		return err
	}
	if req.Year == 0 {
		req.Year = s.today().Year()
	}
	if req.Name == "" {
		req.Name = "preview"
	}
	rs := lights.RuleSet{Name: req.Name, Year: req.Year, Rules: req.Rules}
	if err := validateRules(&rs); err != nil {
		return err
	}
	wd, err := s.workdays(r.Context())
	if err != nil {
		return err
	}
	counts, err := s.DB.PreviewLights(r.Context(), req.Year, s.today().Time(), rs.Rules, wd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": req.Year, "counts": counts})
	return nil
}

func validateRules(rs *lights.RuleSet) error { return store.ValidateRuleSet(rs) }
