package main

import (
	"fmt"
	"time"

	"tuijin"
)

// The load test's work beyond the ledger: officers and departments submit
// this month's reports, departments and the office move problems along
// their flow. Each write carries a token (in the report's work done, in
// the problem step's note) that verify looks for afterwards.

// currentPeriod is the newest period of this year's list, which the
// simulated users report in; found once per user.
func (u *user) currentPeriod() (int64, error) {
	if u.period != 0 {
		return u.period, nil
	}
	var out struct{ Items []tuijin.Period }
	year := time.Now().In(officeZone()).Year()
	if err := want(200)(u.s.do("GET", fmt.Sprintf("/api/v1/periods?year=%d", year), nil, &out)); err != nil {
		return 0, err
	}
	if len(out.Items) == 0 {
		return 0, fmt.Errorf("no period of %d to report in", year)
	}
	u.period = out.Items[0].ID
	return u.period, nil
}

// submitReport submits one of the user's drafts of the current period with
// its figures and a token; false when the user has no draft left.
func (u *user) submitReport() (bool, error) {
	if len(u.drafts) == 0 {
		pid, err := u.currentPeriod()
		if err != nil {
			return true, err
		}
		var list tuijin.List[tuijin.Report]
		path := fmt.Sprintf("/api/v1/reports?period_id=%d&status=draft&mine=true&per_page=20&page=%d", pid, 1+u.r.IntN(3))
		if err := want(200)(u.s.do("GET", path, nil, &list)); err != nil {
			return true, err
		}
		for _, r := range list.Items {
			u.drafts = append(u.drafts, r.ID)
		}
		if len(u.drafts) == 0 {
			return false, nil
		}
	}
	i := u.r.IntN(len(u.drafts))
	id := u.drafts[i]
	u.drafts = append(u.drafts[:i], u.drafts[i+1:]...)
	w := write{Token: u.token(), Kind: "report", Target: id}
	err := retryAs(u, &w, fmt.Sprintf("/api/v1/reports/%d", id), func(r *tuijin.Report) (string, string, any) {
		if r.Status != tuijin.ReportDraft && r.Status != tuijin.ReportReturned {
			return "", "", nil // someone else submitted it meanwhile
		}
		return "POST", fmt.Sprintf("/api/v1/reports/%d/submit", id), map[string]any{"version": r.Version,
			"invested_yuan": 100_000 * (1 + u.r.Int64N(50)), "progress_text": "主体施工", "progress_percent": 50,
			"work_done": "本月完成主体施工 " + w.Token, "next_plan": "继续施工"}
	})
	if w.Status != 0 {
		u.writes = append(u.writes, w)
	}
	return true, err
}

// problemMove is the next step a role takes on a problem in a status, if
// any: departments take up and work on theirs and comment on what waits
// for close-out; the office closes or sends back what was applied for and
// comments on the rest.
func problemMove(role tuijin.Role, status tuijin.ProblemStatus, closeIt bool) string {
	if role == tuijin.RoleDepartment {
		return map[tuijin.ProblemStatus]string{tuijin.ProblemAssigned: "accept", tuijin.ProblemAccepted: "start",
			tuijin.ProblemInProgress: "apply", tuijin.ProblemApplied: "comment"}[status]
	}
	switch {
	case status == tuijin.ProblemApplied && closeIt:
		return "close"
	case status == tuijin.ProblemApplied:
		return "send_back"
	case status.Open():
		return "comment"
	}
	return ""
}

// stepProblem moves one of the open problems in the user's scope a step,
// with a token as the step's note; false when there is none.
func (u *user) stepProblem() (bool, error) {
	if len(u.problems) == 0 {
		var list tuijin.List[tuijin.Problem]
		path := fmt.Sprintf("/api/v1/problems?open=true&per_page=20&page=%d", 1+u.r.IntN(3))
		if err := want(200)(u.s.do("GET", path, nil, &list)); err != nil {
			return true, err
		}
		for _, p := range list.Items {
			u.problems = append(u.problems, p.ID)
		}
		if len(u.problems) == 0 {
			return false, nil
		}
	}
	id := u.problems[u.r.IntN(len(u.problems))]
	w := write{Token: u.token(), Kind: "problem", Target: id}
	closeIt := u.r.IntN(3) > 0
	err := retryAs(u, &w, fmt.Sprintf("/api/v1/problems/%d", id), func(p *tuijin.Problem) (string, string, any) {
		action := problemMove(u.role, p.Status, closeIt)
		if action == "" {
			return "", "", nil
		}
		return "POST", fmt.Sprintf("/api/v1/problems/%d/transitions", id), map[string]any{"action": action, "version": p.Version, "note": w.Token}
	})
	if w.Status != 0 {
		u.writes = append(u.writes, w)
	} else {
		u.problems = nil // closed meanwhile: look again next time
	}
	return true, err
}
