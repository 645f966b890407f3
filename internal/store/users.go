package store

import (
	"context"
	"database/sql"
	"strings"

	"tuijin"
)

const userCols = `u.id, u.username, u.display_name, u.role, u.department_id, COALESCE(d.name, ''), u.phone, u.active,
	u.must_change_password, u.last_login_at, u.created_at, u.updated_at, u.version, u.password_hash`

const userFrom = " FROM users u LEFT JOIN departments d ON d.id = u.department_id"

func scanUser(s interface{ Scan(...any) error }) (*tuijin.User, error) {
	var u tuijin.User
	var dept sql.NullInt64
	var last, c, up timeCol
	if err := s.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &dept, &u.DepartmentName, &u.Phone, &u.Active,
		&u.MustChangePassword, &last, &c, &up, &u.Version, &u.PasswordHash); err != nil {
		return nil, notFound(err)
	}
	u.DepartmentID, u.LastLoginAt, u.CreatedAt, u.UpdatedAt = intPtr(dept), last.Ptr(), c.T, up.T
	return &u, nil
}

func (r reader) user(where string, args ...any) (*tuijin.User, error) {
	return scanUser(r.QueryRow("SELECT "+userCols+userFrom+" WHERE "+where, args...))
}

// User returns one user the actor may see; one it may not see is not found,
// so that a department cannot probe another's staff.
func (db *DB) User(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.User, error) {
	u, err := db.reader(ctx).user("u.id = ?", id)
	if err != nil {
		return nil, err
	}
	if !actor.CanSeeUser(u) {
		return nil, tuijin.ErrNotFound
	}
	return u, nil
}

// UserByUsername is for login and the command line; it applies no scope.
func (db *DB) UserByUsername(ctx context.Context, username string) (*tuijin.User, error) {
	return db.reader(ctx).user("u.username = ?", username)
}

// Users lists the users the actor may see.
func (db *DB) Users(ctx context.Context, actor *tuijin.Actor, f tuijin.UserFilter) (*tuijin.List[tuijin.User], error) {
	f.Normalize()
	var where []string
	var args []any
	all, dept, self := actor.UserScope()
	if !all {
		if dept != nil {
			where, args = append(where, "(u.department_id = ? OR u.id = ?)"), append(args, *dept, self)
		} else {
			where, args = append(where, "u.id = ?"), append(args, self)
		}
	}
	if f.Q != "" {
		like := db.dialect.like()
		where = append(where, "(u.username "+like+" ? OR u.display_name "+like+" ? OR u.phone "+like+" ?)")
		q := "%" + f.Q + "%"
		args = append(args, q, q, q)
	}
	if f.Role != "" {
		where, args = append(where, "u.role = ?"), append(args, f.Role)
	}
	if f.DepartmentID != nil {
		where, args = append(where, "u.department_id = ?"), append(args, *f.DepartmentID)
	}
	if f.Active != nil {
		where, args = append(where, "u.active = ?"), append(args, *f.Active)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	order, err := orderBy(f.Sort, map[string]string{"username": "u.username", "display_name": "u.display_name",
		"role": "u.role", "id": "u.id", "last_login_at": "u.last_login_at"}, "username")
	if err != nil {
		return nil, err
	}
	order = strings.Replace(order, ", id", ", u.id", 1)
	r := db.reader(ctx)
	out := &tuijin.List[tuijin.User]{Items: []tuijin.User{}, Page: f.Page.Page, PerPage: f.PerPage}
	if err := r.QueryRow("SELECT COUNT(*) FROM users u"+cond, args...).Scan(&out.Total); err != nil {
		return nil, err
	}
	rows, err := r.Query("SELECT "+userCols+userFrom+cond+order+" LIMIT ? OFFSET ?", append(args, f.PerPage, f.Offset())...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, *u)
	}
	return out, rows.Err()
}

// CreateUser adds a user with an already hashed password.
func (db *DB) CreateUser(ctx context.Context, actor *tuijin.Actor, in tuijin.UserInput, hash string, mustChange bool) (*tuijin.User, error) {
	if err := actor.Require(tuijin.PermManageUsers); err != nil {
		return nil, err
	}
	var u *tuijin.User
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		u, err = tx.CreateUser(in, hash, mustChange)
		return err
	})
	return u, err
}

// CreateUser adds a user inside tx.
func (tx *Tx) CreateUser(in tuijin.UserInput, hash string, mustChange bool) (*tuijin.User, error) {
	if err := tx.checkDepartment(in.DepartmentID); err != nil {
		return nil, err
	}
	now := ts(tx.now)
	var id int64
	err := tx.QueryRow(`INSERT INTO users (username, display_name, role, department_id, phone, password_hash, active,
		must_change_password, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
		in.Username, in.DisplayName, in.Role, nullInt(in.DepartmentID), in.Phone, hash, true, mustChange, now, now).Scan(&id)
	if err != nil {
		return nil, uniqueViolation(err, "username")
	}
	u, err := tx.reader().user("u.id = ?", id)
	if err != nil {
		return nil, err
	}
	return u, tx.Audit("create", "user", id, tuijin.Changes(nil, u))
}

func (tx *Tx) checkDepartment(id *int64) error {
	if id == nil {
		return nil
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM departments WHERE id = ?", *id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return invalidField("department_id", "no_such_department")
	}
	return nil
}

// UpdateUser applies a patch when p.Version is current. Deactivating a user
// ends their sessions.
func (db *DB) UpdateUser(ctx context.Context, actor *tuijin.Actor, id int64, p tuijin.UserPatch) (*tuijin.User, error) {
	if err := actor.Require(tuijin.PermManageUsers); err != nil {
		return nil, err
	}
	var u *tuijin.User
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := tx.reader().user("u.id = ?", id)
		if err != nil {
			return err
		}
		if p.Version != before.Version {
			return tuijin.ErrStale
		}
		after := *before
		if err := p.Apply(&after); err != nil {
			return err
		}
		if id == actor.UserID && (!after.Active || after.Role != before.Role) {
			return tuijin.Errorf(tuijin.EINVALID, "cannot_demote_self")
		}
		if err := tx.checkDepartment(after.DepartmentID); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE users SET display_name = ?, role = ?, department_id = ?, phone = ?, active = ?,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			after.DisplayName, after.Role, nullInt(after.DepartmentID), after.Phone, after.Active, ts(tx.now), id, p.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tuijin.ErrStale
		}
		if !after.Active {
			if _, err := tx.Exec("DELETE FROM sessions WHERE user_id = ?", id); err != nil {
				return err
			}
		}
		if u, err = tx.reader().user("u.id = ?", id); err != nil {
			return err
		}
		return tx.Audit("update", "user", id, tuijin.Changes(before, u))
	})
	return u, err
}

// SetPassword stores a new password hash. mustChange marks a password that
// someone else set (an admin reset), which the user must replace. All the
// user's sessions end except keepSession (the one that changed it).
func (db *DB) SetPassword(ctx context.Context, actor *tuijin.Actor, userID int64, hash string, mustChange bool, keepSession string) error {
	if actor.UserID != userID {
		if err := actor.Require(tuijin.PermManageUsers); err != nil {
			return err
		}
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		res, err := tx.Exec("UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ?, version = version + 1 WHERE id = ?",
			hash, mustChange, ts(tx.now), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tuijin.ErrNotFound
		}
		if _, err := tx.Exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", userID, keepSession); err != nil {
			return err
		}
		// The audit says that the password changed, never what to.
		return tx.Audit("password", "user", userID, map[string][2]any{"password": {"***", "***"}})
	})
}

// CountUsers is used at first start to see whether an admin must be made.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.reader(ctx).QueryRow("SELECT COUNT(*) FROM users").Scan(&n)
	return n, err
}
