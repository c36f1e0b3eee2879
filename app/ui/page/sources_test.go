package page

import (
	"strings"
	"testing"

	"fivecalls/app/story"
)

// TestSourcesListSaysWhatIsUnknown: the list of sources credits the
// byline, and tells the reader when a headline or a date is not known
// rather than leaving a gap (fivecalls check's remaining warnings on the
// default story are these unknowns, said to readers).
func TestSourcesListSaysWhatIsUnknown(t *testing.T) {
	s := story.Default()
	s.Sources = []story.Source{
		{ID: "full", Publisher: "The Paper", Headline: "A headline", Byline: "A. Writer and B. Writer", URL: "https://example.com/a", Date: "2017-02-01"},
		{ID: "described", Publisher: "A Station", Description: "Report on a call", URL: "https://example.com/b", Date: "2017-08"},
		{ID: "undated", Publisher: "A Site", Headline: "Another headline", URL: "https://example.com/c"},
	}
	items := strings.Split(mustWidget(t, s).sourcesHTML(), "<li>")
	items = items[len(items)-3:]
	for i, want := range [][]string{
		{">A headline</a>", "<span>by A. Writer and B. Writer</span>", "<span>(Feb 1, 2017)</span>"},
		{">Report on a call</a>", "(our description: the headline is not known)", "<span>(Aug 2017)</span>"},
		{">Another headline</a>", "(date unknown)"},
	} {
		for _, w := range want {
			if !strings.Contains(items[i], w) {
				t.Errorf("source %s lacks %q: %s", s.Sources[i].ID, w, items[i])
			}
		}
	}
	if strings.Contains(items[0], "unknown") || strings.Contains(items[1], "date unknown") || strings.Contains(items[2], "headline is not known") || strings.Contains(items[2], " by ") {
		t.Errorf("a known headline, date or byline is called unknown, or a missing byline shown:\n%s", strings.Join(items, "\n"))
	}
}
