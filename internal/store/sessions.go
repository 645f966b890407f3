package store

import (
	"context"
	"time"

	"tuijin"
	"tuijin/internal/auth"
)

// Session lifetimes: government level-3 controls ask for an idle timeout;
// the absolute limit ends a session at the latest the next working day.
const (
	SessionIdle     = 2 * time.Hour
	SessionAbsolute = 12 * time.Hour
	// touchEvery bounds how often a busy session writes its last-seen time.
	touchEvery = time.Minute
)

// CreateSession logs u in and returns the cookie secret.
func (db *DB) CreateSession(ctx context.Context, u *tuijin.User, ip, userAgent string) (string, error) {
	secret := auth.Secret(32)
	actor := tuijin.ActorFor(u)
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		now := ts(tx.now)
		if _, err := tx.Exec(`INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, auth.Digest(secret), u.ID, now, now, ts(tx.now.Add(SessionAbsolute)), ip, truncate(userAgent, 300)); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE users SET last_login_at = ? WHERE id = ?", now, u.ID); err != nil {
			return err
		}
		// Sweep this user's expired sessions while we are here.
		if _, err := tx.Exec("DELETE FROM sessions WHERE user_id = ? AND (expires_at < ? OR last_seen_at < ?)",
			u.ID, now, ts(tx.now.Add(-SessionIdle))); err != nil {
			return err
		}
		return tx.Audit("login", "user", u.ID, map[string][2]any{"ip": {nil, ip}})
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// SessionUser returns the user of a live session, or ErrNotFound.
func (db *DB) SessionUser(ctx context.Context, secret string) (*tuijin.User, string, error) {
	id := auth.Digest(secret)
	var userID int64
	var last, exp timeCol
	err := db.reader(ctx).QueryRow("SELECT user_id, last_seen_at, expires_at FROM sessions WHERE id = ?", id).Scan(&userID, &last, &exp)
	if err != nil {
		return nil, "", notFound(err)
	}
	now := db.Now()
	if now.After(exp.T) || now.Sub(last.T) > SessionIdle {
		return nil, "", tuijin.ErrNotFound
	}
	u, err := db.reader(ctx).user("u.id = ?", userID)
	if err != nil || !u.Active {
		return nil, "", tuijin.ErrNotFound
	}
	if now.Sub(last.T) > touchEvery {
		if _, err := db.write.ExecContext(ctx, db.dialect.rebind("UPDATE sessions SET last_seen_at = ? WHERE id = ?"), ts(now), id); err != nil {
			return nil, "", err
		}
	}
	return u, id, nil
}

// DeleteSession logs out.
func (db *DB) DeleteSession(ctx context.Context, actor *tuijin.Actor, sessionID string) error {
	return db.InTx(ctx, actor, func(tx *Tx) error {
		if _, err := tx.Exec("DELETE FROM sessions WHERE id = ?", sessionID); err != nil {
			return err
		}
		return tx.Audit("logout", "user", actor.UserID, nil)
	})
}

// LoginFailures counts failures per key since t.
func (db *DB) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := db.reader(ctx).QueryRow("SELECT COUNT(*) FROM login_failures WHERE key = ? AND at >= ?", key, ts(since)).Scan(&n)
	return n, err
}

// RecordLoginFailure notes a failed login under each key and forgets
// failures older than an hour.
func (db *DB) RecordLoginFailure(ctx context.Context, keys ...string) error {
	return db.InTx(ctx, tuijin.SystemActor, func(tx *Tx) error {
		for _, k := range keys {
			if _, err := tx.Exec("INSERT INTO login_failures (key, at) VALUES (?, ?)", k, ts(tx.now)); err != nil {
				return err
			}
		}
		_, err := tx.Exec("DELETE FROM login_failures WHERE at < ?", ts(tx.now.Add(-time.Hour)))
		return err
	})
}

// ClearLoginFailures forgets the failures of key after a good login.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := db.write.ExecContext(ctx, db.dialect.rebind("DELETE FROM login_failures WHERE key = ?"), key)
	return err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
