package server

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"sync"

	"fivecalls/app/ui"
)

// generatedPaths are the files go-app generates, with their content types.
var generatedPaths = map[string]string{
	"/app.js":               "text/javascript; charset=utf-8",
	"/app-worker.js":        "text/javascript; charset=utf-8",
	"/manifest.webmanifest": "application/manifest+json",
	"/app.css":              "text/css; charset=utf-8",
}

// generatedFiles captures go-app's app.js once (patched, see bootpatch.go),
// adds our own manifest, service worker and /app.css (the rules that follow
// the page's state: web/state.css written out for the story), and serves
// them from memory with content ETags (go-app would answer no-cache with
// its Version as the ETag for every path alike).
type generatedFiles struct {
	s     *srv
	once  sync.Once
	files map[string]*cachedFile
	err   error
}

func newGeneratedFiles(s *srv) *generatedFiles { return &generatedFiles{s: s} }

func (g *generatedFiles) load() {
	g.files = map[string]*cachedFile{}
	for path, ct := range generatedPaths {
		rec := httptest.NewRecorder()
		g.s.goapp.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			g.err = fmt.Errorf("generate %s: status %d", path, rec.Code)
			return
		}
		body := rec.Body.Bytes()
		if path == "/app.js" {
			var err error
			wasm := g.s.wasmPath()
			if body, err = patchAppJS(body, wasm, wasm+"?"+versionParm+"="+g.s.cfg.Version); err != nil {
				g.err = err
				return
			}
		}
		g.files[path] = newCachedFile(ct, body)
	}
	stateCSS, err := fs.ReadFile(g.s.cfg.Web, "state.css")
	if err != nil {
		g.err = fmt.Errorf("read the state stylesheet: %w", err)
		return
	}
	css, err := ui.ExpandStateCSS(string(stateCSS), g.s.cfg.Story)
	if err != nil {
		g.err = err
		return
	}
	g.files["/app.css"] = newCachedFile(generatedPaths["/app.css"], []byte(css))
	theme, background := themeColors(g.s.cfg.Story)
	g.files["/manifest.webmanifest"] = newCachedFile(generatedPaths["/manifest.webmanifest"], manifest(g.s.cfg.Story, theme, background))
	g.files["/app-worker.js"] = newCachedFile(generatedPaths["/app-worker.js"], serviceWorker(g.s.cfg.Version, g.s.cfg.Static))
}

func (g *generatedFiles) handler(path string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.once.Do(g.load)
		f, ok := g.files[path]
		if g.err != nil || !ok {
			requestLogger(r, g.s.logger).Error().Err(g.err).Str("path", path).Msg("generated file unavailable")
			http.Error(w, "This file is not available.", http.StatusInternalServerError)
			return
		}
		f.serve(w, r, cacheControlFor(r, g.s.cfg.Version))
	})
}
