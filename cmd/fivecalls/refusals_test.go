package main

// Refusals made while the client is still sending, against the real
// binary: a header over the limit (431), a body over the limit (413), and a
// connection past a cap (429, 503). The client is a raw TCP one that keeps
// sending its whole request, in chunks, while it reads the answer; it must
// get the whole answer, then the end of the stream, and finish sending
// without a reset. Clients that send their whole request before reading
// (Python's urllib, many small ones) get their answer only then; and a
// socket closed with the client's bytes unread sends a reset instead of the
// end of the stream, which loses the rest of an answer without a length.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sendingClientResult is what a client that keeps sending got.
type sendingClientResult struct {
	status  int
	header  http.Header
	body    []byte
	readErr error // how the stream ended after the answer: nil for a clean end
	sent    int   // bytes of the request sent
	sendErr error // why sending stopped early, if it did
}

// sendWhileReading sends the request head and then body on a new connection
// to addr, in 32 KiB pieces with a short pause between them, while it reads
// the answer and the rest of the stream. It returns when both are done.
func sendWhileReading(tb testing.TB, addr, head string, body []byte) sendingClientResult {
	tb.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	request := append([]byte(head), body...)

	var r sendingClientResult
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		for r.sent < len(request) {
			n, err := c.Write(request[r.sent:min(len(request), r.sent+32<<10)])
			r.sent += n
			if err != nil {
				r.sendErr = err
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()

	br := bufio.NewReader(c)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		r.readErr = fmt.Errorf("reading the status and header: %w", err)
	} else {
		r.status, r.header = res.StatusCode, res.Header
		r.body, err = io.ReadAll(res.Body)
		if err != nil {
			r.readErr = fmt.Errorf("reading the body (%d bytes read): %w", len(r.body), err)
		} else if n, err := br.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
			// After the answer, the end of the stream (not a reset, not
			// more bytes).
			r.readErr = fmt.Errorf("after the answer: %d bytes, %v; want the end of the stream", n, err)
		}
	}
	<-sent
	return r
}

// check fails the test unless the client got status with a body holding
// want, the end of the stream, and sent its whole request.
func (r sendingClientResult) check(tb testing.TB, size int, status int, want string) {
	tb.Helper()
	if r.status != status || !bytes.Contains(r.body, []byte(want)) || r.readErr != nil {
		tb.Errorf("got %d %q, then %v; want %d with %q, then the end of the stream", r.status, r.body, r.readErr, status, want)
	}
	if r.sendErr != nil || r.sent != size {
		tb.Errorf("sent %d of the request's %d bytes, then %v; want it all read by the server", r.sent, size, r.sendErr)
	}
}

// bigHeaderRequest is a GET with one header of n bytes.
func bigHeaderRequest(n int) string {
	return "GET / HTTP/1.1\r\nHost: fivecalls.test\r\nX-Filler: " + strings.Repeat("a", n) + "\r\n\r\n"
}

// bigAnswerHead is the head of a POST /api/answers of n bytes.
func bigAnswerHead(n int) string {
	return fmt.Sprintf("POST /api/answers HTTP/1.1\r\nHost: fivecalls.test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", n)
}

// chunked frames body in HTTP/1.1 chunks of 32 KiB.
func chunked(body []byte) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(len(body), 32<<10)
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, body[:n])
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

func TestRefusalsReachAClientStillSending(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and sends it requests of megabytes; skipped with -short")
	}
	bin := mustBuildFivecalls(t)
	web := mustServeWebDir(t)
	db := func() string { return "sqlite:" + filepath.Join(t.TempDir(), "answers.db") }
	threeMB := bytes.Repeat([]byte(" "), 3<<20) // JSON white space: the server refuses it for its size alone

	t.Run("431 header too large", func(t *testing.T) {
		p := startServe(t, bin, "--web", web, "--db", db())
		for _, n := range []int{40 << 10, 200 << 10} {
			head := bigHeaderRequest(n)
			r := sendWhileReading(t, p.addr, head, nil)
			t.Logf("a header of %d KiB: %d, %d bytes sent, read end %v, send end %v", n>>10, r.status, r.sent, r.readErr, r.sendErr)
			r.check(t, len(head), http.StatusRequestHeaderFieldsTooLarge, "431 Request Header Fields Too Large")
		}
	})

	t.Run("431 with the caps off", func(t *testing.T) {
		p := startServe(t, bin, "--web", web, "--db", db(), "--max-conns", "0", "--max-conns-per-client", "0")
		head := bigHeaderRequest(200 << 10)
		r := sendWhileReading(t, p.addr, head, nil)
		r.check(t, len(head), http.StatusRequestHeaderFieldsTooLarge, "431 Request Header Fields Too Large")
	})

	t.Run("413 body too large", func(t *testing.T) {
		p := startServe(t, bin, "--web", web, "--db", db())
		head := bigAnswerHead(len(threeMB))
		r := sendWhileReading(t, p.addr, head, threeMB)
		t.Logf("3 MiB with a length: %d, %d bytes sent, read end %v, send end %v", r.status, r.sent, r.readErr, r.sendErr)
		r.check(t, len(head)+len(threeMB), http.StatusRequestEntityTooLarge, "at most 16 KiB")

		// A client that asks for the connection to be closed after the
		// request (Python's urllib does), which net/http closes at once.
		head = strings.Replace(bigAnswerHead(len(threeMB)), "\r\n\r\n", "\r\nConnection: close\r\n\r\n", 1)
		r = sendWhileReading(t, p.addr, head, threeMB)
		t.Logf("3 MiB with Connection: close: %d, %d bytes sent, read end %v, send end %v", r.status, r.sent, r.readErr, r.sendErr)
		r.check(t, len(head)+len(threeMB), http.StatusRequestEntityTooLarge, "at most 16 KiB")

		// Without a length, the limit is met while reading.
		head = strings.Replace(bigAnswerHead(0), "Content-Length: 0", "Transfer-Encoding: chunked", 1)
		body := chunked(threeMB)
		r = sendWhileReading(t, p.addr, head, body)
		t.Logf("3 MiB chunked: %d, %d bytes sent, read end %v, send end %v", r.status, r.sent, r.readErr, r.sendErr)
		r.check(t, len(head)+len(body), http.StatusRequestEntityTooLarge, "at most 16 KiB")
	})

	t.Run("429 past the address's cap", func(t *testing.T) {
		p := startServe(t, bin, "--web", web, "--db", db(), "--max-conns-per-client", "1")
		held, err := net.Dial("tcp", p.addr) // the address's one connection
		if err != nil {
			t.Fatal(err)
		}
		defer held.Close()
		head := bigAnswerHead(len(threeMB))
		r := sendWhileReading(t, p.addr, head, threeMB)
		t.Logf("3 MiB past the cap: %d, %d bytes sent, read end %v, send end %v", r.status, r.sent, r.readErr, r.sendErr)
		r.check(t, len(head)+len(threeMB), http.StatusTooManyRequests, "Too many connections from your address")
		if r.header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	})

	t.Run("503 at the cap with every connection busy", func(t *testing.T) {
		p := startServe(t, bin, "--web", web, "--db", db(), "--max-conns", "1", "--max-conns-per-client", "0")
		// The one connection allowed is busy: its handler waits for a body
		// that does not come.
		busy, err := net.Dial("tcp", p.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer busy.Close()
		io.WriteString(busy, bigAnswerHead(100))
		head := bigHeaderRequest(200 << 10)
		r := sendWhileReading(t, p.addr, head, nil)
		t.Logf("a 200 KiB header at the cap: %d, %d bytes sent, read end %v, send end %v", r.status, r.sent, r.readErr, r.sendErr)
		r.check(t, len(head), http.StatusServiceUnavailable, "The server is busy")
		if r.header.Get("Retry-After") == "" {
			t.Error("503 without Retry-After")
		}
	})
}
