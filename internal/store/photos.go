package store

import (
	"context"

	"tuijin"
)

func (r reader) photos(reportID int64) ([]tuijin.Photo, error) {
	rows, err := r.Query("SELECT id, name, content_type, size, width, height, created_at FROM report_photos WHERE report_id = ? ORDER BY id", reportID)
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

// MaxPhotos bounds the photos of one report.
const MaxPhotos = 20

// AddPhoto attaches an image (original and thumbnail) to a report that can
// still be edited.
func (db *DB) AddPhoto(ctx context.Context, actor *tuijin.Actor, reportID int64, p tuijin.Photo, data, thumb []byte) (*tuijin.Photo, error) {
	if err := actor.Require(tuijin.PermFillReports); err != nil {
		return nil, err
	}
	var out tuijin.Photo
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		rep, err := tx.reader().report(actor, reportID)
		if err != nil {
			return err
		}
		if rep.Status != tuijin.ReportDraft && rep.Status != tuijin.ReportReturned {
			return &tuijin.Error{Code: tuijin.ECONFLICT, Key: "report_is_" + string(rep.Status)}
		}
		if len(rep.Photos) >= MaxPhotos {
			return tuijin.Errorf(tuijin.EINVALID, "too_many_photos", MaxPhotos)
		}
		var id int64
		if err := tx.QueryRow(`INSERT INTO report_photos (report_id, name, content_type, size, width, height, data, thumb, user_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, reportID, p.Name, p.ContentType, len(data), p.Width, p.Height,
			data, thumb, nullInt(actorID(actor)), ts(tx.now)).Scan(&id); err != nil {
			return err
		}
		out = p
		out.ID, out.Size, out.CreatedAt = id, int64(len(data)), tx.now
		return tx.Audit("create", "report_photo", id, map[string][2]any{"report_id": {nil, reportID}, "name": {nil, p.Name}})
	})
	return &out, err
}

// PhotoData returns a photo's bytes (the thumbnail when thumb) if the actor
// may see its report.
func (db *DB) PhotoData(ctx context.Context, actor *tuijin.Actor, id int64, thumb bool) (string, []byte, error) {
	r := db.reader(ctx)
	var reportID int64
	var ctype string
	var data []byte
	col := "data"
	if thumb {
		col = "thumb"
	}
	if err := r.QueryRow("SELECT report_id, content_type, "+col+" FROM report_photos WHERE id = ?", id).Scan(&reportID, &ctype, &data); err != nil {
		return "", nil, notFound(err)
	}
	if _, err := r.report(actor, reportID); err != nil {
		return "", nil, err
	}
	if thumb {
		ctype = "image/jpeg"
	}
	return ctype, data, nil
}

// DeletePhoto removes a photo from a report that can still be edited.
func (db *DB) DeletePhoto(ctx context.Context, actor *tuijin.Actor, id int64) error {
	if err := actor.Require(tuijin.PermFillReports); err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		var reportID int64
		if err := tx.QueryRow("SELECT report_id FROM report_photos WHERE id = ?", id).Scan(&reportID); err != nil {
			return notFound(err)
		}
		rep, err := tx.reader().report(actor, reportID)
		if err != nil {
			return err
		}
		if rep.Status != tuijin.ReportDraft && rep.Status != tuijin.ReportReturned {
			return &tuijin.Error{Code: tuijin.ECONFLICT, Key: "report_is_" + string(rep.Status)}
		}
		if _, err := tx.Exec("DELETE FROM report_photos WHERE id = ?", id); err != nil {
			return err
		}
		return tx.Audit("delete", "report_photo", id, map[string][2]any{"report_id": {reportID, nil}})
	})
}
