// Package server is the Five Calls HTTP backend: the prerendered pages, the
// WebAssembly and static files, the answers API, and the headers and caching
// around them.
//
// A server tells one story at its root, or several, each under its id
// (/ID/) with a list of them at /; each story is a site of its own (site.go:
// pages, files, oEmbed, API and service-worker scope), built whole when the
// story is read and replaced whole when it changes (Server.Update, under
// fivecalls serve --watch).
//
// Each page variant is rendered by app/ui/page once per story and version,
// and each file the server writes (the state stylesheet, the scripts with
// their names, the manifest, the service worker) once per story and
// version; all are served from memory with content ETags. go-app's own
// Handler is not used: its v9 pitfalls (the ETag=Version 304s on any path,
// the Host-trusting ProxyResources, the zoom-blocking viewport, the loading
// screen) never reach readers.
package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"fivecalls/app/quiz"
	"fivecalls/app/story"
	"fivecalls/app/storyfiles"

	"github.com/rs/zerolog"
)

// Config is what a server serves.
type Config struct {
	// Story is the validated story to tell at the root (fivecalls serve
	// --story): its pages at /, /embed…, its files beside them.
	Story *story.Story
	// Several tells Stories instead, each under its id, /ID/, with
	// everything Story has at the root (pages, embeds, story.json, oEmbed,
	// previews, manifest, service worker and API), and a list of them at /
	// (fivecalls serve --stories). Server.Update replaces them.
	Several bool
	// Stories are the story files Several tells: each file's last good
	// story is told; a file that has none yet is left out (and listed on /
	// under Watch).
	Stories []storyfiles.File
	// StoryFile is the path of the file Story was read from, if any: under
	// Watch, live.json names it from the first request on.
	StoryFile string
	// Watch is an author's preview (fivecalls serve --watch): each open
	// page asks GET live.json (under its story's base) every second whether
	// its story has changed, to offer a reload, and shows the problems of
	// the story's file; it registers no service worker, so that every load
	// is the server's latest. Never set it for readers.
	Watch bool
	// Web holds the built web folder: app.wasm (with .br and .gz beside
	// it), wasm_exec.js, the CSS, the scripts and the icons. The fivecalls
	// binary passes the copy embedded in it (package fivecalls/web).
	Web fs.FS
	// WebDir is a folder read instead when Web is nil (--web, tests).
	WebDir string
	// Basemap is the SVG markup of the map's static layers. Empty: drawn
	// for each story (BasemapMarkup).
	Basemap string
	// EmbedOrigins may frame the embeds ("*" or none: any origin). Other pages
	// may be framed by the same origin only.
	EmbedOrigins []string
	// Version names this build of the widget. Empty: for each story, a
	// hash of the wasm, the story and the static files, so replicas of one
	// build agree and an edited story is a new version.
	Version string
	// PublicURL is where readers reach the widget, e.g.
	// https://fivecalls.example.com/. It makes the oEmbed discovery
	// links absolute and decides which URLs oEmbed accepts. Nil: oEmbed
	// trusts the request's Host (fine on a laptop, not in production).
	PublicURL *url.URL
	// RateLimit is the answers API's allowance per client per second, with a
	// burst of RateBurst; 0 turns the limit off (trusted load tests).
	RateLimit float64
	RateBurst int
	// SiteName is who publishes the widget, for the installed app's name on
	// the home screen, link previews and oEmbed; empty: each story's own
	// (its messages' site-name, "Five Calls" by default).
	SiteName string
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

// Update tells the story files as they are now (a Reader's files, as a
// watch reports them): a story changed gets a new version at once, a
// story added is served, one removed is not, and the problems of each
// file are what its pages show under Watch. For a server of one story,
// files holds that story's file; a file without a story keeps the story
// told before. A story that cannot be prepared keeps its last version,
// and the error says which.
func (s *Server) Update(files []storyfiles.File) error { return s.srv.update(files) }

// New returns the server.
func New(logger zerolog.Logger, cfg Config, store quiz.Store) (*Server, error) {
	files := cfg.Stories
	switch {
	case cfg.Several && cfg.Story != nil:
		return nil, errors.New("set Config.Story for one story or Config.Stories for several, not both")
	case !cfg.Several && cfg.Story == nil:
		return nil, errors.New("no story to serve")
	case !cfg.Several:
		// The story may have been built in code rather than loaded with
		// story.Load: never serve one that fails validation (a
		// javascript: link, a dangling reference, an over-long text).
		if err := story.Validate(cfg.Story); err != nil {
			return nil, fmt.Errorf("invalid story: %w", err)
		}
		files = []storyfiles.File{{Path: cfg.StoryFile, Story: cfg.Story}}
	}
	if cfg.Web == nil {
		if cfg.WebDir == "" {
			return nil, errors.New("no web files: set Config.Web or Config.WebDir")
		}
		cfg.Web = os.DirFS(cfg.WebDir)
	}
	var web []byte // only a version made of hashes needs it
	if cfg.Version == "" {
		var err error
		if web, err = webDigest(cfg.Web); err != nil {
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
	metrics := NewMetrics(cfg.Build)
	s := &srv{
		metrics:   metrics,
		clients:   clients,
		ready:     newReadiness(storePing(store)),
		logger:    logger,
		errLog:    newErrorLog(logger, errorLogInterval),
		cfg:       cfg,
		store:     meter(store, metrics),
		webDigest: web,
		limitAPI:  rateLimit(cfg.RateLimit, cfg.RateBurst),
	}
	s.pages = newPageCache()
	if s.static, err = loadStatic(cfg.Web); err != nil {
		s.static = &staticFiles{files: map[string]*cachedFile{}}
		logger.Error().Err(err).Msg("static files unavailable")
	}
	if s.wasm, err = loadWasm(cfg.Web, cfg.MinDownloadRate, metrics); err != nil {
		return nil, err
	}
	s.sites.Store(&siteSet{byID: map[string]*site{}})
	if err := s.update(files); err != nil && !cfg.Several {
		return nil, err
	}
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

// srv holds what the handlers share: everything but the stories, whose
// sites it keeps (sites).
type srv struct {
	logger    zerolog.Logger
	errLog    *errorLog // for errors that may repeat per request
	cfg       Config
	store     quiz.Store
	pages     *pageCache // every story's pages, in one bounded cache
	static    *staticFiles
	wasm      *wasmFiles
	webDigest []byte // of the web files, for the stories' versions
	limitAPI  func(http.Handler) http.Handler
	metrics   *Metrics
	clients   *clientResolver // nil: no trusted proxies
	ready     *readiness
	// sites are the stories told, replaced whole by update (one at a time).
	sites    atomic.Pointer[siteSet]
	updating sync.Mutex
	updated  bool // the first update, at start, is done
	// publicRoutes and adminRoutesList are the patterns routes and
	// adminRoutes registered, and siteRoutes those of a story's site
	// (Server.Routes).
	publicRoutes, adminRoutesList, siteRoutes []string
}

// webDigest hashes the web files, every one a client caches.
func webDigest(web fs.FS) ([]byte, error) {
	h := sha256.New()
	entries, err := fs.ReadDir(web, ".")
	if err != nil {
		return nil, fmt.Errorf("read web directory: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := fs.ReadFile(web, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", e.Name(), err)
		}
		fmt.Fprintf(h, "%s:%d:", e.Name(), len(b))
		h.Write(b)
	}
	return h.Sum(nil), nil
}

// buildVersion hashes everything a client caches of a story (the web
// files' digest, the story, its map), so a new build or a new story gets a
// new service-worker cache and nothing stale is mixed in.
func buildVersion(web []byte, parts ...any) string {
	h := sha256.New()
	h.Write(web)
	for _, p := range parts {
		fmt.Fprint(h, p)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
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
