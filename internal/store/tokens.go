package store

import (
	"context"
	"time"

	"tuijin"
	"tuijin/internal/auth"
)

const tokenCols = `t.id, t.name, t.user_id, u.username, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at`

func scanToken(s interface{ Scan(...any) error }) (*tuijin.Token, error) {
	var t tuijin.Token
	var c, e, l, r timeCol
	if err := s.Scan(&t.ID, &t.Name, &t.UserID, &t.Username, &t.Prefix, &c, &e, &l, &r); err != nil {
		return nil, notFound(err)
	}
	t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt = c.T, e.Ptr(), l.Ptr(), r.Ptr()
	return &t, nil
}

// CreateToken makes an API token acting as userID and returns its secret,
// which is not kept and cannot be shown again.
func (db *DB) CreateToken(ctx context.Context, actor *tuijin.Actor, userID int64, name string, expires *time.Time) (string, *tuijin.Token, error) {
	if err := actor.Require(tuijin.PermManageTokens); err != nil {
		return "", nil, err
	}
	if name == "" || len([]rune(name)) > 100 {
		return "", nil, invalidField("name", "required")
	}
	secret := "tj_" + auth.Secret(32)
	var tok *tuijin.Token
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM users WHERE id = ? AND active = ?", userID, true).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return invalidField("user_id", "no_such_user")
		}
		var id int64
		if err := tx.QueryRow(`INSERT INTO api_tokens (name, user_id, token_hash, prefix, created_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, name, userID, auth.Digest(secret), secret[:9],
			nullInt(actorID(actor)), ts(tx.now), tsPtr(expires)).Scan(&id); err != nil {
			return err
		}
		var err error
		if tok, err = scanToken(tx.QueryRow("SELECT "+tokenCols+" FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?", id)); err != nil {
			return err
		}
		return tx.Audit("create", "api_token", id, tuijin.Changes(nil, tok))
	})
	if err != nil {
		return "", nil, err
	}
	return secret, tok, nil
}

func actorID(a *tuijin.Actor) *int64 {
	if a.System || a.UserID == 0 {
		return nil
	}
	id := a.UserID
	return &id
}

// Tokens lists API tokens, newest first.
func (db *DB) Tokens(ctx context.Context, actor *tuijin.Actor) ([]tuijin.Token, error) {
	if err := actor.Require(tuijin.PermManageTokens); err != nil {
		return nil, err
	}
	rows, err := db.reader(ctx).Query("SELECT " + tokenCols + " FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuijin.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// RevokeToken ends a token.
func (db *DB) RevokeToken(ctx context.Context, actor *tuijin.Actor, id int64) error {
	if err := actor.Require(tuijin.PermManageTokens); err != nil {
		return err
	}
	return db.InTx(ctx, actor, func(tx *Tx) error {
		res, err := tx.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", ts(tx.now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return tuijin.ErrNotFound
		}
		return tx.Audit("revoke", "api_token", id, nil)
	})
}

// TokenUser returns the user a live token acts for.
func (db *DB) TokenUser(ctx context.Context, secret string) (*tuijin.User, error) {
	var id, userID int64
	var exp, last, rev timeCol
	err := db.reader(ctx).QueryRow("SELECT id, user_id, expires_at, last_used_at, revoked_at FROM api_tokens WHERE token_hash = ?",
		auth.Digest(secret)).Scan(&id, &userID, &exp, &last, &rev)
	if err != nil {
		return nil, notFound(err)
	}
	now := db.Now()
	if rev.Valid || (exp.Valid && now.After(exp.T)) {
		return nil, tuijin.ErrNotFound
	}
	u, err := db.reader(ctx).user("u.id = ?", userID)
	if err != nil || !u.Active {
		return nil, tuijin.ErrNotFound
	}
	if !last.Valid || now.Sub(last.T) > touchEvery {
		_, _ = db.write.ExecContext(ctx, db.dialect.rebind("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"), ts(now), id)
	}
	return u, nil
}
