package server

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// withRequestLog gives each request an id and writes one access line:
// method, route, status, bytes, duration and request id. Client addresses
// and query strings (which carry nothing personal, but may carry anything a
// client sends) are never logged.
func withRequestLog(logger zerolog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		w.Header().Set("X-Request-Id", id)
		if len(r.TransferEncoding) > 0 {
			// A body framed by Transfer-Encoding (perhaps beside a
			// Content-Length that Go has dropped) ends the connection: a
			// proxy in front that framed by Content-Length would otherwise
			// see the rest as another request (request smuggling).
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		logger.Info().
			Str("method", r.Method).
			Str("route", route).
			Int("status", rec.status).
			Int64("bytes", rec.bytes).
			Dur("duration", time.Since(start)).
			Str("request_id", id).
			Msg("request")
	})
}

// withRecover turns a panic in a handler into a 500 and a log line, so one
// bad request never takes the server down.
func withRecover(logger zerolog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger.Error().Interface("panic", v).Str("path", r.URL.Path).Msg("handler panicked")
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
func withSecurityHeaders(embedOrigins []string, behindHTTPS bool, next http.Handler) http.Handler {
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
		if isEmbedRequest(r) {
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

// isEmbedRequest reports whether the request is for the embeddable page.
func isEmbedRequest(r *http.Request) bool {
	return r.URL.Path == "/embed" || r.URL.Query().Get("embed") == "1"
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

// onlyLoopback answers only clients on this machine (a Prometheus agent or
// an operator's curl); to readers the route does not exist. The figures hold
// nothing personal, but they are the operator's business.
func onlyLoopback(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			http.Error(w, "There is nothing at this address.", http.StatusNotFound)
			return
		}
		next.ServeHTTP(w, r)
	})
}
