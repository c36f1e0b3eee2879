package ui

import (
	"encoding/json"
	"errors"
	"sync"

	"fivecalls/app/story"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Content is what every component renders: the story and the static base map.
//
// go-app creates route components as fresh zero values, so per-story data
// cannot travel as props from the handler. It lives here instead. On the
// server, the page renderer sets it before prerendering; in the browser,
// cmd/widget reads the story JSON from #fivecalls-story and keeps the
// prerendered base map element, so neither the story nor the map data is
// compiled into the WebAssembly binary.
type Content struct {
	Story *story.Story
	// Basemap is the SVG markup of the static layers (sphere, graticule, land,
	// borders), a single <g id="basemap"> element rendered with app.Raw. The
	// server prerenders it; the browser takes in that element instead.
	Basemap string
	// Prerendered holds, in the browser, elements of the server's page that
	// the live page takes in as they are instead of building them again (see
	// page.adopt): the map, the day's strip and the notes for good, the
	// other parts until their stage goes live (see liveStages). Keyed by the
	// names in PrerenderedParts.
	Prerendered map[string]app.Value
	// Zones is the story's zone table: the server makes it, the browser
	// reads it from the page. Nil: the browser asks Intl.
	Zones *ZoneTable
	// PublicURL is the widget's base address, e.g. https://example.com/five-calls/,
	// for the embed snippets. Empty: the browser's own address.
	PublicURL string
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

// StoryElementID and BasemapElementID name the prerendered elements the
// browser reads its content from.
const (
	StoryElementID   = "fivecalls-story"
	BasemapElementID = "basemap"
)

// PrerenderedParts maps the names of Content.Prerendered to the selector of
// their element in the server's page.
var PrerenderedParts = map[string]string{
	"map":      ".fc-map",
	"axis":     ".fc-axis",
	"timeline": ".fc-timeline",
	"card":     ".fc-card",
	"list":     ".fc-list",
	"quiz":     ".fc-quiz",
	"embed":    ".fc-embed",
	"notes":    ".fc-notes",
}

// keptParts are the parts of PrerenderedParts that the browser keeps for
// good, marking the current call on them, instead of rendering its own.
var keptParts = []string{"map", "axis", "notes"}

// ContentFromDocument builds Content from the story JSON that the server
// wrote into the page.
func ContentFromDocument(storyJSON string) (*Content, error) {
	if storyJSON == "" {
		return nil, errors.New("the page carries no story data")
	}
	var s story.Story
	if err := json.Unmarshal([]byte(storyJSON), &s); err != nil {
		return nil, err
	}
	return &Content{Story: &s}, nil
}
