package ui

import (
	"net/url"
	"strconv"
	"strings"
)

// Address is what a widget URL selects: the page (the widget or one of its
// embeds), the parts it shows, the step it opens at and the colour theme.
// It is read in one place, ParseAddress, by the pages, their cache, oEmbed,
// the link previews and the export, so all of them agree on what a URL
// means.
type Address struct {
	Embed bool
	// Parts are the parts the page shows: every part on the widget's page,
	// the embed's own (its Page's) unless the address names others.
	Parts Part
	// Step is the step of the timeline to open at: 0, the overview of every
	// call (when the URL names no call), or a call's step, 1…n (?call=n).
	Step int
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

// The query parameters of an address: the call to open at, by its step
// (?call=3), and the colour theme (?theme=dark), light or dark (or, left
// out, the reader's own preference).
const (
	CallParam  = "call"
	ThemeParam = "theme"
	ThemeLight = "light"
	ThemeDark  = "dark"
)

// ParseAddress reads an address from a path relative to the widget's base
// ("/", "/embed", "/embed/index.html", …) and a query, for a story with the
// given number of calls. Anything it does not understand is ignored: a call
// outside 1…calls, an unknown theme, other parameters, a path that is none
// of the Pages (the widget's).
func ParseAddress(path string, q url.Values, calls int) Address {
	page, ok := PageAt(path)
	if !ok || (!page.Embed && q.Get("embed") == "1") {
		page = Pages[0]
		if q.Get("embed") == "1" {
			page = EmbedPages[0]
		}
	}
	a := Address{Embed: page.Embed, Parts: page.Parts}
	if q.Has("parts") {
		if p := parseParts(q.Get("parts")); p != 0 {
			a.Parts = p
		}
	}
	if n, err := strconv.Atoi(q.Get(CallParam)); err == nil && n >= 1 && n <= calls {
		a.Step = n
	}
	switch t := q.Get(ThemeParam); t {
	case ThemeLight, ThemeDark:
		a.Theme = t
	}
	return a
}

// Query is the address's canonical query string (without the page, which
// the path carries): the same address always gives the same string. The
// parts are named when they are not the page's own.
func (a Address) Query() url.Values {
	q := url.Values{}
	if a.Parts != a.Page().Parts {
		q.Set("parts", a.Parts.String())
	}
	if a.Step > 0 {
		q.Set(CallParam, strconv.Itoa(a.Step))
	}
	if a.Theme != "" {
		q.Set(ThemeParam, a.Theme)
	}
	return q
}

// Page is the page the address opens: the widget, the embed whose parts it
// shows, or for an embed of other parts, the default embed (with ?parts=).
func (a Address) Page() Page {
	if !a.Embed {
		return Pages[0]
	}
	for _, p := range EmbedPages {
		if p.Parts == a.Parts {
			return p
		}
	}
	return EmbedPages[0]
}

// Path is the address's page, relative to the widget's base: "/" for the
// widget, "/embed" or "/embed/quiz" for an embed.
func (a Address) Path() string { return a.Page().Path }
