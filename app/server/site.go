package server

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"

	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/app/ui/page"
)

// site is one story as served: its widget, and every route of it under its
// prefix on this server ("/" for the one story of --story, "/ID/" for each
// of --stories): the pages, story.json, the files written for it, the
// previews, oEmbed and the answers API. A site is built whole and never
// changed: an edited story gets a new site (srv.update), with a new
// version.
type site struct {
	story     *story.Story
	storyJSON []byte
	// prefix is the site's path on this server, "/" or "/ID/"; pattern
	// starts its routes' patterns: "" or "/{story}".
	prefix, pattern string
	version         string
	widget          *page.Widget
	generated       generatedFiles
	preview         *previewCache
	thumbnail       []byte
	oembed          http.Handler
	// public is the site's public address (Config.PublicURL and its
	// prefix); nil without one.
	public *url.URL
	// handler serves the site's routes (routes lists their patterns).
	handler http.Handler
	routes  []string
	// live is what its pages learn from live.json under Watch: the
	// problems of the story's file as it is now.
	live atomic.Pointer[liveState]
}

// storyPathValue is the wildcard of a story's id in the routes of
// Config.Several: /{story}/embed.
const storyPathValue = "story"

// newSite prepares a story's site at prefix.
func (s *srv) newSite(st *story.Story, prefix string) (*site, error) {
	if err := story.Validate(st); err != nil {
		return nil, fmt.Errorf("invalid story: %w", err)
	}
	storyJSON, err := json.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("encode story: %w", err)
	}
	basemap := s.cfg.Basemap
	if basemap == "" {
		basemap = BasemapMarkup(page.MapMeridian(st))
	}
	site := &site{story: st, storyJSON: storyJSON, prefix: prefix, version: s.cfg.Version}
	if site.version == "" {
		site.version = buildVersion(s.webDigest, storyJSON, basemap)
	}
	// The pages' URLs: under the static export's base path, or the
	// story's own prefix.
	base := basePath(s.cfg.BasePath)
	if s.cfg.Several {
		site.pattern = "/{" + storyPathValue + "}"
		base = prefix
	}
	if s.cfg.PublicURL != nil {
		site.public = normalizeBase(s.cfg.PublicURL).JoinPath(strings.TrimPrefix(prefix, "/"))
		site.public.Path = strings.TrimSuffix(site.public.Path, "/") + "/"
	}
	opts := page.Options{
		Basemap:   basemap,
		BasePath:  base,
		PublicURL: publicBase(site.public),
		NoAPI:     s.cfg.Static,
		Version:   site.version,
		SiteName:  s.cfg.SiteName,
	}
	if s.cfg.Watch {
		opts.Live = base + livePath
	}
	if site.widget, err = page.New(st, opts); err != nil {
		return nil, err
	}
	if site.generated, err = newGeneratedFiles(s, site); err != nil {
		return nil, err
	}
	site.preview = newPreviewCache(site.widget, site.version)
	site.thumbnail = storyThumbnail(site.widget)
	site.oembed = NewOEmbed(OEmbedConfig{
		PublicURL:    site.public,
		Path:         prefix,
		Title:        st.Title,
		Calls:        len(st.Calls),
		ProviderName: site.widget.SiteName(),
		Thumbnail:    PreviewThumbnail(site.version),
		Height:       site.widget.EmbedHeight,
		FrameTitle:   site.widget.FrameTitle,
	})
	site.live.Store(&liveState{})
	site.handler, site.routes = s.storyRoutes(site)
	return site, nil
}

// path is a request's path relative to the site, from its leading slash:
// /ID/embed is /embed.
func (st *site) path(r *http.Request) string {
	return "/" + strings.TrimPrefix(r.URL.Path, st.prefix)
}

// storyRoutes lists every route of a story's site, in one place.
func (s *srv) storyRoutes(st *site) (http.Handler, []string) {
	mux := newRouteTable()
	p := st.pattern
	catalog, err := QuizCatalog(st.story)
	if err == nil && s.store != nil {
		api, apiRoutes := newAPI(s.logger, s.store, catalog, APIOptions{}, p)
		mux.Handle(p+"/api/", withOpenCORS(s.limitAPI(api)))
		mux.patterns = append(mux.patterns, apiRoutes...)
	} else {
		mux.Handle(p+"/api/", withOpenCORS(handleAPIUnavailable()))
	}
	mux.Handle("GET "+p+"/oembed", st.oembed)
	mux.Handle("GET "+p+"/thumbnail.svg", handleThumbnail(st.thumbnail))
	mux.Handle("GET "+p+"/"+previewPath, st.preview.handler(s.logger))
	mux.Handle("GET "+p+"/story.json", st.handleStoryJSON())
	mux.Handle("GET "+p+"/web/app.wasm", withOpenCORS(s.wasm.handler(st.version)))
	mux.Handle("GET "+p+"/web/", s.static.handler(st.prefix+"web/", st.version))
	// The toolchain's own wasm_exec.js: it must match the Go that built
	// app.wasm.
	mux.Handle("GET "+p+"/wasm_exec.js", s.static.handler(st.prefix, st.version))
	for _, path := range slices.Sorted(maps.Keys(st.generated)) { // in a stable order, for Routes
		mux.Handle("GET "+p+path, st.generated.handler(path, st.version))
	}
	if s.cfg.Watch {
		mux.Handle("GET "+p+"/"+livePath, st.handleLive())
	}
	for _, pg := range ui.Pages {
		path := pg.Path
		if path == "/" {
			path = "/{$}"
		}
		mux.Handle("GET "+p+path, s.handlePage(st))
		// The forms a static host serves the page at, its folder and its
		// file ("/embed/", "/embed/index.html"), lead to it here: an
		// address copied from a static export, or built by a script from
		// one, keeps working on the server.
		for _, alias := range pg.Aliases(true) {
			if "/"+alias == pg.Path {
				continue
			}
			pattern := p + "/" + alias
			if strings.HasSuffix(pattern, "/") {
				pattern += "{$}" // the folder alone, not what is under it
			}
			mux.Handle("GET "+pattern, redirectToPage(st.prefix+strings.TrimPrefix(pg.Path, "/")))
		}
	}
	mux.Handle(p+"/", handleNotFoundPage())
	return mux, mux.patterns
}

// redirectToPage sends a request to a page's own address, with its query
// (the browser keeps the fragment, WordPress's #?secret= among them).
func redirectToPage(to string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := to
		if r.URL.RawQuery != "" {
			u += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, u, http.StatusMovedPermanently)
	})
}

// handleStoryJSON serves the story being told, for newsrooms and tools.
func (st *site) handleStoryJSON() http.Handler {
	f := newCachedFile("application/json", st.storyJSON)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		f.serve(w, r, "no-cache")
	})
}
