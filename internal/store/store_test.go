package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var ctx = context.Background()

// mustDept and mustUser make fixtures or stop the test.
func mustDept(t *testing.T, db *store.DB, name string, kind tuijin.DepartmentKind) *tuijin.Department {
	t.Helper()
	d, err := db.CreateDepartment(ctx, tuijin.SystemActor, tuijin.DepartmentInput{Name: name, Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustUser(t *testing.T, db *store.DB, name string, role tuijin.Role, dept *int64) *tuijin.User {
	t.Helper()
	in := tuijin.UserInput{Username: name, DisplayName: name, Role: role, DepartmentID: dept, Password: "Xx-1234567890"}
	u, err := db.CreateUser(ctx, tuijin.SystemActor, in, "hash", false)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func code(err error) string { return tuijin.ErrorCode(err) }

func TestDepartments(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		d := mustDept(t, db, "住建局", tuijin.KindBureau)
		mustDept(t, db, "城关镇", tuijin.KindTown)
		if _, err := db.CreateDepartment(ctx, tuijin.SystemActor, tuijin.DepartmentInput{Name: "住建局", Kind: tuijin.KindBureau}); code(err) != tuijin.ECONFLICT {
			t.Fatalf("duplicate name: got %v, want conflict", err)
		}
		if _, err := db.CreateDepartment(ctx, tuijin.SystemActor, tuijin.DepartmentInput{Name: "", Kind: "x"}); code(err) != tuijin.EINVALID {
			t.Fatalf("bad input: got %v", err)
		}
		name := "住房和城乡建设局"
		d2, err := db.UpdateDepartment(ctx, tuijin.SystemActor, d.ID, tuijin.DepartmentPatch{Name: &name, Version: d.Version})
		if err != nil || d2.Name != name || d2.Version != d.Version+1 {
			t.Fatalf("update: %+v %v", d2, err)
		}
		// The same stale version again is refused and changes nothing.
		other := "x"
		if _, err := db.UpdateDepartment(ctx, tuijin.SystemActor, d.ID, tuijin.DepartmentPatch{Name: &other, Version: d.Version}); !errors.Is(err, tuijin.ErrStale) {
			t.Fatalf("stale update: got %v", err)
		}
		list, err := db.Departments(ctx, tuijin.SystemActor, tuijin.DepartmentFilter{Kind: tuijin.KindTown})
		if err != nil || list.Total != 1 || list.Items[0].Name != "城关镇" {
			t.Fatalf("filter by kind: %+v %v", list, err)
		}
		list, err = db.Departments(ctx, tuijin.SystemActor, tuijin.DepartmentFilter{Q: "城乡"})
		if err != nil || list.Total != 1 {
			t.Fatalf("search: %+v %v", list, err)
		}
		if _, err := db.Departments(ctx, tuijin.SystemActor, tuijin.DepartmentFilter{Page: tuijin.Page{Sort: "password"}}); code(err) != tuijin.EINVALID {
			t.Fatalf("bad sort: got %v", err)
		}
		viewer := &tuijin.Actor{UserID: 99, Role: tuijin.RoleViewer}
		if _, err := db.CreateDepartment(ctx, viewer, tuijin.DepartmentInput{Name: "新局", Kind: tuijin.KindBureau}); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("viewer creating a department: got %v", err)
		}
	})
}

func TestUserScoping(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustDept(t, db, "发改局", tuijin.KindBureau), mustDept(t, db, "交通局", tuijin.KindBureau)
		ua := mustUser(t, db, "fgj", tuijin.RoleDepartment, &a.ID)
		ua2 := mustUser(t, db, "fgj2", tuijin.RoleOfficer, &a.ID)
		ub := mustUser(t, db, "jtj", tuijin.RoleDepartment, &b.ID)
		office := mustUser(t, db, "office", tuijin.RoleOffice, nil)
		actA := tuijin.ActorFor(ua)

		if _, err := db.User(ctx, actA, ub.ID); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("department A reading department B's user: got %v, want not found", err)
		}
		if u, err := db.User(ctx, actA, ua2.ID); err != nil || u.DepartmentName != "发改局" {
			t.Fatalf("own department's user: %+v %v", u, err)
		}
		list, err := db.Users(ctx, actA, tuijin.UserFilter{})
		if err != nil || list.Total != 2 {
			t.Fatalf("department A sees %d users, want 2: %v", list.Total, err)
		}
		list, err = db.Users(ctx, tuijin.ActorFor(office), tuijin.UserFilter{})
		if err != nil || list.Total != 4 {
			t.Fatalf("office sees %d users, want 4: %v", list.Total, err)
		}
		officer := tuijin.ActorFor(ua2)
		list, err = db.Users(ctx, officer, tuijin.UserFilter{})
		if err != nil || list.Total != 1 || list.Items[0].ID != ua2.ID {
			t.Fatalf("officer sees only themself: %+v %v", list, err)
		}
		if _, err := db.UpdateUser(ctx, actA, ub.ID, tuijin.UserPatch{Version: ub.Version}); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("department user editing a user: got %v", err)
		}
		// A department role without a department is refused.
		none := tuijin.UserInput{Username: "nodept", DisplayName: "x", Role: tuijin.RoleDepartment, Password: "Xx-1234567890"}
		if _, err := db.CreateUser(ctx, tuijin.SystemActor, none, "h", false); err == nil {
			if err := none.Validate(); code(err) != tuijin.EINVALID {
				t.Fatalf("department role without department: %v", err)
			}
		}
		if _, err := db.CreateUser(ctx, tuijin.SystemActor, tuijin.UserInput{Username: "fgj", DisplayName: "x", Role: tuijin.RoleViewer}, "h", false); code(err) != tuijin.ECONFLICT {
			t.Fatalf("duplicate username: got %v", err)
		}
	})
}

func TestSessionsAndTokens(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		u := mustUser(t, db, "li", tuijin.RoleLeader, nil)
		now := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		secret, err := db.CreateSession(ctx, u, "10.0.0.1", "test")
		if err != nil {
			t.Fatal(err)
		}
		got, sid, err := db.SessionUser(ctx, secret)
		if err != nil || got.ID != u.ID || sid == "" || got.LastLoginAt == nil {
			t.Fatalf("session lookup: %+v %v", got, err)
		}
		if _, _, err := db.SessionUser(ctx, secret+"x"); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("wrong secret: %v", err)
		}
		now = now.Add(store.SessionIdle + time.Minute)
		if _, _, err := db.SessionUser(ctx, secret); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("idle session still valid: %v", err)
		}
		// A password change ends the user's other sessions.
		s2, _ := db.CreateSession(ctx, u, "", "")
		if err := db.SetPassword(ctx, tuijin.SystemActor, u.ID, "h2", false, ""); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionUser(ctx, s2); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("session survived password change: %v", err)
		}

		exp := now.Add(48 * time.Hour)
		tok, info, err := db.CreateToken(ctx, tuijin.SystemActor, u.ID, "统计脚本", &exp)
		if err != nil || info.Prefix != tok[:9] {
			t.Fatalf("create token: %+v %v", info, err)
		}
		if got, err := db.TokenUser(ctx, tok); err != nil || got.ID != u.ID {
			t.Fatalf("token lookup: %v", err)
		}
		now = exp.Add(time.Second)
		if _, err := db.TokenUser(ctx, tok); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("expired token still valid: %v", err)
		}
		tok2, info2, _ := db.CreateToken(ctx, tuijin.SystemActor, u.ID, "另一个", nil)
		if err := db.RevokeToken(ctx, tuijin.SystemActor, info2.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.TokenUser(ctx, tok2); !errors.Is(err, tuijin.ErrNotFound) {
			t.Fatalf("revoked token still valid: %v", err)
		}
		if _, _, err := db.CreateToken(ctx, tuijin.ActorFor(u), u.ID, "x", nil); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("leader creating a token: %v", err)
		}
	})
}

func TestLoginFailures(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		for i := 0; i < 3; i++ {
			if err := db.RecordLoginFailure(ctx, "u:a", "ip:1"); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := db.LoginFailures(ctx, "u:a", now.Add(-time.Minute)); n != 3 {
			t.Fatalf("failures = %d, want 3", n)
		}
		if n, _ := db.LoginFailures(ctx, "u:a", now.Add(time.Second)); n != 0 {
			t.Fatalf("failures after the window = %d", n)
		}
		db.ClearLoginFailures(ctx, "u:a")
		if n, _ := db.LoginFailures(ctx, "u:a", now.Add(-time.Minute)); n != 0 {
			t.Fatalf("failures after clear = %d", n)
		}
	})
}

func TestAuditTrail(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		d := mustDept(t, db, "水利局", tuijin.KindBureau)
		head := "张三"
		if _, err := db.UpdateDepartment(ctx, tuijin.SystemActor, d.ID, tuijin.DepartmentPatch{Head: &head, Version: d.Version}); err != nil {
			t.Fatal(err)
		}
		list, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{Entity: "department", EntityID: &d.ID}, time.UTC)
		if err != nil || list.Total != 2 {
			t.Fatalf("audit rows: %+v %v", list, err)
		}
		upd := list.Items[0]
		if upd.Action != "update" || fmt.Sprint(upd.Changes["head"]) != "[ 张三]" || len(upd.Changes) != 1 {
			t.Fatalf("update row: %+v", upd)
		}
		if _, err := db.AuditEntries(ctx, &tuijin.Actor{Role: tuijin.RoleViewer}, tuijin.AuditFilter{}, time.UTC); !errors.Is(err, tuijin.ErrForbidden) {
			t.Fatalf("viewer reading audit: %v", err)
		}
		if _, err := db.AuditEntries(ctx, tuijin.SystemActor, tuijin.AuditFilter{From: "2026-13-01"}, time.UTC); code(err) != tuijin.EINVALID {
			t.Fatalf("bad date: %v", err)
		}
		n, problems, err := db.VerifyAudit(ctx)
		if err != nil || n != 2 || len(problems) != 0 {
			t.Fatalf("verify intact chain: n=%d %v %v", n, problems, err)
		}
	})
}

// TestAuditConcurrent appends from many goroutines at once; on PostgreSQL
// this checks that the chain's head row serializes writers.
func TestAuditConcurrent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := db.CreateDepartment(ctx, tuijin.SystemActor, tuijin.DepartmentInput{Name: fmt.Sprintf("镇%d", i), Kind: tuijin.KindTown})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		n, problems, err := db.VerifyAudit(ctx)
		if err != nil || n != 40 || len(problems) != 0 {
			t.Fatalf("after concurrent writes: n=%d %v %v", n, problems, err)
		}
	})
}

// A transaction keeps statements it runs again prepared: each run still
// binds its own arguments, and a statement that fails does so every time.
func TestTxRepeatsStatements(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		err := db.InTx(ctx, tuijin.SystemActor, func(tx *store.Tx) error {
			for i := range 5 {
				if _, err := tx.Exec("INSERT INTO heads (name, gen) VALUES (?, ?)", fmt.Sprintf("test%d", i), i*10); err != nil {
					return err
				}
			}
			for i := range 5 {
				var gen int64
				if err := tx.QueryRow("SELECT gen FROM heads WHERE name = ?", fmt.Sprintf("test%d", i)).Scan(&gen); err != nil || gen != int64(i*10) {
					return fmt.Errorf("run %d: gen %d, %v", i, gen, err)
				}
			}
			for range 3 {
				if _, err := tx.Exec("INSERT INTO heads (name, gen) VALUES (?, ?)", "test0", 1); err == nil {
					return errors.New("a duplicate key went in")
				}
				if db.Dialect() == store.Postgres {
					break // a failed statement ends a PostgreSQL transaction
				}
			}
			return errors.New("roll back")
		})
		if err == nil || err.Error() != "roll back" {
			t.Fatal(err)
		}
	})
}
