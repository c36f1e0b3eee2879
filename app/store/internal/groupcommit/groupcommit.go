// Package groupcommit turns many concurrent SaveAnswer calls into few
// transactions: one writer goroutine takes whatever answers are queued, commits
// them together, then tells each caller its own result.
//
// A durable commit costs one fsync whether it holds one answer or five
// hundred, so batching is how a store acknowledges thousands of answers a
// second without acknowledging any before it is on disk. There is no timer:
// while one batch commits, the next one queues up, so a lone answer is
// committed at once and a burst forms large batches by itself.
//
// A commit that outlives CommitTimeout (a stalled disk: an fsync cannot be
// interrupted, and SQLite ignores the context) gets its callers
// ErrCommitTimeout at the timeout, whatever the CommitFunc does with its
// context. Until that commit returns, the Committer is stalled: answers
// waiting in the queue and new ones get ErrStalled at once instead of
// queueing behind a disk that does not answer. A caller waiting for room in
// a full queue gives up at CommitTimeout too (ErrQueueFull), so no caller
// waits on the store for longer than that, whatever its context.
package groupcommit

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"fivecalls/app/quiz"
)

// CommitFunc stores answers in one transaction and reports, per answer,
// whether it was stored (false: a duplicate id or a reader's second answer to
// the question). It returns only after the transaction is durable.
type CommitFunc func(ctx context.Context, answers []quiz.Answer) (stored []bool, err error)

// Options tune a Committer; zero values take the defaults.
type Options struct {
	MaxBatch      int           // answers per transaction; default 1024
	QueueSize     int           // answers waiting before callers block; default 8192
	CommitTimeout time.Duration // per transaction; default 10s
}

// Committer batches answers for a CommitFunc.
type Committer struct {
	commit CommitFunc
	opts   Options
	reqs   chan *request
	mu     sync.RWMutex // guards closed against sends on a closed reqs
	closed bool
	// stall is closed when a stall begins; a new one replaces it when it
	// ends. Only the writer goroutine changes it, and not under mu: callers
	// blocked on a full queue hold mu (read) and wait for the stall to wake
	// them, so a stall that needed mu would never begin.
	stall   atomic.Pointer[chan struct{}]
	stalled atomic.Bool
	pending atomic.Int64
	done    chan struct{}
}

type request struct {
	ctx       context.Context
	answer    quiz.Answer
	result    chan result // buffered: the writer never blocks on a caller
	abandoned atomic.Bool // the caller got ErrStalled: leave the answer out
}

type result struct {
	stored bool
	err    error
}

// Errors of Save.
var (
	// ErrClosed: Save after Close.
	ErrClosed = errors.New("answer store is closed")
	// ErrCommitTimeout: the answer's commit took longer than
	// CommitTimeout. It may still be committed; a resend is safe.
	ErrCommitTimeout = errors.New("the commit did not finish in time")
	// ErrStalled: a commit is stuck past CommitTimeout; the answer was not
	// committed, and will not be (unless it was already in the batch).
	ErrStalled = errors.New("the store is stalled: a commit has not finished in time")
	// ErrQueueFull: the queue stayed full for CommitTimeout, so the
	// answer was not queued, nor committed. It is an ErrCommitTimeout
	// (errors.Is), which the stores answer as unavailable: the store
	// cannot keep up.
	ErrQueueFull = fmt.Errorf("the answer queue stayed full: %w", ErrCommitTimeout)
)

// New starts the writer goroutine; Close stops it.
func New(commit CommitFunc, opts Options) *Committer {
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 1024
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = 8192
	}
	if opts.CommitTimeout <= 0 {
		opts.CommitTimeout = 10 * time.Second
	}
	c := &Committer{
		commit: commit,
		opts:   opts,
		reqs:   make(chan *request, opts.QueueSize),
		done:   make(chan struct{}),
	}
	stall := make(chan struct{})
	c.stall.Store(&stall)
	go c.run()
	return c
}

// Save queues the answer and waits until its batch is committed or ctx ends.
// When ctx ends first the answer may still be committed; resending it is
// harmless (a reader's answer to a question is stored once).
func (c *Committer) Save(ctx context.Context, a quiz.Answer) (bool, error) {
	if c.stalled.Load() {
		return false, ErrStalled
	}
	r := &request{ctx: ctx, answer: a, result: make(chan result, 1)}
	c.pending.Add(1)
	stall, err := c.enqueue(r)
	if err != nil {
		c.pending.Add(-1)
		return false, err
	}
	select {
	case res := <-r.result:
		return res.stored, res.err
	case <-ctx.Done():
		return false, ctx.Err()
	case <-stall:
		r.abandoned.Store(true)
		select {
		case res := <-r.result: // it was answered meanwhile after all
			return res.stored, res.err
		default:
			return false, ErrStalled
		}
	}
}

// enqueue queues r and returns the channel that closes if a stall begins
// while r waits. When the queue is full it waits for room until ctx ends,
// a stall begins or CommitTimeout passes (ErrQueueFull).
func (c *Committer) enqueue(r *request) (stall <-chan struct{}, err error) {
	stall = *c.stall.Load() // before queueing: a stall that begins after is seen
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return nil, ErrClosed
	}
	select {
	case c.reqs <- r:
		return stall, nil
	default:
	}
	full := time.NewTimer(c.opts.CommitTimeout)
	defer full.Stop()
	select {
	case c.reqs <- r:
		return stall, nil
	case <-r.ctx.Done():
		return nil, r.ctx.Err()
	case <-stall:
		return nil, ErrStalled
	case <-full.C:
		return nil, ErrQueueFull
	}
}

// Stalled reports whether a commit has been running for longer than
// CommitTimeout, for a readiness probe.
func (c *Committer) Stalled() bool { return c.stalled.Load() }

// QueueDepth returns how many answers wait for their commit, including the
// batch being committed. A depth that keeps growing means the database cannot
// keep up.
func (c *Committer) QueueDepth() int { return int(c.pending.Load()) }

// Close stops accepting answers, commits those already queued and waits for
// the writer to finish.
func (c *Committer) Close() {
	c.mu.Lock()
	if !c.closed {
		c.closed = true
		close(c.reqs)
	}
	c.mu.Unlock()
	<-c.done
}

func (c *Committer) run() {
	defer close(c.done)
	batch := make([]*request, 0, c.opts.MaxBatch)
	answers := make([]quiz.Answer, 0, c.opts.MaxBatch)
	for first := range c.reqs {
		batch = append(batch[:0], first)
	fill:
		for len(batch) < c.opts.MaxBatch {
			select {
			case r, ok := <-c.reqs:
				if !ok {
					break fill
				}
				batch = append(batch, r)
			default:
				break fill
			}
		}
		answers = c.flush(batch, answers[:0])
	}
}

// flush commits one batch and answers its callers. Callers that already gave
// up are left out, so an answer whose request timed out in the queue is not
// stored behind the reader's back.
func (c *Committer) flush(batch []*request, answers []quiz.Answer) []quiz.Answer {
	live := batch[:0]
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			c.reply(r, result{err: err})
			continue
		}
		if r.abandoned.Load() {
			c.reply(r, result{err: ErrStalled})
			continue
		}
		live = append(live, r)
		answers = append(answers, r.answer)
	}
	if len(live) == 0 {
		return answers
	}
	stored, late, err := c.commitWithin(answers)
	if late != nil {
		// Stalled: the callers are told now; the next batch waits for
		// the stuck commit.
		defer func() {
			<-late
			c.setStalled(false)
		}()
	}
	if err == nil && len(stored) != len(live) {
		err = errors.New("groupcommit: commit returned the wrong number of results")
	}
	for i, r := range live {
		if err != nil {
			c.reply(r, result{err: err})
		} else {
			c.reply(r, result{stored: stored[i]})
		}
	}
	return answers
}

// commitWithin runs the commit and returns its result, or ErrCommitTimeout
// once CommitTimeout has passed. Then the Committer is stalled, and late is
// closed when the commit returns at last: until then answers is the
// commit's, and the stores expect one commit at a time.
func (c *Committer) commitWithin(answers []quiz.Answer) (stored []bool, late <-chan struct{}, err error) {
	var (
		commitStored []bool // written by the commit's goroutine, read after finished
		commitErr    error
		finished     = make(chan struct{})
	)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), c.opts.CommitTimeout)
		commitStored, commitErr = c.commit(ctx, answers)
		cancel()
		close(finished)
	}()
	t := time.NewTimer(c.opts.CommitTimeout)
	defer t.Stop()
	select {
	case <-finished:
		return commitStored, nil, commitErr
	case <-t.C:
		c.setStalled(true)
		return nil, finished, ErrCommitTimeout
	}
}

// setStalled starts or ends a stall. Starting one wakes the callers waiting
// in the queue or for room in it, which give up with ErrStalled. Only the
// writer goroutine calls it, so it needs no lock (see Committer.stall).
func (c *Committer) setStalled(on bool) {
	if on == c.stalled.Load() {
		return
	}
	if on {
		c.stalled.Store(true)
		close(*c.stall.Load())
	} else {
		next := make(chan struct{})
		c.stall.Store(&next)
		c.stalled.Store(false)
	}
}

func (c *Committer) reply(r *request, res result) {
	r.result <- res
	c.pending.Add(-1)
}
