package page

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// corpusDir holds the story files of every shape that the format accepts
// (app/story's valid corpus: a week, a year, one leg, fifty legs, a relay
// across the date line, no article, forty minutes, thirty years, long
// German names, Japanese…).
const corpusDir = "../../story/testdata/corpus/valid"

// TestCorpusTexts: what the widget says about each story of the corpus,
// as a reader reads it, one text a line, against
// testdata/corpus/NAME.txt: the overview's title, span and clock, the map's
// title and summary, the strip's tick labels, and for each item its radio
// label, announcement, card heading, times, length, clock, link-preview
// caption and alt text. go test ./app/ui/page -run TestCorpusTexts -update
// rewrites them; read the diff as a reader of the story would (a clock
// naming the wrong place, a date missing across the date line, a length in
// minutes where hours read better all show here).
func TestCorpusTexts(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(names) < 10 {
		t.Fatalf("the corpus has %d stories in %s (%v)", len(names), corpusDir, err)
	}
	for _, name := range names {
		base := strings.TrimSuffix(filepath.Base(name), ".json")
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			s, err := story.Load(data)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got := corpusTexts(mustWidget(t, s))
			path := filepath.Join("testdata", "corpus", base+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if d := firstDifference(got, string(want)); d != "" {
				t.Errorf("%s: %s", path, d)
			}
		})
	}
}

// TestOverviewClockSaysAbout: the timeline's short clock of the overview
// says "about" (the story's language's word) wherever the card's span
// does, for every story of the corpus: an approximate start stays
// approximate for want of room. It used the exact clocks, and read
// "2:02 p.m.–2:33 p.m. GMT" beside a card's "to about 2:33 p.m. GMT"
// (minutes.json; longnames.json and every-optional-field.json in German).
func TestOverviewClockSaysAbout(t *testing.T) {
	approximate := 0
	for name, s := range corpusStories(t) {
		w := mustWidget(t, s)
		about := strings.TrimSpace(strings.Replace(w.loc.T(locale.ApproxTime, "\x00"), "\x00", "", 1))
		span, clock := w.OverviewSpan(), w.OverviewClock()
		if want := strings.Count(span, about); strings.Count(clock, about) != want {
			t.Errorf("%s: the overview's clock %q says %q %d times, its span %q %d", name, clock, about, strings.Count(clock, about), span, want)
		}
		if strings.Contains(span, about) {
			approximate++
		}
	}
	if approximate < 2 {
		t.Errorf("only %d stories of the corpus have an approximate time in their span: the test sees little", approximate)
	}
}

// corpusTexts is a widget's texts, one a line, labelled.
func corpusTexts(w *Widget) string {
	var b strings.Builder
	line := func(label, text string) { fmt.Fprintf(&b, "%s: %s\n", label, text) }
	loc, cs := w.loc, w.calls
	fmt.Fprintf(&b, "# %s (%s, %s)\n\n", w.story.ID, w.story.Language, w.loc.T(locale.ItemPosition, 1, len(cs)))
	line("overview title", w.OverviewTitle())
	line("overview span", w.SpanLabel()+": "+w.OverviewSpan())
	line("overview clock", clockText(w, 0))
	line("overview label", w.OverviewLabel())
	line("overview in order", w.InOrder())
	line("overview hint", w.overviewHint(ui.AllParts))
	line("region", w.itemsText(locale.StoryRegion))
	line("controls", w.itemsText(locale.FirstItem)+" | "+w.itemsText(locale.AllItems))
	line("list title", w.itemsText(locale.ListTitle))
	line("embed list", w.itemsText(locale.EmbedList))
	line("overview caption", w.OverviewCaption())
	line("overview card alt", w.CardAlt(0))
	line("map title", w.MapTitle())
	line("map summary", w.MapSummary())
	line("strip ticks", strings.Join(w.scale.labels(loc), " | "))
	for _, c := range cs {
		fmt.Fprintf(&b, "\n## %d\n", c.Step)
		line("radio", c.RadioLabel())
		line("announcement", c.Announcement(len(cs)))
		line("position", c.Position(len(cs)))
		line("heading", headingText(c))
		line("from", loc.T(locale.InPlace, c.From.Name)+": "+c.FromTime())
		line("to", loc.T(locale.InPlace, c.To.Name)+": "+c.ToTime())
		if end := c.EndTime(); end != "" {
			line("end", loc.T(locale.EndInPlace, c.To.Name)+": "+end)
		}
		line("length", loc.T(locale.Length)+": "+c.Length())
		line("clock", clockText(w, c.Step))
		line("caption", c.Caption(len(cs)))
		line("card alt", w.CardAlt(c.Step))
	}
	return b.String()
}

// clockText is a step's clock on the timeline as it reads: the place it
// names, and the time (see timeline.Render).
func clockText(w *Widget, step int) string {
	if step == 0 {
		if place := w.overviewClockPlace(); place != "" {
			return place + " " + w.OverviewClock()
		}
		return w.OverviewClock()
	}
	c := w.calls[step-1]
	return c.From.Name + " " + c.FromTime()
}

// headingText is the card's heading as it reads (see heading).
func headingText(c Call) string {
	if c.Role() == "" {
		return c.Who()
	}
	return c.loc.T(locale.LeaderName, c.Who()) + " " + c.Role()
}

// firstDifference says where got and want first differ, line by line, or
// "" when they are the same.
func firstDifference(got, want string) string {
	if got == want {
		return ""
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return fmt.Sprintf("differs at line %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
	return "differs"
}
