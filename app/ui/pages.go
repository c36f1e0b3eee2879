package ui

import (
	"slices"
	"strings"
)

// Page is one of the widget's pages: the widget itself, or an embed, which
// shows some of its parts in an article's iframe. Pages is the one table of
// them: the server's routes, the static export, the service worker, oEmbed
// and the embed dialog all take their pages from it.
type Page struct {
	// Path is the page's path under the widget's base: "/", "/embed",
	// "/embed/quiz".
	Path  string
	Embed bool
	Parts Part
	// Height is what an embed needs, in CSS pixels, in a phone's or an
	// article's column (360 to 768 px wide), for a plain iframe, which
	// cannot size itself, and for oEmbed, measured with the default story
	// (app/e2e's TestEmbedHeights keeps it honest). The Embed dialog's
	// plain iframe starts with it, until the page's script has measured
	// the story's own (SnippetPageAttr). A script on the host page sizes
	// the frame to the exact height.
	Height int
}

// Pages are the widget's pages: the widget first, then the embeds, the
// default embed first (a map that fits a phone screen and a bit, for the
// middle of an article).
var Pages = []Page{
	{Path: "/", Parts: AllParts},
	{Path: "/embed", Embed: true, Parts: PartMap | PartTimeline | PartCard, Height: 950},
	{Path: "/embed/quiz", Embed: true, Parts: PartQuiz, Height: 640},
	{Path: "/embed/calls", Embed: true, Parts: PartList | PartNotes, Height: 2900},
	{Path: "/embed/all", Embed: true, Parts: AllParts, Height: 4080},
}

// EmbedPages are the embeds: Pages without the widget's own.
var EmbedPages = Pages[1:]

// An embed of parts that have no page of their own (?parts=map,timeline)
// is estimated from its parts: what the page around them takes
// (embedChromeHeight: the title, the credits, the padding, at a phone's
// width) and what each part takes beside it, each the most it measured
// from 360 to 768 px wide with the default story (app/e2e's
// TestEmbedHeights keeps both honest). The map grows with the column, the
// notes shrink; a card stacked with the map's brief ones keeps the
// tallest's room.
const embedChromeHeight = 165

var partHeights = map[Part]int{
	PartMap: 398, PartTimeline: 150, PartCard: 238, PartQuiz: 417, PartList: 631, PartNotes: 2065,
}

const briefCardHeight = 341

// HeightPage is the page whose Height an embed of these parts asks for: its
// own page where it has one; else the default embed's address with the
// parts' estimate, a tenth to spare for the parts' sum being rougher than
// a measure, and no more than the smallest page that shows them all.
func HeightPage(parts Part) Page {
	for _, p := range EmbedPages {
		if p.Parts == parts {
			return p
		}
	}
	h := embedChromeHeight
	for part, ph := range partHeights {
		if !parts.Has(part) {
			continue
		}
		if part == PartCard && parts.Has(PartMap) {
			ph = briefCardHeight
		}
		h += ph
	}
	h = h * 11 / 10
	for _, p := range EmbedPages {
		if p.Parts.Has(parts) && p.Height < h {
			h = p.Height
		}
	}
	return Page{Path: EmbedPages[0].Path, Embed: true, Parts: parts, Height: h}
}

// File is the page's file in a static export, relative to its base: a
// folder with an index.html, which every static host serves for the
// folder's path ("embed/index.html"; the widget's is "index.html").
func (p Page) File() string {
	return strings.TrimPrefix(strings.TrimPrefix(p.Path, "/")+"/index.html", "/")
}

// Aliases are the paths, relative to the widget's base and without the
// leading slash, that reach the page: on a server its path ("", "embed");
// on a static host also its folder and its file ("embed/",
// "embed/index.html", "index.html").
func (p Page) Aliases(static bool) []string {
	path := strings.TrimPrefix(p.Path, "/")
	if !static {
		return []string{path}
	}
	if path == "" {
		return []string{"", "index.html"}
	}
	return []string{path, path + "/", p.File()}
}

// PageAt returns the page a path relative to the widget's base reaches,
// with or without a leading slash, a trailing slash or index.html.
func PageAt(path string) (Page, bool) {
	path = "/" + strings.TrimPrefix(path, "/")
	if strings.HasSuffix(path, "/index.html") {
		path = strings.TrimSuffix(path, "index.html")
	}
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	for _, p := range Pages {
		if p.Path == path {
			return p, true
		}
	}
	return Page{}, false
}

// EmbedPresetPaths maps each embed's parts, as their names sorted and
// joined by commas ("quiz", "card,map,timeline"), to its path below the
// default embed's ("/quiz"; "" for the default). web/embed.js asks for an
// embed that has a page of its own by that page, which a static host
// serves too, rather than by ?parts=, which needs the server.
func EmbedPresetPaths() map[string]string {
	out := make(map[string]string, len(EmbedPages))
	for _, p := range EmbedPages {
		names := strings.Split(p.Parts.String(), ",")
		slices.Sort(names)
		out[strings.Join(names, ",")] = strings.TrimPrefix(p.Path, EmbedPages[0].Path)
	}
	return out
}
