package server

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"fivecalls/app/ui"

	"github.com/rs/zerolog"
)

// withRequestLog gives each request an id and a logger that carries it
// (zerolog.Ctx(r.Context()), used by every line written while the request
// runs, errors and panics included), records the reader's address for the
// rate limiter, and writes one access line: method, route, status, bytes,
// duration_ms, request_id, and with clientIDs a pseudonym of the reader.
// Client addresses and query strings (which carry nothing personal, but may
// carry anything a client sends) are never logged.
func withRequestLog(logger zerolog.Logger, clients *clientResolver, ids *pseudonyms, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r, l := startRequest(logger, clients, w, r)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		if len(r.TransferEncoding) > 0 {
			// A body framed by Transfer-Encoding (perhaps beside a
			// Content-Length that Go has dropped) ends the connection: a
			// proxy in front that framed by Content-Length would otherwise
			// see the rest as another request (request smuggling).
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(rec, r)
		// r is the request the mux saw (nothing in between replaces it),
		// so it carries the matched pattern.
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		ev := l.Info().
			Str("method", r.Method).
			Str("route", route).
			Int("status", rec.status).
			Int64("bytes", rec.bytes).
			Float64("duration_ms", milliseconds(time.Since(start)))
		if ids != nil {
			ev = ev.Str("client", ids.of(clientAddress(r)))
		}
		ev.Msg("request")
	})
}

// withRequestContext gives each request an id and a logger carrying it,
// like withRequestLog, without an access line: for the metrics listener,
// whose scrapes and probes would flood the log.
func withRequestContext(logger zerolog.Logger, clients *clientResolver, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, _ = startRequest(logger, clients, w, r)
		next.ServeHTTP(w, r)
	})
}

// startRequest draws the request id, sends it in X-Request-Id, and returns
// the request with the id's logger and the reader's address in its context.
func startRequest(logger zerolog.Logger, clients *clientResolver, w http.ResponseWriter, r *http.Request) (*http.Request, *zerolog.Logger) {
	id := newRequestID()
	w.Header().Set("X-Request-Id", id)
	l := logger.With().Str("request_id", id).Logger()
	ctx := withClient(l.WithContext(r.Context()), clients.resolve(r))
	return r.WithContext(ctx), &l
}

// requestLogger is the request's logger (with its request id), or fallback
// for a request that did not pass through withRequestLog.
func requestLogger(r *http.Request, fallback zerolog.Logger) *zerolog.Logger {
	if l := zerolog.Ctx(r.Context()); l != zerolog.DefaultContextLogger && l.GetLevel() != zerolog.Disabled {
		return l
	}
	return &fallback
}

// milliseconds is d in milliseconds, to the microsecond.
func milliseconds(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}

// withRecover turns a panic in a handler into a 500 and a log line with the
// request id and the stack, so one bad request never takes the server down
// and the bug can be found.
func withRecover(logger zerolog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				requestLogger(r, logger).Error().
					Interface("panic", v).
					Str("path", r.URL.Path).
					Str("stack", string(debug.Stack())).
					Msg("handler panicked")
				http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// withSecurityHeaders sets the Content-Security-Policy and its companions.
// Scripts come only from this origin, plus 'wasm-unsafe-eval' to compile the
// WebAssembly; no inline script, no eval. Framing: the embed page may be
// framed by the configured origins (any by default), other pages by this
// origin only.
//
// With several stories, a story's embeds are under its id (/ID/embed).
func withSecurityHeaders(embedOrigins []string, behindHTTPS, several bool, next http.Handler) http.Handler {
	embedAncestors := "*"
	if len(embedOrigins) > 0 && !(len(embedOrigins) == 1 && embedOrigins[0] == "*") {
		embedAncestors = "'self' " + strings.Join(embedOrigins, " ")
	}
	base := "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
		"connect-src 'self'; worker-src 'self'; manifest-src 'self'; font-src 'self'; base-uri 'self'; " +
		"object-src 'none'; form-action 'self'; frame-ancestors "
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		ancestors := "'self'"
		if isEmbedRequest(r, several) {
			ancestors = embedAncestors
		}
		h.Set("Content-Security-Policy", base+ancestors)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin-allow-popups")
		if behindHTTPS {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// isEmbedRequest reports whether the request is for an embed page: /embed,
// one of its presets (/embed/quiz…), or a page asked for with ?embed=1;
// with several stories, the same under a story's id (/ID/embed).
func isEmbedRequest(r *http.Request, several bool) bool {
	path := r.URL.Path
	if several {
		_, path, _ = strings.Cut(strings.TrimPrefix(path, "/"), "/")
	}
	p, ok := ui.PageAt(path)
	return (ok && p.Embed) || r.URL.Query().Get("embed") == "1"
}

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// statusRecorder remembers the status and the bytes written.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// withOpenCORS lets the widget call us from wherever it runs: inside
// WordPress's sandbox="allow-scripts" iframe its origin is opaque ("null"),
// so even its own API calls and the wasm fetch are cross-origin. Nothing
// here uses cookies or credentials, so any origin may read the answers.
func withOpenCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST")
			h.Set("Access-Control-Allow-Headers", "Content-Type")
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// onlyLocal answers only clients on this machine (a Prometheus agent or an
// operator's curl) that did not come through a proxy; to everyone else the
// route does not exist. The figures hold nothing personal, but they are the
// operator's business. Behind a proxy, serve them on a listener of their own
// (--metrics-addr) instead.
func onlyLocal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLocal(r) {
			http.Error(w, "There is nothing at this address.", http.StatusNotFound)
			return
		}
		next.ServeHTTP(w, r)
	})
}
