package server

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRefusedConnectionGetsItsAnswer: a client past a cap that has sent its
// request reads the whole refusal (status line, Retry-After, body) and then
// the end of the stream, not a connection reset. Closing a connection with
// unread request bytes makes the kernel send a reset, which lets the client
// lose the answer still in flight; 50 tries catch that.
func TestRefusedConnectionGetsItsAnswer(t *testing.T) {
	h := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	limited := h.LimitConnections(ln, ConnLimits{PerClient: 1})
	srv := &http.Server{Handler: h, ConnState: limited.ConnState, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(limited)
	defer srv.Close()

	held, err := net.Dial("tcp", ln.Addr().String()) // takes the address's one connection
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	request := "POST /api/answers HTTP/1.1\r\nHost: example.org\r\nContent-Type: application/json\r\n" +
		"Content-Length: 1500\r\n\r\n" + strings.Repeat("x", 1500)
	for i := range 50 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.WriteString(c, request); err != nil {
			t.Logf("try %d: writing the request: %v", i, err) // the answer may come first; it must still be read
		}
		got, err := io.ReadAll(bufio.NewReader(c))
		c.Close()
		if err != nil || !strings.HasPrefix(string(got), "HTTP/1.1 429 Too Many Requests\r\n") ||
			!strings.Contains(string(got), "\r\nRetry-After: ") ||
			!strings.HasSuffix(string(got), "\r\n\r\nToo many connections from your address. Please try again in a moment.\n") {
			t.Fatalf("try %d: read %q, %v; want the whole 429 answer, then the end of the stream", i, got, err)
		}
	}
}
