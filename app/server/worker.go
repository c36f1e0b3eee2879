package server

import (
	_ "embed"
	"encoding/json"
	"strings"
)

//go:embed worker.js
var workerTemplate string

// precacheFiles are the files, relative to the widget's base, that the
// pages need: with them cached, the widget works offline. They are named by
// their versioned URLs, the very ones the pages fetch: the service worker
// registers after the WebAssembly has loaded (see bootpatch.go), and its
// precache then takes app.wasm and the rest from the HTTP cache, where the
// page left them, instead of downloading them again.
var precacheFiles = []string{
	"app.js", "app.css", "wasm_exec.js", "manifest.webmanifest",
	"web/app.css", "web/app.wasm", "web/widget.js", "web/compile.js",
	"web/icon.svg", "web/icon-192.png", "web/icon-512.png", "web/icon-maskable-512.png", "web/apple-touch-icon.png",
}

// workerPages maps the paths a page is requested under (relative to the
// base) to the cache key of its page. A server answers /embed; a static
// export has embed/index.html, reached as embed/.
func workerPages(static bool) map[string]string {
	if static {
		return map[string]string{"": "./", "index.html": "./", "embed": "embed/", "embed/": "embed/", "embed/index.html": "embed/"}
	}
	return map[string]string{"": "./", "embed": "embed"}
}

// Names the service worker shares with the server, written into it here.
const (
	// versionHeader on a page says its version: the worker serves a page
	// from the network only when it is of the worker's own version.
	versionHeader = "X-Fivecalls-Version"
	// cachePrefix + version names a version's cache; the worker deletes
	// the other caches of this prefix when it activates.
	cachePrefix = "fivecalls-"
)

// serviceWorker is our app-worker.js, replacing go-app v9's: that one
// matches exact URLs only (a query string or /embed fails offline), builds
// its precache list from root paths (broken under a sub-path), and serves a
// cached page forever.
func serviceWorker(version string, static bool) []byte {
	pages := workerPages(static)
	pagePrecache := []string{"./", "embed"}
	if static {
		pagePrecache[1] = "embed/"
	}
	var precache []string
	for _, f := range precacheFiles {
		precache = append(precache, f+"?"+versionParm+"="+version)
	}
	pagesJSON, _ := json.Marshal(pages)
	pagePrecacheJSON, _ := json.Marshal(pagePrecache)
	precacheJSON, _ := json.Marshal(precache)
	versionJSON, _ := json.Marshal(version)
	js := strings.NewReplacer(
		`"__VERSION__"`, string(versionJSON),
		"__VERSION__", strings.Trim(string(versionJSON), `"`),
		"__PAGES__", string(pagesJSON),
		"__PAGE_PRECACHE__", string(pagePrecacheJSON),
		"__PRECACHE__", string(precacheJSON),
		"__VERSION_HEADER__", versionHeader,
		"__CACHE_PREFIX__", cachePrefix,
	).Replace(workerTemplate)
	return []byte(js)
}
