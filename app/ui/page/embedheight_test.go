package page

import (
	"testing"

	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// The default story asks for ui.Pages's heights, which were measured with
// it; a story of two calls for much less where the list and the notes
// show, and one of fifty for much more; the map's and the quiz's embeds
// ask for the default's, but a story without a quiz asks for little for
// its quiz. (app/e2e's TestOEmbedHeightsFitTheStory holds the estimate
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
		case !lists && p.Parts != ui.PartQuiz && (h2 != p.Height || h50 != p.Height):
			t.Errorf("%s: asks for %d and %d px, not the default's %d", p.Path, h2, h50, p.Height)
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
