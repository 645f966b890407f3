package memo

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestVersionsAndErrors(t *testing.T) {
	c := New[int](2, NewSlots(1))
	ctx := context.Background()
	calls := 0
	f := func(v int) func(context.Context) (int, error) {
		return func(context.Context) (int, error) { calls++; return v, nil }
	}
	if v, _ := c.Get(ctx, "a", "1", f(10)); v != 10 {
		t.Fatalf("first get %d", v)
	}
	if v, _ := c.Get(ctx, "a", "1", f(11)); v != 10 || calls != 1 {
		t.Fatalf("same version recomputed: %d after %d calls", v, calls)
	}
	if v, _ := c.Get(ctx, "a", "2", f(12)); v != 12 || calls != 2 {
		t.Fatalf("new version kept the old value: %d after %d calls", v, calls)
	}
	if _, err := c.Get(ctx, "b", "1", func(context.Context) (int, error) { return 0, errors.New("boom") }); err == nil {
		t.Fatal("error lost")
	}
	if v, _ := c.Get(ctx, "b", "1", f(13)); v != 13 {
		t.Fatalf("an error was kept: %d", v)
	}
	// Full: c is least recently used after a and b were used.
	c.Get(ctx, "a", "2", f(0))
	c.Get(ctx, "c", "1", f(14))
	if len(c.entries) != 2 || c.entries["b"] != nil {
		t.Fatalf("eviction kept %v", c.entries)
	}
	hits, misses := c.Stats()
	if hits != 2 || misses != 5 {
		t.Fatalf("stats %d hits %d misses", hits, misses)
	}
}

// Concurrent requests for one key share one computation.
func TestOneComputation(t *testing.T) {
	c := New[int](4, NewSlots(1))
	var n atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.Get(context.Background(), "k", "1", func(context.Context) (int, error) {
				n.Add(1)
				<-release
				return 7, nil
			})
			if err != nil || v != 7 {
				t.Errorf("got %d %v", v, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n.Load() != 1 {
		t.Fatalf("%d computations for one key", n.Load())
	}
}

// At most parallel computations run at once; a waiter gives up with its
// context.
func TestSlots(t *testing.T) {
	c := New[int](4, NewSlots(1))
	started := make(chan struct{})
	release := make(chan struct{})
	go c.Get(context.Background(), "a", "1", func(context.Context) (int, error) {
		close(started)
		<-release
		return 1, nil
	})
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	ran := false
	_, err := c.Get(ctx, "b", "1", func(context.Context) (int, error) { ran = true; return 2, nil })
	if !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Fatalf("second computation ran beside the first: %v %v", err, ran)
	}
	close(release)
}
