// Package groupcommit turns many concurrent SaveAnswer calls into few
// transactions: one writer goroutine takes whatever answers are queued, commits
// them together, then tells each caller its own result.
//
// A durable commit costs one fsync whether it holds one answer or five
// hundred, so batching is how a store acknowledges thousands of answers a
// second without acknowledging any before it is on disk. There is no timer:
// while one batch commits, the next one queues up, so a lone answer is
// committed at once and a burst forms large batches by itself.
package groupcommit

import (
	"context"
	"errors"
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
	commit  CommitFunc
	opts    Options
	reqs    chan *request
	mu      sync.RWMutex // guards closed against sends on a closed reqs
	closed  bool
	pending atomic.Int64
	done    chan struct{}
}

type request struct {
	ctx    context.Context
	answer quiz.Answer
	result chan result // buffered: the writer never blocks on a caller
}

type result struct {
	stored bool
	err    error
}

// ErrClosed is returned by Save after Close.
var ErrClosed = errors.New("answer store is closed")

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
	go c.run()
	return c
}

// Save queues the answer and waits until its batch is committed or ctx ends.
// When ctx ends first the answer may still be committed; an answer id makes
// resending it harmless.
func (c *Committer) Save(ctx context.Context, a quiz.Answer) (bool, error) {
	r := &request{ctx: ctx, answer: a, result: make(chan result, 1)}
	c.pending.Add(1)
	if err := c.enqueue(r); err != nil {
		c.pending.Add(-1)
		return false, err
	}
	select {
	case res := <-r.result:
		return res.stored, res.err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

func (c *Committer) enqueue(r *request) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return ErrClosed
	}
	select {
	case c.reqs <- r:
		return nil
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
}

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
		live = append(live, r)
		answers = append(answers, r.answer)
	}
	if len(live) == 0 {
		return answers
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.opts.CommitTimeout)
	stored, err := c.commit(ctx, answers)
	cancel()
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

func (c *Committer) reply(r *request, res result) {
	r.result <- res
	c.pending.Add(-1)
}
