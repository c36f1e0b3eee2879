package server

import (
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/app/ui/page"
	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
	"github.com/rs/zerolog"
)

// TestPreviewsAreDrawnOncePerCall counts the drawings: each card (a call's,
// or the overview) is drawn on its first request only, however many readers
// ask at once, and addresses that show the same thing share its card.
func TestPreviewsAreDrawnOncePerCall(t *testing.T) {
	c := newPreviewCache(mustWidget(t, story.Default()), "v1")
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
	if n := c.renders.Load(); n != 3 {
		t.Errorf("%d drawings for calls 1 and 2 and the overview, want 3", n)
	}
	get("?call=3&width=600")
	get("?call=3&width=600")
	get("?call=3&width=601") // not a width drawn: the full card
	if n := c.renders.Load(); n != 5 {
		t.Errorf("%d drawings after call 3 at 600 and 1200 px, want 5", n)
	}
	// The cache is bounded: every call at every width, whatever is asked.
	for _, q := range []string{"?call=4", "?call=5", "?call=6", "?width=300", "?call=-1&width=9999"} {
		get(q)
	}
	if n, max := len(c.images), (len(story.Default().Calls)+1)*len(previewWidths); n > max {
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

// mustWidget prepares a story's widget.
func mustWidget(tb testing.TB, s *story.Story) *page.Widget {
	tb.Helper()
	w, err := page.New(s, page.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// corpusStory loads a story of app/story's test corpus.
func corpusStory(tb testing.TB, name string) *story.Story {
	tb.Helper()
	data, err := os.ReadFile("../story/testdata/corpus/valid/" + name + ".json")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := story.Load(data)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestThumbnailSpeaksTheStorysLanguage: /thumbnail.svg is titled as the
// page's map is, in the story's language, and names places as it does,
// with their steps: japanese.json's is not "Map of the calls".
func TestThumbnailSpeaksTheStorysLanguage(t *testing.T) {
	s := corpusStory(t, "japanese")
	w := mustWidget(t, s)
	svg := string(storyThumbnail(w))
	if want := "<title>" + html.EscapeString(w.MapTitle()) + "</title>"; !strings.Contains(svg, want) {
		t.Errorf("the thumbnail lacks %s", want)
	}
	for i := range s.Places {
		label, _ := w.PlaceLabel(&s.Places[i])
		if !strings.Contains(svg, ">"+html.EscapeString(label)+"<") {
			t.Errorf("the thumbnail does not name %s as %q", s.Places[i].ID, label)
		}
	}
}

// TestPreviewNamesPlacesAsTheMapDoes: the card is given each place's label
// as the page's map has it, with the steps alone to fall back on where the
// name does not fit (the card's placing of them is geo/basemap's to test):
// on the page, longnames.json's places are numbered, as none of their names
// fits a map.
func TestPreviewNamesPlacesAsTheMapDoes(t *testing.T) {
	for _, name := range []string{"longnames", "fifty"} {
		s := corpusStory(t, name)
		w := mustWidget(t, s)
		spec, _ := previewSpec(w, 0, 1200)
		for i := range s.Places {
			label, short := w.PlaceLabel(&s.Places[i])
			if got := spec.Places[i]; got.Label != label || got.Short != short {
				t.Errorf("%s: %s on the card as %q (short %q), on the map %q (short %q)", name, s.Places[i].ID, got.Label, got.Short, label, short)
			}
		}
	}
}

// The card's caption is the widget's own words for the call.
func TestPreviewCaption(t *testing.T) {
	w := mustWidget(t, story.Default())
	for step, want := range map[int]string{
		2: "Call 2 of 5: Angela Merkel, Chancellor of Germany, about 11:00\u00a0a.m. EST",
		5: "Call 5 of 5: Malcolm Turnbull, Prime Minister of Australia, 5:05\u00a0p.m. EST",
	} {
		if _, text := previewSpec(w, step, 600); text.Caption != want {
			t.Errorf("call %d: caption %q, want %q", step, text.Caption, want)
		}
	}
}

// TestPreviewSpec: the cards say what the widget's map says: places called
// numbered in the order of their calls, the origin marked; a call's card
// marks it and its night, the overview (the page without a call) marks
// every arc and says when the calls were made.
func TestPreviewSpec(t *testing.T) {
	s := story.Default()
	w := mustWidget(t, s)
	spec, text := previewSpec(w, ui.Address{}.Step, 1200)
	if spec.Current != "" || !spec.Night.IsZero() || text.Title != s.Title || len(spec.Arcs) != len(s.Calls) || spec.Origin != "washington" {
		t.Errorf("overview spec: current %q, night %v, title %q, %d arcs, origin %q", spec.Current, spec.Night, text.Title, len(spec.Arcs), spec.Origin)
	}
	if want := "5 calls from Washington, January 28, 2017, 9:05\u00a0a.m. EST to 5:05\u00a0p.m. EST"; text.Caption != want {
		t.Errorf("overview caption %q, want %q", text.Caption, want)
	}
	labels := map[string]string{}
	for _, p := range spec.Places {
		labels[p.ID] = p.Label
	}
	if labels["washington"] != "Washington" || labels["berlin"] != "2 Berlin" || labels["canberra"] != "5 Canberra" {
		t.Errorf("labels %v, want the places called numbered", labels)
	}
	if alt := w.CardAlt(0); strings.Contains(alt, "Call ") || !strings.Contains(alt, "arcs from Washington") || !strings.Contains(alt, "Every arc") {
		t.Errorf("overview alt %q", alt)
	}

	spec, text = previewSpec(w, ui.Address{Step: 2}.Step, 1200)
	if start, _ := s.Calls[1].StartTime(); spec.Current != s.Calls[1].ID || !spec.Night.Equal(start) || !strings.HasPrefix(text.Caption, "Call 2 of 5: Angela Merkel") {
		t.Errorf("call 2: current %q, night %v, caption %q", spec.Current, spec.Night, text.Caption)
	}
}

// A card in each shipped language says its words in them, and the card's
// fonts have every letter of its title, captions and credit: none is drawn
// as an empty box (break it: write "～" in ja's time-span, which M+ 1
// lacks).
func TestPreviewTextInEachLanguage(t *testing.T) {
	for _, tt := range []struct{ lang, credit, position string }{
		{"en", "Made with Natural Earth", "Call 2 of 5"},
		{"de", "Karte: Natural Earth", "Telefonat 2 von 5"},
		{"fr", "Fond de carte\u00a0: Natural Earth", "Appel 2 sur 5"},
		{"es", "Mapa: Natural Earth", "Llamada 2 de 5"},
		{"ja", "地図：Natural Earth", "電話会談 2/5"},
		{"ru", "Карта: Natural Earth", "Разговор 2 из 5"},
	} {
		s := story.Default()
		s.Language = tt.lang
		w := mustWidget(t, s)
		for step := 0; step <= len(s.Calls); step++ {
			_, text := previewSpec(w, step, 1200)
			if !strings.HasPrefix(text.Credit, tt.credit) {
				t.Errorf("%s: credit %q, want it to start %q", tt.lang, text.Credit, tt.credit)
			}
			if step == 2 && !strings.HasPrefix(text.Caption, tt.position) {
				t.Errorf("%s: call 2's caption %q, want it to start %q", tt.lang, text.Caption, tt.position)
			}
			for _, part := range []string{text.Title, text.Caption, text.Credit} {
				lacks, err := basemap.CardLacks(part)
				if err != nil {
					t.Fatal(err)
				}
				if len(lacks) > 0 {
					t.Errorf("%s, step %d: the card's fonts lack %q, in %q", tt.lang, step, string(lacks), part)
				}
			}
		}
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

// TestPreviewFramesTheOverviewsRegion: the card of a story that keeps to
// one region (a ferry across the Gulf of Finland) frames that region, as
// the widget's overview does, on every card; the default story's calls go
// round the world, and its cards show the world.
func TestPreviewFramesTheOverviewsRegion(t *testing.T) {
	ferry := corpusStory(t, "single")
	for _, step := range []int{0, 1} {
		spec, _ := previewSpec(mustWidget(t, ferry), step, 1200)
		world := spec
		world.Focus = nil
		if len(spec.Focus) == 0 || spec.Frame().Scale < 1.15*world.Frame().Scale {
			t.Errorf("step %d: the ferry's card is not closer than the world (focus of %d points)", step, len(spec.Focus))
		}
		// The card draws the map under its text, in 40% to all of its
		// height: every place is on the map at either end.
		for _, h := range []float64{spec.Height, 0.4 * spec.Height} {
			sub := spec
			sub.Height = h
			f := sub.Frame()
			for _, p := range ferry.Places {
				if q := f.Project(orb.Point{p.Lon, p.Lat}); q[0] < 0 || q[0] > f.Width || q[1] < 0 || q[1] > f.Height {
					t.Errorf("step %d, map %.0f high: %s is off the card, at %v", step, h, p.Name, q)
				}
			}
		}
	}
	// The SVG thumbnail too: the ferry's is not the world's.
	w := mustWidget(t, ferry)
	places, arcs := mapPlacesAndArcs(w)
	if string(storyThumbnail(w)) == string(ThumbnailSVG(w.MapTitle(), places, arcs, w.Calls()[0].Start, page.MapMeridian(ferry), nil)) {
		t.Error("the ferry's thumbnail shows the whole world")
	}
	if spec, _ := previewSpec(mustWidget(t, story.Default()), 0, 1200); spec.Focus != nil {
		t.Errorf("the default story's card frames a region (%d points)", len(spec.Focus))
	}
}
