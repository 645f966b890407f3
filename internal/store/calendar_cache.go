package store

import (
	"context"
	"sync"
	"time"

	"tuijin/internal/calendar"
)

// CalendarCache keeps the working-day calendar (built-in data plus the
// admins' overrides) in memory. It checks the overrides' revision at most
// once per MaxAge and rebuilds when it moved, so a change made through
// another instance is seen within MaxAge; the writing instance calls
// Invalidate and sees its own change at once.
type CalendarCache struct {
	db     *DB
	maxAge time.Duration

	mu      sync.Mutex
	cal     *calendar.Calendar
	rev     int64
	checked time.Time
}

// NewCalendarCache returns a cache over db that rechecks every maxAge.
func NewCalendarCache(db *DB, maxAge time.Duration) *CalendarCache {
	return &CalendarCache{db: db, maxAge: maxAge}
}

// Calendar returns the current calendar.
func (c *CalendarCache) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.db.Now()
	if c.cal != nil && now.Sub(c.checked) < c.maxAge {
		return c.cal, nil
	}
	rev, err := c.db.CalendarRevision(ctx)
	if err != nil {
		return nil, err
	}
	if c.cal == nil || rev != c.rev {
		overrides, rev, err := c.db.CalendarOverrides(ctx)
		if err != nil {
			return nil, err
		}
		c.cal, c.rev = calendar.New(overrides), rev
	}
	c.checked = now
	return c.cal, nil
}

// Invalidate makes the next Calendar call check the database.
func (c *CalendarCache) Invalidate() {
	c.mu.Lock()
	c.checked = time.Time{}
	c.mu.Unlock()
}
