package ui

import (
	"net/url"
	"strconv"
	"strings"
)

// Address is what a widget URL selects: the page (the widget or its embed
// form), the parts it shows, the call it opens at and the colour theme. It
// is read in one place, ParseAddress, by the prerender, the page cache,
// oEmbed and the export, so all of them agree on what a URL means.
type Address struct {
	Embed bool
	// Parts are the parts the page shows: every part on the widget's page,
	// the map, the timeline and the current call in an embed unless the
	// address names others.
	Parts Part
	// Call is the call to open at, 1-based; 0 when the URL names none: the
	// page opens on the overview of every call.
	Call int
	// Theme is "light" or "dark", or "" for the reader's own preference.
	Theme string
}

// Part is one part of the widget, or a set of them.
type Part uint8

// The widget's parts, as an address names them (?parts=map,timeline,card).
const (
	PartMap Part = 1 << iota
	PartTimeline
	PartCard
	PartList  // "calls": the list of the calls
	PartQuiz  // "quiz"
	PartNotes // "notes": what the article gets wrong, and the sources
	AllParts  = PartMap | PartTimeline | PartCard | PartList | PartQuiz | PartNotes
)

// partNames are the parts' names in addresses, in the page's order.
var partNames = []struct {
	part Part
	name string
}{{PartMap, "map"}, {PartTimeline, "timeline"}, {PartCard, "card"}, {PartList, "calls"}, {PartQuiz, "quiz"}, {PartNotes, "notes"}}

// EmbedPreset is a set of parts an editor picks for an embed. Each is also
// a path under /embed/, for static hosts, which serve one file per path
// whatever the query.
type EmbedPreset struct {
	Name  string // the path under /embed/; "" for /embed itself
	Parts Part
	Label string // what the embed dialog calls it
}

// EmbedPresets are the embeds offered, the default first: a map that fits
// a phone screen and a bit, for the middle of an article.
var EmbedPresets = []EmbedPreset{
	{"", PartMap | PartTimeline | PartCard, "Map, timeline and the current call (compact)"},
	{"quiz", PartQuiz, "The quiz only"},
	{"calls", PartList | PartNotes, "The list of calls, with the notes and sources"},
	{"all", AllParts, "Everything"},
}

// Height is what the preset needs, in CSS pixels, in a phone's or an
// article's column (360 to 768 px wide), for a plain iframe, which cannot
// size itself, and for oEmbed, measured with the default story (app/e2e's
// TestEmbedHeights keeps it honest). A script on the host page sizes the
// frame to the exact height.
func (p EmbedPreset) Height() int {
	switch p.Parts {
	case PartQuiz:
		return 640
	case PartList | PartNotes:
		return 2840
	case AllParts:
		return 4040
	default:
		return 920
	}
}

// Has reports whether p includes every part of q.
func (p Part) Has(q Part) bool { return p&q == q }

// String is the parts' names, comma-separated, in the page's order.
func (p Part) String() string {
	var names []string
	for _, n := range partNames {
		if p.Has(n.part) {
			names = append(names, n.name)
		}
	}
	return strings.Join(names, ",")
}

// parseParts reads ?parts=: known names separated by commas; anything else
// makes the whole value invalid (0).
func parseParts(v string) Part {
	var p Part
	for _, name := range strings.Split(v, ",") {
		found := false
		for _, n := range partNames {
			if strings.TrimSpace(name) == n.name {
				p |= n.part
				found = true
			}
		}
		if !found {
			return 0
		}
	}
	return p
}

// Paths of the widget's pages, relative to its base.
const (
	PathHome  = "/"
	PathEmbed = "/embed"
)

// ParseAddress reads an address from a path relative to the widget's base
// ("/", "/embed", "/embed/index.html", …) and a query, for a story with the
// given number of calls. Anything it does not understand is ignored: a call
// outside 1…calls, an unknown theme, other parameters.
func ParseAddress(path string, q url.Values, calls int) Address {
	var a Address
	preset, embedPath := embedPreset(path)
	if !embedPath && q.Get("embed") == "1" {
		preset, embedPath = EmbedPresets[0], true
	}
	a.Embed = embedPath
	switch {
	case q.Has("parts") && parseParts(q.Get("parts")) != 0:
		a.Parts = parseParts(q.Get("parts"))
	case a.Embed:
		a.Parts = preset.Parts
	default:
		a.Parts = AllParts
	}
	if n, err := strconv.Atoi(q.Get("call")); err == nil && n >= 1 && n <= calls {
		a.Call = n
	}
	switch t := q.Get("theme"); t {
	case "light", "dark":
		a.Theme = t
	}
	return a
}

// Query is the address's canonical query string (without the page, which
// the path carries): the same address always gives the same string. The
// parts are named when they are not the page's own (a preset's path names
// them).
func (a Address) Query() url.Values {
	q := url.Values{}
	if p, ok := a.preset(); !ok {
		q.Set("parts", a.Parts.String())
	} else if !a.Embed && p.Parts != AllParts {
		q.Set("parts", a.Parts.String())
	}
	if a.Call > 0 {
		q.Set("call", strconv.Itoa(a.Call))
	}
	if a.Theme != "" {
		q.Set("theme", a.Theme)
	}
	return q
}

// Path is the address's page, relative to the widget's base: "/" for the
// widget, "/embed" or "/embed/quiz" (a preset) for an embed.
func (a Address) Path() string {
	if !a.Embed {
		return PathHome
	}
	if p, ok := a.preset(); ok && p.Name != "" {
		return PathEmbed + "/" + p.Name
	}
	return PathEmbed
}

// preset is the embed preset with the address's parts, if one has them.
func (a Address) preset() (EmbedPreset, bool) {
	if !a.Embed {
		return EmbedPreset{Parts: AllParts}, a.Parts == AllParts
	}
	for _, p := range EmbedPresets {
		if p.Parts == a.Parts {
			return p, true
		}
	}
	return EmbedPreset{}, false
}

// IsEmbedPath reports whether a path relative to the widget's base is one
// of the embed's pages.
func IsEmbedPath(p string) bool {
	_, ok := embedPreset(p)
	return ok
}

// Height is what the address's embed needs on a phone: its preset's, or
// the default embed's for a set of parts no preset has.
func (a Address) Height() int {
	if p, ok := a.preset(); ok && a.Embed {
		return p.Height()
	}
	return EmbedPresets[0].Height()
}

// embedPreset reports whether a path relative to the widget's base is an
// embed page's, and which preset: /embed or /embed/quiz on a server,
// embed/, embed/index.html or embed/quiz/index.html in a static export.
func embedPreset(p string) (EmbedPreset, bool) {
	p = strings.TrimSuffix(strings.TrimSuffix("/"+strings.TrimPrefix(p, "/"), "index.html"), "/")
	if p == PathEmbed {
		return EmbedPresets[0], true
	}
	for _, preset := range EmbedPresets[1:] {
		if p == PathEmbed+"/"+preset.Name {
			return preset, true
		}
	}
	return EmbedPreset{}, false
}
