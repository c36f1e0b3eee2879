package story

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// defaultJSON is the story Five Calls ships with: Trump's five calls to world
// leaders on 28 January 2017, written from the source article and the sourced
// fact sheet. A test guarantees that it loads without problems.
//
//go:embed default.json
var defaultJSON []byte

var (
	defaultOnce  sync.Once
	defaultStory *Story
)

// Default returns a copy of the embedded default story, parsed and validated
// once; the caller may change its copy freely.
//
// The parsing happens here rather than in a package-level sync.OnceValue: a
// package variable is linked into every binary that imports the package,
// and the WebAssembly, which imports story only for its types, would carry
// the file and the validator (about 50 KB compressed) for nothing.
func Default() *Story {
	defaultOnce.Do(func() {
		s, err := Load(defaultJSON)
		if err != nil {
			panic("story: the embedded default story is invalid:\n" + err.Error())
		}
		defaultStory = s
	})
	return defaultStory.Clone()
}

// DefaultJSON returns a copy of the embedded default story file, for
// "fivecalls story" and for newsrooms starting a new story from it.
func DefaultJSON() []byte {
	return bytes.Clone(defaultJSON)
}

// Summary describes a story in one line, as "fivecalls check" prints it for a
// valid file: "five-calls-2017: 6 places, 5 calls, 13 questions, 30 sources".
func Summary(s *Story) string {
	return fmt.Sprintf("%s: %s, %s, %s, %s", s.ID,
		plural(len(s.Places), "place"), plural(len(s.Calls), itemWord(s)),
		plural(len(s.Quiz.Questions), "question"), plural(len(s.Sources), "source"))
}

// itemWord is what the story's items are, in the singular, for an editor:
// "call", "leg".
func itemWord(s *Story) string {
	if s.Items == "" {
		return "call"
	}
	return strings.TrimSuffix(s.Items, "s")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
