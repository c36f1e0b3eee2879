package page

import (
	"slices"
	"testing"

	"fivecalls/app/story"
)

// TestLevelsOfTheDefaultStrip: the default story's hours, 9 to 5, show
// every other one on a phone, then every fourth, then the day's ends, then
// the first alone (the last, "5", one column from the strip's end, needs
// more room than the two need between them); each level needs less of the
// strip than the one before. Break it: keep the odd labels on a phone, or start
// the next levels anywhere but the first label.
func TestLevelsOfTheDefaultStrip(t *testing.T) {
	w := mustWidget(t, story.Default())
	labels := w.scale.labels(w.loc)
	level, fits := w.scale.levels(labels)
	if want := []int{5, 1, 2, 1, 3, 1, 2, 1, 4}; !slices.Equal(level, want) {
		t.Errorf("levels of %q = %v, want %v", labels, level, want)
	}
	if len(fits) != 5 {
		t.Errorf("%d levels' widths, want 5", len(fits))
	}
	for i := 1; i < len(fits); i++ {
		if fits[i] >= fits[i-1] {
			t.Errorf("level %d needs %.2f rem, no less than level %d's %.2f", i+1, fits[i], i, fits[i-1])
		}
	}
}

// TestLevelsKeepAPhonesLabels: across the corpus, level 2 is what a
// phone's strip showed before the levels: the labels that name the day or
// the year (the first too, unless the second does), hiding their
// neighbours; the even labels otherwise; the days alone among days. Each
// level shows a part of the one before and needs no more of the strip,
// and a strip's first label shows at every level. Break it: let a phone
// show an hour among days, or hide a day.
func TestLevelsKeepAPhonesLabels(t *testing.T) {
	for name, s := range corpusStories(t) {
		w := mustWidget(t, s)
		sc := w.scale
		labels := sc.labels(w.loc)
		level, fits := sc.levels(labels)
		n := len(labels)
		major := func(i int) bool { return i >= 0 && i < n && sc.major(i) }
		for i := range n {
			var phone bool
			switch {
			case major(i):
				phone = i > 0 || !major(1)
			case sc.hoursAmongDays():
				phone = false
			default:
				phone = i%2 == 0 && !major(i-1) && !major(i+1)
			}
			if got := level[i] >= 2; got != phone {
				t.Errorf("%s: label %d %q shows on a phone: %v, want %v (levels %v)", name, i, labels[i], got, phone, level)
			}
			if level[i] < 1 || level[i] > len(fits) {
				t.Errorf("%s: label %d has level %d of %d", name, i, level[i], len(fits))
			}
		}
		if n > 1 && !major(1) && level[0] != len(fits) {
			t.Errorf("%s: the first label %q leaves at level %d of %d", name, labels[0], level[0], len(fits))
		}
		for i := 1; i < len(fits); i++ {
			if fits[i] > fits[i-1] {
				t.Errorf("%s: level %d needs %.2f rem, more than level %d's %.2f", name, i+1, fits[i], i, fits[i-1])
			}
		}
	}
}
