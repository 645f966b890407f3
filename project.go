package tuijin

import (
	"time"
)

// Stage is where a project is in its life (阶段).
type Stage string

const (
	StageReserve      Stage = "reserve"      // 谋划储备
	StagePreliminary  Stage = "preliminary"  // 前期
	StageNewStart     Stage = "new_start"    // 新开工
	StageConstruction Stage = "construction" // 在建
	StageCompleted    Stage = "completed"    // 竣工
	StageOperating    Stage = "operating"    // 投产/运营
)

// Stages lists the stages in lifecycle order.
var Stages = []Stage{StageReserve, StagePreliminary, StageNewStart, StageConstruction, StageCompleted, StageOperating}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { return indexOf(Stages, s) >= 0 }

// Order is the stage's position in the lifecycle.
func (s Stage) Order() int { return indexOf(Stages, s) }

// Started reports whether a project in this stage has broken ground.
func (s Stage) Started() bool { return s.Order() >= StageNewStart.Order() }

// Nature says whether a project is new this year or goes on (项目性质).
type Nature string

const (
	NatureNew       Nature = "new"       // 新建
	NatureContinued Nature = "continued" // 续建
	NatureExpansion Nature = "expansion" // 扩建
)

// Natures lists the natures in display order.
var Natures = []Nature{NatureNew, NatureContinued, NatureExpansion}

// Valid reports whether n is a known nature (or empty: not stated).
func (n Nature) Valid() bool { return n == "" || indexOf(Natures, n) >= 0 }

// Level is whose key-project list a project is on (省/市/县 重点).
type Level string

const (
	LevelProvince Level = "province"
	LevelCity     Level = "city"
	LevelCounty   Level = "county"
)

// Levels lists the levels from the top.
var Levels = []Level{LevelProvince, LevelCity, LevelCounty}

// Valid reports whether l is a known level (or empty: not stated).
func (l Level) Valid() bool { return l == "" || indexOf(Levels, l) >= 0 }

// Project is one key project (重点项目) in the ledger.
type Project struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Flagship bool   `json:"flagship"` // ★ in the sheets
	Stage    Stage  `json:"stage"`
	Nature   Nature `json:"nature"`
	Level    Level  `json:"level"`
	Domain   string `json:"domain"`   // 领域, e.g. 产业, 基础设施, 民生
	Industry string `json:"industry"` // 行业
	Category string `json:"category"` // the section row it sat under, e.g. 工业项目
	Content  string `json:"content"`  // 建设内容及规模

	Town      string   `json:"town"`
	Address   string   `json:"address"`
	Longitude *float64 `json:"longitude"`
	Latitude  *float64 `json:"latitude"`

	LandAreaMu  *float64 `json:"land_area_mu"`  // 用地 亩
	FloorAreaM2 *float64 `json:"floor_area_m2"` // 建筑面积 m²

	TotalInvestmentYuan int64 `json:"total_investment_yuan"`
	// CompletedBeforeYuan is what was invested before Tuijin tracked the
	// project (the ledger's 截至上年底累计完成), so cumulative figures start
	// right.
	CompletedBeforeYuan int64 `json:"completed_before_yuan"`

	StartYear         int    `json:"start_year"` // 建设年限 2023-2025
	EndYear           int    `json:"end_year"`
	PlannedStart      string `json:"planned_start"` // YYYY-MM-DD
	PlannedCompletion string `json:"planned_completion"`
	ActualStart       string `json:"actual_start"`
	ActualCompletion  string `json:"actual_completion"`

	OwnerName         string `json:"owner_name"` // 项目业主/建设单位
	OwnerDepartmentID *int64 `json:"owner_department_id"`
	OwnerHead         string `json:"owner_head"`
	OwnerContact      string `json:"owner_contact"`
	OwnerPhone        string `json:"owner_phone"`

	// The responsibility chain (五个一).
	LeaderID       *int64 `json:"leader_id"`
	LeaderName     string `json:"leader_name"`
	DepartmentID   *int64 `json:"department_id"`
	DepartmentName string `json:"department_name"`
	DeptHead       string `json:"dept_head"`
	DeptLiaison    string `json:"dept_liaison"`
	DeptPhone      string `json:"dept_phone"`
	OfficerID      *int64 `json:"officer_id"`
	OfficerName    string `json:"officer_name"`
	TaskForce      string `json:"task_force"`

	Funding []Funding  `json:"funding"`
	Years   []YearPlan `json:"years"`
	Tags    []string   `json:"tags"`
	Remarks string     `json:"remarks"`
	// Extra keeps the columns of an imported sheet that Tuijin has no field
	// for, by their header text, so nothing an office typed is lost.
	Extra map[string]string `json:"extra"`

	Archived  bool      `json:"archived"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
}

// Funding is one source of a project's money (资金来源) with its amount.
type Funding struct {
	Source     string `json:"source"` // e.g. 专项债, 中央预算内, 自筹, 银行贷款
	AmountYuan int64  `json:"amount_yuan"`
}

// YearPlan is a project's place on one year's key-project list, with that
// year's planned investment (年度计划投资).
type YearPlan struct {
	Year        int   `json:"year"`
	PlannedYuan int64 `json:"planned_yuan"`
	Level       Level `json:"level"`
}

// PlanFor returns the project's plan for year, if it is on that year's list.
func (p *Project) PlanFor(year int) (YearPlan, bool) {
	for _, y := range p.Years {
		if y.Year == year {
			return y, true
		}
	}
	return YearPlan{}, false
}

func indexOf[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// ProjectRef names a project briefly, in lists of other things.
type ProjectRef struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// Clone returns a deep copy of p, so that changes to the copy (a PATCH
// decoded onto it) cannot reach p through shared pointers, slices or maps.
func (p *Project) Clone() *Project {
	c := *p
	cp := func(x *float64) *float64 {
		if x == nil {
			return nil
		}
		v := *x
		return &v
	}
	ci := func(x *int64) *int64 {
		if x == nil {
			return nil
		}
		v := *x
		return &v
	}
	c.Longitude, c.Latitude, c.LandAreaMu, c.FloorAreaM2 = cp(p.Longitude), cp(p.Latitude), cp(p.LandAreaMu), cp(p.FloorAreaM2)
	c.OwnerDepartmentID, c.LeaderID, c.DepartmentID, c.OfficerID = ci(p.OwnerDepartmentID), ci(p.LeaderID), ci(p.DepartmentID), ci(p.OfficerID)
	c.Funding = append([]Funding(nil), p.Funding...)
	c.Years = append([]YearPlan(nil), p.Years...)
	c.Tags = append([]string(nil), p.Tags...)
	c.Extra = make(map[string]string, len(p.Extra))
	for k, v := range p.Extra {
		c.Extra[k] = v
	}
	return &c
}
