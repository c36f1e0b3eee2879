package server_test

// The bad input catalogue: every kind of broken or hostile request a public
// news widget meets, one subtest each, against one real http.Server set up
// like `fivecalls serve` (cmd/fivecalls/serve.go) but with short timeouts.
// After every case the server must still answer /healthz, and no answer may
// have been stored unless the case stores on purpose: nothing half-written.
// The store is read directly, not through the API's stats cache, so a write
// cannot hide behind it.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"fivecalls/app/quiz"
	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

// The server's limits in this test. serve.go uses 5 s and 15 s for the
// timeouts; the behaviour is the same, only faster to show.
const (
	badReadHeaderTimeout = 300 * time.Millisecond
	badReadTimeout       = time.Second
	badMaxHeaderBytes    = 32 << 10 // as serve.go
	// canary is the content of files next to the web folder that no request
	// may ever read.
	badCanary = "CANARY-5f1e0c: this file must never be served"
)

// badEnv is the server under test and what the cases check it with.
type badEnv struct {
	url     string
	addr    string
	store   *sqlite.Store
	story   *story.Story
	catalog *quiz.Catalog
	client  *http.Client
}

func newBadEnv(tb testing.TB, configure ...func(*server.Config)) *badEnv {
	tb.Helper()
	s := story.Default()
	catalog, err := server.QuizCatalog(s)
	if err != nil {
		tb.Fatal(err)
	}
	root := tb.TempDir()
	web := filepath.Join(root, "web")
	if err := os.CopyFS(web, os.DirFS(mustWebDir(tb))); err != nil {
		tb.Fatal(err)
	}
	// Secrets beside and above the web folder, where traversal would land.
	for _, name := range []string{"go.mod", "secret.txt", filepath.Join("web-private", "key.txt")} {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(badCanary+"\n"), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	st, err := sqlite.Open(tb.Context(), filepath.Join(root, "answers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	cfg := server.Config{Story: s, WebDir: web}
	for _, f := range configure {
		f(&cfg)
	}
	h, err := server.New(zerolog.Nop(), cfg, st)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(h)
	ts.Config.ReadHeaderTimeout = badReadHeaderTimeout
	ts.Config.ReadTimeout = badReadTimeout
	ts.Config.WriteTimeout = 10 * time.Second
	ts.Config.IdleTimeout = 10 * time.Second
	ts.Config.MaxHeaderBytes = badMaxHeaderBytes
	ts.Start()
	tb.Cleanup(func() {
		ts.Close()
		st.Close()
	})
	c := ts.Client()
	c.Timeout = 20 * time.Second
	return &badEnv{url: ts.URL, addr: ts.Listener.Addr().String(), store: st, story: s, catalog: catalog, client: c}
}

// badResponse is a response read whole.
type badResponse struct {
	status int
	header http.Header
	body   []byte
}

func (r badResponse) String() string { return fmt.Sprintf("%d %q", r.status, r.body) }

// do sends a request through the Go client (which keeps the path as given).
func (e *badEnv) do(tb testing.TB, method, path, contentType string, body io.Reader) badResponse {
	tb.Helper()
	return e.doWithHeader(tb, method, path, contentType, body, nil)
}

// doWithHeader is do with more request headers.
func (e *badEnv) doWithHeader(tb testing.TB, method, path, contentType string, body io.Reader, header http.Header) badResponse {
	tb.Helper()
	req, err := http.NewRequest(method, e.url+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := e.client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return badResponse{res.StatusCode, res.Header, b}
}

// raw sends exactly these bytes on a new connection and reads one response.
func (e *badEnv) raw(tb testing.TB, request string) badResponse {
	tb.Helper()
	conn, err := net.DialTimeout("tcp", e.addr, 5*time.Second)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		tb.Fatalf("write %q: %v", truncateForLog(request), err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		tb.Fatalf("%q: read response: %v", truncateForLog(request), err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return badResponse{res.StatusCode, res.Header, b}
}

func truncateForLog(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// answers returns the story's stored answers, straight from the database.
func (e *badEnv) stats(tb testing.TB) quiz.Stats {
	tb.Helper()
	st, err := e.store.Stats(tb.Context(), e.story.ID, e.catalog.Len())
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func (e *badEnv) mustBeHealthy(tb testing.TB) {
	tb.Helper()
	if err := e.health(); err != nil {
		tb.Fatal(err)
	}
}

// health checks GET /healthz; it may run on any goroutine.
func (e *badEnv) health() error {
	res, err := e.client.Get(e.url + "/healthz")
	if err != nil {
		return fmt.Errorf("GET /healthz: %w", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || string(b) != "ok\n" {
		return fmt.Errorf("GET /healthz = %d %q", res.StatusCode, b)
	}
	return nil
}

// answer is a valid answer body for the story's first question.
func (e *badEnv) answer(reader, id string) map[string]string {
	q := e.story.Quiz.Questions[0]
	return map[string]string{"story": e.story.ID, "question": q.ID, "choice": q.Choices[0].ID, "reader": reader, "answer": id}
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// wantJSONError checks an API error: the status, a JSON {"error": "..."}
// body with a sentence in it, and a body a client can show safely (valid
// UTF-8, no raw control characters).
func wantJSONError(tb testing.TB, res badResponse, status int) {
	tb.Helper()
	if res.status != status {
		tb.Errorf("status %d, want %d; body %q", res.status, status, res.body)
		return
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		tb.Errorf("Content-Type %q, want JSON", ct)
	}
	var body map[string]any
	if err := json.Unmarshal(res.body, &body); err != nil {
		tb.Errorf("body %q is not JSON: %v", res.body, err)
		return
	}
	msg, _ := body["error"].(string)
	if len(body) != 1 || len(msg) < 10 || !strings.HasSuffix(msg, ".") {
		tb.Errorf(`body %q is not {"error": "<a sentence>"}`, res.body)
	}
	if !utf8.Valid(res.body) || bytes.ContainsFunc(bytes.TrimSuffix(res.body, []byte("\n")), func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		tb.Errorf("body %q holds invalid UTF-8 or raw control characters", res.body)
	}
}

// wantTextError checks a page error: the status and a short plain-text body.
func wantTextError(tb testing.TB, res badResponse, status int) {
	tb.Helper()
	if res.status != status {
		tb.Errorf("status %d, want %d; body %q", res.status, status, res.body)
		return
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		tb.Errorf("Content-Type %q, want text/plain", ct)
	}
	if len(bytes.TrimSpace(res.body)) == 0 {
		tb.Error("empty error body")
	}
}

func TestBadInput(t *testing.T) {
	e := newBadEnv(t)
	first := e.story.Quiz.Questions[0]
	valid := e.answer("reader-badinput-0001", "answer-badinput-0001")

	// Each case sends its requests; the harness then checks the server is
	// still up and, unless stores is set, that nothing was stored.
	cases := []struct {
		name   string
		stored int64 // answers the case stores on purpose
		run    func(t *testing.T)
	}{
		{name: "malformed JSON", run: func(t *testing.T) {
			for _, body := range []string{
				`not json`,
				`{"story": "five-calls",}`,
				`{'story': 'five-calls'}`,
				`[]`,
				`"a string"`,
				`{"story": 5}`,
				`{"story": ["five-calls"]}`,
				mustJSON(t, valid) + `{}`, // trailing data
				mustJSON(t, valid) + ` x`,
				strings.TrimSuffix(mustJSON(t, valid), "}") + `,"extra":"field"}`, // unknown field
				strings.Repeat("[", 8000) + strings.Repeat("]", 8000),             // deeply nested, within 16 KiB
				``,
				`null`, // not an object, as [] is not
				strings.Replace(mustJSON(t, valid), `"story"`, `"Story"`, 1),               // a key in another case
				strings.Replace(mustJSON(t, valid), `"story":`, `"story":"x","story":`, 1), // a key given twice
			} {
				wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(body)), http.StatusBadRequest)
			}
		}},
		{name: "truncated body", run: func(t *testing.T) {
			full := mustJSON(t, valid)
			for _, n := range []int{1, len(full) / 2, len(full) - 1} {
				wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(full[:n])), http.StatusBadRequest)
			}
			// The client promises more bytes than it sends, then stops
			// sending (half-close): the server sees the body end early.
			conn, err := net.Dial("tcp", e.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			fmt.Fprintf(conn, "POST /api/answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(full), full[:len(full)/2])
			conn.(*net.TCPConn).CloseWrite()
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("no response to a truncated body: %v", err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			wantJSONError(t, badResponse{res.StatusCode, res.Header, b}, http.StatusBadRequest)
		}},
		{name: "oversized body", run: func(t *testing.T) {
			big := `{"story":"` + strings.Repeat("x", 17<<10) + `"}`
			// With a Content-Length, refused before reading.
			wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(big)), http.StatusRequestEntityTooLarge)
			// Chunked, with no length announced: cut off at 16 KiB while reading.
			huge := io.MultiReader(strings.NewReader(`{"story":"`), io.LimitReader(neverEnding('x'), 8<<20))
			wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json", struct{ io.Reader }{huge}), http.StatusRequestEntityTooLarge)
			// A valid answer padded with spaces past the limit is refused too.
			padded := mustJSON(t, valid) + strings.Repeat(" ", 16<<10)
			wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(padded)), http.StatusRequestEntityTooLarge)
		}},
		{name: "slowloris headers", run: func(t *testing.T) {
			// A client sends its headers a byte every 50 ms and would take
			// seconds to finish; the server hangs up after ReadHeaderTimeout,
			// and serves others meanwhile.
			conn, err := net.Dial("tcp", e.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			br := bufio.NewReader(conn)
			head := "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("a", 200) + "\r\n\r\n"
			start := time.Now()
			done := make(chan struct{})
			var healthy sync.WaitGroup
			healthy.Go(func() {
				// Meanwhile, another reader is served.
				for {
					select {
					case <-done:
						return
					case <-time.After(50 * time.Millisecond):
						if err := e.health(); err != nil {
							t.Errorf("while a slow client holds a connection: %v", err)
						}
					}
				}
			})
			sent, cut := 0, false
			for !cut && sent < len(head) && time.Since(start) < 5*time.Second {
				if _, err := conn.Write([]byte{head[sent]}); err != nil {
					cut = true
					break
				}
				sent++
				time.Sleep(50 * time.Millisecond)
				cut = hungUp(conn, br)
			}
			elapsed := time.Since(start)
			close(done)
			healthy.Wait()
			if !cut || sent == len(head) {
				t.Fatalf("the server let a client spend %v on %d header bytes (timeout %v)", elapsed, sent, badReadHeaderTimeout)
			}
			if elapsed > badReadHeaderTimeout+2*time.Second {
				t.Errorf("cut off after %v, want about %v", elapsed, badReadHeaderTimeout)
			}
			t.Logf("slowloris cut off after %d of %d header bytes, %v", sent, len(head), elapsed.Round(time.Millisecond))
		}},
		{name: "slow body", run: func(t *testing.T) {
			// Headers arrive at once, the body a byte every 100 ms: the
			// server stops waiting after ReadTimeout and stores nothing.
			conn, err := net.Dial("tcp", e.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			br := bufio.NewReader(conn)
			body := mustJSON(t, e.answer("reader-slow-body-0001", "answer-slow-body-0001"))
			start := time.Now()
			fmt.Fprintf(conn, "POST /api/answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))
			sent, cut := 0, false
			for !cut && sent < len(body) && time.Since(start) < 5*time.Second {
				if _, err := conn.Write([]byte{body[sent]}); err != nil {
					cut = true
					break
				}
				sent++
				time.Sleep(100 * time.Millisecond)
				cut = hungUp(conn, br)
			}
			elapsed := time.Since(start)
			if !cut || sent == len(body) {
				t.Fatalf("the server let a client spend %v on %d body bytes (timeout %v)", elapsed, sent, badReadTimeout)
			}
			if elapsed > badReadTimeout+2*time.Second {
				t.Errorf("cut off after %v, want about %v", elapsed, badReadTimeout)
			}
			// Whatever the server said before hanging up must be a 4xx.
			conn.SetReadDeadline(time.Now().Add(2 * time.Second))
			if res, err := http.ReadResponse(br, nil); err == nil {
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode < 400 || res.StatusCode > 499 {
					t.Errorf("slow body answered %d %q", res.StatusCode, b)
				}
				t.Logf("slow body: %d %q after %d of %d bytes, %v", res.StatusCode, bytes.TrimSpace(b), sent, len(body), elapsed.Round(time.Millisecond))
			} else {
				t.Logf("slow body: connection closed after %d of %d bytes, %v", sent, len(body), elapsed.Round(time.Millisecond))
			}
		}},
		{name: "wrong content type", run: func(t *testing.T) {
			body := mustJSON(t, valid)
			for _, ct := range []string{
				"",
				"text/plain",
				"application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x",
				"application/json; charset=latin1",
				"application/jsonx",
				"text/json",
				"application/json;;",
			} {
				res := e.do(t, "POST", "/api/answers", ct, strings.NewReader(body))
				wantJSONError(t, res, http.StatusUnsupportedMediaType)
			}
		}},
		{name: "wrong method", run: func(t *testing.T) {
			for _, c := range []struct{ method, path, allow string }{
				{"GET", "/api/answers", "POST"},
				{"PUT", "/api/answers", "POST"},
				{"DELETE", "/api/answers", "POST"},
				{"PATCH", "/api/answers", "POST"},
				{"POST", "/api/stats?story=" + e.story.ID, "GET, HEAD"},
				{"DELETE", "/api/stats?story=" + e.story.ID, "GET, HEAD"},
			} {
				res := e.do(t, c.method, c.path, "application/json", strings.NewReader(mustJSON(t, valid)))
				wantJSONError(t, res, http.StatusMethodNotAllowed)
				if got := res.header.Get("Allow"); got != c.allow {
					t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
				}
			}
			// Pages refuse writes in text (no page takes a POST).
			for _, p := range []string{"/", "/embed", "/healthz", "/web/app.css"} {
				res := e.do(t, "POST", p, "application/json", strings.NewReader("{}"))
				if res.status != http.StatusMethodNotAllowed && res.status != http.StatusNotFound {
					t.Errorf("POST %s = %v, want 405 or 404", p, res)
				}
				if strings.HasPrefix(res.header.Get("Content-Type"), "text/html") {
					t.Errorf("POST %s answered a page", p)
				}
			}
			wantTextError(t, e.raw(t, "BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), http.StatusNotFound)
		}},
		{name: "unknown ids", run: func(t *testing.T) {
			with := func(k, v string) string {
				a := e.answer("reader-unknown-ids-01", "answer-unknown-ids-01")
				a[k] = v
				return mustJSON(t, a)
			}
			for _, body := range []string{
				with("story", "another-story"),
				with("story", ""),
				with("question", "no-such-question"),
				with("question", strings.ToUpper(first.ID)),
				with("choice", "no-such-choice"),
				with("choice", e.story.Quiz.Questions[1].Choices[0].ID+"-x"),
				with("reader", "short"),
				with("reader", strings.Repeat("r", 65)),
				with("reader", "reader with spaces!!"),
				with("answer", ""),
				with("answer", strings.Repeat("a", 10_000)),
				`{}`,
			} {
				wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(body)), http.StatusUnprocessableEntity)
			}
			wantJSONError(t, e.do(t, "GET", "/api/stats?story=another-story", "", nil), http.StatusNotFound)
			wantJSONError(t, e.do(t, "GET", "/api/stats", "", nil), http.StatusBadRequest)
			wantJSONError(t, e.do(t, "GET", "/api/nothing-here", "", nil), http.StatusNotFound)
		}},
		{name: "control characters and invalid UTF-8", run: func(t *testing.T) {
			bodies := []string{}
			for _, bad := range []string{"\x00", "\n", "\r\n", "\x1b[31m", "\u202e", "\u2028", "\x7f", "\ufeff"} {
				for _, field := range []string{"story", "question", "choice", "reader", "answer"} {
					a := e.answer("reader-control-chars-1", "answer-control-chars-1")
					a[field] = a[field][:len(a[field])/2] + bad + a[field][len(a[field])/2:]
					bodies = append(bodies, mustJSON(t, a))
				}
			}
			for _, b := range bodies {
				wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(b)), http.StatusUnprocessableEntity)
			}
			// Raw invalid UTF-8 and raw control bytes inside JSON strings:
			// either not JSON (400) or not a valid id (422), never stored.
			valid := mustJSON(t, valid)
			for _, bad := range []string{"\xff", "\xc3\x28", "\xed\xa0\x80", "\x00", "\x01", "\t"} {
				b := strings.Replace(valid, `"reader-badinput`, `"reader`+bad+`-badinput`, 1)
				b2 := strings.Replace(valid, first.ID, first.ID+bad, 1)
				for _, body := range []string{b, b2} {
					res := e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(body))
					switch res.status {
					case http.StatusBadRequest, http.StatusUnprocessableEntity:
						wantJSONError(t, res, res.status)
					default:
						t.Errorf("%q: %v, want 400 or 422", body, res)
					}
				}
			}
			// Escaped lone surrogates decode to U+FFFD: not a valid id.
			wantJSONError(t, e.do(t, "POST", "/api/answers", "application/json",
				strings.NewReader(strings.Replace(valid, `"reader-badinput`, `"reader\ud800-badinput`, 1))), http.StatusUnprocessableEntity)
			// An unknown id is echoed in the message only escaped and short.
			res := e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(mustJSON(t, map[string]string{
				"story": e.story.ID, "question": "<script>\x1b" + strings.Repeat("q", 5000), "choice": "a",
				"reader": "reader-echo-check-001", "answer": "answer-echo-check-001",
			})))
			wantJSONError(t, res, http.StatusUnprocessableEntity)
			if len(res.body) > 500 || bytes.Contains(res.body, []byte("<script>")) {
				t.Errorf("the error echoes the request's id raw or whole: %q", res.body)
			}
		}},
		{name: "oversized query string and headers", run: func(t *testing.T) {
			// Within MaxHeaderBytes: an ordinary answer.
			wantJSONError(t, e.do(t, "GET", "/api/stats?story="+strings.Repeat("s", 8<<10), "", nil), http.StatusNotFound)
			// Over it (Go allows MaxHeaderBytes plus 4 KiB of slack): 431.
			huge := strings.Repeat("s", badMaxHeaderBytes+8<<10)
			for _, req := range []string{
				"GET /api/stats?story=" + huge + " HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /" + huge + " HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + huge + "\r\n\r\n",
				"GET /healthz HTTP/1.1\r\nHost: x\r\n" + strings.Repeat("X-Many: 0123456789abcdef\r\n", 4000) + "\r\n",
				"GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: " + huge + "\r\n\r\n",
			} {
				res := e.raw(t, req)
				if res.status != http.StatusRequestHeaderFieldsTooLarge {
					t.Errorf("%q: %d, want 431", truncateForLog(req), res.status)
				}
			}
		}},
		{name: "malformed requests", run: func(t *testing.T) {
			// Ambiguous framing (request smuggling) and broken request lines
			// are refused by net/http before any handler runs.
			body := mustJSON(t, valid)
			for _, req := range []string{
				fmt.Sprintf("POST /api/answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\nContent-Length: %d\r\n\r\n%s", len(body), len(body)+1, body),
				fmt.Sprintf("POST /api/answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -%d\r\n\r\n%s", len(body), body),
				"GET /healthz HTTP/1.1\r\n\r\n", // no Host
				"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",
				"GET  HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n",
				"GET /healthz HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n",
			} {
				res := e.raw(t, req)
				if res.status != http.StatusBadRequest && res.status != http.StatusHTTPVersionNotSupported {
					t.Errorf("%q: %v, want 400", truncateForLog(req), res)
				}
			}
		}},
		{name: "path traversal on static paths", run: func(t *testing.T) {
			for _, p := range []string{
				"/web/../go.mod",
				"/web/../secret.txt",
				"/web/%2e%2e/go.mod",
				"/web/%2E%2E/secret.txt",
				"/web/..%2fgo.mod",
				"/web/..%2Fsecret.txt",
				"/web/%2e%2e%2fsecret.txt",
				"/web/..%5csecret.txt",
				"/web/..\\secret.txt",
				"/web/....//secret.txt",
				"/web/.%2e/secret.txt",
				"/web/%252e%252e%252fsecret.txt",
				"/web/..%00/secret.txt",
				"/web/app.css%00.txt",
				"/web/web-private/key.txt",
				"/web/../web-private/key.txt",
				"/web//etc/passwd",
				"/web/%2fetc%2fpasswd",
				"//etc/passwd",
				"/../../../../etc/passwd",
				"/%2e%2e/%2e%2e/etc/passwd",
				"/wasm_exec.js/../secret.txt",
				"/web/./app.css/../../secret.txt",
			} {
				res := e.rawFollow(t, p)
				if bytes.Contains(res.body, []byte("CANARY")) || bytes.Contains(res.body, []byte("root:")) || bytes.Contains(res.body, []byte("module ")) {
					t.Errorf("GET %s served a file from outside web/: %q", p, res.body)
				}
				if res.status != http.StatusNotFound && res.status != http.StatusBadRequest {
					t.Errorf("GET %s = %v, want 404 or 400", p, res)
				}
			}
			// The real files are still served.
			if res := e.do(t, "GET", "/web/app.css", "", nil); res.status != http.StatusOK {
				t.Errorf("GET /web/app.css = %v", res)
			}
		}},
		{name: "many distinct readers", stored: 5000, run: func(t *testing.T) {
			// 5,000 answers from 5,000 readers, eight at a time: every one is
			// stored once and the stats add up exactly.
			const readers, workers = 5000, 8
			before := e.stats(t)
			var (
				wg      sync.WaitGroup
				mu      sync.Mutex
				byCode  = map[int]int{}
				choices = map[string]int64{}
			)
			jobs := make(chan int)
			for range workers {
				wg.Go(func() {
					for i := range jobs {
						q := e.story.Quiz.Questions[i%len(e.story.Quiz.Questions)]
						c := q.Choices[i%len(q.Choices)]
						body := mustJSON(t, map[string]string{
							"story": e.story.ID, "question": q.ID, "choice": c.ID,
							"reader": fmt.Sprintf("reader-many-%08d", i), "answer": fmt.Sprintf("answer-many-%08d", i),
						})
						// The answer's id makes a resend harmless, which the
						// Idempotency-Key says to the client: it may send again
						// on a reused connection the server closed as the
						// request went (the server's 300 ms header timeout,
						// under a loaded machine), as browsers do.
						res := e.doWithHeader(t, "POST", "/api/answers", "application/json", strings.NewReader(body),
							http.Header{"Idempotency-Key": {fmt.Sprintf("answer-many-%08d", i)}})
						mu.Lock()
						byCode[res.status]++
						if res.status == http.StatusCreated {
							choices[q.ID+"/"+c.ID]++
						}
						mu.Unlock()
					}
				})
			}
			for i := range readers {
				jobs <- i
			}
			close(jobs)
			wg.Wait()
			if byCode[http.StatusCreated] != readers {
				t.Fatalf("statuses %v, want %d × 201", byCode, readers)
			}
			after := e.stats(t)
			if after.Answers-before.Answers != readers || after.Readers-before.Readers != readers {
				t.Errorf("stored %d answers from %d readers, want %d and %d",
					after.Answers-before.Answers, after.Readers-before.Readers, readers, readers)
			}
			for _, q := range e.story.Quiz.Questions {
				for _, c := range q.Choices {
					if got := after.Questions[q.ID][c.ID] - before.Questions[q.ID][c.ID]; got != choices[q.ID+"/"+c.ID] {
						t.Errorf("%s/%s: %d more, want %d", q.ID, c.ID, got, choices[q.ID+"/"+c.ID])
					}
				}
			}
			// Resending all of them changes nothing.
			for i := range 200 {
				q := e.story.Quiz.Questions[i%len(e.story.Quiz.Questions)]
				c := q.Choices[(i+1)%len(q.Choices)] // even with another choice
				res := e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(mustJSON(t, map[string]string{
					"story": e.story.ID, "question": q.ID, "choice": c.ID,
					"reader": fmt.Sprintf("reader-many-%08d", i), "answer": fmt.Sprintf("answer-many-%08d", i),
				})))
				if res.status != http.StatusOK || !bytes.Contains(res.body, []byte(`"stored":false`)) {
					t.Fatalf("resend %d = %v, want 200 stored:false", i, res)
				}
			}
			if again := e.stats(t); again.Answers != after.Answers {
				t.Errorf("resends moved the stats from %d to %d answers", after.Answers, again.Answers)
			}
		}},
		{name: "one reader replaying answers", stored: 1, run: func(t *testing.T) {
			// One reader hammers one question from 8 connections: the same
			// answer resent, and new answer ids with other choices. Exactly
			// one answer counts.
			q := e.story.Quiz.Questions[2]
			var (
				wg     sync.WaitGroup
				mu     sync.Mutex
				byCode = map[int]int{}
			)
			before := e.stats(t)
			for g := range 8 {
				wg.Go(func() {
					for i := range 100 {
						id := "answer-replay-same-01"
						if i%2 == 1 {
							id = fmt.Sprintf("answer-replay-%02d-%04d", g, i)
						}
						res := e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(mustJSON(t, map[string]string{
							"story": e.story.ID, "question": q.ID, "choice": q.Choices[(g+i)%len(q.Choices)].ID,
							"reader": "reader-replaying-01", "answer": id,
						})))
						mu.Lock()
						byCode[res.status]++
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if byCode[http.StatusCreated] != 1 || byCode[http.StatusOK] != 799 {
				t.Errorf("statuses %v, want one 201 and 799 × 200 (stored: false)", byCode)
			}
			after := e.stats(t)
			var moved int64
			for _, c := range q.Choices {
				moved += after.Questions[q.ID][c.ID] - before.Questions[q.ID][c.ID]
			}
			if moved != 1 || after.Readers-before.Readers != 1 {
				t.Errorf("question %s moved by %d and readers by %d, want 1 and 1", q.ID, moved, after.Readers-before.Readers)
			}
		}},
		{name: "invalid oEmbed URLs", run: func(t *testing.T) {
			if probe := e.do(t, "GET", "/oembed?url="+url.QueryEscape(e.url+"/"), "", nil); probe.status != http.StatusOK {
				t.Fatalf("oEmbed of the widget's own URL: %v", probe)
			}
			q := func(kv ...string) string {
				v := url.Values{}
				for i := 0; i+1 < len(kv); i += 2 {
					v.Set(kv[i], kv[i+1])
				}
				return "/oembed?" + v.Encode()
			}
			for _, c := range []struct {
				path   string
				status int
			}{
				{"/oembed", http.StatusBadRequest},
				{q("url", ""), http.StatusBadRequest},
				{"/oembed?url=%zz", http.StatusBadRequest},
				{"/oembed?url=" + url.QueryEscape(e.url+"/") + "&maxwidth=-1", http.StatusBadRequest},
				{"/oembed?url=" + url.QueryEscape(e.url+"/") + "&maxwidth=1e9", http.StatusBadRequest},
				{"/oembed?url=" + url.QueryEscape(e.url+"/") + "&format=yaml", http.StatusNotImplemented},
				{q("url", "javascript:alert(1)"), http.StatusNotFound},
				{q("url", "data:text/html,<script>alert(1)</script>"), http.StatusNotFound},
				{q("url", "file:///etc/passwd"), http.StatusNotFound},
				{q("url", "https://evil.example/"), http.StatusNotFound},
				{q("url", "//evil.example/"), http.StatusNotFound},
				{q("url", "http://user:pass@"+e.addr+"/"), http.StatusNotFound},
				{q("url", "http://"+e.addr+".evil.example/"), http.StatusNotFound},
				{q("url", "http://"+e.addr+"/api/answers"), http.StatusNotFound},
				{q("url", "http://"+e.addr+"/web/../secret.txt"), http.StatusNotFound},
				{q("url", "http://"+e.addr+"/\x00"), http.StatusNotFound},
				{q("url", "http://"+e.addr+"/\xff"), http.StatusNotFound},
				{q("url", "http://"+e.addr+"/?call=1\r\nX-Injected: 1"), http.StatusNotFound},
				{q("url", "http://"+e.addr+"/?x="+strings.Repeat("a", 3000)), http.StatusNotFound},
				{q("url", "not a url at all"), http.StatusNotFound},
			} {
				res := e.do(t, "GET", c.path, "", nil)
				wantJSONError(t, res, c.status)
				if res.header.Get("X-Injected") != "" {
					t.Errorf("%s injected a header", c.path)
				}
			}
		}},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.stats(t)
			c.run(t)
			e.mustBeHealthy(t)
			if after := e.stats(t); after.Answers-before.Answers != c.stored {
				t.Errorf("stored %d answers (%d → %d), want %d", after.Answers-before.Answers, before.Answers, after.Answers, c.stored)
			}
		})
	}
	// And the server still takes a good answer.
	res := e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(mustJSON(t, valid)))
	if res.status != http.StatusCreated {
		t.Errorf("a valid answer after the catalogue: %v", res)
	}
}

// TestRateLimitOnTheAPI checks the limiter as the server wires it: the
// answers API is limited per client, pages and /healthz are not, and a
// refused answer is not stored.
func TestRateLimitOnTheAPI(t *testing.T) {
	e := newBadEnv(t, func(c *server.Config) { c.RateLimit, c.RateBurst = 1, 5 })
	byCode := map[int]int{}
	var limited badResponse
	start := time.Now()
	for i := range 20 {
		a := e.answer(fmt.Sprintf("reader-limited-%05d", i), fmt.Sprintf("answer-limited-%05d", i))
		res := e.do(t, "POST", "/api/answers", "application/json", strings.NewReader(mustJSON(t, a)))
		byCode[res.status]++
		if res.status == http.StatusTooManyRequests {
			limited = res
		}
	}
	// The burst, plus the tokens refilled at 1/s while the loop ran.
	most := 5 + int(time.Since(start).Seconds()) + 1
	if byCode[http.StatusCreated] < 5 || byCode[http.StatusCreated] > most || byCode[http.StatusTooManyRequests] != 20-byCode[http.StatusCreated] {
		t.Fatalf("statuses %v, want 5 to %d × 201 and the rest 429", byCode, most)
	}
	wantJSONError(t, limited, http.StatusTooManyRequests)
	if ra := limited.header.Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After %q, want 1", ra)
	}
	if got := e.stats(t).Answers; got != int64(byCode[http.StatusCreated]) {
		t.Errorf("%d answers stored, want the %d acknowledged", got, byCode[http.StatusCreated])
	}
	for range 50 {
		e.mustBeHealthy(t)
	}
	for _, p := range []string{"/", "/web/app.css"} {
		if res := e.do(t, "GET", p, "", nil); res.status != http.StatusOK {
			t.Errorf("GET %s while the API is limited = %d", p, res.status)
		}
	}
}

// rawFollow GETs path exactly as written (no client-side cleaning) and
// follows same-site redirects, up to three, as a browser would.
func (e *badEnv) rawFollow(tb testing.TB, path string) badResponse {
	tb.Helper()
	for range 4 {
		res := e.raw(tb, "GET "+path+" HTTP/1.1\r\nHost: "+e.addr+"\r\nConnection: close\r\n\r\n")
		if res.status < 300 || res.status > 399 {
			return res
		}
		loc, err := url.Parse(res.header.Get("Location"))
		if err != nil || (loc.Host != "" && loc.Host != e.addr) {
			tb.Errorf("GET %s redirects off-site to %q", path, res.header.Get("Location"))
			return res
		}
		base, _ := url.Parse("http://" + e.addr + path)
		path = base.ResolveReference(loc).RequestURI()
	}
	tb.Fatalf("GET %s: too many redirects", path)
	return badResponse{}
}

// hungUp reports, without blocking, whether the server has answered or
// closed the connection br reads. Nothing is consumed.
func hungUp(conn net.Conn, br *bufio.Reader) bool {
	conn.SetReadDeadline(time.Now().Add(time.Millisecond))
	defer conn.SetReadDeadline(time.Time{})
	_, err := br.Peek(1)
	var ne net.Error
	return err == nil || !(errors.As(err, &ne) && ne.Timeout())
}

// neverEnding is an endless reader of one byte.
type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}
