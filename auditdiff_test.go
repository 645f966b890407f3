package tuijin

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// The field-by-field diff gives what the JSON round trip gives, for
// projects changed at random in every kind of field, and for types with
// omitempty, custom encodings and embedded structs.
func TestFieldChangesMatchJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := func(v float64) *float64 { return &v }
	n := func(v int64) *int64 { return &v }
	mutations := []func(p *Project){
		func(p *Project) { p.Name += "二期" },
		func(p *Project) { p.Name = "" },
		func(p *Project) { p.Remarks = "bad \xff utf-8" },
		func(p *Project) { p.Flagship = !p.Flagship },
		func(p *Project) { p.TotalInvestmentYuan += 10_000 },
		func(p *Project) { p.TotalInvestmentYuan = 0 },
		func(p *Project) { p.Longitude = nil },
		func(p *Project) { p.Longitude = f(118.25) },
		func(p *Project) { p.LandAreaMu = f(0) },
		func(p *Project) { p.DepartmentID = n(rng.Int64N(3)) },
		func(p *Project) { p.DepartmentID = nil },
		func(p *Project) { p.Tags = nil },
		func(p *Project) { p.Tags = []string{} },
		func(p *Project) { p.Tags = append(p.Tags, "省重点") },
		func(p *Project) { p.Years = append(p.Years, YearPlan{Year: 2027, PlannedYuan: 1}) },
		func(p *Project) { p.Years = nil },
		func(p *Project) { p.Funding = []Funding{} },
		func(p *Project) { p.Extra = nil },
		func(p *Project) { p.Extra = map[string]string{} },
		func(p *Project) { p.Extra = map[string]string{"备案号": "另一个"} },
		func(p *Project) { p.Stage = StagePreliminary },
		func(p *Project) { p.UpdatedAt = time.Now() },
		func(p *Project) { p.Version++ },
	}
	for i := range 2000 {
		before, after := randomProject(rng), randomProject(rng)
		if i%2 == 0 {
			after = before.Clone()
		}
		for range rng.IntN(5) {
			mutations[rng.IntN(len(mutations))](after)
		}
		got, ok := fieldChanges(before, after)
		want := jsonChanges(before, after)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d (handled %v):\nfield by field %v\nthrough JSON   %v", i, ok, got, want)
		}
		for _, none := range []any{nil, (*Project)(nil)} {
			got, ok := fieldChanges(none, after)
			if want := jsonChanges(none, after); !ok || !reflect.DeepEqual(got, want) {
				t.Fatalf("create %d (handled %v):\nfield by field %v\nthrough JSON   %v", i, ok, got, want)
			}
		}
	}

	type withOptions struct {
		Name  string   `json:"name,omitempty"`
		Count int      `json:"count,omitempty"`
		Ratio *float64 `json:"ratio,omitempty"`
		List  []int    `json:"list,omitempty"`
		At    time.Time
		Hide  string `json:"-"`
	}
	pairs := [][2]withOptions{
		{{Name: "a"}, {}},
		{{}, {Count: 3}},
		{{Ratio: f(0)}, {Ratio: nil}},
		{{List: []int{}}, {List: nil}},
		{{At: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}, {}},
		{{Hide: "x"}, {Hide: "y"}},
	}
	for _, p := range pairs {
		got, ok := fieldChanges(&p[0], &p[1])
		if want := jsonChanges(&p[0], &p[1]); !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("%+v: field by field %v (%v), through JSON %v", p, got, ok, want)
		}
		got, ok = fieldChanges(nil, &p[0])
		if want := jsonChanges(nil, &p[0]); !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("create %+v: field by field %v (%v), through JSON %v", p[0], got, ok, want)
		}
	}

	type inner struct{ A string }
	type embeds struct {
		inner
		B string
	}
	if _, ok := fieldChanges(embeds{B: "x"}, embeds{B: "y"}); ok {
		t.Fatal("embedded structs are left to encoding/json")
	}
	if _, ok := fieldChanges(&Funding{}, &Project{}); ok {
		t.Fatal("values of two types are left to encoding/json")
	}
}

func randomProject(rng *rand.Rand) *Project {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	lng := 118 + rng.Float64()
	dept := rng.Int64N(3)
	p := &Project{ID: rng.Int64N(10), Code: pick("A-1", "A-2", ""), Name: pick("污水处理厂", "产业园", ""),
		Stage: Stage(pick(string(StageConstruction), string(StagePreliminary))), Town: pick("城关镇", ""),
		TotalInvestmentYuan: rng.Int64N(3) * 1e8, Flagship: rng.IntN(2) == 0, DepartmentID: &dept,
		Tags: []string{pick("专项债", "")}, Years: []YearPlan{{Year: 2026, PlannedYuan: rng.Int64N(2) * 1e7}},
		Extra: map[string]string{"备案号": pick("甲", "")}}
	if rng.IntN(2) == 0 {
		p.Longitude = &lng
	}
	if rng.IntN(2) == 0 {
		p.Funding = []Funding{{Source: "自筹", AmountYuan: rng.Int64N(2)}}
	}
	return p
}
