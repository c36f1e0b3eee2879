package ui

import (
	"net/url"
	"testing"
)

// One parser for every reader of an address: the pages, their cache,
// oEmbed and the export.
func TestParseAddress(t *testing.T) {
	const compact = PartMap | PartTimeline | PartCard
	for _, tt := range []struct {
		path, query string
		want        Address
	}{
		{"/", "", Address{Parts: AllParts}},
		{"/", "call=3&theme=dark", Address{Parts: AllParts, Call: 3, Theme: "dark"}},
		{"/embed", "call=5", Address{Embed: true, Parts: compact, Call: 5}},
		{"/embed/", "", Address{Embed: true, Parts: compact}},
		{"embed/index.html", "theme=light", Address{Embed: true, Parts: compact, Theme: "light"}},
		{"/", "embed=1&call=1", Address{Embed: true, Parts: compact, Call: 1}},
		{"/embed/quiz", "", Address{Embed: true, Parts: PartQuiz}},
		{"/embed/calls/index.html", "", Address{Embed: true, Parts: PartList | PartNotes}},
		{"/embed/all/", "call=2", Address{Embed: true, Parts: AllParts, Call: 2}},
		{"/embed", "parts=quiz,map", Address{Embed: true, Parts: PartQuiz | PartMap}},
		{"/embed/quiz", "parts=notes", Address{Embed: true, Parts: PartNotes}}, // the parameter wins
		{"/embed", "parts=map,nope", Address{Embed: true, Parts: compact}},     // invalid: the page's own
		{"/embed", "parts=", Address{Embed: true, Parts: compact}},
		{"/", "parts=quiz", Address{Parts: PartQuiz}},
		{"/embed/other", "", Address{Parts: AllParts}}, // not an embed page
		{"/", "call=6", Address{Parts: AllParts}},      // the story has five calls
		{"/", "call=0&theme=auto", Address{Parts: AllParts}},
		{"/", "call=-1&theme=Dark", Address{Parts: AllParts}},
		{"/", "call=%202", Address{Parts: AllParts}},
		{"/index.html", "call=2&utm_source=x", Address{Parts: AllParts, Call: 2}},
	} {
		q, _ := url.ParseQuery(tt.query)
		if got := ParseAddress(tt.path, q, 5); got != tt.want {
			t.Errorf("ParseAddress(%q, %q) = %+v, want %+v", tt.path, tt.query, got, tt.want)
		}
	}
	for _, tt := range []struct {
		a           Address
		path, query string
	}{
		{Address{Parts: AllParts, Call: 2, Theme: "dark"}, "/", "call=2&theme=dark"},
		{Address{Embed: true, Parts: compact}, "/embed", ""},
		{Address{Embed: true, Parts: PartQuiz, Call: 1}, "/embed/quiz", "call=1"},
		{Address{Embed: true, Parts: PartQuiz | PartMap}, "/embed", "parts=map%2Cquiz"},
		{Address{Parts: PartNotes}, "/", "parts=notes"},
	} {
		if p, q := tt.a.Path(), tt.a.Query().Encode(); p != tt.path || q != tt.query {
			t.Errorf("%+v: Path %q Query %q, want %q %q", tt.a, p, q, tt.path, tt.query)
		}
		// What an address writes, it reads back.
		q, _ := url.ParseQuery(tt.query)
		if back := ParseAddress(tt.path, q, 5); back != tt.a {
			t.Errorf("%+v reads back as %+v", tt.a, back)
		}
	}
}

func TestOverviewHintNamesOnlyControlsShown(t *testing.T) {
	for parts, want := range map[Part]string{
		AllParts:                      "Play follows them one by one; Next, the strip of the day and the list pick one.",
		EmbedPresets[0].Parts:         "Play follows them one by one; Next and the strip of the day pick one.",
		PartMap | PartCard | PartList: "The list picks one.",
		PartMap | PartCard:            "",
	} {
		if got := overviewHint(parts); got != want {
			t.Errorf("parts %s: %q, want %q", parts, got, want)
		}
	}
}
