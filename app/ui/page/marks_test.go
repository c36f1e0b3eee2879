package page

import (
	"math"
	"regexp"
	"testing"

	"fivecalls/app/story"
)

// closeVisits is week.json with its second visit five minutes after the
// first, which lasts three: on the week's strip, two starts 0.05% apart.
func closeVisits(t *testing.T) *story.Story {
	t.Helper()
	s := corpusStories(t)["week.json"].Clone()
	s.Calls[0].Duration = story.Duration{Minutes: 3}
	s.Calls[1].Start = "2026-02-02T10:05:00+11:00"
	if err := story.Validate(s); err != nil {
		t.Fatal(err)
	}
	return s
}

// Two items minutes apart on a long strip each get a mark: the later one
// starts markGap after the earlier, which keeps that much of the strip
// (less the stylesheet's hairline) rather than none under the next mark,
// and nothing else moves. The corpus's marks stay where their times put
// them, within a quarter of a per cent (fifty.json's, whose legs are a
// day apart, move by at most 0.11%: a pixel on a desktop). Break it: use the
// items' own starts (markSpan) in StateCSS, and the first visit's room is
// 0.05%.
func TestMarksOfCloseItemsKeepRoom(t *testing.T) {
	w := mustWidget(t, closeVisits(t))
	lefts := w.markLefts()
	for i := range lefts {
		own, _ := w.markSpan(w.calls[i])
		if i > 0 && lefts[i]-lefts[i-1] < markGap-1e-9 {
			t.Errorf("visit %d starts %.3f%% after visit %d: want at least %v%%", i+1, lefts[i]-lefts[i-1], i, markGap)
		}
		if lefts[i] < own-1e-9 || lefts[i] > own+markGap {
			t.Errorf("visit %d's mark is at %.3f%%, its start at %.3f%%: want it no more than %v%% later", i+1, lefts[i], own, markGap)
		}
		if i > 1 && lefts[i] != own {
			t.Errorf("visit %d's mark moved from %.3f%% to %.3f%%, though no item is close to it", i+1, own, lefts[i])
		}
	}
	css, _, err := w.StateCSS(`.{MarkClass}[{MarkAttr}="{step}"] { --room: {room}; }` + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := regexp.MustCompile(`\[data-mark="1"\]\s*\{\s*--room:\s*1\.600;`); !want.MatchString(css) {
		t.Errorf("the state stylesheet does not give the first visit's mark its room: want %s in\n%s", want, css)
	}
	for name, s := range corpusStories(t) {
		w := mustWidget(t, s)
		for i, left := range w.markLefts() {
			if own, _ := w.markSpan(w.calls[i]); math.Abs(left-own) > 0.25 {
				t.Errorf("%s: item %d's mark moved from %.3f%% to %.3f%%", name, i+1, own, left)
			}
		}
	}
}
