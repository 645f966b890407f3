package store

import (
	"context"
	"strings"

	"tuijin"
)

const orderCols = `o.id, o.grade, o.title, o.department_id, COALESCE(d.name, ''), o.items, o.reply_deadline, o.status, o.received_at,
	o.received_by, o.replies, o.accountability, o.created_by, o.created_at, o.version`

const orderFrom = " FROM supervision_orders o LEFT JOIN departments d ON d.id = o.department_id"

func scanOrder(s interface{ Scan(...any) error }) (*tuijin.SupervisionOrder, error) {
	var o tuijin.SupervisionOrder
	var rec, c timeCol
	if err := s.Scan(&o.ID, &o.Grade, &o.Title, &o.DepartmentID, &o.DepartmentName, jsonCol{&o.Items}, &o.ReplyDeadline, &o.Status,
		&rec, &o.ReceivedBy, jsonCol{&o.Replies}, &o.Accountability, &o.CreatedBy, &c, &o.Version); err != nil {
		return nil, notFound(err)
	}
	o.ReceivedAt, o.CreatedAt = rec.Ptr(), c.T
	if o.Replies == nil {
		o.Replies = []tuijin.OrderReply{}
	}
	return &o, nil
}

// orderScope: a department sees the orders addressed to it; the office,
// leaders and supervision see all; others none.
func orderScope(a *tuijin.Actor) (string, []any) {
	if a.SeesAll() {
		return "", nil
	}
	if a.Role == tuijin.RoleDepartment && a.DepartmentID != nil {
		return "o.department_id = ?", []any{*a.DepartmentID}
	}
	return "1 = 0", nil
}

func (r reader) order(actor *tuijin.Actor, id int64) (*tuijin.SupervisionOrder, error) {
	where, args := "o.id = ?", []any{id}
	if cond, cargs := orderScope(actor); cond != "" {
		where, args = where+" AND "+cond, append(args, cargs...)
	}
	return scanOrder(r.QueryRow("SELECT "+orderCols+orderFrom+" WHERE "+where, args...))
}

// Orders lists supervision orders in scope, newest first.
func (db *DB) Orders(ctx context.Context, actor *tuijin.Actor, status string) ([]tuijin.SupervisionOrder, error) {
	var where []string
	var args []any
	if cond, cargs := orderScope(actor); cond != "" {
		where, args = append(where, cond), append(args, cargs...)
	}
	if status != "" {
		where, args = append(where, "o.status = ?"), append(args, status)
	}
	q := "SELECT " + orderCols + orderFrom
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := db.reader(ctx).Query(q+" ORDER BY o.id DESC LIMIT 500", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.SupervisionOrder{}
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	return out, rows.Err()
}

// Order returns one order in scope.
func (db *DB) Order(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.SupervisionOrder, error) {
	return db.reader(ctx).order(actor, id)
}

// CreateOrder issues a supervision order (supervision role or office).
func (db *DB) CreateOrder(ctx context.Context, actor *tuijin.Actor, in tuijin.OrderInput) (*tuijin.SupervisionOrder, error) {
	if err := actor.Require(tuijin.PermSupervise); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *tuijin.SupervisionOrder
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		out, err = tx.createOrder(in)
		return err
	})
	return out, err
}

func (tx *Tx) createOrder(in tuijin.OrderInput) (*tuijin.SupervisionOrder, error) {
	id := in.DepartmentID
	if err := tx.checkDepartment(&id); err != nil {
		return nil, err
	}
	now := ts(tx.now)
	var oid int64
	if err := tx.QueryRow(`INSERT INTO supervision_orders (grade, title, department_id, items, reply_deadline, status, created_by, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, 'issued', ?, ?, ?, 1) RETURNING id`, in.Grade, in.Title, in.DepartmentID, jsonText(in.Items), in.ReplyDeadline,
		tx.actor.Username, now, now).Scan(&oid); err != nil {
		return nil, err
	}
	o, err := tx.reader().order(tuijin.SystemActor, oid)
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query("SELECT id FROM users WHERE department_id = ? AND active = ? AND role = ?", in.DepartmentID, true, tuijin.RoleDepartment)
	if err != nil {
		return nil, err
	}
	var users []int64
	for rows.Next() {
		var u int64
		rows.Scan(&u)
		users = append(users, u)
	}
	rows.Close()
	n := tuijin.Notification{Kind: "order_issued", Args: []string{in.Grade, in.Title, in.ReplyDeadline},
		Link: "/supervision/orders/" + itoa64(oid)}
	if _, err := tx.Notify(users, n, "order:"+itoa64(oid)); err != nil {
		return nil, err
	}
	return o, tx.Audit("create", "supervision_order", oid, tuijin.Changes(nil, o))
}

// OrderStep is receipt, a reply, an accountability note or closing.
type OrderStep struct {
	Action  string `json:"action"` // receive, reply, account, close
	Text    string `json:"text"`
	Version int64  `json:"version"`
}

// StepOrder records a department's receipt or reply, or the supervision
// role's accountability note or closing.
func (db *DB) StepOrder(ctx context.Context, actor *tuijin.Actor, id int64, st OrderStep) (*tuijin.SupervisionOrder, error) {
	var out *tuijin.SupervisionOrder
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		before, err := tx.reader().order(actor, id)
		if err != nil {
			return err
		}
		if before.Version != st.Version {
			return tuijin.ErrStale
		}
		st.Text = strings.TrimSpace(st.Text)
		status, receivedAt, receivedBy, replies, account := before.Status, tsPtr(before.ReceivedAt), before.ReceivedBy, before.Replies, before.Accountability
		// Receipt and replies come from the department the order is
		// addressed to (its scope already ensures that).
		isDept := actor.Role == tuijin.RoleDepartment
		switch st.Action {
		case "receive":
			if !isDept {
				return tuijin.ErrForbidden
			}
			if before.Status != "issued" {
				return &tuijin.Error{Code: tuijin.ECONFLICT, Key: "order_already_received"}
			}
			status, receivedAt, receivedBy = "received", ts(tx.now), actor.Username
		case "reply":
			if !isDept {
				return tuijin.ErrForbidden
			}
			if before.Status == "closed" {
				return &tuijin.Error{Code: tuijin.ECONFLICT, Key: "order_closed"}
			}
			if st.Text == "" {
				return invalidField("text", "required")
			}
			replies = append(replies, tuijin.OrderReply{Text: st.Text, By: actor.Username, At: tx.now})
			status = "replied"
			if receivedAt == nil {
				receivedAt, receivedBy = ts(tx.now), actor.Username
			}
		case "account", "close":
			if err := actor.Require(tuijin.PermSupervise); err != nil {
				return err
			}
			if st.Action == "account" {
				if st.Text == "" {
					return invalidField("text", "required")
				}
				account = st.Text
			} else {
				status = "closed"
			}
		default:
			return invalidField("action", "invalid_choice")
		}
		res, err := tx.Exec(`UPDATE supervision_orders SET status = ?, received_at = ?, received_by = ?, replies = ?, accountability = ?,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`, status, receivedAt, receivedBy, jsonText(replies), account, ts(tx.now), id, st.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tuijin.ErrStale
		}
		if out, err = tx.reader().order(tuijin.SystemActor, id); err != nil {
			return err
		}
		return tx.Audit(st.Action, "supervision_order", id, tuijin.Changes(before, out))
	})
	return out, err
}
