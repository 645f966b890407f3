package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/auth"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const adminPW = "Admin-12345678"

// env is a running API over a fresh database with an admin account.
type env struct {
	t   *testing.T
	db  *store.DB
	srv *httptest.Server
	api *Server
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	h := auth.Hasher{P: auth.Cheap}
	s := &Server{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Hasher: h, Loc: time.UTC}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	e := &env{t: t, db: db, srv: srv, api: s}
	e.user("admin", tuijin.RoleAdmin, nil)
	return e
}

// user creates an account with password adminPW.
func (e *env) user(name string, role tuijin.Role, dept *int64) *tuijin.User {
	e.t.Helper()
	hash, _ := auth.Hasher{P: auth.Cheap}.Hash(adminPW)
	u, err := e.db.CreateUser(context.Background(), tuijin.SystemActor,
		tuijin.UserInput{Username: name, DisplayName: name, Role: role, DepartmentID: dept}, hash, false)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

func (e *env) dept(name string) *tuijin.Department {
	e.t.Helper()
	d, err := e.db.CreateDepartment(context.Background(), tuijin.SystemActor, tuijin.DepartmentInput{Name: name, Kind: tuijin.KindBureau})
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

// client is a browser-like client with its own cookie jar.
type client struct {
	e      *env
	http   *http.Client
	header http.Header
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar}, header: http.Header{}}
}

func (e *env) login(name string) *client {
	c := e.client()
	if res := c.do("POST", "/api/v1/session", map[string]string{"username": name, "password": adminPW}); res.status != 200 {
		e.t.Fatalf("login %s: %d %s", name, res.status, res.body)
	}
	return c
}

type response struct {
	status int
	body   string
	header http.Header
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("decode %q: %v", r.body, err)
	}
}

func (r response) errCode() string {
	var b errorBody
	json.Unmarshal([]byte(r.body), &b)
	return b.Error.Code
}

func (c *client) do(method, path string, body any) response {
	c.e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, _ := json.Marshal(b)
		rd = bytes.NewReader(buf)
	}
	req, _ := http.NewRequest(method, c.e.srv.URL+path, rd)
	for k, v := range c.header {
		req.Header[k] = v
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: string(b), header: res.Header}
}

func TestLogin(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		c := e.client()
		res := c.do("POST", "/api/v1/session", map[string]string{"username": "admin", "password": "wrong"})
		if res.status != 401 || !strings.Contains(res.body, "用户名或密码错误") {
			t.Fatalf("wrong password: %d %s", res.status, res.body)
		}
		c.header.Set("Accept-Language", "en-US,en;q=0.9")
		res = c.do("POST", "/api/v1/session", map[string]string{"username": "admin", "password": "wrong"})
		if res.status != 401 || !strings.Contains(res.body, "Wrong username or password") {
			t.Fatalf("wrong password in English: %d %s", res.status, res.body)
		}
		if res := c.do("GET", "/api/v1/session", nil); res.status != 401 {
			t.Fatalf("session before login: %d", res.status)
		}
		c = e.login("admin")
		res = c.do("GET", "/api/v1/session", nil)
		var s sessionResponse
		res.json(t, &s)
		if res.status != 200 || s.User.Username != "admin" {
			t.Fatalf("session: %d %s", res.status, res.body)
		}
		if res := c.do("DELETE", "/api/v1/session", nil); res.status != 204 {
			t.Fatalf("logout: %d", res.status)
		}
		if res := c.do("GET", "/api/v1/session", nil); res.status != 401 {
			t.Fatalf("after logout: %d", res.status)
		}
	})
}

func TestSessionCookieFlags(t *testing.T) {
	e := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/c.db"))
	res := e.client().do("POST", "/api/v1/session", map[string]string{"username": "admin", "password": adminPW})
	cookie := res.header.Get("Set-Cookie")
	for _, want := range []string{"tuijin_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Fatalf("cookie %q lacks %s", cookie, want)
		}
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Request-Id"} {
		if res.header.Get(h) == "" {
			t.Fatalf("missing header %s", h)
		}
	}
	if !strings.Contains(res.header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Fatal("CSP without frame-ancestors")
	}
}

func TestLoginThrottle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		c := e.client()
		for i := 1; i <= 10; i++ {
			res := c.do("POST", "/api/v1/session", map[string]string{"username": "admin", "password": "wrong"})
			want := 401
			if i == 10 {
				want = 429
			}
			if res.status != want {
				t.Fatalf("try %d: %d %s, want %d", i, res.status, res.body, want)
			}
		}
		// Even the right password waits out the window.
		res := c.do("POST", "/api/v1/session", map[string]string{"username": "admin", "password": adminPW})
		if res.status != 429 || !strings.Contains(res.body, "尝试次数过多") {
			t.Fatalf("right password while throttled: %d %s", res.status, res.body)
		}
		// Another account from the same address is not locked by it.
		e.user("other", tuijin.RoleViewer, nil)
		if res := c.do("POST", "/api/v1/session", map[string]string{"username": "other", "password": adminPW}); res.status != 200 {
			t.Fatalf("other account: %d %s", res.status, res.body)
		}
		db.Now = func() time.Time { return time.Now().UTC().Add(2 * time.Minute) }
		if res := c.do("POST", "/api/v1/session", map[string]string{"username": "admin", "password": adminPW}); res.status != 200 {
			t.Fatalf("after the window: %d %s", res.status, res.body)
		}
	})
}

func TestCrossOriginWriteRefused(t *testing.T) {
	e := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/c.db"))
	c := e.login("admin")
	c.header.Set("Origin", "https://evil.example")
	c.header.Set("Sec-Fetch-Site", "cross-site")
	res := c.do("POST", "/api/v1/departments", map[string]string{"name": "冒名局", "kind": "bureau"})
	if res.status != 403 || res.errCode() != tuijin.EFORBIDDEN {
		t.Fatalf("cross-origin POST: %d %s", res.status, res.body)
	}
	c.header.Set("Sec-Fetch-Site", "same-origin")
	c.header.Del("Origin")
	if res := c.do("POST", "/api/v1/departments", map[string]string{"name": "真局", "kind": "bureau"}); res.status != 201 {
		t.Fatalf("same-origin POST: %d %s", res.status, res.body)
	}
	list, _ := e.db.Departments(context.Background(), tuijin.SystemActor, tuijin.DepartmentFilter{})
	if list.Total != 1 {
		t.Fatalf("departments = %d, want only the same-origin one", list.Total)
	}
}

func TestDepartmentScoping(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		a, b := e.dept("发改局"), e.dept("交通局")
		e.user("fgj", tuijin.RoleDepartment, &a.ID)
		ub := e.user("jtj", tuijin.RoleDepartment, &b.ID)
		c := e.login("fgj")
		if res := c.do("GET", "/api/v1/users/"+itoa(ub.ID), nil); res.status != 404 {
			t.Fatalf("reading another department's user: %d %s", res.status, res.body)
		}
		if res := c.do("PATCH", "/api/v1/users/"+itoa(ub.ID), map[string]any{"display_name": "x", "version": 1}); res.status != 403 {
			t.Fatalf("editing a user: %d %s", res.status, res.body)
		}
		if res := c.do("POST", "/api/v1/departments", map[string]string{"name": "x", "kind": "bureau"}); res.status != 403 {
			t.Fatalf("creating a department: %d %s", res.status, res.body)
		}
		if res := c.do("GET", "/api/v1/audit", nil); res.status != 403 {
			t.Fatalf("reading the audit: %d", res.status)
		}
		if res := c.do("GET", "/api/v1/tokens", nil); res.status != 403 {
			t.Fatalf("listing tokens: %d", res.status)
		}
		var list tuijin.List[tuijin.User]
		c.do("GET", "/api/v1/users", nil).json(t, &list)
		if list.Total != 1 || list.Items[0].Username != "fgj" {
			t.Fatalf("department user's user list: %+v", list)
		}
	})
}

func TestValidationAndConflicts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		c := e.login("admin")
		cases := []struct {
			name, method, path string
			body               any
			status             int
			contains           string
		}{
			{"bad json", "POST", "/api/v1/departments", `{"name":`, 400, "不是有效的 JSON"},
			{"unknown field", "POST", "/api/v1/departments", `{"name":"a","kind":"bureau","nmae":"b"}`, 400, "nmae"},
			{"missing name", "POST", "/api/v1/departments", map[string]string{"kind": "bureau"}, 400, `"name":"必填"`},
			{"bad kind", "POST", "/api/v1/departments", map[string]string{"name": "a", "kind": "x"}, 400, "不是有效的选项"},
			{"bad id", "GET", "/api/v1/departments/abc", nil, 400, "无效"},
			{"missing", "GET", "/api/v1/departments/999", nil, 404, "不存在"},
			{"bad page", "GET", "/api/v1/users?page=x", nil, 400, "page"},
			{"bad sort", "GET", "/api/v1/users?sort=password_hash", nil, 400, "排序"},
			{"weak password", "POST", "/api/v1/users", map[string]any{"username": "u1", "display_name": "U", "role": "viewer", "password": "short"}, 400, "密码至少 10 位"},
			{"no version", "PATCH", "/api/v1/users/1", map[string]any{"display_name": "x"}, 400, "version"},
			{"unknown route", "GET", "/api/v1/nothing", nil, 404, "接口不存在"},
			{"too large", "POST", "/api/v1/departments", `{"name":"` + strings.Repeat("a", 2<<20) + `"}`, 413, "过大"},
		}
		for _, tc := range cases {
			res := c.do(tc.method, tc.path, tc.body)
			if res.status != tc.status || !strings.Contains(res.body, tc.contains) {
				t.Errorf("%s: %d %s, want %d containing %q", tc.name, res.status, trim(res.body), tc.status, tc.contains)
			}
		}
		res := c.do("POST", "/api/v1/departments", map[string]string{"name": "财政局", "kind": "bureau"})
		var d tuijin.Department
		res.json(t, &d)
		if res := c.do("PATCH", "/api/v1/departments/"+itoa(d.ID), map[string]any{"head": "李四", "version": d.Version}); res.status != 200 {
			t.Fatalf("update: %d %s", res.status, res.body)
		}
		res = c.do("PATCH", "/api/v1/departments/"+itoa(d.ID), map[string]any{"head": "王五", "version": d.Version})
		if res.status != 409 || !strings.Contains(res.body, "已被他人修改") {
			t.Fatalf("stale update: %d %s", res.status, res.body)
		}
		got, _ := e.db.Department(context.Background(), tuijin.SystemActor, d.ID)
		if got.Head != "李四" {
			t.Fatalf("stale update changed the record: %+v", got)
		}
	})
}

func TestUsersTokensPasswords(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		admin := e.login("admin")
		res := admin.do("POST", "/api/v1/users", map[string]any{"username": "wang", "display_name": "王科长", "role": "office", "password": "Init-pass-123"})
		var u tuijin.User
		res.json(t, &u)
		if res.status != 201 || !u.MustChangePassword {
			t.Fatalf("create user: %d %s", res.status, res.body)
		}
		wang := e.client()
		if res := wang.do("POST", "/api/v1/session", map[string]string{"username": "wang", "password": "Init-pass-123"}); res.status != 200 {
			t.Fatalf("login: %d", res.status)
		}
		if res := wang.do("PUT", "/api/v1/session/password", map[string]string{"current_password": "nope", "new_password": "New-pass-4567"}); res.status != 400 || !strings.Contains(res.body, "当前密码不正确") {
			t.Fatalf("wrong current password: %d %s", res.status, res.body)
		}
		if res := wang.do("PUT", "/api/v1/session/password", map[string]string{"current_password": "Init-pass-123", "new_password": "New-pass-4567"}); res.status != 204 {
			t.Fatalf("change password: %d %s", res.status, res.body)
		}
		wang.do("GET", "/api/v1/session", nil).json(t, &struct{ User *tuijin.User }{&u})
		if u.MustChangePassword {
			t.Fatal("must_change_password still set")
		}

		res = admin.do("POST", "/api/v1/tokens", map[string]any{"name": "统计同步", "expires_in_days": 30})
		var tc tokenCreated
		res.json(t, &tc)
		if res.status != 201 || !strings.HasPrefix(tc.Token, "tj_") {
			t.Fatalf("create token: %d %s", res.status, res.body)
		}
		script := e.client()
		script.header.Set("Authorization", "Bearer "+tc.Token)
		if res := script.do("GET", "/api/v1/departments", nil); res.status != 200 {
			t.Fatalf("bearer read: %d %s", res.status, res.body)
		}
		if res := script.do("POST", "/api/v1/departments", map[string]string{"name": "脚本局", "kind": "bureau"}); res.status != 201 {
			t.Fatalf("bearer write without Origin: %d %s", res.status, res.body)
		}
		if res := admin.do("DELETE", "/api/v1/tokens/"+itoa(tc.Item.ID), nil); res.status != 204 {
			t.Fatalf("revoke: %d", res.status)
		}
		if res := script.do("GET", "/api/v1/departments", nil); res.status != 401 {
			t.Fatalf("revoked token: %d", res.status)
		}

		var audit tuijin.List[tuijin.AuditEntry]
		admin.do("GET", "/api/v1/audit?entity=department", nil).json(t, &audit)
		if audit.Total != 1 || audit.Items[0].Username != "admin" || audit.Items[0].RequestID == "" || audit.Items[0].IP == "" {
			t.Fatalf("audit of the token's write: %+v", audit)
		}
	})
}

func TestOperations(t *testing.T) {
	e := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/o.db"))
	c := e.client()
	for path, want := range map[string]string{"/healthz": `"ok"`, "/readyz": `"ready"`, "/metrics": "tuijin_http_requests_total"} {
		if res := c.do("GET", path, nil); res.status != 200 || !strings.Contains(res.body, want) {
			t.Errorf("%s: %d %s", path, res.status, trim(res.body))
		}
	}
	if res := c.do("GET", "/some/page", nil); res.status != 503 || !strings.Contains(res.body, "make build") {
		t.Errorf("front end without a build: %d %s", res.status, res.body)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func trim(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

func TestMustChangePassword(t *testing.T) {
	e := newEnv(t, testdb.Open(t, "sqlite:"+t.TempDir()+"/m.db"))
	admin := e.login("admin")
	admin.do("POST", "/api/v1/users", map[string]any{"username": "zhao", "display_name": "赵", "role": "leader", "password": "Init-pass-123"})
	c := e.client()
	c.do("POST", "/api/v1/session", map[string]string{"username": "zhao", "password": "Init-pass-123"})
	if res := c.do("GET", "/api/v1/projects", nil); res.status != 403 || !strings.Contains(res.body, "请先修改初始密码") {
		t.Fatalf("before changing the password: %d %s", res.status, res.body)
	}
	if res := c.do("GET", "/api/v1/session", nil); res.status != 200 {
		t.Fatalf("session read: %d", res.status)
	}
	c.do("PUT", "/api/v1/session/password", map[string]string{"current_password": "Init-pass-123", "new_password": "Own-pass-4567"})
	if res := c.do("GET", "/api/v1/projects", nil); res.status != 200 {
		t.Fatalf("after changing the password: %d %s", res.status, res.body)
	}
}
