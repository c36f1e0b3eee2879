package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

// TestPreviewsAreDrawnOncePerCall counts the drawings: each call's card is
// drawn on its first request only, however many readers ask at once, and
// addresses that show the same call share its card.
func TestPreviewsAreDrawnOncePerCall(t *testing.T) {
	c := newPreviewCache(story.Default(), "v1")
	h := c.handler(zerolog.Nop())
	get := func(query string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/preview.png"+query, nil))
		return rec.Code
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, q := range []string{"?call=2", "?call=1", "", "?call=99", "?call=1&v=v1"} {
				if code := get(q); code != http.StatusOK {
					t.Errorf("%s: status %d", q, code)
				}
			}
		})
	}
	wg.Wait()
	if n := c.renders.Load(); n != 2 {
		t.Errorf("%d drawings for calls 1 and 2, want 2", n)
	}
	get("?call=3&width=600")
	get("?call=3&width=600")
	get("?call=3&width=601") // not a width drawn: the full card
	if n := c.renders.Load(); n != 4 {
		t.Errorf("%d drawings after call 3 at 600 and 1200 px, want 4", n)
	}
	// The cache is bounded: every call at every width, whatever is asked.
	for _, q := range []string{"?call=4", "?call=5", "?call=6", "?width=300", "?call=-1&width=9999"} {
		get(q)
	}
	if n, max := len(c.images), len(story.Default().Calls)*len(previewWidths); n > max {
		t.Errorf("%d images kept, more than %d", n, max)
	}
}

// TestPreviewColorsAreTheWidgets reads the light theme's custom properties
// from web/app.css: the card must look like the widget it links to.
func TestPreviewColorsAreTheWidgets(t *testing.T) {
	css, err := os.ReadFile("../../web/app.css")
	if err != nil {
		t.Fatal(err)
	}
	// The first block that sets --ocean is the light theme (.fc).
	block := regexp.MustCompile(`(?s)\{[^{}]*--ocean:[^{}]*\}`).Find(css)
	if block == nil {
		t.Fatal("no block setting --ocean in web/app.css")
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*([^;]+);`).FindAllSubmatch(block, -1) {
		vars[string(m[1])] = strings.TrimSpace(string(m[2]))
	}
	for name, got := range map[string]string{
		"ocean": previewColors.Ocean, "land": previewColors.Land, "border": previewColors.Border,
		"graticule": previewColors.Graticule, "line": previewColors.Edge, "night": previewColors.Night,
		"arc": previewColors.Arc, "arc-past": previewColors.PastArc, "place": previewColors.Marker,
		"fg": previewColors.Text, "bg": previewColors.Halo,
	} {
		if want := vars[name]; !strings.EqualFold(got, want) {
			t.Errorf("--%s is %q in web/app.css, the card uses %q", name, want, got)
		}
	}
	if vars["night-opacity"] != "0.28" {
		t.Errorf("--night-opacity is %q in web/app.css; basemap draws the night at 0.28", vars["night-opacity"])
	}
}

func TestCallStartText(t *testing.T) {
	s := story.Default()
	want := []string{"9:05 a.m. EST", "about 11:00 a.m. EST"}
	for i, w := range want {
		if got := callStartText(s, &s.Calls[i]); got != w {
			t.Errorf("call %d: %q, want %q", i+1, got, w)
		}
	}
	if got := callCaption(s, 4); got != "Call 5 of 5: Malcolm Turnbull, Prime Minister of Australia, 5:05 p.m. EST" {
		t.Errorf("caption %q", got)
	}
}

// TestPreviewOverview: a step outside the calls draws every arc alike with
// no night and no caption, ready for a page that opens on an overview.
func TestPreviewOverview(t *testing.T) {
	s := story.Default()
	spec, text := previewSpec(s, -1, 1200)
	if spec.Current != "" || !spec.Night.IsZero() || text.Caption != "" || text.Title != s.Title || len(spec.Arcs) != len(s.Calls) {
		t.Errorf("overview spec: current %q, night %v, caption %q, title %q, %d arcs", spec.Current, spec.Night, text.Caption, text.Title, len(spec.Arcs))
	}
	if alt := previewAlt(s, -1); strings.Contains(alt, "Call ") || !strings.Contains(alt, "arcs from Washington") {
		t.Errorf("overview alt %q", alt)
	}
	c := newPreviewCache(s, "v")
	if img, err := c.get(-1, 300); err != nil || len(img.png) == 0 {
		t.Errorf("overview card: %v", err)
	}
}

func TestShorten(t *testing.T) {
	long := strings.Repeat("word ", 100) // 500 characters
	got := shorten(long, twitterAltMax)
	if n := utf8.RuneCountInString(got); n > twitterAltMax || n < twitterAltMax-10 || !strings.HasSuffix(got, "word…") {
		t.Errorf("shorten: %d characters, ends %q", n, got[len(got)-12:])
	}
	if got := shorten("short", 420); got != "short" {
		t.Errorf("shorten(short) = %q", got)
	}
	if got := shorten(strings.Repeat("é", 500), 10); got != strings.Repeat("é", 9)+"…" {
		t.Errorf("shorten of one long word: %q", got)
	}
}
