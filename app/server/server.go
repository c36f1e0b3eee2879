// Package server is the Five Calls HTTP backend: the prerendered pages, the
// WebAssembly and static files, the answers API, and the headers and caching
// around them.
//
// Each page variant is rendered by app/ui/page once per story and version,
// and each file the server writes (the state stylesheet, the scripts with
// their names, the manifest, the service worker) once at start; all are
// served from memory with content ETags. go-app's own Handler is not used:
// its v9 pitfalls (the ETag=Version 304s on any path, the Host-trusting
// ProxyResources, the zoom-blocking viewport, the loading screen) never
// reach readers.
package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"

	"fivecalls/app/quiz"
	"fivecalls/app/story"
	"fivecalls/app/ui/page"

	"github.com/rs/zerolog"
)

// Config is what a server serves.
type Config struct {
	// Story is the validated story to tell.
	Story *story.Story
	// Web holds the built web folder: app.wasm (with .br and .gz beside
	// it), wasm_exec.js, the CSS, the scripts and the icons. The fivecalls
	// binary passes the copy embedded in it (package fivecalls/web).
	Web fs.FS
	// WebDir is a folder read instead when Web is nil (--web, tests).
	WebDir string
	// Basemap is the SVG markup of the map's static layers. Empty: drawn
	// for the story (BasemapMarkup).
	Basemap string
	// EmbedOrigins may frame the embeds ("*" or none: any origin). Other pages
	// may be framed by the same origin only.
	EmbedOrigins []string
	// Version names this build of the widget. Empty: a hash of the wasm, the
	// story and the static files, so replicas of one build agree.
	Version string
	// PublicURL is where readers reach the widget, e.g.
	// https://graphics.example.com/five-calls/. It makes the oEmbed discovery
	// links absolute and decides which URLs oEmbed accepts. Nil: oEmbed
	// trusts the request's Host (fine on a laptop, not in production).
	PublicURL *url.URL
	// RateLimit is the answers API's allowance per client per second, with a
	// burst of RateBurst; 0 turns the limit off (trusted load tests).
	RateLimit float64
	RateBurst int
	// BasePath is the path the widget lives under when exported as static
	// files, e.g. /interactives/five-calls/. Empty: the root.
	BasePath string
	// Static prepares the pages and the service worker for a static export:
	// no API, and /embed as embed/index.html.
	Static bool
	// BehindHTTPS adds Strict-Transport-Security: set it when readers reach
	// the server over TLS (directly or through a proxy).
	BehindHTTPS bool
	// TrustedProxies are the reverse proxies whose ProxyHeader names the
	// reader, for the rate limit and the log's client pseudonym. Empty: the
	// connection's address is the reader.
	TrustedProxies []netip.Prefix
	// ProxyHeader is the header the trusted proxies write:
	// HeaderXForwardedFor (the default) or HeaderForwarded.
	ProxyHeader string
	// SeparateMetrics leaves /metrics to AdminHandler, served on a listener
	// of its own; the public handler then answers 404 there. Otherwise
	// /metrics is public but answers local clients only.
	SeparateMetrics bool
	// Build names the running build for fivecalls_build_info. Zero: read
	// from the binary (ReadBuildInfo).
	Build BuildInfo
	// MinDownloadRate is the slowest average rate, in bytes per second,
	// at which a reader may download the WebAssembly before the download
	// is ended. Zero: DefaultMinDownloadRate.
	MinDownloadRate float64
}

// Server is the widget's HTTP handler, with what the process around it
// needs: the metrics for a listener of their own, and readiness to give up
// before it stops.
type Server struct {
	public http.Handler
	admin  http.Handler
	ready  *readiness
	srv    *srv // for the package's own tests
}

// ServeHTTP serves readers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.public.ServeHTTP(w, r) }

// AdminHandler serves GET /metrics, /healthz and /readyz, for a listener
// readers cannot reach (--metrics-addr). It writes no access lines.
func (s *Server) AdminHandler() http.Handler { return s.admin }

// Drain makes /readyz answer 503 from now on, so load balancers stop
// sending readers here; the server keeps serving until its listener closes.
func (s *Server) Drain() { s.ready.drain() }

// New returns the server.
func New(logger zerolog.Logger, cfg Config, store quiz.Store) (*Server, error) {
	if cfg.Story == nil {
		return nil, errors.New("no story to serve")
	}
	// The story may have been built in code rather than loaded with
	// story.Load: never serve one that fails validation (a javascript: link,
	// a dangling reference, an over-long text).
	if err := story.Validate(cfg.Story); err != nil {
		return nil, fmt.Errorf("invalid story: %w", err)
	}
	if cfg.Basemap == "" {
		cfg.Basemap = BasemapMarkup(page.MapMeridian(cfg.Story))
	}
	storyJSON, err := json.Marshal(cfg.Story)
	if err != nil {
		return nil, fmt.Errorf("encode story: %w", err)
	}
	if cfg.Web == nil {
		if cfg.WebDir == "" {
			return nil, errors.New("no web files: set Config.Web or Config.WebDir")
		}
		cfg.Web = os.DirFS(cfg.WebDir)
	}
	if cfg.Version == "" {
		cfg.Version, err = buildVersion(cfg.Web, storyJSON, cfg.Basemap)
		if err != nil {
			return nil, err
		}
	}
	clients, err := newClientResolver(cfg.TrustedProxies, cfg.ProxyHeader)
	if err != nil {
		return nil, err
	}
	if cfg.Build == (BuildInfo{}) {
		cfg.Build = ReadBuildInfo()
	}
	widget, err := page.New(cfg.Story, page.Options{
		Basemap:   cfg.Basemap,
		BasePath:  basePath(cfg.BasePath),
		PublicURL: publicBase(cfg.PublicURL),
		NoAPI:     cfg.Static,
		Version:   cfg.Version,
	})
	if err != nil {
		return nil, err
	}
	metrics := NewMetrics(cfg.Build)
	s := &srv{
		metrics:   metrics,
		clients:   clients,
		ready:     newReadiness(storePing(store)),
		logger:    logger,
		errLog:    newErrorLog(logger, errorLogInterval),
		cfg:       cfg,
		store:     meter(store, metrics),
		storyJSON: storyJSON,
		widget:    widget,
	}
	s.pages = newPageCache(s)
	if s.generated, err = newGeneratedFiles(s); err != nil {
		return nil, err
	}
	wasm, err := loadWasm(cfg.Web, cfg.MinDownloadRate, metrics)
	if err != nil {
		return nil, err
	}
	s.wasm = wasm
	if ms, ok := s.store.(*meteredStore); ok {
		metrics.AddGauge("fivecalls_group_commit_queue_depth", "Answers waiting for their database commit.", ms.queueDepth)
	}
	if sf, ok := store.(storeFaults); ok {
		metrics.addStoreFaults(sf)
	}
	metrics.AddGauge("fivecalls_page_cache_bytes", "Bytes of rendered page variants kept in memory (bounded).", s.pages.size)
	metrics.AddCounter("fivecalls_page_renders_total", "Page variants rendered (each once until evicted from the cache).", s.pages.rendered)
	return &Server{public: s.routes(), admin: s.adminRoutes(), ready: s.ready, srv: s}, nil
}

// storePing is the store's Ping when it has one (quiz.Pinger).
func storePing(store quiz.Store) func(context.Context) error {
	if p, ok := store.(quiz.Pinger); ok {
		return p.Ping
	}
	return nil
}

// srv holds what the handlers share.
type srv struct {
	logger    zerolog.Logger
	errLog    *errorLog // for errors that may repeat per request
	cfg       Config
	store     quiz.Store
	storyJSON []byte
	widget    *page.Widget
	pages     *pageCache
	generated generatedFiles
	wasm      *wasmFiles
	metrics   *Metrics
	clients   *clientResolver // nil: no trusted proxies
	ready     *readiness
	// publicRoutes and adminRoutesList are the patterns routes and
	// adminRoutes registered (Server.Routes).
	publicRoutes, adminRoutesList []string
}

// buildVersion hashes everything a client caches, so a new build or a new
// story gets a new service-worker cache and nothing stale is mixed in.
func buildVersion(web fs.FS, parts ...any) (string, error) {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprint(h, p)
	}
	entries, err := fs.ReadDir(web, ".")
	if err != nil {
		return "", fmt.Errorf("read web directory: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := fs.ReadFile(web, e.Name())
		if err != nil {
			return "", fmt.Errorf("read %s: %w", e.Name(), err)
		}
		fmt.Fprintf(h, "%s:%d:", e.Name(), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func publicBase(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.String()
}

// basePath is the path the widget is served under, with both slashes:
// "/" at the root.
func basePath(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return "/"
	}
	return "/" + p + "/"
}
