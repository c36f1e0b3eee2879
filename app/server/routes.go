package server

import (
	"errors"
	"maps"
	"net/http"
	"slices"

	"github.com/rs/zerolog"

	"fivecalls/app/ui"
)

// routes lists every route the server answers, in one place.
func (s *srv) routes() http.Handler {
	mux := newRouteTable()

	static, err := loadStatic(s.cfg.Web)
	if err != nil {
		static = &staticFiles{files: map[string]*cachedFile{}}
		s.logger.Error().Err(err).Msg("static files unavailable")
	}
	catalog, err := QuizCatalog(s.cfg.Story)
	if err == nil && s.store != nil {
		api, apiRoutes := newAPI(s.logger, s.store, catalog, APIOptions{})
		mux.Handle("/api/", withOpenCORS(withRateLimit(s.cfg.RateLimit, s.cfg.RateBurst, api)))
		mux.patterns = append(mux.patterns, apiRoutes...)
	} else {
		mux.Handle("/api/", withOpenCORS(handleAPIUnavailable()))
	}
	if s.cfg.SeparateMetrics {
		mux.Handle("/metrics", handleNotFoundPage())
	} else {
		mux.Handle("/metrics", onlyLocal(s.metrics.Handler())) // any method: 404 to the world, not 405
	}
	mux.Handle("GET /oembed", NewOEmbed(OEmbedConfig{
		PublicURL:    s.cfg.PublicURL,
		Title:        s.cfg.Story.Title,
		Calls:        len(s.cfg.Story.Calls),
		ProviderName: s.widget.SiteName(),
		Thumbnail:    PreviewThumbnail(s.cfg.Version),
	}))
	mux.Handle("GET /thumbnail.svg", handleThumbnail(storyThumbnail(s.widget)))
	mux.Handle("GET /"+previewPath, newPreviewCache(s.widget, s.cfg.Version).handler(s.logger))

	mux.Handle("GET /healthz", handleHealth())
	mux.Handle("GET /readyz", s.ready.handler(s.logger))
	mux.Handle("GET /robots.txt", handleRobots())
	mux.Handle("GET /story.json", s.handleStoryJSON())
	mux.Handle("GET /web/app.wasm", withOpenCORS(s.wasm.handler(s.cfg.Version)))
	mux.Handle("GET /web/", static.handler("/web/", s.cfg.Version))
	// The toolchain's own wasm_exec.js: it must match the Go that built
	// app.wasm.
	mux.Handle("GET /wasm_exec.js", static.handler("/", s.cfg.Version))
	for _, path := range slices.Sorted(maps.Keys(s.generated)) { // in a stable order, for Routes
		mux.Handle("GET "+path, s.generated.handler(path, s.cfg.Version))
	}
	for _, p := range ui.Pages {
		path := p.Path
		if path == "/" {
			path = "/{$}"
		}
		mux.Handle("GET "+path, s.handlePage())
	}
	mux.Handle("/", handleNotFoundPage())
	s.publicRoutes = mux.patterns

	var h http.Handler = mux
	h = s.metrics.Middleware(h)
	h = withSecurityHeaders(s.cfg.EmbedOrigins, s.cfg.BehindHTTPS, h)
	h = withRecover(s.logger, h)
	h = withRequestLog(s.logger, s.clients, newPseudonyms(), h)
	h = withLingerOnUnreadBody(h)
	return h
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

// handlePage serves a prerendered page from the cache.
func (s *srv) handlePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, err := s.pages.get(r)
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
		w.Header().Set(versionHeader, s.cfg.Version)
		page.serve(w, r, "no-cache")
	})
}

// handleStoryJSON serves the story being told, for newsrooms and tools.
func (s *srv) handleStoryJSON() http.Handler {
	f := newCachedFile("application/json", s.storyJSON)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		f.serve(w, r, "no-cache")
	})
}

func handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte("ok\n"))
	})
}

func handleRobots() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("User-agent: *\nDisallow: /api/\n"))
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
