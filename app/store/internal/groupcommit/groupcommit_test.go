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

// TestStalledCommit: a commit that ignores its context and outlives
// CommitTimeout (a frozen disk under SQLite) gets its callers
// ErrCommitTimeout at the timeout; meanwhile answers waiting in the queue
// and new ones get ErrStalled at once and are never committed; when the
// commit returns, answers are taken again.
func TestStalledCommit(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var committed []string
	c := New(func(_ context.Context, as []quiz.Answer) ([]bool, error) {
		if as[0].ID == "stuck" {
			<-release // deaf to the context, as an fsync is
		}
		mu.Lock()
		for _, a := range as {
			committed = append(committed, a.ID)
		}
		mu.Unlock()
		return make([]bool, len(as)), nil
	}, Options{CommitTimeout: 100 * time.Millisecond})
	defer c.Close()

	stuck := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := c.Save(context.Background(), quiz.Answer{ID: "stuck"})
		stuck <- err
	}()
	for c.QueueDepth() == 0 {
		time.Sleep(time.Millisecond)
	}
	queued := make(chan error, 1)
	go func() {
		_, err := c.Save(context.Background(), quiz.Answer{ID: "queued"})
		queued <- err
	}()
	if err := <-stuck; !errors.Is(err, ErrCommitTimeout) {
		t.Fatalf("the stuck commit's caller: %v, want ErrCommitTimeout", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the stuck commit's caller waited %v, want about the 100 ms timeout", took)
	}
	if err := <-queued; !errors.Is(err, ErrStalled) {
		t.Errorf("an answer queued behind it: %v, want ErrStalled", err)
	}
	if !c.Stalled() {
		t.Error("Stalled() = false while the commit is stuck")
	}
	if _, err := c.Save(context.Background(), quiz.Answer{ID: "new"}); !errors.Is(err, ErrStalled) {
		t.Errorf("a new answer while stalled: %v, want ErrStalled at once", err)
	}

	close(release)
	deadline := time.Now().Add(5 * time.Second)
	for c.Stalled() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if _, err := c.Save(context.Background(), quiz.Answer{ID: "after"}); err != nil {
		t.Fatalf("after the stall: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := fmt.Sprint(committed); got != "[stuck after]" {
		t.Errorf("committed %s, want [stuck after]: the answers refused during the stall must not be stored", got)
	}
	if d := c.QueueDepth(); d != 0 {
		t.Errorf("QueueDepth = %d, want 0", d)
	}
}

// TestStallWithFullQueue: a commit stuck while the queue is full and more
// callers wait to enter it, all with contexts that never end. Every caller
// is answered at about the commit timeout (the stuck one ErrCommitTimeout,
// the others ErrStalled), Stalled() turns true for the readiness probe, and
// when the commit returns new answers are taken. A caller blocked on the
// full queue used to hold the lock that starting the stall needs: nobody
// was answered and Stalled() stayed false.
func TestStallWithFullQueue(t *testing.T) {
	release := make(chan struct{})
	var commits atomic.Int64
	c := New(func(_ context.Context, as []quiz.Answer) ([]bool, error) {
		if commits.Add(1) == 1 {
			<-release // deaf to the context, as an fsync is
		}
		return make([]bool, len(as)), nil
	}, Options{QueueSize: 2, MaxBatch: 1, CommitTimeout: 300 * time.Millisecond})
	defer func() {
		close(release) // before Close, which waits for the stuck commit
		if !t.Failed() {
			c.Close() // would hang on a deadlocked Committer
		}
	}()

	errs := make(chan error, 4)
	for i := range 4 {
		go func() {
			_, err := c.Save(context.Background(), answer(i))
			errs <- err
		}()
	}
	timeout := time.After(5 * time.Second)
	for range 4 {
		select {
		case err := <-errs:
			if !errors.Is(err, ErrCommitTimeout) && !errors.Is(err, ErrStalled) {
				t.Errorf("a caller got %v, want ErrCommitTimeout or ErrStalled", err)
			}
		case <-timeout:
			t.Fatalf("callers still waiting 5 s after the 300 ms commit timeout; Stalled() = %v", c.Stalled())
		}
	}
	if !c.Stalled() {
		t.Error("Stalled() = false while the commit is stuck")
	}
	release <- struct{}{} // the commit returns
	deadline := time.Now().Add(5 * time.Second)
	for c.Stalled() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if _, err := c.Save(context.Background(), answer(5)); err != nil {
		t.Errorf("after the stall: %v", err)
	}
}

// TestFullQueueGivesUpAtCommitTimeout: with commits slower than callers
// arrive but none stuck, a caller that finds no room in the queue for
// CommitTimeout gets ErrQueueFull (an ErrCommitTimeout, which the stores
// answer 503) instead of waiting behind everyone, whatever its context.
func TestFullQueueGivesUpAtCommitTimeout(t *testing.T) {
	c := New(func(_ context.Context, as []quiz.Answer) ([]bool, error) {
		time.Sleep(100 * time.Millisecond)
		return make([]bool, len(as)), nil
	}, Options{QueueSize: 1, MaxBatch: 1, CommitTimeout: 300 * time.Millisecond})
	defer c.Close()
	var wg sync.WaitGroup
	var full, saved atomic.Int64
	for i := range 20 {
		wg.Go(func() {
			_, err := c.Save(context.Background(), answer(i))
			switch {
			case err == nil:
				saved.Add(1)
			case errors.Is(err, ErrQueueFull):
				full.Add(1)
			default:
				t.Errorf("Save: %v, want nil or ErrQueueFull", err)
			}
		})
	}
	wg.Wait()
	// 20 commits of 100 ms one after another take 2 s; at most about 4 fit
	// in the 300 ms a caller waits for room, plus the one queued.
	if full.Load() == 0 || saved.Load() == 0 {
		t.Errorf("%d saved, %d refused for a full queue; want both", saved.Load(), full.Load())
	}
	if !errors.Is(ErrQueueFull, ErrCommitTimeout) {
		t.Error("ErrQueueFull is not an ErrCommitTimeout: the stores would answer it 500")
	}
}
