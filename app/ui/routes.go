// Package ui holds the go-app components of Five Calls. The same components
// prerender on the server (so the story is readable without WebAssembly) and
// run in the browser, where go-app replaces the prerendered DOM with a live
// one built from identical data.
//
// Size: go-app v9 links text/template, which turns off the linker's dead
// method elimination, so every element type used (app.Dl, app.Figure, …)
// brings all its ~200 builder methods into the WebAssembly, about 3.5 KB
// compressed each. Elements used in one or two places are therefore built
// with app.Elem("dl") and Attr; the common ones keep their typed builders.
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
