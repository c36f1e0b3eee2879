// Package page renders the widget's pages on the server: the whole widget
// as HTML and SVG, which is the app the reader keeps.
//
// # The served page is the app
//
// go-app v9 does not hydrate: a component mounted in the browser replaces
// the server's HTML with a copy built again, element by element. Five Calls
// does not let it. The server renders the whole widget with this package's
// go-app components, and that page is the app:
//
//   - State lives in the document. Which step of the timeline is shown is a
//     checked radio (ui.StepRadioName), which question another
//     (ui.QuestionRadioName), and each answer a checked radio of its
//     question. Every step's card, clock, night shading and Previous/Next
//     pair is in the page; the state stylesheet (web/state.css, written out
//     per story by StateCSS) shows the step shown's and marks its arc,
//     place and strip mark. Steps and answers therefore work from the first
//     paint, without JavaScript, and the score is counted by CSS. (With its
//     script, the page holds the step in classes on <html> too, which
//     the state rules then follow instead: a step restyles less.)
//   - web/page.js, the page's script, runs before the first paint and adds
//     what needs a script: Play, the keys, the live region, the step in the
//     address bar, the reader's progress, Share and Copy. On the reader's
//     first interaction it starts the WebAssembly (app/ui/client), which
//     adopts the page without moving it and adds the motion and the
//     readers' figures.
//
// The components are printed once per page variant (the server caches
// them) and never mounted: they take what they show from a Widget, built
// once per story, not from any process-wide state.
package page

import (
	"encoding/json"
	"fmt"
	"sync"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/geo"
)

// Options are what a widget's pages need besides its story.
type Options struct {
	// Basemap is the SVG markup of the map's static layers (sphere,
	// graticule, land, borders): one <svg> element, drawn for the story's
	// central meridian (MapMeridian).
	Basemap string
	// BasePath is the path the widget is served under: "/", or
	// "/graphics/five-calls/" for a static export under a sub-path. Every
	// URL of the page starts with it.
	BasePath string
	// PublicURL is the widget's public base address, e.g.
	// https://fivecalls.example.com/, for the embed snippets.
	// Empty: the snippets use BasePath.
	PublicURL string
	// NoAPI is set for a static export, which has no answers API: the quiz
	// works, and the readers' figures are left out of the page.
	NoAPI bool
	// Version names the build: the page's files are linked as ?v=VERSION,
	// which the server lets browsers keep for a year.
	Version string
	// SiteName overrides the story's site name (SiteName), for a newsroom
	// that serves every story under its own.
	SiteName string
	// Live is, in an author's preview (fivecalls serve --watch), the
	// address where the page's script asks whether the story has changed
	// (the server's live.json): the page then offers a reload when it has,
	// and shows the problems of the story's file. Empty for readers.
	Live string
}

// Widget is one story's widget, ready to render its pages: the story's
// calls, texts and map geometry are derived once, here.
type Widget struct {
	story *story.Story
	loc   *locale.Locale
	calls []Call
	scale timeScale // the timeline's stretch of time and ticks
	opts  Options
	frame geo.Frame
	geo   mapGeometry
	zones []byte // the zone table, JSON

	// The lines of the cards that set an embed's height (cardLines).
	cardLinesOnce sync.Once
	cardLinesOf   [2]int
}

// New prepares a validated story's widget.
func New(s *story.Story, opts Options) (*Widget, error) {
	loc, err := locale.New(s.Language, s.Items, s.Messages)
	if err != nil {
		return nil, err
	}
	cs := callsOf(s, loc)
	if len(cs) == 0 {
		return nil, fmt.Errorf("the story has no calls")
	}
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	w := &Widget{story: s, loc: loc, calls: cs, scale: newTimeScale(cs), opts: opts, frame: storyFrame(s)}
	if w.zones, err = json.Marshal(w.zoneTable()); err != nil {
		return nil, fmt.Errorf("encode the zone table: %w", err)
	}
	w.geo = geometryOf(w)
	return w, nil
}

// Locale is the widget's language, with the story's words.
func (w *Widget) Locale() *locale.Locale { return w.loc }

// SiteName is who publishes the widget, for the manifest's short name,
// link previews and oEmbed: Options.SiteName (fivecalls --site-name), or
// the catalogue's "Five Calls" unless the story names itself
// (messages.site-name).
func (w *Widget) SiteName() string {
	if w.opts.SiteName != "" {
		return w.opts.SiteName
	}
	return w.loc.T(locale.SiteName)
}

// Story returns the story the widget tells.
func (w *Widget) Story() *story.Story { return w.story }

// Calls returns the story's calls as the widget tells them.
func (w *Widget) Calls() []Call { return w.calls }

// base is the widget's public base address, ending in "/", for links that
// leave the page (embed snippets, "Open the full interactive").
func (w *Widget) base() string {
	if w.opts.PublicURL != "" {
		return w.opts.PublicURL
	}
	return w.opts.BasePath
}

// asset is the URL of one of the widget's files, relative to its base
// ("web/app.css"), as the page links it: versioned.
func (w *Widget) asset(name string) string {
	u := w.opts.BasePath + name
	if w.opts.Version != "" {
		u += "?v=" + w.opts.Version
	}
	return u
}
