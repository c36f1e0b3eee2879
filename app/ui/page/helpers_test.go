package page

import (
	"os"
	"path/filepath"
	"testing"

	"fivecalls/app/story"
)

// copyStory returns a deep copy of the default story to change in a test.
func copyStory(t *testing.T) *story.Story {
	t.Helper()
	return story.Default().Clone()
}

// corpusStories loads every story of the corpus, by file name
// ("single.json"); at least ten, or the test fails.
func corpusStories(tb testing.TB) map[string]*story.Story {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if err != nil || len(names) < 10 {
		tb.Fatalf("the corpus has %d stories in %s (%v)", len(names), corpusDir, err)
	}
	out := map[string]*story.Story{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		s, err := story.Load(data)
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out[filepath.Base(name)] = s
	}
	return out
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
