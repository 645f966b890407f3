package ledger

import (
	"regexp"
	"strings"

	"tuijin"
)

// natureOf reads a 项目性质 cell. Offices put the stage there as often as
// the nature, so it returns either or both.
func natureOf(w string) (tuijin.Nature, tuijin.Stage, bool) {
	switch {
	case has(w, "扩建"):
		return tuijin.NatureExpansion, "", true
	case has(w, "续建"):
		return tuijin.NatureContinued, "", true
	case has(w, "新开工"):
		return tuijin.NatureNew, tuijin.StageNewStart, true
	case has(w, "新建", "新上"):
		return tuijin.NatureNew, "", true
	case has(w, "促竣工", "在建"):
		return "", tuijin.StageConstruction, true
	}
	s, ok := stageOf(w)
	return "", s, ok
}

// stageOf reads a stage word, Chinese or our own English key.
func stageOf(w string) (tuijin.Stage, bool) {
	if st := tuijin.Stage(w); st.Valid() {
		return st, true
	}
	switch {
	case has(w, "新开工"):
		return tuijin.StageNewStart, true
	case has(w, "在建", "续建", "促竣工"):
		return tuijin.StageConstruction, true
	case has(w, "前期", "报批", "预备", "筹建"):
		return tuijin.StagePreliminary, true
	case has(w, "储备", "谋划", "在谈", "签约"):
		return tuijin.StageReserve, true
	case has(w, "竣工", "完工"):
		return tuijin.StageCompleted, true
	case has(w, "投产", "运营", "达产"):
		return tuijin.StageOperating, true
	}
	return "", false
}

// levelOf reads 省/市/县 (重点). "县（市、区）" is a county: test 县 first.
func levelOf(w string) (tuijin.Level, bool) {
	if l := tuijin.Level(w); l != "" && l.Valid() {
		return l, true
	}
	switch {
	case has(w, "省"):
		return tuijin.LevelProvince, true
	case has(w, "县", "区"):
		return tuijin.LevelCounty, true
	case has(w, "市"):
		return tuijin.LevelCity, true
	}
	return "", false
}

var (
	fundingSep    = regexp.MustCompile(`[;；,，、\n]+`)
	fundingAmount = regexp.MustCompile(`^(.*?)[:：]?\s*(\d+(?:\.\d+)?)\s*(万元|亿元|元|万|亿)?$`)
)

// parseFunding reads 资金来源 text such as "专项债5000万元；自筹2000": one
// source per part, its amount in the part's unit or the column's. A part
// without a trailing amount is a source of unknown amount (0). "合计"
// announces a breakdown in the rows below and is not a source.
func parseFunding(text, unit string) []tuijin.Funding {
	var out []tuijin.Funding
	for _, part := range fundingSep.Split(halfWidth(text), -1) {
		part = strings.TrimSpace(part)
		if part == "" || squeeze(part) == "合计" {
			continue
		}
		f := tuijin.Funding{Source: part}
		if m := fundingAmount.FindStringSubmatch(squeeze(part)); m != nil && m[1] != "" {
			u := unit
			if m[3] != "" {
				u = m[3]
			}
			if y, err := amountYuan(m[2], u); err == nil {
				f = tuijin.Funding{Source: m[1], AmountYuan: y}
			}
		}
		out = append(out, f)
	}
	return out
}
