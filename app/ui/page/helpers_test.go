package page

import (
	"testing"

	"fivecalls/app/story"
)

// copyStory returns a deep copy of the default story to change in a test.
func copyStory(t *testing.T) *story.Story {
	t.Helper()
	return story.Default().Clone()
}

// mustWidget prepares a story's widget.
func mustWidget(tb testing.TB, s *story.Story) *Widget {
	tb.Helper()
	w, err := New(s, Options{Version: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}
