package groupcommit

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/quiz"
)

func answer(n int) quiz.Answer { return quiz.Answer{ID: fmt.Sprint(n)} }

// TestBatches: answers queued while a commit runs are committed together, and
// each caller gets its own result.
func TestBatches(t *testing.T) {
	release := make(chan struct{})
	var batches atomic.Int64
	var sizes []int
	c := New(func(ctx context.Context, as []quiz.Answer) ([]bool, error) {
		if batches.Add(1) == 1 {
			<-release // hold the first commit so the others queue up
		}
		sizes = append(sizes, len(as))
		stored := make([]bool, len(as))
		for i, a := range as {
			stored[i] = a.ID != "odd" && len(a.ID)%2 == 0 // arbitrary, per answer
		}
		return stored, nil
	}, Options{})
	defer c.Close()

	var wg sync.WaitGroup
	results := make([]bool, 11)
	save := func(i int) {
		stored, err := c.Save(context.Background(), answer(i))
		if err != nil {
			t.Error(err)
		}
		results[i] = stored
	}
	wg.Go(func() { save(0) })
	for batches.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	for i := 1; i <= 10; i++ {
		wg.Go(func() { save(i) })
	}
	for c.QueueDepth() < 11 {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	if len(sizes) != 2 || sizes[0] != 1 || sizes[1] != 10 {
		t.Errorf("batch sizes = %v, want [1 10]", sizes)
	}
	for i, got := range results {
		if want := len(fmt.Sprint(i))%2 == 0; got != want {
			t.Errorf("answer %d: stored = %v, want %v", i, got, want)
		}
	}
	if d := c.QueueDepth(); d != 0 {
		t.Errorf("QueueDepth = %d after all commits, want 0", d)
	}
}

func TestCommitErrorReachesEveryCaller(t *testing.T) {
	boom := errors.New("disk full")
	c := New(func(context.Context, []quiz.Answer) ([]bool, error) { return nil, boom }, Options{})
	defer c.Close()
	if _, err := c.Save(context.Background(), answer(1)); !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
}

// TestCancelledInQueueIsNotCommitted: an answer whose caller gave up while it
// waited is left out of the batch.
func TestCancelledInQueueIsNotCommitted(t *testing.T) {
	release := make(chan struct{})
	var committed sync.Map
	var first atomic.Bool
	c := New(func(ctx context.Context, as []quiz.Answer) ([]bool, error) {
		if first.CompareAndSwap(false, true) {
			<-release
		}
		for _, a := range as {
			committed.Store(a.ID, true)
		}
		return make([]bool, len(as)), nil
	}, Options{})
	defer c.Close()

	go c.Save(context.Background(), answer(1))
	for !first.Load() {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.Save(ctx, answer(2)); done <- err }()
	for c.QueueDepth() < 2 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	close(release)
	c.Save(context.Background(), answer(3)) // flushes the queue
	if _, ok := committed.Load("2"); ok {
		t.Errorf("the cancelled answer was committed")
	}
}

// TestCloseCommitsQueued: Close waits for queued answers; Save afterwards fails.
func TestCloseCommitsQueued(t *testing.T) {
	var committed atomic.Int64
	c := New(func(ctx context.Context, as []quiz.Answer) ([]bool, error) {
		time.Sleep(time.Millisecond)
		committed.Add(int64(len(as)))
		stored := make([]bool, len(as))
		for i := range stored {
			stored[i] = true
		}
		return stored, nil
	}, Options{MaxBatch: 3})
	var wg sync.WaitGroup
	var acked atomic.Int64
	for i := range 50 {
		wg.Go(func() {
			if ok, err := c.Save(context.Background(), answer(i)); ok && err == nil {
				acked.Add(1)
			}
		})
	}
	for c.QueueDepth() == 0 {
		time.Sleep(time.Millisecond)
	}
	c.Close()
	wg.Wait()
	if acked.Load() != committed.Load() {
		t.Errorf("acknowledged %d, committed %d", acked.Load(), committed.Load())
	}
	if _, err := c.Save(context.Background(), answer(99)); !errors.Is(err, ErrClosed) {
		t.Errorf("Save after Close: err = %v, want ErrClosed", err)
	}
	c.Close() // twice is fine
}
