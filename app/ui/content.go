package ui

import (
	"sync"

	"fivecalls/app/story"
)

// Content is what the server's components render: the story and the static
// base map.
//
// go-app creates route components as fresh zero values, so per-story data
// cannot travel as props from the handler. It lives here instead; the
// server sets it before prerendering. The browser never renders the page
// (see the package doc), so neither the story nor the map data is in the
// WebAssembly.
type Content struct {
	Story *story.Story
	// Basemap is the SVG markup of the static layers (sphere, graticule, land,
	// borders), a single <svg id="basemap"> element rendered with app.Raw.
	Basemap string
	// PublicURL is the widget's base address, e.g. https://example.com/five-calls/,
	// for the embed snippets. Empty: the path "/".
	PublicURL string
	// NoAPI is set for a static export, which has no answers API: the quiz
	// works, and readers' figures are left out of the page.
	NoAPI bool
	// BasePath is the path the widget is served under, ending in "/".
	BasePath string
}

var (
	contentMu sync.RWMutex
	content   = &Content{}
)

// SetContent replaces the content components render. It is safe for
// concurrent use; the server holds its own lock across a whole prerender.
func SetContent(c *Content) {
	contentMu.Lock()
	defer contentMu.Unlock()
	content = c
}

// current returns the content to render.
func current() *Content {
	contentMu.RLock()
	defer contentMu.RUnlock()
	return content
}

// BasemapElementID names the base map's element.
const BasemapElementID = "basemap"
