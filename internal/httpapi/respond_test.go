package httpapi

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"testing"

	"tuijin"
)

// A streamed preview is the same JSON as the preview encoded whole, also
// when cell text looks like the keys it splices.
func TestStreamedPreviewIsTheSameJSON(t *testing.T) {
	tricky := `"sheets":null, "rows":null {[\`
	pv := importPreview{Year: 2026, File: tricky, Summary: importSummary{Rows: 3},
		Sheets: []sheetPreview{
			{Name: tricky, Rows: []rowPreview{
				{Line: 5, Project: tuijin.Project{Name: tricky, Code: `"rows":null`}},
				{Line: 6, Section: "一、续建项目", Errors: []cellError{{Sheet: tricky, Line: 6, Column: "F", Value: `}`, Message: "金额不是数字"}}},
			}},
			{Name: "空表", Rows: []rowPreview{}},
			{Name: "二", Rows: []rowPreview{{Line: 9}}},
		},
		Skipped: []skippedSheet{}, Errors: []cellError{}, NewDepartments: []string{"工信局"}}
	for _, apiErr := range []*errorPayload{nil, {Code: tuijin.EINVALID, Message: "有错误"}} {
		rec := httptest.NewRecorder()
		pv.write(rec, 422, apiErr)
		var got, want any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatalf("streamed preview is not JSON: %v\n%s", err, rec.Body)
		}
		whole, _ := json.Marshal(struct {
			Error *errorPayload `json:"error,omitempty"`
			importPreview
		}{apiErr, pv})
		json.Unmarshal(whole, &want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("streamed:\n%s\nwhole:\n%s", rec.Body, whole)
		}
		if rec.Code != 422 || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
			t.Fatalf("status %d, %v", rec.Code, rec.Header())
		}
	}
}

func TestTopLevelIndex(t *testing.T) {
	for _, c := range []struct {
		enc  string
		want int
	}{
		{`{"rows":null}`, 1},
		{`{"a":{"rows":null},"rows":null}`, 19},
		{`{"a":"\"rows\":null","rows":null}`, 21},
		{`{"a":["rows",{"rows":null}]}`, -1},
		{`{"rows":[]}`, -1},
	} {
		if got := topLevelIndex([]byte(c.enc), []byte(`"rows":null`)); got != c.want {
			t.Errorf("%s: %d, want %d", c.enc, got, c.want)
		}
	}
}
