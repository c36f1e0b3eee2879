package server

import (
	_ "embed"

	"fivecalls/app/ui"
)

//go:embed worker.js
var workerTemplate string

// precacheFiles are the files, relative to the widget's base, that the
// pages need: with them cached, the widget works offline. They are named by
// their versioned URLs, the very ones the pages fetch: the service worker
// registers after the WebAssembly has loaded (see web/page.js), and its
// precache then takes app.wasm and the rest from the HTTP cache, where the
// page left them, instead of downloading them again.
var precacheFiles = []string{
	"state.css", "radio-steps.css", "wasm_exec.js", "manifest.webmanifest",
	"web/app.css", "web/app.wasm", "web/page.js", "web/noscript.css",
	"web/icon.svg", "web/icon-192.png", "web/icon-512.png", "web/icon-maskable-512.png", "web/apple-touch-icon.png",
}

// Names the service worker shares with the server, written into it here.
const (
	// versionHeader on a page says its version: the worker serves a page
	// from the network only when it is of the worker's own version.
	versionHeader = "X-Fivecalls-Version"
	// cachePrefix + version + "@" + the worker's scope names a version's
	// cache; the worker deletes its scope's other caches when it activates.
	cachePrefix = "fivecalls-"
)

// serviceWorker is our app-worker.js (go-app v9's matches exact URLs only,
// so a query string or /embed fails offline, builds its precache list from
// root paths, broken under a sub-path, and serves a cached page forever).
// Every page of ui.Pages is known to it at each of its aliases (a server
// answers /embed, a static host embed/ and embed/index.html) under one
// cache key; the widget's and the default embed's are cached at install.
func serviceWorker(version string, static bool) ([]byte, error) {
	pages := map[string]string{}
	var pagePrecache []string
	for i, p := range ui.Pages {
		key := p.Aliases(static)[0]
		if static && key != "" {
			key += "/" // a static host's folder
		}
		if key == "" {
			key = "./"
		}
		for _, alias := range p.Aliases(static) {
			pages[alias] = key
		}
		if i < 2 {
			pagePrecache = append(pagePrecache, key)
		}
	}
	var precache []string
	for _, f := range precacheFiles {
		precache = append(precache, f+"?"+versionParm+"="+version)
	}
	js, err := ui.ExpandScript(workerTemplate, map[string]any{
		"Version":       version,
		"VersionParam":  versionParm,
		"VersionHeader": versionHeader,
		"CachePrefix":   cachePrefix,
		"Pages":         pages,
		"PagePrecache":  pagePrecache,
		"FilePrecache":  precache,
	})
	return []byte(js), err
}
