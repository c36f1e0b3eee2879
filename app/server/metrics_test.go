package server

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// sample is one line of the text exposition format.
type sample struct {
	name   string
	labels map[string]string
	value  float64
}

// exposition is a parsed /metrics response.
type exposition struct {
	types   map[string]string // family -> counter, gauge, histogram
	samples []sample
}

// get returns the value of the series with exactly these labels.
func (e *exposition) get(tb testing.TB, name string, labels ...string) float64 {
	tb.Helper()
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
	for _, s := range e.samples {
		if s.name == name && fmt.Sprint(s.labels) == fmt.Sprint(want) {
			return s.value
		}
	}
	tb.Fatalf("no series %s%v in the metrics", name, want)
	return 0
}

// parseExposition parses the Prometheus text format 0.0.4 strictly enough
// to catch what a scraper would reject: every sample belongs to a family
// announced by HELP and TYPE, names and labels are well formed, label values
// are correctly escaped, no series appears twice.
func parseExposition(r io.Reader) (*exposition, error) {
	e := &exposition{types: map[string]string{}}
	helped := map[string]bool{}
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		fail := func(msg string) error { return fmt.Errorf("line %d %q: %s", line, text, msg) }
		if rest, ok := strings.CutPrefix(text, "# HELP "); ok {
			name, _, _ := strings.Cut(rest, " ")
			helped[name] = true
			continue
		}
		if rest, ok := strings.CutPrefix(text, "# TYPE "); ok {
			name, typ, _ := strings.Cut(rest, " ")
			if !metricName.MatchString(name) {
				return nil, fail("bad metric name")
			}
			if _, dup := e.types[name]; dup {
				return nil, fail("TYPE given twice")
			}
			switch typ {
			case "counter", "gauge", "histogram":
			default:
				return nil, fail("unknown type")
			}
			e.types[name] = typ
			continue
		}
		if text == "" || strings.HasPrefix(text, "#") {
			return nil, fail("unexpected line")
		}
		s, err := parseSample(text)
		if err != nil {
			return nil, fail(err.Error())
		}
		family := s.name
		if _, ok := e.types[family]; !ok {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				if f, ok := strings.CutSuffix(s.name, suffix); ok && e.types[f] == "histogram" {
					family = f
				}
			}
		}
		if e.types[family] == "" || !helped[family] {
			return nil, fail("sample before its HELP and TYPE")
		}
		id := s.name + fmt.Sprint(s.labels)
		if seen[id] {
			return nil, fail("duplicate series")
		}
		seen[id] = true
		e.samples = append(e.samples, s)
	}
	return e, sc.Err()
}

func parseSample(text string) (sample, error) {
	s := sample{labels: map[string]string{}}
	i := strings.IndexAny(text, "{ ")
	if i < 0 {
		return s, errors.New("no value")
	}
	s.name, text = text[:i], text[i:]
	if !metricName.MatchString(s.name) {
		return s, errors.New("bad metric name")
	}
	if strings.HasPrefix(text, "{") {
		text = text[1:]
		for !strings.HasPrefix(text, "}") {
			name, rest, ok := strings.Cut(text, `="`)
			if !ok || !metricName.MatchString(name) || strings.Contains(name, ":") {
				return s, errors.New("bad label")
			}
			var v strings.Builder
			j := 0
			for ; j < len(rest) && rest[j] != '"'; j++ {
				if rest[j] == '\n' {
					return s, errors.New("raw newline in a label value")
				}
				if rest[j] != '\\' {
					v.WriteByte(rest[j])
					continue
				}
				j++
				switch {
				case j == len(rest):
					return s, errors.New("dangling escape")
				case rest[j] == 'n':
					v.WriteByte('\n')
				case rest[j] == '\\', rest[j] == '"':
					v.WriteByte(rest[j])
				default:
					return s, fmt.Errorf("bad escape \\%c", rest[j])
				}
			}
			if j == len(rest) {
				return s, errors.New("unterminated label value")
			}
			s.labels[name] = v.String()
			text = strings.TrimPrefix(rest[j+1:], ",")
		}
		text = text[1:]
	}
	v, ok := strings.CutPrefix(text, " ")
	if !ok {
		return s, errors.New("no space before the value")
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return s, fmt.Errorf("bad value: %v", err)
	}
	s.value = f
	return s, nil
}

func scrape(tb testing.TB, h http.Handler) *exposition {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET /metrics = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/plain; version=0.0.4; charset=utf-8" {
		tb.Errorf("Content-Type = %q", ct)
	}
	e, err := parseExposition(rec.Body)
	if err != nil {
		tb.Fatalf("%v\n%s", err, rec.Body)
	}
	return e
}

func TestMetricsCountRequestsByRouteAndStatus(t *testing.T) {
	m := NewMetrics()
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
	const total = 9
	m.AnswerStored()
	m.AnswerStored()
	m.StoreError()
	var depth = 7.0
	e := scrape(t, m.Handler(Gauge{Name: "fivecalls_group_commit_queue_depth", Help: "Answers waiting for their commit.", Value: func() float64 { return depth }}))

	for _, c := range []struct {
		route, status string
		want          float64
	}{
		{"GET /hello", "200", 3},
		{"POST /api/answers", "201", 2},
		{"POST /api/answers", "500", 1},
		{"unmatched", "404", 1},
		{"unmatched", "405", 1},
		{"GET /slow", "200", 1},
	} {
		if got := e.get(t, "fivecalls_http_requests_total", "route", c.route, "status", c.status); got != c.want {
			t.Errorf("requests{%s,%s} = %v, want %v", c.route, c.status, got, c.want)
		}
	}
	var sum float64
	for _, s := range e.samples {
		if s.name == "fivecalls_http_requests_total" {
			sum += s.value
			if strings.Contains(s.labels["route"], "secret") || strings.Contains(s.labels["route"], "/no/such") {
				t.Errorf("a raw path became a label: %v", s.labels)
			}
		}
	}
	if sum != total {
		t.Errorf("requests_total sums to %v, want %d", sum, total)
	}

	const hist = "fivecalls_http_request_duration_seconds"
	if e.types[hist] != "histogram" || e.types["fivecalls_http_requests_total"] != "counter" || e.types["fivecalls_group_commit_queue_depth"] != "gauge" {
		t.Errorf("types: %v", e.types)
	}
	if got := e.get(t, hist+"_count"); got != total {
		t.Errorf("_count = %v, want %d", got, total)
	}
	if got := e.get(t, hist+"_bucket", "le", "+Inf"); got != total {
		t.Errorf("+Inf bucket = %v, want %d", got, total)
	}
	// The 30 ms request is above 25 ms and within 50 ms (10 s covers all).
	if got := e.get(t, hist+"_bucket", "le", "0.025"); got > total-1 {
		t.Errorf("le=0.025 bucket = %v, want at most %d: the slow request is not in it", got, total-1)
	}
	if got := e.get(t, hist+"_bucket", "le", "10"); got != total {
		t.Errorf("le=10 bucket = %v, want %d", got, total)
	}
	if got := e.get(t, hist+"_sum"); got < 0.030 || got > 10*total {
		t.Errorf("_sum = %v s, want at least the slow request's 0.03", got)
	}
	last := -1.0
	les := []string{}
	for _, s := range e.samples {
		if s.name == hist+"_bucket" {
			if s.value < last {
				t.Errorf("buckets decrease at le=%s", s.labels["le"])
			}
			last = s.value
			les = append(les, s.labels["le"])
		}
	}
	if got := strings.Join(les, " "); got != "0.001 0.0025 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10 +Inf" {
		t.Errorf("buckets: %s", got)
	}

	if got := e.get(t, "fivecalls_answers_stored_total"); got != 2 {
		t.Errorf("answers stored = %v, want 2", got)
	}
	if got := e.get(t, "fivecalls_store_errors_total"); got != 1 {
		t.Errorf("store errors = %v, want 1", got)
	}
	if got := e.get(t, "fivecalls_group_commit_queue_depth"); got != 7 {
		t.Errorf("queue depth = %v, want 7", got)
	}
}

func TestMetricsLabelEscaping(t *testing.T) {
	m := NewMetrics()
	weird := "GET /a\"b\\c\nd"
	m.observe(weird, 200, time.Millisecond)
	m.observe("", 404, time.Millisecond)
	rec := httptest.NewRecorder()
	m.Handler(Gauge{Name: "g", Help: "a \\ help\nwith a newline", Value: func() float64 { return math.NaN() }}).
		ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	if !strings.Contains(body, `fivecalls_http_requests_total{route="GET /a\"b\\c\nd",status="200"} 1`) {
		t.Errorf("label not escaped:\n%s", body)
	}
	if !strings.Contains(body, "# HELP g a \\\\ help\\nwith a newline\n") || !strings.Contains(body, "\ng NaN\n") {
		t.Errorf("help or NaN gauge:\n%s", body)
	}
	e, err := parseExposition(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if got := e.get(t, "fivecalls_http_requests_total", "route", weird, "status", "200"); got != 1 {
		t.Errorf("weird route round trip = %v", got)
	}
	if got := e.get(t, "fivecalls_http_requests_total", "route", "unmatched", "status", "404"); got != 1 {
		t.Errorf("unmatched = %v", got)
	}
}

func TestMetricsHandlerMethodsAndBadGauges(t *testing.T) {
	h := NewMetrics().Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/metrics", nil))
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /metrics = %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/metrics", nil))
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "0" {
		t.Errorf("HEAD /metrics = %d, %d bytes, Content-Length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
	for _, g := range []Gauge{
		{Name: "bad name", Value: func() float64 { return 0 }},
		{Name: "9lives", Value: func() float64 { return 0 }},
		{Name: "no_value"},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("gauge %q was accepted", g.Name)
				}
			}()
			NewMetrics().Handler(g)
		}()
	}
}

func TestMetricsCountPanicsAs500(t *testing.T) {
	// Wherever the recover middleware sits, a panic counts as the 500 it
	// answers, not as the 200 nobody wrote.
	m := NewMetrics()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	h := withRecover(zerolog.Nop(), m.Middleware(mux))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("GET /boom = %d", rec.Code)
	}
	e := scrape(t, m.Handler())
	if got := e.get(t, "fivecalls_http_requests_total", "route", "GET /boom", "status", "500"); got != 1 {
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
	m := NewMetrics()
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
	e := scrape(t, metrics)
	if got := e.get(t, "fivecalls_http_request_duration_seconds_count"); got != goroutines*each {
		t.Errorf("count = %v, want %d", got, goroutines*each)
	}
	if got := e.get(t, "fivecalls_answers_stored_total"); got != goroutines*each {
		t.Errorf("answers = %v, want %d", got, goroutines*each)
	}
	for i := range 5 {
		if got := e.get(t, "fivecalls_http_requests_total", "route", fmt.Sprintf("GET /r%d", i), "status", "200"); got != goroutines*each/5 {
			t.Errorf("route %d = %v", i, got)
		}
	}
}

func BenchmarkMetricsMiddleware(b *testing.B) {
	m := NewMetrics()
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
