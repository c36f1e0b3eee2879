package ui

import (
	"encoding/json"
	"errors"
	"sync"

	"fivecalls/app/story"
)

// Content is what every component renders: the story and the static base map.
//
// go-app creates route components as fresh zero values, so per-story data
// cannot travel as props from the handler. It lives here instead. On the
// server, the page renderer sets it before prerendering; in the browser,
// cmd/widget reads it from the prerendered page (the story JSON in
// #fivecalls-story and the base map markup in #basemap), so neither the story
// nor the map data is compiled into the WebAssembly binary.
type Content struct {
	Story *story.Story
	// Basemap is the SVG markup of the static layers (sphere, graticule, land,
	// borders), a single <g id="basemap"> element rendered with app.Raw.
	Basemap string
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

// ContentFromDocument builds Content from the story JSON and base map markup
// that the server wrote into the page.
func ContentFromDocument(storyJSON, basemap string) (*Content, error) {
	if storyJSON == "" {
		return nil, errors.New("the page carries no story data")
	}
	var s story.Story
	if err := json.Unmarshal([]byte(storyJSON), &s); err != nil {
		return nil, err
	}
	return &Content{Story: &s, Basemap: basemap}, nil
}
