package main

import (
	"context"
	"database/sql"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
)

// check is what the database says about the load test's writes.
type check struct {
	Acked      int      `json:"acked"`
	Found      int      `json:"found_exactly_once"`
	Lost       int      `json:"lost"`
	Doubled    int      `json:"doubled"`
	Unexpected int      `json:"unexpected"` // a failed write's token, or one nobody wrote
	Audit      string   `json:"audit_verify"`
	AuditOK    bool     `json:"audit_intact"`
	Problems   []string `json:"problems,omitempty"`
}

func (c check) OK() bool {
	return c.AuditOK && c.Lost == 0 && c.Doubled == 0 && c.Unexpected == 0 && c.Found == c.Acked
}

func (c check) String() string {
	verdict := "PASSED"
	if !c.OK() {
		verdict = "FAILED"
	}
	return fmt.Sprintf("%s: %d of %d acknowledged writes found exactly once, %d lost, %d doubled, %d unexpected; audit trail: %s",
		verdict, c.Found, c.Acked, c.Lost, c.Doubled, c.Unexpected, c.Audit)
}

var tokenRE = regexp.MustCompile(`LT-\d+-\d+`)

// verify reads the tokens back from the database file (the server has
// stopped) and runs "tuijin audit verify" on it.
func verify(ctx context.Context, bin, path string, users []*user) check {
	found, err := storedTokens(ctx, path)
	if err != nil {
		return check{Problems: []string{err.Error()}}
	}
	var writes []write
	for _, u := range users {
		writes = append(writes, u.writes...)
	}
	c := compare(writes, found)
	out, err := exec.CommandContext(ctx, bin, "audit", "verify", "--db", "sqlite:"+path).CombinedOutput()
	c.Audit, c.AuditOK = strings.TrimSpace(string(out)), err == nil
	return c
}

// compare holds the writes against the tokens found: an acknowledged
// write's token must be stored exactly once, on its project; a failed
// write's not at all; and nothing else may be there.
func compare(writes []write, found map[string][]int64) check {
	var c check
	problem := func(format string, args ...any) {
		if len(c.Problems) < 20 {
			c.Problems = append(c.Problems, fmt.Sprintf(format, args...))
		}
	}
	for _, w := range writes {
		key := w.Kind + " " + w.Token
		at := found[key]
		delete(found, key)
		if w.Acked {
			c.Acked++
		}
		switch {
		case w.Acked && len(at) == 1 && at[0] == w.Target:
			c.Found++
		case w.Acked && len(at) == 0:
			c.Lost++
			problem("%s acknowledged but not stored", key)
		case w.Acked && len(at) == 1:
			c.Lost++ // lost to its project, and somewhere else instead
			problem("%s acknowledged for %d, stored on %d", key, w.Target, at[0])
		case w.Acked:
			c.Doubled++
			problem("%s acknowledged for %d, stored %d times in %v", key, w.Target, len(at), at)
		case len(at) > 0:
			c.Unexpected++
			problem("%s failed (%d %s) but is stored", key, w.Status, w.Error)
		}
	}
	for key := range found {
		c.Unexpected++
		problem("%s stored but never written", key)
	}
	return c
}

// storedTokens maps "remarks TOKEN", "stage TOKEN", "report TOKEN" and
// "problem TOKEN" to the projects, reports and problems that hold them,
// once per occurrence.
func storedTokens(ctx context.Context, path string) (map[string][]int64, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	found := map[string][]int64{}
	scan := func(kind, q string) error {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				return err
			}
			for _, tok := range tokenRE.FindAllString(text, -1) {
				found[kind+" "+tok] = append(found[kind+" "+tok], id)
			}
		}
		return rows.Err()
	}
	if err := scan("remarks", "SELECT id, remarks FROM projects WHERE remarks LIKE '%LT-%'"); err != nil {
		return nil, err
	}
	if err := scan("stage", "SELECT project_id, reason FROM project_stages WHERE reason LIKE 'LT-%'"); err != nil {
		return nil, err
	}
	if err := scan("report", "SELECT id, work_done FROM reports WHERE work_done LIKE '%LT-%'"); err != nil {
		return nil, err
	}
	return found, scan("problem", "SELECT problem_id, note FROM problem_events WHERE note LIKE 'LT-%'")
}
