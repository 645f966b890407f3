package main

import (
	"strings"
	"testing"
)

// TestCompare checks the exactly-once check itself: each way a write can go
// wrong must be counted.
func TestCompare(t *testing.T) {
	writes := []write{
		{Token: "LT-1-1", Kind: "remarks", Target: 7, Acked: true},  // stored once: fine
		{Token: "LT-1-2", Kind: "remarks", Target: 7, Acked: true},  // lost
		{Token: "LT-1-3", Kind: "stage", Target: 8, Acked: true},    // doubled
		{Token: "LT-1-4", Kind: "remarks", Target: 9, Acked: false}, // failed, yet stored
		{Token: "LT-1-5", Kind: "remarks", Target: 9, Acked: true},  // stored on another project
		{Token: "LT-1-6", Kind: "stage", Target: 9, Acked: false},   // failed, not stored: fine
		{Token: "LT-1-7", Kind: "report", Target: 40, Acked: true},  // stored once: fine
		{Token: "LT-1-8", Kind: "problem", Target: 41, Acked: true}, // lost
	}
	found := map[string][]int64{
		"remarks LT-1-1": {7}, "stage LT-1-3": {8, 8}, "remarks LT-1-4": {9}, "remarks LT-1-5": {10},
		"remarks LT-9-9": {3}, // nobody wrote it
		"report LT-1-7":  {40},
	}
	c := compare(writes, found)
	if c.Acked != 6 || c.Found != 2 || c.Lost != 3 || c.Doubled != 1 || c.Unexpected != 2 || c.OK() {
		t.Fatalf("compare: %+v", c)
	}
	if !strings.Contains(strings.Join(c.Problems, "\n"), "LT-9-9 stored but never written") {
		t.Fatalf("problems: %v", c.Problems)
	}
	if got := tokenRE.FindAllString("已入库 LT-003-0042 LT-12-7", -1); len(got) != 2 {
		t.Fatalf("tokens in remarks: %v", got)
	}
}
