package tuijin

import "time"

// Token is an API token for scripts (Authorization: Bearer). Only its
// digest is kept; the secret is shown once, when it is made.
type Token struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	UserID     int64      `json:"user_id"`
	Username   string     `json:"username"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}
