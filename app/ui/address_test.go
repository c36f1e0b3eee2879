package ui

import (
	"net/url"
	"testing"
)

// One parser for every reader of an address: the pages, their cache,
// oEmbed and the export.
func TestParseAddress(t *testing.T) {
	for _, tt := range []struct {
		path, query string
		want        Address
	}{
		{"/", "", Address{}},
		{"/", "call=3&theme=dark", Address{Call: 3, Theme: "dark"}},
		{"/embed", "call=5", Address{Embed: true, Call: 5}},
		{"/embed/", "", Address{Embed: true}},
		{"embed/index.html", "theme=light", Address{Embed: true, Theme: "light"}},
		{"/", "embed=1&call=1", Address{Embed: true, Call: 1}},
		{"/", "call=6", Address{}}, // the story has five calls
		{"/", "call=0&theme=auto", Address{}},
		{"/", "call=-1&theme=Dark", Address{}},
		{"/", "call=%202", Address{}},
		{"/index.html", "call=2&utm_source=x", Address{Call: 2}},
	} {
		q, _ := url.ParseQuery(tt.query)
		if got := ParseAddress(tt.path, q, 5); got != tt.want {
			t.Errorf("ParseAddress(%q, %q) = %+v, want %+v", tt.path, tt.query, got, tt.want)
		}
	}
	if got := (Address{Call: 2, Theme: "dark", Embed: true}).Query().Encode(); got != "call=2&theme=dark" {
		t.Errorf("Query() = %q", got)
	}
}
