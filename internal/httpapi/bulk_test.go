package httpapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Whole-list work runs one at a time; a request that gives up while it
// waits never runs; an upload reaches the handler whole.
func TestBulkOneAtATime(t *testing.T) {
	s := &Server{bulkSlot: make(chan struct{}, 1)}
	var running, most, runs atomic.Int32
	release := make(chan struct{})
	h := s.bulk(func(w http.ResponseWriter, r *http.Request) error {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		runs.Add(1)
		b, _ := io.ReadAll(r.Body)
		if string(b) != "一张表" {
			t.Errorf("body %q", b)
		}
		<-release
		return nil
	})
	done := make(chan error, 3)
	for range 2 {
		go func() {
			done <- h(httptest.NewRecorder(), httptest.NewRequest("POST", "/", strings.NewReader("一张表")))
		}()
	}
	for runs.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		done <- h(httptest.NewRecorder(), httptest.NewRequest("POST", "/", strings.NewReader("一张表")).WithContext(ctx))
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("a waiting request that gave up: %v", err)
	}
	close(release)
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if most.Load() != 1 || runs.Load() != 2 {
		t.Fatalf("%d ran at once, %d ran", most.Load(), runs.Load())
	}
}
