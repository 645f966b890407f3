package store

import (
	"context"
	"database/sql"

	"tuijin"
)

const nodeCols = `n.id, n.project_id, n.key, n.name, n.seq, n.duration_days, n.planned_start, n.planned_finish,
	n.actual_start, n.actual_finish, n.department_id, COALESCE(d.name, ''), n.person, n.remarks, n.preds, n.updated_at, n.version`

const nodeFrom = " FROM nodes n LEFT JOIN departments d ON d.id = n.department_id"

func scanNode(s interface{ Scan(...any) error }) (*tuijin.Node, error) {
	var n tuijin.Node
	var dept sql.NullInt64
	var up timeCol
	if err := s.Scan(&n.ID, &n.ProjectID, &n.Key, &n.Name, &n.Seq, &n.DurationDays, &n.PlannedStart, &n.PlannedFinish,
		&n.ActualStart, &n.ActualFinish, &dept, &n.DepartmentName, &n.Person, &n.Remarks, jsonCol{&n.Preds}, &up, &n.Version); err != nil {
		return nil, notFound(err)
	}
	n.DepartmentID, n.UpdatedAt = intPtr(dept), up.T
	if n.Preds == nil {
		n.Preds = []tuijin.NodeLink{}
	}
	return &n, nil
}

// Nodes lists a project's key nodes in order.
func (db *DB) Nodes(ctx context.Context, actor *tuijin.Actor, projectID int64) ([]tuijin.Node, error) {
	r := db.reader(ctx)
	if _, err := projectByID(r, actor, projectID); err != nil {
		return nil, err
	}
	return r.nodes(projectID)
}

func (r reader) nodes(projectID int64) ([]tuijin.Node, error) {
	rows, err := r.Query("SELECT "+nodeCols+nodeFrom+" WHERE n.project_id = ? ORDER BY n.seq, n.id", projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.Node{}
	for rows.Next() {
		n, err := scanNode(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *n)
	}
	return out, rows.Err()
}

// Node returns one node of a project the actor may see.
func (db *DB) Node(ctx context.Context, actor *tuijin.Actor, id int64) (*tuijin.Node, error) {
	r := db.reader(ctx)
	n, err := scanNode(r.QueryRow("SELECT "+nodeCols+nodeFrom+" WHERE n.id = ?", id))
	if err != nil {
		return nil, err
	}
	if _, err := projectByID(r, actor, n.ProjectID); err != nil {
		return nil, err
	}
	return n, nil
}

// NodeWrite is one node to create or change in SaveNodes; ID 0 creates.
type NodeWrite struct {
	Node    tuijin.Node
	Version int64 // the version the writer read; ignored on create
}

// SaveNodes writes a project's nodes in one transaction: the edited ones and
// the ones a move re-planned. With replace, the project's other nodes are
// deleted (a template applied over the old plan). Links must point at
// nodes of the same project; new nodes may link to each other by the
// negative index -1, -2 ... of their place in ws.
//
// hooks run in the same transaction after the writes (the project's light
// follows its nodes there).
func (db *DB) SaveNodes(ctx context.Context, actor *tuijin.Actor, projectID int64, ws []NodeWrite, replace bool, hooks ...func(*Tx) error) ([]tuijin.Node, error) {
	if err := actor.Require(tuijin.PermEditProjects); err != nil {
		return nil, err
	}
	var out []tuijin.Node
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		if _, err := projectByID(tx.reader(), actor, projectID); err != nil {
			return err
		}
		if replace {
			if err := tx.deleteNodes(projectID); err != nil {
				return err
			}
		}
		ids := make([]int64, len(ws))
		for i := range ws {
			id, err := tx.saveNode(projectID, &ws[i], ids)
			if err != nil {
				return err
			}
			ids[i] = id
		}
		for _, h := range hooks {
			if err := h(tx); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.reader().nodes(projectID)
		return err
	})
	return out, err
}

func (tx *Tx) saveNode(projectID int64, w *NodeWrite, ids []int64) (int64, error) {
	n := &w.Node
	for i, l := range n.Preds {
		if l.NodeID < 0 {
			n.Preds[i].NodeID = ids[-l.NodeID-1]
		}
	}
	if err := n.Validate(); err != nil {
		return 0, err
	}
	if err := tx.checkPreds(projectID, n); err != nil {
		return 0, err
	}
	if err := tx.checkDepartment(n.DepartmentID); err != nil {
		return 0, err
	}
	if err := tx.touch(HeadNodes); err != nil {
		return 0, err
	}
	now := ts(tx.now)
	if n.ID == 0 {
		var id int64
		err := tx.QueryRow(`INSERT INTO nodes (project_id, key, name, seq, duration_days, planned_start, planned_finish, actual_start,
			actual_finish, department_id, person, remarks, preds, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`,
			projectID, n.Key, n.Name, n.Seq, n.DurationDays, n.PlannedStart, n.PlannedFinish, n.ActualStart, n.ActualFinish,
			nullInt(n.DepartmentID), n.Person, n.Remarks, jsonText(n.Preds), now, now).Scan(&id)
		if err != nil {
			return 0, err
		}
		n.ID = id
		return id, tx.Audit("create", "node", id, tuijin.Changes(nil, nodeAudit(n)))
	}
	before, err := scanNode(tx.QueryRow("SELECT "+nodeCols+nodeFrom+" WHERE n.id = ? AND n.project_id = ?", n.ID, projectID))
	if err != nil {
		return 0, err
	}
	if before.Version != w.Version {
		return 0, tuijin.ErrStale
	}
	res, err := tx.Exec(`UPDATE nodes SET name = ?, seq = ?, duration_days = ?, planned_start = ?, planned_finish = ?, actual_start = ?,
		actual_finish = ?, department_id = ?, person = ?, remarks = ?, preds = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, n.Name, n.Seq, n.DurationDays, n.PlannedStart, n.PlannedFinish, n.ActualStart, n.ActualFinish,
		nullInt(n.DepartmentID), n.Person, n.Remarks, jsonText(n.Preds), now, n.ID, w.Version)
	if err != nil {
		return 0, err
	}
	if k, _ := res.RowsAffected(); k != 1 {
		return 0, tuijin.ErrStale
	}
	return n.ID, tx.Audit("update", "node", n.ID, tuijin.Changes(nodeAudit(before), nodeAudit(n)))
}

// nodeAudit leaves out what is computed on read.
func nodeAudit(n *tuijin.Node) map[string]any {
	return map[string]any{"project_id": n.ProjectID, "name": n.Name, "duration_days": n.DurationDays,
		"planned_start": n.PlannedStart, "planned_finish": n.PlannedFinish, "actual_start": n.ActualStart,
		"actual_finish": n.ActualFinish, "department_id": n.DepartmentID, "person": n.Person, "remarks": n.Remarks, "preds": n.Preds}
}

func (tx *Tx) checkPreds(projectID int64, n *tuijin.Node) error {
	for _, l := range n.Preds {
		var pid int64
		err := tx.QueryRow("SELECT project_id FROM nodes WHERE id = ?", l.NodeID).Scan(&pid)
		if err == sql.ErrNoRows || (err == nil && pid != projectID) {
			return invalidField("preds", "no_such_node")
		} else if err != nil {
			return err
		}
	}
	return nil
}

// DeleteNode removes a node and the links that point at it.
func (db *DB) DeleteNode(ctx context.Context, actor *tuijin.Actor, id int64, hooks ...func(*Tx, int64) error) error {
	if err := actor.Require(tuijin.PermEditProjects); err != nil {
		return err
	}
	n, err := db.Node(ctx, actor, id)
	if err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		if err := tx.touch(HeadNodes); err != nil {
			return err
		}
		others, err := tx.reader().nodes(n.ProjectID)
		if err != nil {
			return err
		}
		for _, o := range others {
			kept := o.Preds[:0:0]
			for _, l := range o.Preds {
				if l.NodeID != id {
					kept = append(kept, l)
				}
			}
			if len(kept) != len(o.Preds) {
				if _, err := tx.Exec("UPDATE nodes SET preds = ?, version = version + 1, updated_at = ? WHERE id = ?", jsonText(kept), ts(tx.now), o.ID); err != nil {
					return err
				}
			}
		}
		if _, err := tx.Exec("DELETE FROM nodes WHERE id = ?", id); err != nil {
			return err
		}
		for _, h := range hooks {
			if err := h(tx, n.ProjectID); err != nil {
				return err
			}
		}
		return tx.Audit("delete", "node", id, tuijin.Changes(nodeAudit(n), nil))
	})
}

func (tx *Tx) deleteNodes(projectID int64) error {
	if err := tx.touch(HeadNodes); err != nil {
		return err
	}
	old, err := tx.reader().nodes(projectID)
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM nodes WHERE project_id = ?", projectID); err != nil {
		return err
	}
	for _, n := range old {
		if err := tx.Audit("delete", "node", n.ID, tuijin.Changes(nodeAudit(&n), nil)); err != nil {
			return err
		}
	}
	return nil
}
