package server_test

// What an operator relies on: trusted proxies, the metrics listener,
// readiness and draining, and request ids in the log.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rs/zerolog"

	"fivecalls/app/quiz"
	"fivecalls/app/server"
	"fivecalls/app/story"
)

// opsStore is a quiz.Store and quiz.Pinger whose failures a test sets.
type opsStore struct {
	memStore
	statsErr error
	pingErr  atomic.Pointer[error]
}

func (s *opsStore) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	if s.statsErr != nil {
		return quiz.Stats{}, s.statsErr
	}
	return s.memStore.Stats(ctx, story, questions)
}

func (s *opsStore) Ping(context.Context) error {
	if err := s.pingErr.Load(); err != nil {
		return *err
	}
	return nil
}

// syncBuffer is a log destination safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// lines returns the JSON log lines written so far.
func (s *syncBuffer) lines(tb testing.TB) []map[string]any {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(s.b.Bytes()))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			tb.Fatalf("log line is not JSON: %s", sc.Bytes())
		}
		out = append(out, m)
	}
	return out
}

// opsServer builds a server for the default story with store, logging JSON
// to logs; configure may change the config first.
func opsServer(tb testing.TB, store quiz.Store, logs *syncBuffer, configure func(*server.Config)) *server.Server {
	tb.Helper()
	cfg := server.Config{Story: story.Default(), WebDir: mustWebDir(tb), RateLimit: 10, RateBurst: 20}
	if configure != nil {
		configure(&cfg)
	}
	logger := zerolog.Nop()
	if logs != nil {
		logger = zerolog.New(logs)
	}
	s, err := server.New(logger, cfg, store)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// getFrom sends GET path as if from the address remote, with headers.
func getFrom(h http.Handler, path, remote string, headers ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.RemoteAddr = remote
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestTrustedProxyGivesEachReaderABucket(t *testing.T) {
	stats := "/api/stats?story=" + story.Default().ID
	const proxy = "127.0.0.1:40000"
	oneEach := func(cfg *server.Config) { cfg.RateLimit, cfg.RateBurst = 0.001, 1 } // one request per reader

	t.Run("trusted X-Forwarded-For", func(t *testing.T) {
		h := opsServer(t, &opsStore{}, nil, func(cfg *server.Config) {
			oneEach(cfg)
			cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
		})
		if w := getFrom(h, stats, proxy, "X-Forwarded-For", "198.51.100.1"); w.Code != http.StatusOK {
			t.Fatalf("reader A's first request = %d", w.Code)
		}
		if w := getFrom(h, stats, proxy, "X-Forwarded-For", "198.51.100.2"); w.Code != http.StatusOK {
			t.Errorf("reader B's first request = %d: B shares A's bucket", w.Code)
		}
		if w := getFrom(h, stats, proxy, "X-Forwarded-For", "198.51.100.1"); w.Code != http.StatusTooManyRequests {
			t.Errorf("reader A's second request = %d, want 429", w.Code)
		}
		// A cannot escape its bucket by writing addresses of its own to the
		// left of what the proxy appends.
		if w := getFrom(h, stats, proxy, "X-Forwarded-For", "203.0.113.77, 198.51.100.1"); w.Code != http.StatusTooManyRequests {
			t.Errorf("reader A with a forged hop = %d, want 429", w.Code)
		}
	})

	t.Run("untrusted X-Forwarded-For is ignored", func(t *testing.T) {
		h := opsServer(t, &opsStore{}, nil, func(cfg *server.Config) {
			oneEach(cfg)
			cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
		})
		if w := getFrom(h, stats, "203.0.113.5:1000", "X-Forwarded-For", "198.51.100.1"); w.Code != http.StatusOK {
			t.Fatalf("first request = %d", w.Code)
		}
		if w := getFrom(h, stats, "203.0.113.5:1001", "X-Forwarded-For", "198.51.100.2"); w.Code != http.StatusTooManyRequests {
			t.Errorf("second request from the same address with another X-Forwarded-For = %d, want 429", w.Code)
		}
	})

	t.Run("Forwarded when configured", func(t *testing.T) {
		h := opsServer(t, &opsStore{}, nil, func(cfg *server.Config) {
			oneEach(cfg)
			cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
			cfg.ProxyHeader = server.HeaderForwarded
		})
		if w := getFrom(h, stats, proxy, "Forwarded", "for=198.51.100.1;proto=https"); w.Code != http.StatusOK {
			t.Fatalf("reader A = %d", w.Code)
		}
		if w := getFrom(h, stats, proxy, "Forwarded", `for="[2001:db8::1]:4711"`); w.Code != http.StatusOK {
			t.Errorf("reader B = %d: B shares A's bucket", w.Code)
		}
		// X-Forwarded-For passes through such a proxy untouched: a reader
		// could write anything there, so it is not read.
		if w := getFrom(h, stats, proxy, "Forwarded", "for=198.51.100.1", "X-Forwarded-For", "198.51.100.9"); w.Code != http.StatusTooManyRequests {
			t.Errorf("reader A with an X-Forwarded-For of its own = %d, want 429", w.Code)
		}
	})
}

func TestAccessLogNamesReadersOnlyByPseudonym(t *testing.T) {
	var logs syncBuffer
	h := opsServer(t, &opsStore{}, &logs, func(cfg *server.Config) {
		cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
	getFrom(h, "/healthz", "127.0.0.1:40000", "X-Forwarded-For", "198.51.100.1")
	getFrom(h, "/healthz", "127.0.0.1:40001", "X-Forwarded-For", "198.51.100.1")
	getFrom(h, "/healthz", "127.0.0.1:40002", "X-Forwarded-For", "198.51.100.2")
	lines := logs.lines(t)
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want 3", len(lines))
	}
	a, a2, b := lines[0]["client"], lines[1]["client"], lines[2]["client"]
	if a == nil || a != a2 || a == b {
		t.Errorf("client pseudonyms %v %v %v: want one per reader, behind the proxy", a, a2, b)
	}
	logs.mu.Lock()
	text := logs.b.String()
	logs.mu.Unlock()
	for _, addr := range []string{"198.51.100", "127.0.0.1"} {
		if strings.Contains(text, addr) {
			t.Errorf("the log holds an address (%s):\n%s", addr, text)
		}
	}
}

func TestMetricsListener(t *testing.T) {
	h := opsServer(t, &opsStore{}, nil, func(cfg *server.Config) { cfg.SeparateMetrics = true })
	getFrom(h, "/healthz", "127.0.0.1:1")
	if w := getFrom(h, "/metrics", "127.0.0.1:1"); w.Code != http.StatusNotFound {
		t.Errorf("public /metrics from loopback with a metrics listener = %d, want 404", w.Code)
	}
	w := getFrom(h.AdminHandler(), "/metrics", "192.0.2.1:1")
	if w.Code != http.StatusOK {
		t.Fatalf("admin /metrics = %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{"\ngo_goroutines ", "\nprocess_cpu_seconds_total ", "\nfivecalls_build_info{", `fivecalls_http_requests_total{route="GET /healthz",status="200"} 1`, "\nfivecalls_group_commit_queue_depth 0"} {
		if !strings.Contains(body, want) {
			t.Errorf("admin /metrics lacks %q", strings.TrimSpace(want))
		}
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		if w := getFrom(h.AdminHandler(), path, "192.0.2.1:1"); w.Code != http.StatusOK {
			t.Errorf("admin %s = %d", path, w.Code)
		}
	}
	if w := getFrom(h.AdminHandler(), "/", "192.0.2.1:1"); w.Code != http.StatusNotFound {
		t.Errorf("admin / = %d: the widget is served on the metrics listener", w.Code)
	}
}

func TestPublicMetricsOnlyForLocalClients(t *testing.T) {
	h := opsServer(t, &opsStore{}, nil, func(cfg *server.Config) {
		cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
	if w := getFrom(h, "/metrics", "127.0.0.1:1"); w.Code != http.StatusOK {
		t.Errorf("/metrics from loopback = %d, want 200", w.Code)
	}
	if w := getFrom(h, "/metrics", "192.0.2.1:1"); w.Code != http.StatusNotFound {
		t.Errorf("/metrics from afar = %d, want 404", w.Code)
	}
	// Through a proxy on this host, a reader is not local.
	if w := getFrom(h, "/metrics", "127.0.0.1:1", "X-Forwarded-For", "198.51.100.1"); w.Code != http.StatusNotFound {
		t.Errorf("/metrics through the trusted proxy = %d, want 404", w.Code)
	}
	if w := getFrom(h, "/metrics", "127.0.0.1:1", "X-Real-IP", "198.51.100.1"); w.Code != http.StatusNotFound {
		t.Errorf("/metrics through a proxy that sets X-Real-IP = %d, want 404", w.Code)
	}
}

func TestReadyz(t *testing.T) {
	var logs syncBuffer
	store := &opsStore{}
	h := opsServer(t, store, &logs, nil)
	if w := getFrom(h, "/readyz", "127.0.0.1:1"); w.Code != http.StatusOK || w.Body.String() != "ready\n" {
		t.Fatalf("/readyz = %d %q", w.Code, w.Body)
	}

	t.Run("store does not answer", func(t *testing.T) {
		h := opsServer(t, store, &logs, nil) // a fresh server: no cached result
		gone := error(errors.New("connect: database \"x\" does not exist"))
		store.pingErr.Store(&gone)
		defer store.pingErr.Store(nil)
		w := getFrom(h, "/readyz", "127.0.0.1:1")
		if w.Code != http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "does not exist") {
			t.Errorf("/readyz = %d %q, want 503 without the error's details", w.Code, w.Body)
		}
		if w := getFrom(h, "/healthz", "127.0.0.1:1"); w.Code != http.StatusOK {
			t.Errorf("/healthz = %d: liveness must not depend on the database", w.Code)
		}
		var warned bool
		for _, l := range logs.lines(t) {
			if l["message"] == "not ready" {
				warned = true
				if l["request_id"] != w.Header().Get("X-Request-Id") || !strings.Contains(l["error"].(string), "does not exist") {
					t.Errorf("not-ready line %v: want the probe's request id and the error", l)
				}
			}
		}
		if !warned {
			t.Error("the change to not ready was not logged")
		}
	})

	t.Run("draining", func(t *testing.T) {
		h.Drain()
		for _, hh := range []http.Handler{h, h.AdminHandler()} {
			if w := getFrom(hh, "/readyz", "127.0.0.1:1"); w.Code != http.StatusServiceUnavailable {
				t.Errorf("/readyz while draining = %d, want 503", w.Code)
			}
		}
		if w := getFrom(h, "/", "127.0.0.1:1"); w.Code != http.StatusOK {
			t.Errorf("GET / while draining = %d: readers in flight must still be served", w.Code)
		}
	})
}

func TestErrorLogLinesCarryTheRequestID(t *testing.T) {
	var logs syncBuffer
	h := opsServer(t, &opsStore{statsErr: quiz.InternalError(errors.New("disk on fire"))}, &logs, nil)
	w := getFrom(h, "/api/stats?story="+story.Default().ID, "127.0.0.1:1")
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", w.Code)
	}
	id := w.Header().Get("X-Request-Id")
	var errLine, access map[string]any
	for _, l := range logs.lines(t) {
		switch l["message"] {
		case "api request failed":
			errLine = l
		case "request":
			access = l
		}
	}
	if errLine == nil || errLine["request_id"] != id || !strings.Contains(errLine["error"].(string), "disk on fire") {
		t.Errorf("error line %v: want request_id %s and the error", errLine, id)
	}
	if access == nil || access["request_id"] != id || access["status"] != 500.0 {
		t.Errorf("access line %v: want request_id %s, status 500", access, id)
	}
	if _, ok := access["duration_ms"].(float64); !ok {
		t.Errorf("access line %v has no duration_ms", access)
	}
	if _, ok := access["duration"]; ok {
		t.Errorf("access line %v has a duration without its unit", access)
	}
}
