package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram: from a cached page (about a millisecond) to a request that hit
// the write timeout.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Metrics counts what the server does, for GET /metrics (Prometheus'
// client_golang, text format):
//
//	fivecalls_http_requests_total{route,status}          requests by route pattern and status
//	fivecalls_http_request_duration_seconds{route}       latency histogram by route pattern
//	fivecalls_answers_stored_total                       answers this instance committed
//	fivecalls_store_errors_total                         failed store operations
//	fivecalls_group_commit_queue_depth                   answers waiting for their commit (with a store)
//	fivecalls_store_refusing_answers                     1 while the store refuses answers (SQLite)
//	fivecalls_store_faults_total{kind}                   faults that made it refuse them, by kind (SQLite)
//	fivecalls_page_renders_total, fivecalls_page_cache_bytes   page variants rendered; bytes kept
//	fivecalls_connections_open, fivecalls_connections_refused_total{reason},
//	fivecalls_connections_closed_early_total{reason}, fivecalls_downloads_cut_total   see connlimit.go, wasm.go
//	fivecalls_build_info{version,commit,goversion}       1, labelled with the build
//	go_*, process_*                                      the Go runtime and the process
//
// Labels hold only the mux's route patterns ("POST /api/answers", or
// "unmatched"), status codes and a few fixed words (a fault's kind, a
// refusal's reason), never a raw path, query, token or address:
// nothing a client sends can add a series, so the number of series is
// bounded by the routes. Counters are per process and start at zero; with
// several instances, sum them.
//
// Each Metrics has a registry of its own (not Prometheus' global one), so
// several servers in one process, as in tests, do not collide.
//
// The zero value is not usable; call NewMetrics. A nil *Metrics is: its
// hooks do nothing, so the API can call them unconditionally.
type Metrics struct {
	registry  *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	answers   prometheus.Counter
	storeErrs prometheus.Counter
	cut       prometheus.Counter
}

// NewMetrics returns metrics at zero, with the Go, process and build-info
// collectors registered.
func NewMetrics(build BuildInfo) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fivecalls_http_requests_total",
			Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "fivecalls_http_request_duration_seconds",
			Help:    "Time from the request's arrival at the handler to the end of its response, in seconds, by route pattern.",
			Buckets: latencyBuckets,
		}, []string{"route"}),
		answers: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fivecalls_answers_stored_total",
			Help: "Quiz answers committed to the database by this instance (resends and second answers excluded).",
		}),
		storeErrs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fivecalls_store_errors_total",
			Help: "Store operations (saving an answer, loading stats) that failed.",
		}),
		cut: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fivecalls_downloads_cut_total",
			Help: "Downloads of the WebAssembly ended because the reader fell below the minimum transfer rate.",
		}),
	}
	m.registry.MustRegister(
		m.requests, m.latency, m.answers, m.storeErrs, m.cut,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "fivecalls_build_info",
			Help: "Always 1; the labels name the build: module version, VCS commit and Go version.",
			ConstLabels: prometheus.Labels{
				"version":   build.Version,
				"commit":    build.Commit,
				"goversion": build.GoVersion,
			},
		}, func() float64 { return 1 }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// AddGauge registers a gauge read at each scrape, such as the group
// commit's queue depth. It panics on an invalid or repeated name, which is a
// programming error.
func (m *Metrics) AddGauge(name, help string, value func() float64) {
	m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, value))
}

// AddCounter registers a counter read at each scrape from value, which
// must never decrease.
func (m *Metrics) AddCounter(name, help string, value func() float64) {
	m.registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, value))
}

// storeFaults is what a store that watches its storage reports (the SQLite
// store does): the fault that makes it refuse answers now, if any, and how
// many faults of each kind began.
type storeFaults interface {
	Fault() error
	FaultCounts() map[string]int64
}

// addStoreFaults registers fivecalls_store_refusing_answers and
// fivecalls_store_faults_total{kind}, read from the store at each scrape.
func (m *Metrics) addStoreFaults(st storeFaults) {
	m.AddGauge("fivecalls_store_refusing_answers",
		"1 while the answers store refuses answers (503): its file deleted or replaced, its disk full, stalled or not writable.",
		func() float64 {
			if st.Fault() != nil {
				return 1
			}
			return 0
		})
	m.registry.MustRegister(faultCollector{st: st, desc: prometheus.NewDesc("fivecalls_store_faults_total",
		"Faults that made the answers store refuse answers, by kind, since the process started.", []string{"kind"}, nil)})
}

type faultCollector struct {
	st   storeFaults
	desc *prometheus.Desc
}

func (c faultCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c faultCollector) Collect(ch chan<- prometheus.Metric) {
	for kind, n := range c.st.FaultCounts() {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(n), kind)
	}
}

// AnswerStored counts an answer committed by this instance; call it when
// SaveAnswer reports stored == true.
func (m *Metrics) AnswerStored() {
	if m != nil {
		m.answers.Inc()
	}
}

// DownloadCut counts a download ended for its slowness.
func (m *Metrics) DownloadCut() {
	if m != nil {
		m.cut.Inc()
	}
}

// StoreError counts a store operation that failed for a reason other than
// the client leaving (SaveAnswer or Stats returning an error while the
// request's context is still alive).
func (m *Metrics) StoreError() {
	if m != nil {
		m.storeErrs.Inc()
	}
}

// Middleware counts every request by route and status and times it by
// route. Wrap it outside the mux: the mux sets r.Pattern on the request in
// place, and Middleware reads it after next returns. It must sit inside any
// middleware that replaces the request (r.WithContext), or the pattern is
// lost.
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
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// Handler serves the metrics in the Prometheus text format, to GET and HEAD.
func (m *Metrics) Handler() http.Handler {
	h := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "This address only accepts GET requests.", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}
