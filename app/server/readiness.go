package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
)

// Readiness timing.
const (
	// readyTimeout bounds the store check: a database slower than this to
	// answer an empty statement is not ready for readers either. Give the
	// probe a timeout above it (Kubernetes' default, 1 s, is not).
	readyTimeout = time.Second
	// readyCacheFor is how long a store check's result is reused: /readyz is
	// public unless --metrics-addr moves it, and a flood of probes must not
	// become a flood of database round trips.
	readyCacheFor = time.Second
)

var errDraining = errors.New("the server is shutting down")

// readiness answers /readyz: whether this instance should get readers now.
// It is not ready while draining (after SIGTERM, before the listener
// closes, so a load balancer stops sending readers first) or while its
// store does not answer. /healthz stays liveness: the process runs.
type readiness struct {
	draining atomic.Bool
	ping     func(context.Context) error // nil: nothing to check
	timeout  time.Duration
	cacheFor time.Duration
	now      func() time.Time

	mu       sync.Mutex
	checked  time.Time // when lastErr was found
	lastErr  error
	inflight *readyProbe // the check running now, if any
	wasReady bool        // the last answer, to log only the changes
}

// readyProbe is one store check; done is closed when err is set.
type readyProbe struct {
	done chan struct{}
	err  error
}

func newReadiness(ping func(context.Context) error) *readiness {
	return &readiness{ping: ping, timeout: readyTimeout, cacheFor: readyCacheFor, now: time.Now, wasReady: true}
}

// drain makes every later check fail.
func (rd *readiness) drain() { rd.draining.Store(true) }

// check returns nil when ready. At most one store check runs at a time, and
// callers wait for it no longer than the timeout, even if the store's Ping
// waits for a lock without watching its context.
func (rd *readiness) check(ctx context.Context) error {
	if rd.draining.Load() {
		return errDraining
	}
	if rd.ping == nil {
		return nil
	}
	rd.mu.Lock()
	if !rd.checked.IsZero() && rd.now().Sub(rd.checked) < rd.cacheFor {
		err := rd.lastErr
		rd.mu.Unlock()
		return err
	}
	p := rd.inflight
	if p == nil {
		p = &readyProbe{done: make(chan struct{})}
		rd.inflight = p
		go rd.run(p)
	}
	rd.mu.Unlock()

	t := time.NewTimer(rd.timeout)
	defer t.Stop()
	select {
	case <-p.done:
		return p.err
	case <-t.C:
		return fmt.Errorf("the store did not answer within %v", rd.timeout)
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (rd *readiness) run(p *readyProbe) {
	ctx, cancel := context.WithTimeout(context.Background(), rd.timeout)
	defer cancel()
	err := rd.ping(ctx)
	rd.mu.Lock()
	rd.lastErr, rd.checked, rd.inflight = err, rd.now(), nil
	rd.mu.Unlock()
	p.err = err
	close(p.done)
}

// handler answers 200 "ready" or 503 with the reason in general terms (the
// error, which may name database hosts, goes to the log only). A change of
// state is logged once, with the request id of the probe that saw it.
func (rd *readiness) handler(logger zerolog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := rd.check(r.Context())
		rd.mu.Lock()
		changed := rd.wasReady != (err == nil)
		rd.wasReady = err == nil
		rd.mu.Unlock()
		l := requestLogger(r, logger)
		switch {
		case changed && err != nil:
			l.Warn().Err(err).Msg("not ready")
		case changed:
			l.Info().Msg("ready again")
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		var fault interface{ FaultKind() string } // a store's reason to refuse answers
		switch {
		case err == nil:
			w.Write([]byte("ready\n"))
		case errors.Is(err, errDraining):
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready: shutting down\n"))
		case errors.As(err, &fault):
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "not ready: the answers store refuses answers (%s)\n", fault.FaultKind())
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready: the database does not answer\n"))
		}
	})
}
