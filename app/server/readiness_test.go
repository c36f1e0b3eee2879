package server

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestReadinessDoesNotWaitForAStuckStore: a Ping that ignores its context
// (waiting for a lock, say) costs a probe the timeout, not forever, and
// probes meanwhile do not pile up more checks.
func TestReadinessDoesNotWaitForAStuckStore(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	rd := newReadiness(func(context.Context) error {
		calls.Add(1)
		<-release
		return nil
	})
	rd.timeout = 50 * time.Millisecond
	for range 3 {
		start := time.Now()
		if err := rd.check(context.Background()); err == nil {
			t.Fatal("ready while the store is stuck")
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("a probe waited %v", d)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d store checks in flight, want 1", n)
	}
	close(release)
}

// TestReadinessCachesItsAnswer: probes within a second share one check.
func TestReadinessCachesItsAnswer(t *testing.T) {
	now := time.Date(2017, 1, 28, 9, 0, 0, 0, time.UTC)
	var calls atomic.Int32
	fail := atomic.Bool{}
	rd := newReadiness(func(context.Context) error {
		calls.Add(1)
		if fail.Load() {
			return errors.New("gone")
		}
		return nil
	})
	rd.now = func() time.Time { return now }
	for range 5 {
		if err := rd.check(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d checks for 5 probes within a second, want 1", n)
	}
	fail.Store(true)
	now = now.Add(readyCacheFor)
	if err := rd.check(context.Background()); err == nil {
		t.Error("ready after the store failed and the cache expired")
	}
	rd.drain()
	fail.Store(false)
	now = now.Add(readyCacheFor)
	if err := rd.check(context.Background()); !errors.Is(err, errDraining) {
		t.Errorf("while draining: %v, want errDraining", err)
	}
}
