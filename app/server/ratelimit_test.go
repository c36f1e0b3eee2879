package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a settable clock for the limiter.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// mustLimiter returns a limiter on a fake clock around a handler that counts
// the requests it lets through.
func mustLimiter(tb testing.TB, perSecond float64, burst, maxClients int) (*rateLimiter, http.Handler, *fakeClock, *atomic.Int64) {
	tb.Helper()
	l := newRateLimiter(perSecond, burst, maxClients)
	clock := &fakeClock{t: time.Date(2017, 1, 28, 12, 0, 0, 0, time.UTC)}
	l.now = clock.now
	var served atomic.Int64
	h := l.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	return l, h, clock, &served
}

func requestFrom(h http.Handler, remoteAddr, path string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, nil)
	req.RemoteAddr = remoteAddr
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	_, h, clock, served := mustLimiter(t, 2, 3, 1000)
	const a, b = "203.0.113.7:40000", "198.51.100.9:40000"
	for i := range 3 {
		if rec := requestFrom(h, a, "/api/answers"); rec.Code != http.StatusNoContent {
			t.Fatalf("request %d within the burst = %d", i+1, rec.Code)
		}
	}
	rec := requestFrom(h, a, "/api/answers")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("request over the burst = %d, want 429", rec.Code)
	}
	// Half a token's wait at 2/s rounds up to a whole second.
	if got := rec.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want 1", got)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want JSON", ct)
	}
	var body struct{ Error string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error == "" {
		t.Errorf("body %q is not {\"error\": \"...\"}: %v", rec.Body, err)
	}
	if served.Load() != 3 {
		t.Errorf("the handler ran %d times, want 3: a limited request must not reach it", served.Load())
	}

	// Another client has its own bucket.
	for i := range 3 {
		if rec := requestFrom(h, b, "/api/answers"); rec.Code != http.StatusNoContent {
			t.Fatalf("other client's request %d = %d", i+1, rec.Code)
		}
	}
	// Pages get the same status in plain text.
	rec = requestFrom(h, a, "/")
	if rec.Code != http.StatusTooManyRequests || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("page over the limit = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}

	// Tokens come back at the rate: one after half a second, not two.
	clock.add(500 * time.Millisecond)
	if rec := requestFrom(h, a, "/api/answers"); rec.Code != http.StatusNoContent {
		t.Errorf("after refill = %d", rec.Code)
	}
	if rec := requestFrom(h, a, "/api/answers"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("second request after one token's refill = %d, want 429", rec.Code)
	}
	// A long idle time refills up to the burst only.
	clock.add(time.Hour)
	for i := range 4 {
		want := http.StatusNoContent
		if i == 3 {
			want = http.StatusTooManyRequests
		}
		if rec := requestFrom(h, a, "/api/answers"); rec.Code != want {
			t.Errorf("after an hour, request %d = %d, want %d", i+1, rec.Code, want)
		}
	}
}

func TestRateLimitRetryAfterCoversTheWait(t *testing.T) {
	// One request every 10 s: the client must be told to wait 10 s.
	_, h, clock, _ := mustLimiter(t, 0.1, 1, 1000)
	const a = "203.0.113.7:1"
	requestFrom(h, a, "/api/answers")
	rec := requestFrom(h, a, "/api/answers")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "10" {
		t.Fatalf("= %d, Retry-After %q; want 429, 10", rec.Code, rec.Header().Get("Retry-After"))
	}
	clock.add(9 * time.Second)
	if rec := requestFrom(h, a, "/api/answers"); rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("9 s later = %d, Retry-After %q; want 429, 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	clock.add(time.Second)
	if rec := requestFrom(h, a, "/api/answers"); rec.Code != http.StatusNoContent {
		t.Errorf("after Retry-After = %d", rec.Code)
	}
}

func TestRateLimitOtherClientsKeepBeingServed(t *testing.T) {
	// A real server and clock: one client floods from several connections
	// while another reader sends at a modest pace from another loopback
	// address. The flood is refused; the reader never is.
	l := newRateLimiter(50, 10, 1000)
	ts := httptest.NewServer(l.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	defer ts.Close()
	clientFrom := func(ip string) *http.Client {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
		tr := &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 8}
		t.Cleanup(tr.CloseIdleConnections)
		return &http.Client{Transport: tr, Timeout: 10 * time.Second}
	}
	send := func(c *http.Client) int {
		res, err := c.Post(ts.URL+"/api/answers", "application/json", nil)
		if err != nil {
			t.Error(err)
			return 0
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	// Linux routes all of 127.0.0.0/8 to loopback.
	flooder, reader := clientFrom("127.0.0.2"), clientFrom("127.0.0.3")
	if c, err := (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}}).Dial("tcp", ts.Listener.Addr().String()); err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("FIVECALLS_REQUIRE_ALL") == "1" {
			t.Fatalf("cannot send from a second loopback address: %v", err)
		}
		t.Skipf("cannot send from a second loopback address: %v", err)
	} else {
		c.Close()
	}

	stop := make(chan struct{})
	var flood sync.WaitGroup
	var floodOK, floodLimited atomic.Int64
	start := time.Now()
	for range 4 {
		flood.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				switch send(flooder) {
				case http.StatusOK:
					floodOK.Add(1)
				case http.StatusTooManyRequests:
					floodLimited.Add(1)
				default:
					return
				}
			}
		})
	}
	// 20 requests at about 20/s: within the 50/s rate, so every one passes.
	for i := range 20 {
		if code := send(reader); code != http.StatusOK {
			t.Errorf("reader request %d = %d during another client's flood", i+1, code)
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(stop)
	flood.Wait()
	elapsed := time.Since(start)
	if floodLimited.Load() == 0 {
		t.Errorf("the flood was never refused (%d served)", floodOK.Load())
	}
	// The flood got at most its burst plus its rate over the time it ran.
	if max := 10 + int64(50*elapsed.Seconds()) + 1; floodOK.Load() > max {
		t.Errorf("the flooding client was served %d times in %v, want at most %d", floodOK.Load(), elapsed, max)
	}
	t.Logf("flood: %d served, %d refused in %v", floodOK.Load(), floodLimited.Load(), elapsed.Round(time.Millisecond))
}

func TestRateLimitDisabled(t *testing.T) {
	var served int
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { served++ })
	for _, rate := range []float64{0, -1} {
		h := withRateLimit(rate, 1, next)
		for range 1000 {
			if rec := requestFrom(h, "203.0.113.7:1", "/api/answers"); rec.Code != http.StatusOK {
				t.Fatalf("rate %v: = %d", rate, rec.Code)
			}
		}
	}
	if served != 2000 {
		t.Errorf("served %d of 2000", served)
	}
	// And on, it limits.
	h := withRateLimit(1, 1, next)
	requestFrom(h, "203.0.113.7:1", "/api/answers")
	if rec := requestFrom(h, "203.0.113.7:1", "/api/answers"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("rate 1: second request = %d", rec.Code)
	}
}

func TestRateLimitClientIdentity(t *testing.T) {
	l := newRateLimiter(1, 1, 1000)
	same := [][2]string{
		{"203.0.113.7:1000", "203.0.113.7:2000"},                             // the port is not the client
		{"203.0.113.7:1000", "[::ffff:203.0.113.7]:1000"},                    // IPv4-mapped IPv6
		{"[2001:db8:1:2:aaaa::1]:1", "[2001:db8:1:2:bbbb:cccc:dddd:eeee]:1"}, // one /64
		{"[fe80::1%eth0]:1", "[fe80::2%eth1]:1"},
	}
	for _, p := range same {
		if l.clientKey(p[0]) != l.clientKey(p[1]) {
			t.Errorf("%s and %s should share a bucket", p[0], p[1])
		}
	}
	different := [][2]string{
		{"203.0.113.7:1", "203.0.113.8:1"},
		{"[2001:db8:1:2::1]:1", "[2001:db8:1:3::1]:1"},
		{"203.0.113.7:1", "pipe"},
	}
	for _, p := range different {
		if l.clientKey(p[0]) == l.clientKey(p[1]) {
			t.Errorf("%s and %s should not share a bucket", p[0], p[1])
		}
	}
	// Keys are salted per limiter: a key means nothing outside this process.
	if newRateLimiter(1, 1, 1).clientKey("203.0.113.7:1") == l.clientKey("203.0.113.7:1") {
		t.Error("two limiters hash an address to the same key: the hash is not keyed")
	}
}

func TestRateLimitEvictionBoundsMemory(t *testing.T) {
	const maxClients = 1024 // a multiple of the shard count, so the bound is exact
	l, h, _, _ := mustLimiter(t, 1, 5, maxClients)
	// A known client spends its burst.
	const known = "192.0.2.1:1"
	for range 5 {
		requestFrom(h, known, "/api/answers")
	}
	// 50,000 distinct clients arrive within one second (no bucket goes idle).
	for i := range 50_000 {
		requestFrom(h, fmt.Sprintf("10.%d.%d.%d:1", i>>16, (i>>8)&255, i&255), "/api/answers")
		if i%10_000 == 0 {
			if n := l.clients(); n > maxClients {
				t.Fatalf("after %d clients the limiter holds %d buckets, over its %d", i+1, n, maxClients)
			}
		}
	}
	if n := l.clients(); n > maxClients || n < maxClients*9/10 {
		t.Errorf("holds %d buckets, want at most %d and not far below", n, maxClients)
	}
	// The evicted client only got a fresh burst back; nothing breaks.
	if rec := requestFrom(h, known, "/api/answers"); rec.Code != http.StatusNoContent {
		t.Errorf("evicted client = %d", rec.Code)
	}

}

func TestRateLimitDropsIdleBuckets(t *testing.T) {
	// Below the cap, buckets idle long enough to be full again (burst/rate
	// = 5 s) are dropped as other clients come, with no sweeper goroutine:
	// forgetting a full bucket changes nothing for its client.
	l, h, clock, _ := mustLimiter(t, 1, 5, 100_000)
	for i := range 500 {
		requestFrom(h, fmt.Sprintf("10.0.%d.%d:1", i>>8, i&255), "/api/answers")
	}
	clock.add(4 * time.Second) // not yet idle long enough
	for i := range 500 {
		requestFrom(h, fmt.Sprintf("172.16.%d.%d:1", i>>8, i&255), "/api/answers")
	}
	if n := l.clients(); n != 1000 {
		t.Fatalf("holds %d buckets, want 1000: a bucket that is not full was dropped", n)
	}
	clock.add(2 * time.Second) // the first 500 are full again, the others not
	for i := range 500 {
		requestFrom(h, fmt.Sprintf("192.168.%d.%d:1", i>>8, i&255), "/api/answers")
	}
	// Each new client drops up to two idle buckets of its shard.
	if n := l.clients(); n > 1000+50 || n < 1000 {
		t.Errorf("holds %d buckets, want about 1000 (500 idle ones dropped, 500 new)", n)
	}
}

func TestRateLimitRecentClientSurvivesChurnBelowTheCap(t *testing.T) {
	// A client that is still active keeps its (empty) bucket while fewer
	// new clients than the cap come and go: eviction is least recently seen.
	l, h, _, _ := mustLimiter(t, 1, 2, 4096)
	const a = "192.0.2.1:1"
	requestFrom(h, a, "/api/answers")
	requestFrom(h, a, "/api/answers")
	for i := range 1000 {
		requestFrom(h, fmt.Sprintf("10.0.%d.%d:1", i>>8, i&255), "/api/answers")
	}
	if rec := requestFrom(h, a, "/api/answers"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("client = %d, want 429: its bucket was forgotten", rec.Code)
	}
	if n := l.clients(); n != 1001 {
		t.Errorf("holds %d buckets, want 1001", n)
	}
}

func BenchmarkRateLimit(b *testing.B) {
	l := newRateLimiter(1e9, 1000, rateLimitMaxClients)
	h := l.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	addrs := make([]string, 4096)
	for i := range addrs {
		addrs[i] = fmt.Sprintf("10.0.%d.%d:4000", i>>8, i&255)
	}
	b.ReportAllocs()
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest(http.MethodPost, "/api/answers", nil)
		w := httptest.NewRecorder()
		i := int(n.Add(1)) * 997
		for pb.Next() {
			req.RemoteAddr = addrs[i%len(addrs)]
			i++
			h.ServeHTTP(w, req)
		}
	})
}
