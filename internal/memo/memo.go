// Package memo keeps the results of heavy reads (the light board, the
// cockpit, the battle map) under keys that name everything the result was
// computed from: the reader's scope, the request's parameters, the day, and
// the generations of the tables read (store.Heads). A key that is still
// asked for with the same generations is answered from memory; concurrent
// requests for a key being computed wait for that one computation instead
// of each holding their own copy, and at most a few computations of any
// key run at once, so a burst of heavy pages queues instead of taking the
// server's memory.
package memo

import (
	"context"
	"sync"
)

// Cache holds up to max results; the least recently used goes first.
type Cache[V any] struct {
	max   int
	slots Slots // computations running at once, maybe shared with other caches

	mu      sync.Mutex
	tick    uint64
	entries map[string]*entry[V]
	calls   map[string]*call[V]

	hits, misses uint64
}

type entry[V any] struct {
	v       V
	version string
	used    uint64
}

type call[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// Slots bound the computations running at once; caches may share them.
type Slots chan struct{}

// NewSlots returns room for n computations at once (at least one).
func NewSlots(n int) Slots { return make(Slots, max(n, 1)) }

// New returns a cache of at most max results whose computations take one
// of slots each.
func New[V any](max int, slots Slots) *Cache[V] {
	return &Cache[V]{max: max, slots: slots, entries: map[string]*entry[V]{}, calls: map[string]*call[V]{}}
}

// Get returns the value kept under key when it was computed at version
// (the generations it read), or computes it with compute, keeps it in place
// of any older version, and returns it. Errors are not kept.
func (c *Cache[V]) Get(ctx context.Context, key, version string, compute func(context.Context) (V, error)) (V, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && e.version == version {
		c.tick++
		e.used = c.tick
		c.hits++
		c.mu.Unlock()
		return e.v, nil
	}
	if cl, ok := c.calls[key+"\x00"+version]; ok {
		c.mu.Unlock()
		select {
		case <-cl.done:
			return cl.v, cl.err
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
	}
	cl := &call[V]{done: make(chan struct{})}
	c.calls[key+"\x00"+version] = cl
	c.misses++
	c.mu.Unlock()

	cl.v, cl.err = c.run(ctx, compute)

	c.mu.Lock()
	delete(c.calls, key+"\x00"+version)
	if cl.err == nil {
		c.put(key, version, cl.v)
	}
	c.mu.Unlock()
	close(cl.done)
	return cl.v, cl.err
}

// run computes under a slot, so that few heavy computations run at once.
func (c *Cache[V]) run(ctx context.Context, compute func(context.Context) (V, error)) (V, error) {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
	defer func() { <-c.slots }()
	return compute(ctx)
}

// put keeps v under key, dropping the least recently used entry when full.
// The caller holds mu.
func (c *Cache[V]) put(key, version string, v V) {
	if c.max <= 0 {
		return
	}
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		var oldest string
		var used uint64
		for k, e := range c.entries {
			if oldest == "" || e.used < used {
				oldest, used = k, e.used
			}
		}
		delete(c.entries, oldest)
	}
	c.tick++
	c.entries[key] = &entry[V]{v: v, version: version, used: c.tick}
}

// Stats returns how many Gets were answered from memory and how many
// computed.
func (c *Cache[V]) Stats() (hits, misses uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}
