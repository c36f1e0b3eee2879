package page

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"
)

// A story of one item names it in the singular wherever the page names its
// items as a whole (the controls, the list's heading, the region, the
// hints, the embed dialog), in every language and kind: none of the words
// the page would use for two items is left in the page of one. Break it:
// call loc.T(locale.AllItems) without the count in timeline.go, and "All
// legs" (x/text's "other") comes back.
func TestOneItemIsNamedInTheSingular(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpusDir, "single.json"))
	if err != nil {
		t.Fatal(err)
	}
	en, _ := locale.Catalogue("en")
	var keys []locale.Key
	for k, m := range en {
		// The messages whose one argument is the number of items.
		if m.Plural == 1 && !anyVerb(m) {
			keys = append(keys, k)
		}
	}
	if len(keys) < 6 {
		t.Fatalf("only %d messages depend on the number of items alone: %v", len(keys), keys)
	}
	for _, lang := range locale.Shipped {
		for _, kind := range locale.Kinds(lang) {
			s, err := story.Load(data)
			if err != nil {
				t.Fatal(err)
			}
			s.Language, s.Items = lang, kind
			w := mustWidget(t, s)
			for _, a := range []ui.Address{{Parts: ui.AllParts}, {Embed: true, Parts: ui.AllParts, Step: 1}} {
				b, err := w.Render(a, "")
				if err != nil {
					t.Fatal(err)
				}
				page := html.UnescapeString(string(b))
				singular := 0
				for _, k := range keys {
					one, other := w.loc.T(k, 1), w.loc.T(k, 2)
					if one == other {
						continue // Japanese says "the call" and "the calls" alike
					}
					singular++
					if regexp.MustCompile(`[>"]` + regexp.QuoteMeta(other) + `[<"]`).MatchString(page) {
						t.Errorf("%s, %s: a story of one item reads %q (%s), the words for several", lang, kind, other, k)
					}
				}
				if lang != "ja" && singular < 6 {
					t.Errorf("%s, %s: only %d messages have a form for one item", lang, kind, singular)
				}
			}
		}
	}
}

// anyVerb reports whether a message writes any of its arguments.
func anyVerb(m locale.Message) bool {
	for _, f := range m.Forms {
		if regexp.MustCompile(`%\[\d+\][a-z]`).MatchString(f) {
			return true
		}
	}
	return false
}

// The overview's hint is in the page without a script too, where Play is
// hidden (web/noscript.css): it names only controls that work without one,
// in every language and kind, for one item and for several. Break it: put
// "Play follows them one by one; " back into en.json's hint-timeline-list.
func TestHintNamesNoPlay(t *testing.T) {
	for _, lang := range locale.Shipped {
		for _, kind := range locale.Kinds(lang) {
			loc, err := locale.New(lang, kind, nil)
			if err != nil {
				t.Fatal(err)
			}
			play := loc.T(locale.Play)
			for _, k := range []locale.Key{locale.HintTimelineList, locale.HintTimeline, locale.HintList} {
				for _, n := range []int{1, 5} {
					if hint := loc.T(k, n); strings.Contains(hint, play) {
						t.Errorf("%s, %s: %s for %d names %q, which needs a script: %q", lang, kind, k, n, play, hint)
					}
				}
			}
		}
	}
}
