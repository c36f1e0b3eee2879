package server

import (
	"fivecalls/app/ui"
	"net/url"
	"strings"
	"testing"
)

// FuzzOEmbedURL checks parseWidgetURL's promises on any input: no panic, and
// an accepted URL is always on the widget's own origin and under its path,
// selecting a call and theme the widget knows, so the iframe built from it
// points at the widget and nowhere else.
func FuzzOEmbedURL(f *testing.F) {
	for _, s := range []string{
		"https://widget.example/embed?call=2&theme=dark",
		"https://widget.example/five-calls/?call=99",
		"https://WIDGET.example:443/five-calls/embed.html",
		"https://widget.example@evil.example/",
		"javascript:alert(1)//https://widget.example/",
		"https://widget.example/five-calls/../embed",
		"https://widget.example/%2e%2e/embed",
		"https://[::1]:443/embed",
		"https://widget.example/embed?call=%zz&theme=light",
		"https://widget.example/\x00embed",
	} {
		f.Add(s)
	}
	bases := []*url.URL{
		{Scheme: "https", Host: "widget.example", Path: "/"},
		{Scheme: "https", Host: "widget.example", Path: "/five-calls/"},
		{Scheme: "http", Host: "127.0.0.1:8080", Path: "/"},
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, base := range bases {
			a, err := parseWidgetURL(raw, base, 5)
			if err != nil {
				continue
			}
			u, perr := url.Parse(raw)
			if perr != nil {
				t.Fatalf("accepted %q, which does not parse: %v", raw, perr)
			}
			if !sameOrigin(u, base) || u.User != nil {
				t.Fatalf("accepted %q on another origin than %s", raw, base)
			}
			if !strings.HasPrefix(u.Path+"/", base.Path) {
				t.Fatalf("accepted %q outside %s", raw, base.Path)
			}
			if a.Step < 0 || a.Step > 5 {
				t.Fatalf("accepted %q with call %d", raw, a.Step)
			}
			switch a.Theme {
			case "", "light", "dark":
			default:
				t.Fatalf("accepted %q with theme %q", raw, a.Theme)
			}
			src, perr := url.Parse(embedURL(base, a))
			if perr != nil || src.Scheme != base.Scheme || src.Host != base.Host || !isEmbedPage(strings.TrimPrefix(src.Path, base.Path)) {
				t.Fatalf("iframe for %q is %v (%v)", raw, src, perr)
			}
		}
	})
}

func isEmbedPage(path string) bool {
	p, ok := ui.PageAt(path)
	return ok && p.Embed
}
