package store

import (
	"context"
	"time"

	"tuijin"
)

func (r reader) attachments(ownerType string, ownerID int64) ([]tuijin.Photo, error) {
	rows, err := r.Query("SELECT id, name, content_type, size, width, height, created_at FROM attachments WHERE owner_type = ? AND owner_id = ? ORDER BY id",
		ownerType, ownerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.Photo{}
	for rows.Next() {
		var p tuijin.Photo
		var c timeCol
		if err := rows.Scan(&p.ID, &p.Name, &p.ContentType, &p.Size, &p.Width, &p.Height, &c); err != nil {
			return nil, err
		}
		p.CreatedAt = c.T
		out = append(out, p)
	}
	return out, rows.Err()
}

// AddAttachment keeps a file with a problem or a visit that the actor may
// see (thumb nil for files that are not images).
func (db *DB) AddAttachment(ctx context.Context, actor *tuijin.Actor, ownerType string, ownerID int64, p tuijin.Photo, data, thumb []byte) (*tuijin.Photo, error) {
	// Those who work on problems or record visits attach to them; readers
	// do not.
	if !actor.Can(tuijin.PermLogProblems) && !actor.Can(tuijin.PermWorkProblems) && !actor.Can(tuijin.PermMeetings) {
		return nil, tuijin.ErrForbidden
	}
	if err := db.canSeeOwner(ctx, actor, ownerType, ownerID); err != nil {
		return nil, err
	}
	out := p
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM attachments WHERE owner_type = ? AND owner_id = ?", ownerType, ownerID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxPhotos {
			return tuijin.Errorf(tuijin.EINVALID, "too_many_photos", MaxPhotos)
		}
		var id int64
		if err := tx.QueryRow(`INSERT INTO attachments (owner_type, owner_id, name, content_type, size, width, height, data, thumb, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, ownerType, ownerID, p.Name, p.ContentType, len(data), p.Width, p.Height,
			data, thumb, nullInt(actorID(actor)), ts(tx.now)).Scan(&id); err != nil {
			return err
		}
		out.ID, out.Size, out.CreatedAt = id, int64(len(data)), tx.now
		return tx.Audit("create", "attachment", id, map[string][2]any{"owner": {nil, ownerType + ":" + itoa64(ownerID)}, "name": {nil, p.Name}})
	})
	return &out, err
}

// AttachmentData returns an attachment (or its thumbnail) if the actor may
// see what it belongs to.
func (db *DB) AttachmentData(ctx context.Context, actor *tuijin.Actor, id int64, thumb bool) (string, []byte, error) {
	var ownerType, ctype string
	var ownerID int64
	var data, th []byte
	if err := db.reader(ctx).QueryRow("SELECT owner_type, owner_id, content_type, data, thumb FROM attachments WHERE id = ?", id).
		Scan(&ownerType, &ownerID, &ctype, &data, &th); err != nil {
		return "", nil, notFound(err)
	}
	if err := db.canSeeOwner(ctx, actor, ownerType, ownerID); err != nil {
		return "", nil, err
	}
	if thumb && th != nil {
		return "image/jpeg", th, nil
	}
	return ctype, data, nil
}

func (db *DB) canSeeOwner(ctx context.Context, actor *tuijin.Actor, ownerType string, ownerID int64) error {
	var err error
	switch ownerType {
	case "problem":
		_, err = db.reader(ctx).problem(actor, ownerID)
	case "visit":
		_, err = db.Visit(ctx, actor, ownerID)
	default:
		err = tuijin.ErrNotFound
	}
	return err
}

func daysBetween(a, b string) int {
	ta, errA := time.Parse(time.DateOnly, a)
	tb, errB := time.Parse(time.DateOnly, b)
	if errA != nil || errB != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}
