package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Timestamps are stored as fixed-width UTC text on both engines, so they
// sort as text, read the same everywhere, and need no driver conversions.
const tsLayout = "2006-01-02T15:04:05.000000Z"

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func tsPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

// timeCol scans a timestamp column (NULL allowed).
type timeCol struct {
	T     time.Time
	Valid bool
}

func (c *timeCol) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		c.Valid = false
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("store: timestamp of type %T", v)
	}
	t, err := time.Parse(tsLayout, s)
	if err != nil {
		return err
	}
	c.T, c.Valid = t, true
	return nil
}

func (c timeCol) Ptr() *time.Time {
	if !c.Valid {
		return nil
	}
	t := c.T
	return &t
}

// jsonCol scans and stores a JSON text column into Dst.
type jsonCol struct{ Dst any }

func (c jsonCol) Scan(v any) error {
	var b []byte
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("store: json of type %T", v)
	}
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, c.Dst)
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own types are stored; a failure is a bug
	}
	return string(b)
}

func nullInt(p *int64) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *p, Valid: true}
}

func intPtr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}
