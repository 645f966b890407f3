package schedule

// Template is a usual path of key nodes with default durations in working
// days; branches that run side by side (并联审批) share a predecessor.
type Template struct {
	Key   string         `json:"key"`
	Name  string         `json:"name"`
	Nodes []TemplateNode `json:"nodes"`
}

// TemplateNode is one node of a template.
type TemplateNode struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Duration int    `json:"duration"` // working days; 0 is a milestone
	Preds    []Link `json:"preds"`
}

// Tasks returns the template's nodes as tasks to plan.
func (t Template) Tasks() []Task {
	out := make([]Task, len(t.Nodes))
	for i, n := range t.Nodes {
		out[i] = Task{Key: n.Key, Duration: n.Duration, Preds: n.Preds}
	}
	return out
}

func after(keys ...string) []Link {
	out := make([]Link, len(keys))
	for i, k := range keys {
		out[i] = Link{Pred: k}
	}
	return out
}

// Templates are the built-in paths. Durations are the usual service
// promises of county approval offices; the office edits nodes after
// applying a template.
var Templates = []Template{
	{
		Key: "industrial", Name: "产业项目（签约到投产）",
		Nodes: []TemplateNode{
			{"signing", "项目签约", 0, nil},
			{"registration", "公司注册", 5, after("signing")},
			{"filing", "项目备案", 3, after("registration")},
			{"land", "土地摘牌（用地）", 40, after("filing")},
			{"eia", "环评批复", 20, after("filing")},
			{"energy", "能评/节能审查", 15, after("filing")},
			{"planning_permit", "规划许可", 10, after("land")},
			{"drawings", "施工图审查", 10, after("planning_permit", "eia", "energy")},
			{"construction_permit", "施工许可", 5, after("drawings")},
			{"start", "开工", 0, after("construction_permit")},
			{"main_structure", "主体施工", 120, after("start")},
			{"topping_out", "封顶", 0, after("main_structure")},
			{"acceptance", "竣工验收", 20, after("topping_out")},
			{"production", "投产", 0, after("acceptance")},
		},
	},
	{
		Key: "government", Name: "政府投资项目（建议书到竣工验收）",
		Nodes: []TemplateNode{
			{"proposal", "项目建议书批复", 10, nil},
			{"feasibility", "可行性研究报告批复", 20, after("proposal")},
			{"land_pre", "用地预审与选址", 20, after("proposal")},
			{"preliminary_design", "初步设计及概算批复", 15, after("feasibility")},
			{"eia", "环评批复", 20, after("feasibility")},
			{"land", "土地供应（用地批复）", 30, after("land_pre", "feasibility")},
			{"planning_permit", "建设工程规划许可", 10, after("land", "preliminary_design")},
			{"drawings", "施工图审查", 15, after("preliminary_design")},
			{"tendering", "招标", 25, after("drawings")},
			{"construction_permit", "施工许可", 5, after("planning_permit", "tendering", "eia")},
			{"start", "开工", 0, after("construction_permit")},
			{"main_structure", "主体施工", 150, after("start")},
			{"acceptance", "竣工验收", 20, after("main_structure")},
		},
	},
}

// TemplateByKey finds a built-in template.
func TemplateByKey(key string) (Template, bool) {
	for _, t := range Templates {
		if t.Key == key {
			return t, true
		}
	}
	return Template{}, false
}
