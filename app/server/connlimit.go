package server

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Connection limits. One client kept 20,000 idle keep-alive connections
// open and took the server down: every descriptor in use (accept4: too
// many open files), / and the stats timing out for everyone, 435 MB of
// memory.
const (
	// pressureIdle is how long a keep-alive connection may stay idle once
	// more than half the connections allowed are open (otherwise the
	// server's IdleTimeout applies).
	pressureIdle = 5 * time.Second
	// newGrace is how long a connection may stay without a request before
	// it may be closed to make room for another, at the cap: a browser
	// sends its request at once; a connection silent for a second is a
	// slow attack or a lost client.
	newGrace = time.Second
	// connSendBuffer is each connection's kernel send buffer (the kernel
	// doubles it): a slow reader of the wasm used to pin 4 MB of kernel
	// memory, autotuned, for up to 5 minutes. 256 KiB still carries 2.5 MB/s
	// at a 200 ms round trip.
	connSendBuffer = 256 << 10
	// reaperEvery is how often idle connections are looked at under
	// pressure.
	reaperEvery = time.Second
	// A refused connection lingers (see linger.go) before it is closed;
	// at most refuseDraining at once, and a sixteenth of ConnLimits.Max:
	// their descriptors come out of the room left beside the cap for the
	// database and files, which is small under a small open-file limit.
	refuseDraining = 16
)

// ConnLimits bound the connections of the public listener.
type ConnLimits struct {
	// Max is the most connections open at once. At the cap the connection
	// idle the longest is closed to make room, then one that has sent no
	// request for newGrace; when every connection is busy, the new one is
	// answered 503 with Retry-After and closed. 0: no cap.
	Max int
	// PerClient is the most connections open at once from one address (an
	// IPv4 address, an IPv6 /64); past it a new one is answered 429 with
	// Retry-After and closed. At accept time only the connection's own
	// address is known, so connections from the trusted proxies
	// (Config.TrustedProxies) are not counted against it: behind a proxy
	// that address is every reader's, and the proxy must limit its clients
	// itself. 0: no cap.
	PerClient int
}

// LimitedListener is a listener that enforces ConnLimits. Set its
// ConnState as the http.Server's ConnState: that is how it knows which
// connections are idle; and its ConnContext as the http.Server's
// ConnContext: that is how a connection learns that a handler left a
// request's body unread, and lingers before it closes (see linger.go).
type LimitedListener struct {
	net.Listener
	limits  ConnLimits
	trusted []netip.Prefix
	metrics *connMetrics

	mu       sync.Mutex
	conns    map[*limitedConn]struct{}
	byClient map[netip.Prefix]int
	stop     chan struct{}
	stopOnce sync.Once
	draining chan struct{} // a token per refused connection being drained
	linger   lingerLimits
}

// LimitConnections wraps ln with the limits, and registers the connection
// metrics. It starts a goroutine that closes idle connections early under
// pressure, until the listener is closed.
func (s *Server) LimitConnections(ln net.Listener, limits ConnLimits) *LimitedListener {
	l := &LimitedListener{
		Listener: ln,
		limits:   limits,
		trusted:  s.srv.cfg.TrustedProxies,
		metrics:  newConnMetrics(s.srv.metrics),
		conns:    map[*limitedConn]struct{}{},
		byClient: map[netip.Prefix]int{},
		stop:     make(chan struct{}),
		draining: make(chan struct{}, drainSlots(limits.Max)),
		linger:   defaultLinger,
	}
	s.srv.metrics.AddGauge("fivecalls_connections_open", "Connections open on the public listener.", l.open)
	go l.reapIdle()
	return l
}

// connMetrics count what the limits do.
type connMetrics struct {
	refused  *prometheus.CounterVec
	closed   *prometheus.CounterVec
	lingered *prometheus.CounterVec
}

func newConnMetrics(m *Metrics) *connMetrics {
	c := &connMetrics{
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fivecalls_connections_refused_total",
			Help: "Connections answered 503 (reason max: every connection busy at the cap) or 429 (per_client: the address's cap) and closed.",
		}, []string{"reason"}),
		closed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fivecalls_connections_closed_early_total",
			Help: "Connections closed to make room (at_cap) or idle past 5 s while more than half the cap is open (pressure).",
		}, []string{"reason"}),
		lingered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fivecalls_connections_lingered_total",
			Help: "Connections read from after a refusal, before closing, so that the client gets the answer, by how that ended: client_closed, quiet (2 s without a byte), time_limit (5 s), size_limit (4 MiB), error.",
		}, []string{"end"}),
	}
	for _, r := range []string{"max", "per_client"} {
		c.refused.WithLabelValues(r)
	}
	for _, r := range []string{"at_cap", "pressure"} {
		c.closed.WithLabelValues(r)
	}
	for _, e := range lingerEnds {
		c.lingered.WithLabelValues(e)
	}
	m.registry.MustRegister(c.refused, c.closed, c.lingered)
	return c
}

// limitedConn is an accepted connection with what the limits need to know.
type limitedConn struct {
	net.Conn
	l      *LimitedListener
	client netip.Prefix // zero when exempt from the per-client cap
	once   sync.Once

	// Guarded by l.mu.
	state     http.ConnState
	since     time.Time // when it entered state, or began to linger
	lingering bool      // answered, and reading what the client still sends

	lingered   atomic.Bool // lingers once (see linger.go)
	unreadBody atomic.Bool // a handler left its request's body unread
}

// net/http looks for these on its connections: CloseWrite for its lingering
// close, ReadFrom to send files with sendfile. A wrapper that hid them would
// lose both.
var (
	_ closeWriter   = (*limitedConn)(nil)
	_ io.ReaderFrom = (*limitedConn)(nil)
)

// Accept returns the next connection within the limits, refusing (with a
// response saying why) those past them.
func (l *LimitedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		client, counted := l.clientOf(c.RemoteAddr())
		now := time.Now()
		l.mu.Lock()
		if counted && l.limits.PerClient > 0 && l.byClient[client] >= l.limits.PerClient {
			l.mu.Unlock()
			l.metrics.refused.WithLabelValues("per_client").Inc()
			l.refuse(c, "429 Too Many Requests", "Too many connections from your address. Please try again in a moment.")
			continue
		}
		var victim *limitedConn
		if l.limits.Max > 0 && len(l.conns) >= l.limits.Max {
			if victim = l.victimLocked(now); victim == nil {
				l.mu.Unlock()
				l.metrics.refused.WithLabelValues("max").Inc()
				l.refuse(c, "503 Service Unavailable", "The server is busy. Please try again in a moment.")
				continue
			}
			l.forgetLocked(victim)
		}
		lc := &limitedConn{Conn: c, l: l, state: http.StateNew, since: now}
		if counted {
			lc.client = client
			l.byClient[client]++
		}
		l.conns[lc] = struct{}{}
		l.mu.Unlock()
		if victim != nil {
			l.metrics.closed.WithLabelValues("at_cap").Inc()
			victim.Conn.Close()
		}
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetWriteBuffer(connSendBuffer)
		}
		return lc, nil
	}
}

// clientOf is the key of the per-client cap for a connection's address, and
// whether the cap applies (not to a trusted proxy, nor to what is not IP).
func (l *LimitedListener) clientOf(addr net.Addr) (netip.Prefix, bool) {
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return netip.Prefix{}, false
	}
	a := ap.Addr().Unmap().WithZone("")
	for _, p := range l.trusted {
		if p.Contains(a) {
			return netip.Prefix{}, false
		}
	}
	bits := 32
	if a.Is6() {
		bits = 64 // one subscriber usually holds a whole /64
	}
	p, _ := a.Prefix(bits)
	return p, true
}

// victimLocked picks the connection to close to make room: the one idle the
// longest, else the one lingering the longest after a refusal, else the one
// silent the longest past newGrace; nil when every connection is busy. l.mu
// must be held.
func (l *LimitedListener) victimLocked(now time.Time) *limitedConn {
	var idle, lingering, silent *limitedConn
	for c := range l.conns {
		switch {
		case c.lingering:
			if lingering == nil || c.since.Before(lingering.since) {
				lingering = c
			}
		case c.state == http.StateIdle && (idle == nil || c.since.Before(idle.since)):
			idle = c
		case c.state == http.StateNew && now.Sub(c.since) >= newGrace && (silent == nil || c.since.Before(silent.since)):
			silent = c
		}
	}
	switch {
	case idle != nil:
		return idle
	case lingering != nil:
		return lingering
	}
	return silent
}

// forgetLocked stops counting c; l.mu must be held. It is called once per
// connection, when it closes or is chosen to be closed.
func (l *LimitedListener) forgetLocked(c *limitedConn) {
	if _, ok := l.conns[c]; !ok {
		return
	}
	delete(l.conns, c)
	if c.client.IsValid() {
		if l.byClient[c.client]--; l.byClient[c.client] <= 0 {
			delete(l.byClient, c.client)
		}
	}
}

// ConnState records each connection's state; set it as the http.Server's
// ConnState.
func (l *LimitedListener) ConnState(c net.Conn, state http.ConnState) {
	lc, ok := c.(*limitedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch state {
	case http.StateClosed, http.StateHijacked:
		l.forgetLocked(lc)
	case http.StateIdle:
		lc.unreadBody.Store(false) // net/http read the rest, to keep the connection
		lc.state, lc.since = state, time.Now()
	default:
		lc.state, lc.since = state, time.Now()
	}
}

// open is the number of connections open, for the metrics.
func (l *LimitedListener) open() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return float64(len(l.conns))
}

// reapIdle closes, while more than half the cap is open, the keep-alive
// connections idle for more than pressureIdle.
func (l *LimitedListener) reapIdle() {
	if l.limits.Max <= 0 {
		return
	}
	t := time.NewTicker(reaperEvery)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		var idle []*limitedConn
		now := time.Now()
		l.mu.Lock()
		if len(l.conns) > l.limits.Max/2 {
			for c := range l.conns {
				if c.state == http.StateIdle && now.Sub(c.since) > pressureIdle {
					l.forgetLocked(c)
					idle = append(idle, c)
				}
			}
		}
		l.mu.Unlock()
		for _, c := range idle {
			l.metrics.closed.WithLabelValues("pressure").Inc()
			c.Conn.Close()
		}
	}
}

// Close stops the listener and its reaper.
func (l *LimitedListener) Close() error {
	l.stopOnce.Do(func() { close(l.stop) })
	return l.Listener.Close()
}

// Close stops counting the connection and closes it; after a request whose
// body was left unread, it lingers first (see linger.go).
func (c *limitedConn) Close() error {
	if c.unreadBody.Load() {
		c.linger()
	}
	c.once.Do(func() {
		c.l.mu.Lock()
		c.l.forgetLocked(c)
		c.l.mu.Unlock()
	})
	return c.Conn.Close()
}

// Write ends a connection that missed its write deadline (a reader below
// the minimum download rate) with a reset, so that the kernel drops the
// data it still holds for it at once instead of trying to deliver it.
func (c *limitedConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.resetOnMissedDeadline(err)
	return n, err
}

// ReadFrom is Write for net/http's copies from files: the underlying
// connection's ReadFrom (sendfile, splice), with the same reset.
func (c *limitedConn) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(c.Conn, r)
	c.resetOnMissedDeadline(err)
	return n, err
}

func (c *limitedConn) resetOnMissedDeadline(err error) {
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		if tc, ok := c.Conn.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
	}
}

// drainSlots is how many refused connections may be drained at once under
// a cap of maxConns (0: none).
func drainSlots(maxConns int) int {
	if maxConns <= 0 {
		return refuseDraining
	}
	return min(refuseDraining, max(1, maxConns/16))
}

// refuse answers a connection it will not serve, then closes it. The write
// cannot block on a new connection's empty buffer, but has a deadline all
// the same.
//
// The client may be sending a request of any size: the answer is followed
// by the end of the stream (CloseWrite), and the connection lingers (see
// linger.go), in the background not to hold up Accept, before the close.
// When drainSlots connections are lingering already, it is closed at once.
func (l *LimitedListener) refuse(c net.Conn, status, message string) {
	c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
	c.Write([]byte("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 5\r\n" +
		"Connection: close\r\nContent-Length: " + strconv.Itoa(len(message)+1) + "\r\n\r\n" + message + "\n"))
	select {
	case l.draining <- struct{}{}:
	default:
		c.Close()
		return
	}
	go func() {
		defer func() { <-l.draining }()
		if cw, ok := c.(closeWriter); ok {
			cw.CloseWrite()
		}
		l.drain(c)
		c.Close()
	}()
}
