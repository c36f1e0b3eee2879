package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

// Lingering close: how a refusal reaches a client that is still sending.
//
// When the server answers before it has read the whole request (a header
// over MaxHeaderBytes: 431; a body over its limit, or one a handler left
// unread: 413 and the like; a connection past a cap: 429, 503), the client
// may still be sending. Closing the socket then, with its bytes unread or
// still arriving, makes the kernel send a reset instead of the end of the
// stream: a client reading to the end of the answer gets the reset, and a
// client that sends its whole request before reading (Python's urllib,
// many small clients) fails in its send and never reads the answer. So,
// as nginx's lingering_close does, the answer is followed by the end of
// the stream (a half-close), and what the client still sends is read and
// dropped until it closes its side, within bounds, before the socket
// closes.
//
// The bounds keep lingering from becoming a way to hold connections: a
// lingering connection of the server's still counts against the caps
// (ConnLimits) and is among the first closed to make room at the cap; a
// refused connection lingers only in one of a few slots (drainSlots), and
// is closed at once when they are taken.
const (
	// lingerBytes is the most a refused client is read from after its
	// answer: a few megabytes, a request no honest client of the widget
	// sends.
	lingerBytes = 4 << 20
	// lingerTime is the longest a refused client is read from.
	lingerTime = 5 * time.Second
	// lingerQuiet ends lingering once the client has sent nothing for
	// this long: it has sent its request and is reading, or gone.
	lingerQuiet = 2 * time.Second
)

// lingerLimits bound one lingering close.
type lingerLimits struct {
	bytes int64         // read at most this much
	total time.Duration // for at most this long
	quiet time.Duration // and stop after this long without a byte
}

var defaultLinger = lingerLimits{bytes: lingerBytes, total: lingerTime, quiet: lingerQuiet}

// How a lingering close ended, for fivecalls_connections_lingered_total.
const (
	lingerEndClosed = "client_closed" // the client closed its side: the usual end
	lingerEndQuiet  = "quiet"         // the client sent nothing for lingerQuiet
	lingerEndTime   = "time_limit"    // the client was still sending after lingerTime
	lingerEndSize   = "size_limit"    // the client sent lingerBytes more
	lingerEndError  = "error"         // a reset, or closed to make room
)

var lingerEnds = []string{lingerEndClosed, lingerEndQuiet, lingerEndTime, lingerEndSize, lingerEndError}

// drain reads and drops what the client still sends on c, whose answer and
// end of stream have been sent, until the client closes its side or a limit
// is met, and says which.
func (ll lingerLimits) drain(c net.Conn) string {
	end := time.Now().Add(ll.total)
	n, err := io.CopyN(io.Discard, quietReader{c: c, end: end, quiet: ll.quiet}, ll.bytes)
	switch {
	case n == ll.bytes:
		return lingerEndSize
	case errors.Is(err, io.EOF):
		return lingerEndClosed
	case errors.Is(err, os.ErrDeadlineExceeded) && !time.Now().Before(end):
		return lingerEndTime
	case errors.Is(err, os.ErrDeadlineExceeded):
		return lingerEndQuiet
	default:
		return lingerEndError
	}
}

// quietReader reads from c until end, and each read for at most quiet.
type quietReader struct {
	c     net.Conn
	end   time.Time
	quiet time.Duration
}

func (r quietReader) Read(p []byte) (int, error) {
	deadline := time.Now().Add(r.quiet)
	if deadline.After(r.end) {
		deadline = r.end
	}
	r.c.SetReadDeadline(deadline)
	return r.c.Read(p)
}

// closeWriter is the half-close of *net.TCPConn (and *net.UnixConn).
type closeWriter interface {
	CloseWrite() error
}

// CloseWrite ends the stream after the answer and lingers. net/http calls
// it, then closes, when it answers a request it has not read whole (its
// own lingering close): a header over MaxHeaderBytes (431), or a body left
// unread past what it will read itself (256 KiB), or over a handler's
// http.MaxBytesReader.
func (c *limitedConn) CloseWrite() error {
	return c.linger()
}

// linger ends the stream after the answer (a half-close), then reads and
// drops what the client still sends, within the listener's bounds; once per
// connection. The connection still counts against the caps meanwhile, and
// may be closed first to make room at the cap (victimLocked).
func (c *limitedConn) linger() error {
	if c.lingered.Swap(true) {
		return nil
	}
	cw, ok := c.Conn.(closeWriter)
	if !ok {
		return errors.ErrUnsupported
	}
	// Marked before the half-close: a client that has seen the end of the
	// stream finds the connection lingering, not busy.
	c.l.mu.Lock()
	c.lingering, c.since = true, time.Now()
	c.l.mu.Unlock()
	if err := cw.CloseWrite(); err != nil {
		return err
	}
	c.l.drain(c.Conn)
	return nil
}

// drain lingers on c with the listener's bounds, and counts how it ended.
func (l *LimitedListener) drain(c net.Conn) {
	l.metrics.lingered.WithLabelValues(l.linger.drain(c)).Inc()
}

// connKey keys a request's *limitedConn in its context.
type connKey struct{}

// ConnContext puts the connection in its requests' contexts, for
// withLingerOnUnreadBody; set it as the http.Server's ConnContext.
func (l *LimitedListener) ConnContext(ctx context.Context, c net.Conn) context.Context {
	if lc, ok := c.(*limitedConn); ok {
		return context.WithValue(ctx, connKey{}, lc)
	}
	return ctx
}

// withLingerOnUnreadBody marks the connection of a request whose body the
// handler left unread (a refusal: 413, 415, 429, 503…), so that it lingers
// when it closes. net/http reads such a body on itself, to keep the
// connection, only up to 256 KiB, and lingers past that only when the
// client has not asked for the connection to be closed after the request
// (Connection: close, as Python's urllib sends): without the mark, the
// socket of such a client would close under a body still arriving.
func withLingerOnUnreadBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lc, _ := r.Context().Value(connKey{}).(*limitedConn)
		if lc == nil || r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		body := &eofBody{ReadCloser: r.Body}
		r = r.WithContext(r.Context()) // a copy, for the new body
		r.Body = body
		next.ServeHTTP(w, r)
		if !body.eof {
			lc.unreadBody.Store(true)
		}
	})
}

// eofBody is a request body that knows whether it was read to its end.
type eofBody struct {
	io.ReadCloser
	eof bool
}

func (b *eofBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.eof = true
	}
	return n, err
}
