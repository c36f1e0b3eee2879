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
		{"/", "call=3&theme=dark", Address{Parts: AllParts, Step: 3, Theme: "dark"}},
		{"/embed", "call=5", Address{Embed: true, Parts: compact, Step: 5}},
		{"/embed/", "", Address{Embed: true, Parts: compact}},
		{"embed/index.html", "theme=light", Address{Embed: true, Parts: compact, Theme: "light"}},
		{"/", "embed=1&call=1", Address{Embed: true, Parts: compact, Step: 1}},
		{"/embed/quiz", "", Address{Embed: true, Parts: PartQuiz}},
		{"/embed/calls/index.html", "", Address{Embed: true, Parts: PartList | PartNotes}},
		{"/embed/all/", "call=2", Address{Embed: true, Parts: AllParts, Step: 2}},
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
		{"/index.html", "call=2&utm_source=x", Address{Parts: AllParts, Step: 2}},
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
		{Address{Parts: AllParts, Step: 2, Theme: "dark"}, "/", "call=2&theme=dark"},
		{Address{Embed: true, Parts: compact}, "/embed", ""},
		{Address{Embed: true, Parts: PartQuiz, Step: 1}, "/embed/quiz", "call=1"},
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

// The pages, as a server and a static host reach them.
func TestPageAt(t *testing.T) {
	for path, want := range map[string]string{
		"/": "/", "": "/", "index.html": "/", "/index.html": "/",
		"/embed": "/embed", "embed/": "/embed", "/embed/index.html": "/embed",
		"/embed/quiz": "/embed/quiz", "embed/quiz/index.html": "/embed/quiz",
		"/embed/all/": "/embed/all",
	} {
		if p, ok := PageAt(path); !ok || p.Path != want {
			t.Errorf("PageAt(%q) = %q, %v; want %q", path, p.Path, ok, want)
		}
	}
	for _, path := range []string{"/embedindex.html", "/embed/other", "/embed.html", "/quiz"} {
		if p, ok := PageAt(path); ok {
			t.Errorf("PageAt(%q) = %q, want no page", path, p.Path)
		}
	}
	for _, p := range Pages {
		for _, static := range []bool{false, true} {
			for _, alias := range p.Aliases(static) {
				if got, ok := PageAt(alias); !ok || got.Path != p.Path {
					t.Errorf("%s: alias %q reaches %q", p.Path, alias, got.Path)
				}
			}
		}
	}
	if got := Pages[2].File(); got != "embed/quiz/index.html" {
		t.Errorf("File = %q", got)
	}
	if got := Pages[0].File(); got != "index.html" {
		t.Errorf("File = %q", got)
	}
}

// TestHeightPage: an embed's own page gives its height; other parts get
// their parts' estimate, never more than the smallest page showing them
// all, and a card beside the map is the map's brief one.
func TestHeightPage(t *testing.T) {
	for _, p := range EmbedPages {
		if got := HeightPage(p.Parts); got != p {
			t.Errorf("HeightPage(%s) = %+v, want its page %+v", p.Parts, got, p)
		}
	}
	mapTimeline := HeightPage(PartMap | PartTimeline)
	if mapTimeline.Path != EmbedPages[0].Path || mapTimeline.Parts != PartMap|PartTimeline {
		t.Errorf("HeightPage(map,timeline) = %+v, want the default embed's path with its own parts", mapTimeline)
	}
	if want := (embedChromeHeight + partHeights[PartMap] + partHeights[PartTimeline]) * 11 / 10; mapTimeline.Height != want {
		t.Errorf("HeightPage(map,timeline).Height = %d, want %d", mapTimeline.Height, want)
	}
	if got, want := HeightPage(PartMap|PartCard).Height, min(EmbedPages[0].Height, (embedChromeHeight+partHeights[PartMap]+briefCardHeight)*11/10); got != want {
		t.Errorf("HeightPage(map,card).Height = %d, want %d (the brief card, capped by the default embed)", got, want)
	}
	if got, want := HeightPage(PartQuiz|PartNotes).Height, (embedChromeHeight+partHeights[PartQuiz]+partHeights[PartNotes])*11/10; got != want {
		t.Errorf("HeightPage(quiz,notes).Height = %d, want %d", got, want)
	}
}
