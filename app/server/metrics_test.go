package server

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
)

var testBuild = BuildInfo{Version: "v1.2.3", Commit: "0123abcd", GoVersion: "go1.99"}

// scrape returns GET /metrics's body.
func scrape(tb testing.TB, h http.Handler) string {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET /metrics = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		tb.Errorf("Content-Type = %q", ct)
	}
	return rec.Body.String()
}

// sampleValue returns the value of one line of the exposition, e.g.
// fivecalls_http_request_duration_seconds_count{route="GET /slow"}.
func sampleValue(tb testing.TB, body, series string) float64 {
	tb.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(body)
	if m == nil {
		tb.Fatalf("no series %s in:\n%s", series, body)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func TestMetricsCountRequestsByRouteAndStatus(t *testing.T) {
	m := NewMetrics(testBuild)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hi")) })
	mux.HandleFunc("POST /api/answers", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("fail") {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) { time.Sleep(30 * time.Millisecond) })
	ts := httptest.NewServer(m.Middleware(mux))
	defer ts.Close()

	do := func(method, path string) {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, nil)
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	for range 3 {
		do("GET", "/hello")
	}
	do("POST", "/api/answers")
	do("POST", "/api/answers")
	do("POST", "/api/answers?fail=1")
	do("GET", "/no/such/path?token=secret") // 404, no pattern
	do("DELETE", "/hello")                  // 405 from the mux, which matched no pattern
	do("GET", "/slow")
	m.AnswerStored()
	m.AnswerStored()
	m.StoreError()
	m.AddGauge("fivecalls_group_commit_queue_depth", "Answers waiting for their database commit.", func() float64 { return 7 })

	// The whole families: a raw path or a query would show up as a series.
	const want = `
# HELP fivecalls_http_requests_total HTTP requests by route pattern and status code.
# TYPE fivecalls_http_requests_total counter
fivecalls_http_requests_total{route="GET /hello",status="200"} 3
fivecalls_http_requests_total{route="GET /slow",status="200"} 1
fivecalls_http_requests_total{route="POST /api/answers",status="201"} 2
fivecalls_http_requests_total{route="POST /api/answers",status="500"} 1
fivecalls_http_requests_total{route="unmatched",status="404"} 1
fivecalls_http_requests_total{route="unmatched",status="405"} 1
# HELP fivecalls_answers_stored_total Quiz answers committed to the database by this instance (resends and second answers excluded).
# TYPE fivecalls_answers_stored_total counter
fivecalls_answers_stored_total 2
# HELP fivecalls_store_errors_total Store operations (saving an answer, loading stats) that failed.
# TYPE fivecalls_store_errors_total counter
fivecalls_store_errors_total 1
# HELP fivecalls_group_commit_queue_depth Answers waiting for their database commit.
# TYPE fivecalls_group_commit_queue_depth gauge
fivecalls_group_commit_queue_depth 7
# HELP fivecalls_build_info Always 1; the labels name the build: module version, VCS commit and Go version.
# TYPE fivecalls_build_info gauge
fivecalls_build_info{commit="0123abcd",goversion="go1.99",version="v1.2.3"} 1
`
	if err := testutil.GatherAndCompare(m.registry, strings.NewReader(want),
		"fivecalls_http_requests_total", "fivecalls_answers_stored_total", "fivecalls_store_errors_total",
		"fivecalls_group_commit_queue_depth", "fivecalls_build_info"); err != nil {
		t.Error(err)
	}

	// The latency histogram, one per route pattern.
	if n := testutil.CollectAndCount(m.latency); n != 4 {
		t.Errorf("%d latency series, want 4 (GET /hello, POST /api/answers, GET /slow, unmatched)", n)
	}
	body := scrape(t, m.Handler())
	const hist = "fivecalls_http_request_duration_seconds"
	for route, n := range map[string]float64{"GET /hello": 3, "POST /api/answers": 3, "GET /slow": 1, "unmatched": 2} {
		if got := sampleValue(t, body, fmt.Sprintf(`%s_count{route=%q}`, hist, route)); got != n {
			t.Errorf("%s count = %v, want %v", route, got, n)
		}
	}
	// The 30 ms request is above 25 ms and within 10 s.
	if got := sampleValue(t, body, hist+`_bucket{route="GET /slow",le="0.025"}`); got != 0 {
		t.Errorf("GET /slow le=0.025 = %v, want 0", got)
	}
	if got := sampleValue(t, body, hist+`_bucket{route="GET /slow",le="10"}`); got != 1 {
		t.Errorf("GET /slow le=10 = %v, want 1", got)
	}
	if got := sampleValue(t, body, hist+`_sum{route="GET /slow"}`); got < 0.030 {
		t.Errorf("GET /slow _sum = %v s, want at least 0.03", got)
	}
	var les []string
	for _, m := range regexp.MustCompile(hist+`_bucket\{route="GET /hello",le="([^"]+)"\}`).FindAllStringSubmatch(body, -1) {
		les = append(les, m[1])
	}
	if got := strings.Join(les, " "); got != "0.001 0.0025 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10 +Inf" {
		t.Errorf("buckets: %s", got)
	}
}

// TestMetricsRuntimeAndProcess: the Go and process collectors every
// dashboard expects are there.
func TestMetricsRuntimeAndProcess(t *testing.T) {
	m := NewMetrics(testBuild)
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "go_gc_duration_seconds", "process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds"} {
		if n, err := testutil.GatherAndCount(m.registry, name); err != nil || n != 1 {
			t.Errorf("%s: %d series, %v", name, n, err)
		}
	}
	body := scrape(t, m.Handler())
	if !strings.Contains(body, "\ngo_goroutines ") || !strings.Contains(body, "\nprocess_cpu_seconds_total ") {
		t.Errorf("the Go or process metrics are not served:\n%.2000s", body)
	}
}

func TestMetricsHandlerMethods(t *testing.T) {
	h := NewMetrics(testBuild).Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/metrics", nil))
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /metrics = %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("GET /metrics = %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
}

func TestMetricsCountPanicsAs500(t *testing.T) {
	// Wherever the recover middleware sits, a panic counts as the 500 it
	// answers, not as the 200 nobody wrote.
	m := NewMetrics(testBuild)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	h := withRecover(zerolog.Nop(), m.Middleware(mux))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("GET /boom = %d", rec.Code)
	}
	if got := testutil.ToFloat64(m.requests.WithLabelValues("GET /boom", "500")); got != 1 {
		t.Errorf("panics counted as 500: %v", got)
	}
}

func TestMetricsNilHooksAreSafe(t *testing.T) {
	var m *Metrics
	m.AnswerStored()
	m.StoreError()
}

func TestMetricsConcurrent(t *testing.T) {
	// Run with -race: requests counted from many goroutines while scraping.
	m := NewMetrics(testBuild)
	mux := http.NewServeMux()
	for i := range 5 {
		mux.HandleFunc(fmt.Sprintf("GET /r%d", i), func(w http.ResponseWriter, r *http.Request) {})
	}
	h := m.Middleware(mux)
	metrics := m.Handler()
	const goroutines, each = 8, 500
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, fmt.Sprintf("/r%d", (g+i)%5), nil))
				m.AnswerStored()
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			scrape(t, metrics)
		}
	})
	wg.Wait()
	if got := testutil.ToFloat64(m.answers); got != goroutines*each {
		t.Errorf("answers = %v, want %d", got, goroutines*each)
	}
	body := scrape(t, metrics)
	for i := range 5 {
		route := fmt.Sprintf("GET /r%d", i)
		if got := testutil.ToFloat64(m.requests.WithLabelValues(route, "200")); got != goroutines*each/5 {
			t.Errorf("%s = %v", route, got)
		}
		if got := sampleValue(t, body, fmt.Sprintf(`fivecalls_http_request_duration_seconds_count{route=%q}`, route)); got != goroutines*each/5 {
			t.Errorf("%s latency count = %v", route, got)
		}
	}
}

func BenchmarkMetricsMiddleware(b *testing.B) {
	m := NewMetrics(testBuild)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/answers", func(w http.ResponseWriter, r *http.Request) {})
	h := m.Middleware(mux)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest(http.MethodPost, "/api/answers", nil)
		w := httptest.NewRecorder()
		for pb.Next() {
			h.ServeHTTP(w, req)
		}
	})
}
