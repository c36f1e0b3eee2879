package server

import (
	"errors"
	"net/http"

	"github.com/rs/zerolog"
)

// routes lists every route the server answers, in one place: the
// process's own, then each story's (storyRoutes), at the root or, for
// several stories, under /{story}/.
func (s *srv) routes() http.Handler {
	mux := newRouteTable()
	if s.cfg.SeparateMetrics {
		mux.Handle("/metrics", handleNotFoundPage())
	} else {
		mux.Handle("/metrics", onlyLocal(s.metrics.Handler())) // any method: 404 to the world, not 405
	}
	mux.Handle("GET /healthz", handleHealth())
	mux.Handle("GET /readyz", s.ready.handler(s.logger))
	mux.Handle("GET /robots.txt", handleRobots(s.cfg.Several))
	story := s.handleStory()
	if s.cfg.Several {
		mux.Handle("GET /{$}", s.handleIndex())
		mux.Handle("GET /"+indexCSSPath, handleIndexCSS())
		mux.Handle("GET /oembed", s.handleOEmbedOfAnyStory())
		mux.Handle("/{"+storyPathValue+"}/", story)
		mux.Handle("/", handleNotFoundPage())
	} else {
		mux.Handle("/", story)
	}
	s.publicRoutes = mux.patterns

	var h http.Handler = mux
	h = s.metrics.Middleware(h)
	h = withSecurityHeaders(s.cfg.EmbedOrigins, s.cfg.BehindHTTPS, s.cfg.Several, h)
	h = withRecover(s.logger, h)
	h = withRequestLog(s.logger, s.clients, newPseudonyms(), h)
	h = withLingerOnUnreadBody(h)
	return h
}

// handleStory hands a request to its story's site, whose routes name it
// (the request's pattern is then the site's, for the log and the metrics).
func (s *srv) handleStory() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := s.siteOf(r)
		if st == nil {
			handleNotFoundPage().ServeHTTP(w, r)
			return
		}
		st.handler.ServeHTTP(w, r)
	})
}

// adminRoutes are the routes of the metrics listener (--metrics-addr).
func (s *srv) adminRoutes() http.Handler {
	mux := newRouteTable()
	mux.Handle("GET /metrics", s.metrics.Handler())
	mux.Handle("GET /healthz", handleHealth())
	mux.Handle("GET /readyz", s.ready.handler(s.logger))
	mux.Handle("/", handleNotFoundPage())
	s.adminRoutesList = mux.patterns
	return withRequestContext(s.logger, s.clients, withRecover(s.logger, mux))
}

// handlePage serves a story's prerendered page from the cache.
func (s *srv) handlePage(st *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, err := s.pages.get(r, st)
		switch {
		case errors.Is(err, errRenderBusy):
			// Shed, not failed: the variants in the cache are still served.
			s.errLog.warn(r, "pages busy", err, func(e *zerolog.Event) *zerolog.Event { return e })
			w.Header().Set("Retry-After", "2")
			http.Error(w, "The server is busy preparing pages. Please try again in a moment.", http.StatusServiceUnavailable)
			return
		case r.Context().Err() != nil:
			return // the client left while its page was being prepared
		case err != nil:
			s.errLog.error(r, "prerender failed", err, func(e *zerolog.Event) *zerolog.Event { return e.Str("path", r.URL.Path) })
			http.Error(w, "This page could not be prepared. Please try again later.", http.StatusInternalServerError)
			return
		}
		// The service worker serves a network page only of its own version.
		w.Header().Set(versionHeader, st.version)
		page.serve(w, r, "no-cache")
	})
}

func handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte("ok\n"))
	})
}

// handleRobots keeps crawlers out of the answers API: each story's, under
// its id, with several stories (a wildcard the major crawlers read).
func handleRobots(several bool) http.Handler {
	body := "User-agent: *\nDisallow: /api/\n"
	if several {
		body = "User-agent: *\nDisallow: /*/api/\n"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(body))
	})
}

func handleNotFoundPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "There is nothing at this address.", http.StatusNotFound)
	})
}

func handleAPIUnavailable() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"error":"Readers' answers are not being collected on this server."}` + "\n"))
	})
}
