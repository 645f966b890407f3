package store

import (
	"reflect"
	"testing"

	"tuijin"
)

// TestParseLinks holds the battle map's reading of links to encoding/json:
// the form jsonText writes, read by hand, and any other, read by json.
func TestParseLinks(t *testing.T) {
	for _, links := range [][]tuijin.NodeLink{
		nil,
		{},
		{{NodeID: 7, Lag: 0}},
		{{NodeID: 523710, Lag: 3}, {NodeID: 9, Lag: -2}, {NodeID: 1 << 40, Lag: 1000}},
	} {
		got, err := parseLinks(jsonText(links))
		if err != nil || len(got) != len(links) || (len(links) > 0 && !reflect.DeepEqual(got, links)) {
			t.Errorf("%s: %v %v", jsonText(links), got, err)
		}
	}
	for text, want := range map[string][]tuijin.NodeLink{
		"":                                      nil,
		`[{"lag":2,"node_id":5}]`:               {{NodeID: 5, Lag: 2}},
		`[ {"node_id": 5, "lag": 2} ]`:          {{NodeID: 5, Lag: 2}},
		`[{"node_id":5}]`:                       {{NodeID: 5}},
		`[{"node_id":5,"lag":1},{"node_id":6}]`: {{NodeID: 5, Lag: 1}, {NodeID: 6}},
	} {
		if got, err := parseLinks(text); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v %v, want %v", text, got, err, want)
		}
	}
	for _, bad := range []string{`[{"node_id":x,"lag":1}]`, `[{}`, `{"node_id":1}`} {
		if _, err := parseLinks(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
