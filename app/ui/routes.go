// Package ui holds the go-app components of Five Calls. The same components
// prerender on the server (so the story is readable without WebAssembly) and
// run in the browser, where go-app replaces the prerendered DOM with a live
// one built from identical data.
package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Paths of the widget's pages.
const (
	PathHome  = "/"
	PathEmbed = "/embed"
)

// Routes registers the widget's pages with go-app. Both the server and the
// WebAssembly entry call it, so both know the same pages.
func Routes() {
	// A static export is reached as /, /index.html, /embed/ or
	// /embed/index.html: the client must know each, or it shows "not found".
	for _, p := range []string{PathHome, "/index.html", PathEmbed, PathEmbed + "/", PathEmbed + "/index.html"} {
		app.RouteFunc(p, func() app.Composer { return newPage() })
	}
}

// isEmbedPath reports whether a path is one of the embed page's.
func isEmbedPath(p string) bool {
	return p == PathEmbed || p == PathEmbed+"/" || p == PathEmbed+"/index.html"
}
