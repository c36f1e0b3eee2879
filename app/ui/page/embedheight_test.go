package page

import (
	"strings"
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// The default story asks for ui.Pages's heights, which were measured with
// it; a story of two calls for much less where the list and the notes
// show, and one of fifty for much more, and for more where its cards show
// (the overview lists every leg); a story without a quiz asks for little
// for its quiz. (app/e2e's TestOEmbedHeightsFitTheStory holds the estimate
// against what Chromium lays out.) Break it: count the list's lines per
// call rather than per line, and fifty calls ask for no more than the
// default's five.
func TestEmbedHeight(t *testing.T) {
	def := mustWidget(t, story.Default())
	stories := corpusStories(t)
	two, fifty := mustWidget(t, stories["minimal.json"]), mustWidget(t, stories["fifty.json"])
	for _, p := range ui.EmbedPages {
		if got := def.EmbedHeight(p); got != p.Height {
			t.Errorf("the default story's %s asks for %d px, not ui.Pages's %d", p.Path, got, p.Height)
		}
		lists := p.Parts.Has(ui.PartList) || p.Parts.Has(ui.PartNotes)
		switch h2, h50 := two.EmbedHeight(p), fifty.EmbedHeight(p); {
		case lists && (h2 > p.Height-1500 || h50 < p.Height+3000):
			t.Errorf("%s: two calls ask for %d px and fifty for %d, against the default's %d", p.Path, h2, h50, p.Height)
		case p.Parts == ui.PartQuiz && h2 > minEmbedHeight:
			t.Errorf("%s: a story without a quiz asks for %d px", p.Path, h2)
		case p.Parts.Has(ui.PartCard) && (h2 >= p.Height || h50 < p.Height+300):
			t.Errorf("%s: two calls ask for %d px and fifty, whose overview lists fifty legs, for %d, against the default's %d", p.Path, h2, h50, p.Height)
		}
	}
}

func TestWrappedLines(t *testing.T) {
	for _, c := range []struct {
		text  string
		width int
		want  int
	}{
		{"", 40, 0},
		{"Shinzo Abe", 40, 1},
		{"a bb ccc", 6, 2},   // "a bb" (4), then "ccc"
		{"a bb ccc", 8, 1},   // all of it is 8
		{"abcdefghij", 4, 3}, // a long word broken where it runs over
		{"東京都 大阪", 6, 2},     // wide characters count two: 6, then 4
	} {
		if got := wrappedLines(c.text, c.width); got != c.want {
			t.Errorf("wrappedLines(%q, %d) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
}

// visibleLines counts a card's lines as a phone shows them: each block on
// lines of its own, wrapped at charsPerPhoneLine; not what a screen reader
// alone hears, nor what a closed disclosure holds beyond its summary, nor
// an icon's drawing. An open disclosure shows all of it.
func TestVisibleLines(t *testing.T) {
	long := strings.Repeat("word ", 12) // 60 characters: two lines
	for _, c := range []struct {
		markup string
		want   int
	}{
		{"", 0},
		{"<p>One line</p>", 1},
		{"<article><h2><span>Title,</span> <span>role</span></h2><p>" + long + "</p></article>", 3},
		{"<dl><div><dt>In Tokyo</dt><dd>Sun 1:10 a.m.</dd></div></dl>", 2},
		{`<p>Seen<span class="` + ui.ScreenReaderClass + `">` + long + `</span></p>`, 1},
		{"<details><summary>More</summary><p>" + long + "</p><ul><li>a</li></ul></details><p>After</p>", 2},
		{"<details open><summary>More</summary><p>" + long + "</p></details>", 3},
		{`<p>An icon <svg><title>drawn</title><path d="M0 0"/></svg> and text</p>`, 1},
		{"<p>Fish &amp; chips</p><br><p>Two</p>", 2},
	} {
		if got := visibleLines(c.markup); got != c.want {
			t.Errorf("visibleLines(%q) = %d, want %d", c.markup, got, c.want)
		}
	}
}
