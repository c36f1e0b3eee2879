package page

import (
	"slices"
	"testing"

	"fivecalls/app/story"
)

// TestLevelsOfTheDefaultStrip: the default story's hours, 9 to 5, show
// every other one on a phone, then every fourth, then the day's ends, each
// level needing less of the strip than the one before. Break it: keep the
// odd labels on a phone, or start the next levels anywhere but the first
// label.
func TestLevelsOfTheDefaultStrip(t *testing.T) {
	w := mustWidget(t, story.Default())
	labels := w.scale.labels(w.loc)
	level, fits := w.scale.levels(labels)
	if want := []int{4, 1, 2, 1, 3, 1, 2, 1, 4}; !slices.Equal(level, want) {
		t.Errorf("levels of %q = %v, want %v", labels, level, want)
	}
	if len(fits) != 4 {
		t.Errorf("%d levels' widths, want 4", len(fits))
	}
}

// TestLevelsOfEveryStrip: across the corpus, every label shows at level 1
// and leaves at some level; each level needs less of the strip than the
// one before (or it would never show), and the strip's first label shows
// at every level unless the second names a day or a year. Which labels a
// phone's level 2 keeps is checked against the selectors that chose them
// before the levels, in the browser (TestCorpusInTheBrowser). Break it:
// add a level that needs as much as the one before.
func TestLevelsOfEveryStrip(t *testing.T) {
	for name, s := range corpusStories(t) {
		w := mustWidget(t, s)
		labels := w.scale.labels(w.loc)
		level, fits := w.scale.levels(labels)
		if len(fits) < 2 {
			t.Errorf("%s: %d levels, want every label's and a phone's at least", name, len(fits))
		}
		for i, l := range level {
			if l < 1 || l > len(fits) {
				t.Errorf("%s: label %d %q has level %d of %d", name, i, labels[i], l, len(fits))
			}
		}
		if len(labels) > 1 && !w.scale.major(1) && level[0] != len(fits) {
			t.Errorf("%s: the first label %q leaves at level %d of %d", name, labels[0], level[0], len(fits))
		}
		for i := 2; i < len(fits); i++ {
			if fits[i] >= fits[i-1] {
				t.Errorf("%s: level %d needs %.2f rem, no less than level %d's %.2f", name, i+1, fits[i], i, fits[i-1])
			}
		}
	}
}
