package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"tuijin"
	"tuijin/internal/i18n"
)

// Notify puts a notification into each user's inbox once: a dedupe key
// that a user already has is skipped, so a job may run twice, or on two
// instances, without sending anything twice. It returns how many were new.
// A notification given by its Args gets its Chinese title and body from
// the kind's messages.
func (tx *Tx) Notify(userIDs []int64, n tuijin.Notification, dedupeKey string) (int, error) {
	var args []byte
	if n.Args != nil {
		title, body, ok := i18n.Notification(i18n.ZH, n.Kind, n.Args)
		if !ok {
			return 0, fmt.Errorf("store: no messages for notifications of kind %q", n.Kind)
		}
		n.Title, n.Body = title, body
		args, _ = json.Marshal(n.Args)
	}
	sent := 0
	seen := map[int64]bool{}
	for _, uid := range userIDs {
		if uid == 0 || seen[uid] {
			continue
		}
		seen[uid] = true
		res, err := tx.Exec(`INSERT INTO notifications (user_id, kind, title, body, args, link, project_id, dedupe_key, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
			uid, n.Kind, n.Title, n.Body, string(args), n.Link, nullInt(n.ProjectID), dedupeKey, ts(tx.now))
		if err != nil {
			return sent, err
		}
		if k, _ := res.RowsAffected(); k == 1 {
			sent++
		}
	}
	return sent, nil
}

// projectPeople are the users who answer for a project: its officer and
// leader, and the active users of its responsible department.
func (tx *Tx) projectPeople(projectID int64) ([]int64, error) {
	rows, err := tx.Query(`SELECT officer_id FROM projects WHERE id = ? AND officer_id IS NOT NULL
		UNION SELECT leader_id FROM projects WHERE id = ? AND leader_id IS NOT NULL
		UNION SELECT u.id FROM users u JOIN projects p ON p.department_id = u.department_id
			WHERE p.id = ? AND u.active = ? AND u.role = ?`, projectID, projectID, projectID, true, tuijin.RoleDepartment)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Inbox lists the actor's notifications, newest first, with the unread count.
func (db *DB) Inbox(ctx context.Context, actor *tuijin.Actor, unreadOnly bool, p tuijin.Page) (*tuijin.List[tuijin.Notification], int, error) {
	p.Normalize()
	r := db.reader(ctx)
	cond := " WHERE user_id = ?"
	if unreadOnly {
		cond += " AND read_at IS NULL"
	}
	out := &tuijin.List[tuijin.Notification]{Items: []tuijin.Notification{}, Page: p.Page, PerPage: p.PerPage}
	var unread int
	if err := r.QueryRow("SELECT COUNT(*) FROM notifications"+cond, actor.UserID).Scan(&out.Total); err != nil {
		return nil, 0, err
	}
	if err := r.QueryRow("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", actor.UserID).Scan(&unread); err != nil {
		return nil, 0, err
	}
	rows, err := r.Query("SELECT id, kind, title, body, args, link, project_id, created_at, read_at FROM notifications"+cond+
		" ORDER BY id DESC LIMIT ? OFFSET ?", actor.UserID, p.PerPage, p.Offset())
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var n tuijin.Notification
		var pid sql.NullInt64
		var c, rd timeCol
		var args string
		if err := rows.Scan(&n.ID, &n.Kind, &n.Title, &n.Body, &args, &n.Link, &pid, &c, &rd); err != nil {
			return nil, 0, err
		}
		if args != "" {
			if err := json.Unmarshal([]byte(args), &n.Args); err != nil {
				return nil, 0, fmt.Errorf("notification %d: args: %w", n.ID, err)
			}
		}
		n.ProjectID, n.CreatedAt, n.ReadAt = intPtr(pid), c.T, rd.Ptr()
		out.Items = append(out.Items, n)
	}
	return out, unread, rows.Err()
}

// MarkRead marks one of the actor's notifications read (id 0: all of them).
func (db *DB) MarkRead(ctx context.Context, actor *tuijin.Actor, id int64) error {
	q, args := "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", []any{ts(db.Now()), actor.UserID}
	if id != 0 {
		q, args = q+" AND id = ?", append(args, id)
	}
	res, err := db.write.ExecContext(ctx, db.dialect.rebind(q), args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 && id != 0 {
		var k int
		db.reader(ctx).QueryRow("SELECT COUNT(*) FROM notifications WHERE id = ? AND user_id = ?", id, actor.UserID).Scan(&k)
		if k == 0 {
			return tuijin.ErrNotFound
		}
	}
	return nil
}

// NodeReminders sends a reminder for every open node that finishes between
// today and dueBy (inclusive), and an overdue notice for every open node
// whose planned finish has passed, to the people of its project. Each goes
// out once per node and planned finish: moving the node sends anew.
func (db *DB) NodeReminders(ctx context.Context, today, dueBy string) (int, error) {
	sent := 0
	err := db.InTx(ctx, tuijin.SystemActor, func(tx *Tx) error {
		rows, err := tx.Query(`SELECT n.id, n.project_id, n.name, n.planned_finish, p.name FROM nodes n JOIN projects p ON p.id = n.project_id
			WHERE n.actual_finish = '' AND n.planned_finish <> '' AND n.planned_finish <= ? AND p.archived = ?
			ORDER BY n.planned_finish, n.id`, dueBy, false)
		if err != nil {
			return err
		}
		type due struct {
			id, project      int64
			name, fin, pname string
		}
		var list []due
		for rows.Next() {
			var d due
			if err := rows.Scan(&d.id, &d.project, &d.name, &d.fin, &d.pname); err != nil {
				rows.Close()
				return err
			}
			list = append(list, d)
		}
		rows.Close()
		for _, d := range list {
			people, err := tx.projectPeople(d.project)
			if err != nil {
				return err
			}
			pid := d.project
			n := tuijin.Notification{Kind: "node_due", ProjectID: &pid, Link: "/projects/" + strconv.FormatInt(d.project, 10) + "/schedule",
				Args: []string{d.pname, d.name, d.fin}}
			if d.fin < today {
				n.Kind = "node_overdue"
			}
			k, err := tx.Notify(people, n, fmt.Sprintf("%s:%d:%s", n.Kind, d.id, d.fin))
			if err != nil {
				return err
			}
			sent += k
		}
		return nil
	})
	return sent, err
}

// Setting reads an office setting, or def when it is not set.
func (db *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := db.reader(ctx).QueryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if err == sql.ErrNoRows {
		return def, nil
	}
	return v, err
}

// SetSetting stores an office setting (admin or office), audited.
func (db *DB) SetSetting(ctx context.Context, actor *tuijin.Actor, key, value string) error {
	if err := actor.Require(tuijin.PermManageDepartments); err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		var old sql.NullString
		tx.QueryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&old)
		if _, err := tx.Exec(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, value, ts(tx.now)); err != nil {
			return err
		}
		return tx.Audit("update", "setting:"+key, 0, map[string][2]any{"value": {old.String, value}})
	})
}

// ClaimJob claims the named job when it is due and no instance holds it,
// for at most hold. It returns false when there is nothing to do.
func (db *DB) ClaimJob(ctx context.Context, name string, firstDue time.Time, hold time.Duration) (bool, error) {
	now := db.Now()
	if _, err := db.write.ExecContext(ctx, db.dialect.rebind("INSERT INTO jobs (name, due_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"),
		name, ts(firstDue)); err != nil {
		return false, err
	}
	res, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE jobs SET running_until = ? WHERE name = ? AND due_at <= ?
		AND (running_until IS NULL OR running_until < ?)`), ts(now.Add(hold)), name, ts(now), ts(now))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// FinishJob records a run and when the job is due next.
func (db *DB) FinishJob(ctx context.Context, name string, next time.Time, runErr error) error {
	msg := ""
	if runErr != nil {
		msg = truncate(runErr.Error(), 500)
	}
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(`UPDATE jobs SET running_until = NULL, due_at = ?, last_done_at = ?, last_error = ?
		WHERE name = ?`), ts(next), ts(db.Now()), msg, name)
	return err
}
