package server

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// lingerServer serves a test server on a loopback listener with limits,
// wired as fivecalls serve wires it, lingering within ll.
func lingerServer(t *testing.T, limits ConnLimits, ll lingerLimits) (string, *LimitedListener) {
	t.Helper()
	h := newTestServer(t) // no store: POST /api/answers is refused (503) unread
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := h.LimitConnections(ln, limits)
	l.linger = ll
	srv := &http.Server{Handler: h, ConnState: l.ConnState, ConnContext: l.ConnContext,
		ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 32 << 10}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), l
}

// sender is a client that sends a request without end: a POST with a
// huge length, then piece bytes every pause, until the server closes or
// stop is called. It reads the answer meanwhile.
type sender struct {
	c        net.Conn
	answered chan string // the status line, once the answer and the end of the stream are read
	sent     chan error  // why sending ended
	stopped  chan struct{}
}

func startSender(t *testing.T, addr string, piece int, pause time.Duration) *sender {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(30 * time.Second))
	s := &sender{c: c, answered: make(chan string, 1), sent: make(chan error, 1), stopped: make(chan struct{})}
	go func() {
		_, err := fmt.Fprintf(c, "POST /api/answers HTTP/1.1\r\nHost: fivecalls.test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", int64(1)<<40)
		b := make([]byte, piece)
		for err == nil {
			select {
			case <-s.stopped:
				s.sent <- nil
				return
			case <-time.After(pause):
			}
			_, err = c.Write(b)
		}
		s.sent <- err
	}()
	go func() {
		br := bufio.NewReader(c)
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			s.answered <- "no answer: " + err.Error()
			return
		}
		io.Copy(io.Discard, res.Body)
		if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
			s.answered <- res.Status + ", then " + fmt.Sprint(err)
			return
		}
		s.answered <- res.Status
	}()
	return s
}

// mustBeAnswered waits for the sender's answer, which must be want.
func (s *sender) mustBeAnswered(t *testing.T, want string) {
	t.Helper()
	select {
	case got := <-s.answered:
		if got != want {
			t.Fatalf("answered %q, want %q and the end of the stream", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no answer in 10 s")
	}
}

// sendingEnds waits for the sender to stop sending, and says why.
func (s *sender) sendingEnds(t *testing.T, within time.Duration) error {
	t.Helper()
	select {
	case err := <-s.sent:
		return err
	case <-time.After(within):
		t.Fatalf("still sending after %v: the server did not close", within)
		return nil
	}
}

func (s *sender) stop() { close(s.stopped) }

// lingered is how many lingering closes ended with end.
func lingered(l *LimitedListener, end string) float64 {
	return testutil.ToFloat64(l.metrics.lingered.WithLabelValues(end))
}

// waitLingered waits until a lingering close has ended with end.
func waitLingered(t *testing.T, l *LimitedListener, end string) {
	t.Helper()
	for start := time.Now(); lingered(l, end) < 1; time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			t.Fatalf("no lingering close ended with %s in 10 s", end)
		}
	}
}

const unavailable = "503 Service Unavailable"

// TestLingerIsBounded: a refused client that never stops sending is read
// from for lingerLimits.bytes or .total, whichever comes first, then cut
// off; one that goes quiet, after .quiet. Each must fail with its bound
// removed (a limit of an hour or an exabyte): the sender is never cut.
func TestLingerIsBounded(t *testing.T) {
	t.Run("size", func(t *testing.T) {
		addr, l := lingerServer(t, ConnLimits{}, lingerLimits{bytes: 256 << 10, total: time.Minute, quiet: time.Minute})
		s := startSender(t, addr, 16<<10, 0)
		s.mustBeAnswered(t, unavailable)
		if err := s.sendingEnds(t, 20*time.Second); err == nil {
			t.Fatal("sending stopped without an error")
		}
		waitLingered(t, l, lingerEndSize)
	})

	t.Run("time", func(t *testing.T) {
		const total = time.Second
		addr, l := lingerServer(t, ConnLimits{}, lingerLimits{bytes: 1 << 40, total: total, quiet: time.Minute})
		s := startSender(t, addr, 1<<10, 10*time.Millisecond)
		s.mustBeAnswered(t, unavailable)
		answered := time.Now()
		err := s.sendingEnds(t, 20*time.Second)
		if took := time.Since(answered); err == nil || took < total {
			t.Fatalf("sending ended %v after the answer with %v, want an error after the %v of lingering", took, err, total)
		}
		waitLingered(t, l, lingerEndTime)
	})

	t.Run("quiet", func(t *testing.T) {
		addr, l := lingerServer(t, ConnLimits{}, lingerLimits{bytes: 1 << 40, total: time.Minute, quiet: 300 * time.Millisecond})
		s := startSender(t, addr, 1<<10, 10*time.Millisecond)
		s.mustBeAnswered(t, unavailable)
		s.stop() // and keep the connection open
		waitLingered(t, l, lingerEndQuiet)
	})

	t.Run("the client closes", func(t *testing.T) {
		addr, l := lingerServer(t, ConnLimits{}, defaultLinger)
		s := startSender(t, addr, 1<<10, 10*time.Millisecond)
		s.mustBeAnswered(t, unavailable)
		s.stop()
		s.c.Close()
		waitLingered(t, l, lingerEndClosed)
	})
}

// TestLingeringCountsAgainstTheCaps: a connection lingering after a refusal
// still holds its place under the address's cap (removing it from the
// count when it starts to linger makes the second client get in), and
// gives it back when it ends.
func TestLingeringCountsAgainstTheCaps(t *testing.T) {
	addr, _ := lingerServer(t, ConnLimits{PerClient: 1}, lingerLimits{bytes: 1 << 40, total: time.Minute, quiet: time.Minute})
	s := startSender(t, addr, 1<<10, 10*time.Millisecond)
	s.mustBeAnswered(t, unavailable) // and the end of the stream: it lingers now

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	c.Close()
	if err != nil || res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a second connection while the first lingers: %v, %v; want 429", res, err)
	}

	s.stop()
	s.c.Close()
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if status := getOnce(t, addr); status == http.StatusOK {
			break
		} else if time.Since(start) > 10*time.Second {
			t.Fatalf("a new connection after the first closed: %d, want 200", status)
		}
	}
}

// TestLingeringIsClosedToMakeRoom: at the cap, with every connection busy
// but one lingering after its refusal, the lingering one is closed for a
// new reader (who would otherwise get 503).
func TestLingeringIsClosedToMakeRoom(t *testing.T) {
	addr, l := lingerServer(t, ConnLimits{Max: 1}, lingerLimits{bytes: 1 << 40, total: time.Minute, quiet: time.Minute})
	s := startSender(t, addr, 1<<10, 10*time.Millisecond)
	s.mustBeAnswered(t, unavailable)
	if status := getOnce(t, addr); status != http.StatusOK {
		t.Fatalf("a reader at the cap: %d, want 200", status)
	}
	if err := s.sendingEnds(t, 10*time.Second); err == nil {
		t.Error("the lingering client was not cut off")
	}
	if v := testutil.ToFloat64(l.metrics.closed.WithLabelValues("at_cap")); v != 1 {
		t.Errorf("closed at the cap: %v, want 1", v)
	}
}

// TestRefusedLingerSlotsAreBounded: connections refused at the cap linger
// outside it, so only drainSlots of them at once; past that a refused one
// is closed at once (and a client still sending gets a reset, not a place).
func TestRefusedLingerSlotsAreBounded(t *testing.T) {
	addr, l := lingerServer(t, ConnLimits{PerClient: 1}, lingerLimits{bytes: 1 << 40, total: time.Minute, quiet: time.Minute})
	held, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	slots := cap(l.draining)
	var senders []*sender
	for range slots {
		s := startSender(t, addr, 1<<10, 10*time.Millisecond)
		s.mustBeAnswered(t, "429 Too Many Requests")
		senders = append(senders, s)
	}
	extra := startSender(t, addr, 16<<10, time.Millisecond)
	if err := extra.sendingEnds(t, 10*time.Second); err == nil {
		t.Fatal("sending stopped without an error")
	}
	for i, s := range senders {
		select {
		case err := <-s.sent:
			t.Errorf("sender %d of %d (the slots) was cut off: %v", i+1, slots, err)
		default:
		}
	}
}

// getOnce GETs /healthz on a new connection and returns the status (0 on
// an error).
func getOnce(t *testing.T, addr string) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: fivecalls.test\r\nConnection: close\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}
