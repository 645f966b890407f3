package store

import (
	"context"
	"strings"

	"tuijin"
)

const departmentCols = "id, name, code, kind, head, phone, active, created_at, updated_at, version"

func scanDepartment(s interface{ Scan(...any) error }) (*tuijin.Department, error) {
	var d tuijin.Department
	var c, u timeCol
	if err := s.Scan(&d.ID, &d.Name, &d.Code, &d.Kind, &d.Head, &d.Phone, &d.Active, &c, &u, &d.Version); err != nil {
		return nil, notFound(err)
	}
	d.CreatedAt, d.UpdatedAt = c.T, u.T
	return &d, nil
}

// Department returns one department. Every logged-in role may read the
// organisation chart.
func (db *DB) Department(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.Department, error) {
	if err := actor.Require(tuijin.PermReadOrg); err != nil {
		return nil, err
	}
	return scanDepartment(db.reader(ctx).QueryRow("SELECT "+departmentCols+" FROM departments WHERE id = ?", id))
}

// Departments lists departments by name.
func (db *DB) Departments(ctx context.Context, actor *tuijin.Actor, f tuijin.DepartmentFilter) (*tuijin.List[tuijin.Department], error) {
	if err := actor.Require(tuijin.PermReadOrg); err != nil {
		return nil, err
	}
	f.Normalize()
	var where []string
	var args []any
	if f.Q != "" {
		where = append(where, "(name "+db.dialect.like()+" ? OR code "+db.dialect.like()+" ?)")
		args = append(args, "%"+f.Q+"%", "%"+f.Q+"%")
	}
	if f.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, f.Kind)
	}
	if f.Active != nil {
		where, args = append(where, "active = ?"), append(args, *f.Active)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	order, err := orderBy(f.Sort, map[string]string{"name": "name", "code": "code", "kind": "kind", "id": "id"}, "name")
	if err != nil {
		return nil, err
	}
	r := db.reader(ctx)
	out := &tuijin.List[tuijin.Department]{Items: []tuijin.Department{}, Page: f.Page.Page, PerPage: f.PerPage}
	if err := r.QueryRow("SELECT COUNT(*) FROM departments"+cond, args...).Scan(&out.Total); err != nil {
		return nil, err
	}
	rows, err := r.Query("SELECT "+departmentCols+" FROM departments"+cond+order+" LIMIT ? OFFSET ?", append(args, f.PerPage, f.Offset())...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDepartment(rows)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, *d)
	}
	return out, rows.Err()
}

// CreateDepartment adds a department.
func (db *DB) CreateDepartment(ctx context.Context, actor *tuijin.Actor, in tuijin.DepartmentInput) (*tuijin.Department, error) {
	if err := actor.Require(tuijin.PermManageDepartments); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var d *tuijin.Department
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		d, err = tx.CreateDepartment(in)
		return err
	})
	return d, err
}

// CreateDepartment adds a department inside tx (the ledger import creates
// the departments its sheet names).
func (tx *Tx) CreateDepartment(in tuijin.DepartmentInput) (*tuijin.Department, error) {
	if err := tx.touch(HeadOrg); err != nil {
		return nil, err
	}
	now := ts(tx.now)
	var id int64
	err := tx.QueryRow(`INSERT INTO departments (name, code, kind, head, phone, active, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`, in.Name, in.Code, in.Kind, in.Head, in.Phone, true, now, now).Scan(&id)
	if err != nil {
		return nil, uniqueViolation(err, "name")
	}
	d, err := scanDepartment(tx.QueryRow("SELECT "+departmentCols+" FROM departments WHERE id = ?", id))
	if err != nil {
		return nil, err
	}
	return d, tx.Audit("create", "department", id, tuijin.Changes(nil, d))
}

// UpdateDepartment applies a patch when p.Version is current.
func (db *DB) UpdateDepartment(ctx context.Context, actor *tuijin.Actor, id int64, p tuijin.DepartmentPatch) (*tuijin.Department, error) {
	if err := actor.Require(tuijin.PermManageDepartments); err != nil {
		return nil, err
	}
	var d *tuijin.Department
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := scanDepartment(tx.QueryRow("SELECT "+departmentCols+" FROM departments WHERE id = ?", id))
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
		if err := tx.touch(HeadOrg); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE departments SET name = ?, code = ?, kind = ?, head = ?, phone = ?, active = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, after.Name, after.Code, after.Kind, after.Head, after.Phone, after.Active, ts(tx.now), id, p.Version)
		if err != nil {
			return uniqueViolation(err, "name")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tuijin.ErrStale
		}
		if d, err = scanDepartment(tx.QueryRow("SELECT "+departmentCols+" FROM departments WHERE id = ?", id)); err != nil {
			return err
		}
		return tx.Audit("update", "department", id, tuijin.Changes(before, d))
	})
	return d, err
}

// orderBy turns "?sort=-field" into an ORDER BY clause over allowed columns;
// id breaks ties so that pages are stable.
func orderBy(sort string, allowed map[string]string, def string) (string, error) {
	if sort == "" {
		sort = def
	}
	var parts []string
	for _, s := range strings.Split(sort, ",") {
		dir := " ASC"
		if strings.HasPrefix(s, "-") {
			dir, s = " DESC", s[1:]
		}
		col, ok := allowed[s]
		if !ok {
			return "", invalidField("sort", "invalid_sort", s)
		}
		parts = append(parts, col+dir)
	}
	return " ORDER BY " + strings.Join(parts, ", ") + ", id", nil
}
