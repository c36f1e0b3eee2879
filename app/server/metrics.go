package server

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram: from a cached page (about a millisecond) to a request that hit
// the write timeout.
var latencyBuckets = [...]float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Metrics counts what the server does, for GET /metrics in the Prometheus
// text format (version 0.0.4):
//
//	fivecalls_http_requests_total{route,status}     requests by route pattern and status
//	fivecalls_http_request_duration_seconds         latency histogram of all requests
//	fivecalls_answers_stored_total                  answers this instance committed
//	fivecalls_store_errors_total                    failed store operations
//	plus the gauges passed to Handler, such as fivecalls_group_commit_queue_depth
//
// Labels hold only the mux's route patterns ("POST /api/answers", or
// "unmatched") and status codes, never a raw path, query, token or address:
// nothing a client sends can add a series, so the number of series is
// bounded by the routes. Counters are per process and start at zero; with
// several instances, sum them.
//
// The zero value is not usable; call NewMetrics. A nil *Metrics is: its
// hooks do nothing, so the API can call them unconditionally.
type Metrics struct {
	mu       sync.RWMutex
	requests map[requestKey]*atomic.Uint64

	latency    [len(latencyBuckets) + 1]atomic.Uint64 // per bucket, not cumulative; the last is +Inf
	latencySum atomic.Int64                           // nanoseconds
	answers    atomic.Uint64
	storeErrs  atomic.Uint64
}

type requestKey struct {
	route  string
	status int
}

// NewMetrics returns empty metrics.
func NewMetrics() *Metrics {
	return &Metrics{requests: make(map[requestKey]*atomic.Uint64)}
}

// AnswerStored counts an answer committed by this instance; call it when
// SaveAnswer reports stored == true.
func (m *Metrics) AnswerStored() {
	if m != nil {
		m.answers.Add(1)
	}
}

// StoreError counts a store operation that failed for a reason other than
// the client leaving (SaveAnswer or Stats returning an error while the
// request's context is still alive).
func (m *Metrics) StoreError() {
	if m != nil {
		m.storeErrs.Add(1)
	}
}

// Middleware counts every request by route and status and times it. Wrap it
// outside the mux: the mux sets r.Pattern on the request in place, and
// Middleware reads it after next returns. It must sit outside any middleware
// that replaces the request (r.WithContext), or the pattern is lost.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if v := recover(); v != nil {
				// A panic is counted as the 500 a recover middleware
				// further out will answer (unless a status went out
				// already), then passed on to it.
				status := rec.status
				if !rec.wrote {
					status = http.StatusInternalServerError
				}
				m.observe(r.Pattern, status, time.Since(start))
				panic(v)
			}
			m.observe(r.Pattern, rec.status, time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

func (m *Metrics) observe(route string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	key := requestKey{route, status}
	m.mu.RLock()
	c := m.requests[key]
	m.mu.RUnlock()
	if c == nil {
		m.mu.Lock()
		if c = m.requests[key]; c == nil {
			c = new(atomic.Uint64)
			m.requests[key] = c
		}
		m.mu.Unlock()
	}
	c.Add(1)

	secs := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets[:], secs) // first bound >= secs: le is inclusive
	m.latency[i].Add(1)
	m.latencySum.Add(int64(d))
}

// Gauge is a value read when /metrics is scraped, such as the group
// commit's queue depth.
type Gauge struct {
	Name  string // a Prometheus metric name, e.g. fivecalls_group_commit_queue_depth
	Help  string
	Value func() float64
}

var metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)

// Handler serves the metrics in the Prometheus text format. It panics if a
// gauge has an invalid name or no Value, which is a programming error. It
// answers GET and HEAD only.
func (m *Metrics) Handler(gauges ...Gauge) http.Handler {
	for _, g := range gauges {
		if !metricName.MatchString(g.Name) || g.Value == nil {
			panic(fmt.Sprintf("server: invalid gauge %q", g.Name))
		}
	}
	gauges = slices.Clone(gauges)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "This address only accepts GET requests.", http.StatusMethodNotAllowed)
			return
		}
		var b bytes.Buffer
		m.write(&b, gauges)
		h := w.Header()
		h.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Length", strconv.Itoa(b.Len()))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(b.Bytes())
		}
	})
}

// write renders every metric. Series are sorted, so the output is stable.
func (m *Metrics) write(b *bytes.Buffer, gauges []Gauge) {
	type series struct {
		key requestKey
		n   uint64
	}
	m.mu.RLock()
	reqs := make([]series, 0, len(m.requests))
	for k, c := range m.requests {
		reqs = append(reqs, series{k, c.Load()})
	}
	m.mu.RUnlock()
	slices.SortFunc(reqs, func(a, b series) int {
		if c := strings.Compare(a.key.route, b.key.route); c != 0 {
			return c
		}
		return a.key.status - b.key.status
	})

	header(b, "fivecalls_http_requests_total", "counter", "HTTP requests by route pattern and status code.")
	for _, s := range reqs {
		fmt.Fprintf(b, "fivecalls_http_requests_total{route=\"%s\",status=\"%d\"} %d\n", escapeLabel(s.key.route), s.key.status, s.n)
	}

	// Read the buckets first and derive the count from them, so that
	// _count equals the +Inf bucket even while requests are being counted.
	// _sum may include a request or two not yet in the buckets.
	const hist = "fivecalls_http_request_duration_seconds"
	header(b, hist, "histogram", "Time from the request's arrival at the handler to the end of its response, in seconds.")
	var cum uint64
	for i, le := range latencyBuckets {
		cum += m.latency[i].Load()
		fmt.Fprintf(b, "%s_bucket{le=\"%s\"} %d\n", hist, formatFloat(le), cum)
	}
	cum += m.latency[len(latencyBuckets)].Load()
	fmt.Fprintf(b, "%s_bucket{le=\"+Inf\"} %d\n", hist, cum)
	fmt.Fprintf(b, "%s_sum %s\n", hist, formatFloat(time.Duration(m.latencySum.Load()).Seconds()))
	fmt.Fprintf(b, "%s_count %d\n", hist, cum)

	header(b, "fivecalls_answers_stored_total", "counter", "Quiz answers committed to the database by this instance (resends and second answers excluded).")
	fmt.Fprintf(b, "fivecalls_answers_stored_total %d\n", m.answers.Load())
	header(b, "fivecalls_store_errors_total", "counter", "Store operations (saving an answer, loading stats) that failed.")
	fmt.Fprintf(b, "fivecalls_store_errors_total %d\n", m.storeErrs.Load())

	for _, g := range gauges {
		header(b, g.Name, "gauge", g.Help)
		fmt.Fprintf(b, "%s %s\n", g.Name, formatFloat(g.Value()))
	}
}

func header(b *bytes.Buffer, name, typ, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", name, escapeHelp(help), name, typ)
}

// escapeLabel escapes a label value: backslash, double quote and newline.
func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// escapeHelp escapes HELP text: backslash and newline.
func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

// formatFloat writes a sample value as Prometheus expects: shortest exact
// form, and NaN, +Inf, -Inf.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
