package httpapi

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/auth"
	"tuijin/internal/calendar"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// calendarYear is GET /api/v1/calendar/{year} as a client reads it.
type calendarYear struct {
	calendar.Year
	Note string `json:"note"`
}

func TestCalendarCounts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.user("viewer", tuijin.RoleViewer, nil)
		c := e.login("viewer")
		add := []struct{ from, days, want string }{
			{"2026-02-13", "1", "2026-02-14"}, // the make-up Saturday
			{"2026-02-14", "1", "2026-02-24"}, // after the Spring Festival
			{"2026-09-30", "1", "2026-10-08"},
			{"2026-09-28", "5", "2026-10-10"}, // a make-up Saturday
			{"2026-10-10", "-5", "2026-09-28"},
			{"2026-10-03", "0", "2026-10-08"},
		}
		for _, tc := range add {
			res := c.do("GET", "/api/v1/calendar/add-working-days?from="+tc.from+"&days="+tc.days, nil)
			var out struct {
				Date          string `json:"date"`
				FallbackYears []int  `json:"fallback_years"`
			}
			res.json(t, &out)
			if res.status != 200 || out.Date != tc.want || out.FallbackYears != nil {
				t.Errorf("add %s days to %s: %d %s, want %s", tc.days, tc.from, res.status, res.body, tc.want)
			}
		}
		res := c.do("GET", "/api/v1/calendar/working-days?from=2026-09-28&to=2026-10-10", nil)
		if res.status != 200 || strings.TrimSpace(res.body) != `{"days":5}` {
			t.Errorf("working days: %d %s", res.status, res.body)
		}
		res = c.do("GET", "/api/v1/calendar/working-days?from=2026-10-10&to=2026-09-28", nil)
		if res.status != 200 || strings.TrimSpace(res.body) != `{"days":-5}` {
			t.Errorf("working days backwards: %d %s", res.status, res.body)
		}
		// Into 2027, which has no data yet: an answer, marked as an estimate.
		res = c.do("GET", "/api/v1/calendar/add-working-days?from=2026-12-30&days=3", nil)
		if res.status != 200 || !strings.Contains(res.body, `"date":"2027-01-04"`) ||
			!strings.Contains(res.body, `"fallback_years":[2027]`) || !strings.Contains(res.body, "仅供参考") {
			t.Errorf("into 2027: %d %s", res.status, res.body)
		}
	})
}

func TestCalendarBadInput(t *testing.T) {
	e := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/c.db"))
	c := e.login("admin")
	cases := []struct{ path, field, msg string }{
		{"/api/v1/calendar/add-working-days?days=1", "from", "必填"},
		{"/api/v1/calendar/add-working-days?from=2026-13-01&days=1", "from", "YYYY-MM-DD"},
		{"/api/v1/calendar/add-working-days?from=2026/10/01&days=1", "from", "YYYY-MM-DD"},
		{"/api/v1/calendar/add-working-days?from=1800-01-01&days=1", "from", "1900"},
		{"/api/v1/calendar/add-working-days?from=2026-10-01", "days", "必填"},
		{"/api/v1/calendar/add-working-days?from=2026-10-01&days=x", "days", "不是有效的数字"},
		{"/api/v1/calendar/add-working-days?from=2026-10-01&days=99999999999999999999", "days", "不是有效的数字"},
		{"/api/v1/calendar/add-working-days?from=2026-10-01&days=-10001", "days", "10000"},
		{"/api/v1/calendar/working-days?from=2026-10-01", "to", "必填"},
		{"/api/v1/calendar/working-days?from=x&to=2026-10-01", "from", "YYYY-MM-DD"},
	}
	for _, tc := range cases {
		res := c.do("GET", tc.path, nil)
		var body errorBody
		res.json(t, &body)
		if res.status != 400 || !strings.Contains(body.Error.Fields[tc.field], tc.msg) {
			t.Errorf("%s: %d %s, want 400 with %q on %s", tc.path, res.status, res.body, tc.msg, tc.field)
		}
	}
	for _, path := range []string{"/api/v1/calendar/abc", "/api/v1/calendar/1999", "/api/v1/calendar/99999999999999999999"} {
		if res := c.do("GET", path, nil); res.status != 400 || res.errCode() != tuijin.EINVALID {
			t.Errorf("GET %s: %d %s", path, res.status, res.body)
		}
	}
	if res := e.client().do("GET", "/api/v1/calendar/2026", nil); res.status != 401 {
		t.Errorf("without login: %d", res.status)
	}
}

func TestCalendarYears(t *testing.T) {
	e := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/c.db"))
	c := e.login("admin")
	var y calendarYear
	res := c.do("GET", "/api/v1/calendar/2026", nil)
	res.json(t, &y)
	if res.status != 200 || !y.Official || y.Source != calendar.SourceBuiltin || len(y.Days) != 39 || y.Note != "" ||
		y.Days[0] != (calendar.Day{Date: calendar.MustDate("2026-01-01"), Off: true, Name: "元旦"}) {
		t.Fatalf("2026: %d %s", res.status, res.body)
	}
	res = c.do("GET", "/api/v1/calendar/2027", nil)
	res.json(t, &y)
	if res.status != 200 || y.Official || y.Source != calendar.SourceWeekends || len(y.Days) != 0 || !strings.Contains(y.Note, "2027 年的放假安排尚未录入") {
		t.Fatalf("2027: %d %s", res.status, res.body)
	}
	c.header.Set("Accept-Language", "en-US")
	if res := c.do("GET", "/api/v1/calendar/2027", nil); !strings.Contains(res.body, "weekends only") {
		t.Fatalf("2027 in English: %s", res.body)
	}
	var list struct {
		Years []struct {
			Year   int             `json:"year"`
			Source calendar.Source `json:"source"`
		} `json:"years"`
	}
	res = c.do("GET", "/api/v1/calendar", nil)
	res.json(t, &list)
	next := time.Now().Year() + 1
	var sawNext bool
	for _, y := range list.Years {
		sawNext = sawNext || y.Year == next
	}
	if res.status != 200 || len(list.Years) < 11 || list.Years[0].Year != 2017 || !sawNext {
		t.Fatalf("year list: %d %s", res.status, res.body)
	}
}

// put2027 is a made-up 2027 notice (the real one is not in the shared copy).
func put2027(version int64) map[string]any {
	return map[string]any{"version": version, "days": []map[string]any{
		{"date": "2027-01-01", "off": true, "name": "元旦"},
		{"date": "2027-02-06", "off": false, "name": "春节"},
		{"date": "2027-02-08", "off": true, "name": "春节"},
	}}
}

func TestCalendarOverride(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.user("office", tuijin.RoleOffice, nil)
		// A second instance over the same database, with its own calendar
		// in memory that rechecks on every request.
		other := &Server{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Hasher: auth.Hasher{P: auth.Cheap},
			Loc: time.UTC, Calendar: store.NewCalendarCache(db, 0)}
		srv2 := httptest.NewServer(other.Handler())
		t.Cleanup(srv2.Close)
		e2 := &env{t: t, db: db, srv: srv2}
		c2 := e2.login("admin")
		if res := c2.do("GET", "/api/v1/calendar/add-working-days?from=2026-12-31&days=1", nil); !strings.Contains(res.body, "2027-01-01") {
			t.Fatalf("before: %s", res.body)
		}

		if res := e.login("office").do("PUT", "/api/v1/calendar/2027", put2027(0)); res.status != 403 {
			t.Fatalf("office: %d %s", res.status, res.body)
		}
		c := e.login("admin")
		res := c.do("PUT", "/api/v1/calendar/2027", put2027(0))
		var y calendarYear
		res.json(t, &y)
		if res.status != 200 || y.Source != calendar.SourceOverride || !y.Official || y.Version != 1 || y.UpdatedBy != "admin" || len(y.Days) != 3 {
			t.Fatalf("PUT 2027: %d %s", res.status, res.body)
		}
		// Both instances count with it: 2027-01-01 is now off, 02-06 (a
		// Saturday) works, and the answer is no longer an estimate.
		for _, cl := range []*client{c, c2} {
			res := cl.do("GET", "/api/v1/calendar/add-working-days?from=2026-12-31&days=1", nil)
			if strings.TrimSpace(res.body) != `{"date":"2027-01-04"}` {
				t.Fatalf("after PUT: %s", res.body)
			}
			if res := cl.do("GET", "/api/v1/calendar/add-working-days?from=2027-02-05&days=1", nil); !strings.Contains(res.body, "2027-02-06") {
				t.Fatalf("make-up Saturday: %s", res.body)
			}
		}
		if res := c.do("PUT", "/api/v1/calendar/2027", put2027(0)); res.status != 409 {
			t.Fatalf("stale PUT: %d %s", res.status, res.body)
		}
		bad := put2027(1)
		bad["days"] = []map[string]any{{"date": "2027-02-03", "off": false, "name": "春节"}, {"date": "2028-01-01", "off": true, "name": "元旦"}}
		res = c.do("PUT", "/api/v1/calendar/2027", bad)
		var body errorBody
		res.json(t, &body)
		if res.status != 400 || !strings.Contains(body.Error.Fields["days[0].date"], "不是周末") || !strings.Contains(body.Error.Fields["days[1].date"], "不在 2027 年内") {
			t.Fatalf("invalid PUT: %d %s", res.status, res.body)
		}
		if res := c.do("PUT", "/api/v1/calendar/2027", `{"days": [], "versio": 1}`); res.status != 400 {
			t.Fatalf("unknown field: %d %s", res.status, res.body)
		}
		audit := c.do("GET", "/api/v1/audit?entity=calendar_year&entity_id=2027", nil)
		if !strings.Contains(audit.body, `"action":"create"`) || !strings.Contains(audit.body, "2027-02-06") {
			t.Fatalf("audit: %s", audit.body)
		}

		if res := c.do("DELETE", "/api/v1/calendar/2027", nil); res.status != 400 {
			t.Fatalf("DELETE without a version: %d %s", res.status, res.body)
		}
		c.header.Set("If-Match", `"1"`)
		res = c.do("DELETE", "/api/v1/calendar/2027", nil)
		res.json(t, &y)
		if res.status != 200 || y.Source != calendar.SourceWeekends || y.Note == "" {
			t.Fatalf("DELETE: %d %s", res.status, res.body)
		}
		if res := c2.do("GET", "/api/v1/calendar/add-working-days?from=2026-12-31&days=1", nil); !strings.Contains(res.body, "2027-01-01") {
			t.Fatalf("after DELETE, the other instance: %s", res.body)
		}
	})
}

// TestCalendarCorrectBuiltinYear: an admin corrects a built-in year, and
// deleting the correction brings the built-in data back.
func TestCalendarCorrectBuiltinYear(t *testing.T) {
	e := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/c.db"))
	c := e.login("admin")
	var y calendarYear
	c.do("GET", "/api/v1/calendar/2026", nil).json(t, &y)
	days := []map[string]any{}
	for _, d := range y.Days {
		if d.Date != calendar.MustDate("2026-10-10") { // say the make-up Saturday were withdrawn
			days = append(days, map[string]any{"date": d.Date.String(), "off": d.Off, "name": d.Name})
		}
	}
	res := c.do("PUT", "/api/v1/calendar/2026", map[string]any{"days": days, "version": y.Version})
	if res.status != 200 || !strings.Contains(res.body, `"source":"override"`) || !strings.Contains(res.body, `"has_builtin":true`) {
		t.Fatalf("correct 2026: %d %s", res.status, res.body)
	}
	if res := c.do("GET", "/api/v1/calendar/add-working-days?from=2026-09-28&days=5", nil); !strings.Contains(res.body, "2026-10-12") {
		t.Fatalf("with the correction: %s", res.body)
	}
	if res := c.do("DELETE", "/api/v1/calendar/2026?version=1", nil); res.status != 200 || !strings.Contains(res.body, `"source":"builtin"`) {
		t.Fatalf("delete the correction: %d %s", res.status, res.body)
	}
	if res := c.do("GET", "/api/v1/calendar/add-working-days?from=2026-09-28&days=5", nil); !strings.Contains(res.body, "2026-10-10") {
		t.Fatalf("built-in again: %s", res.body)
	}
}
