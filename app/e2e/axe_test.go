package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core as npm publishes it, fetched and checked by
// .ci/setup (FIVECALLS_AXE names it).
func axePath(t *testing.T) string {
	return npmFile(t, "FIVECALLS_AXE", "axe-core-4.14.1", "axe.min.js")
}

// axeTags are the rules run: WCAG 2.2 A and AA, as axe-core files them,
// and its best practices (landmarks, headings, unique names).
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']`

// axeViolations runs axe-core on the page as it is and returns what it
// finds, one line per rule broken, with the first few elements and why.
func (e *env) axeViolations(src string) []string {
	e.t.Helper()
	if _, err := chromedp.Run(e.ctx, chromedp.Evaluate[bool](src+";\ntrue")); err != nil {
		e.t.Fatalf("load axe-core: %v", err)
	}
	return evalAwait[[]string](e, `axe.run(document, {runOnly: {type: 'tag', values: `+axeTags+`}, resultTypes: ['violations']}).then(r =>
		r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + '; ' + v.nodes.length + ' element(s): ' +
			v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' - ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join(' | ')))`)
}

// openQuizAndDialogs puts the page in the state a curious reader leaves it
// in: the first question answered, every question shown, every disclosure
// (a brief card's rest, the sources, the embed dialog) open.
const openQuizAndDialogs = `(() => {
	const choice = document.querySelector('.fc-q[data-q="1"] .fc-choice');
	if (choice) choice.click();
	const all = document.getElementById('fc-quiz-all');
	if (all && !all.checked) all.click();
	document.querySelectorAll('details').forEach(d => d.open = true);
	return true;
})()`

// TestAccessibilityRules runs axe-core, the engine of Lighthouse's
// accessibility audit, on the page in the states Lighthouse never sees
// (it loads / and /embed once): at a call, with the quiz answered and
// every question and disclosure open, in the dark theme, once the
// WebAssembly has taken over, on a phone and a desktop, and for stories
// unlike the default (Japanese, a week, no article, long names). None may
// break a WCAG 2.2 A or AA rule or a best practice. Break it: set the
// sources' line-height back to the text's (web/app.css, .fc-sources), and
// the links stacked in a card are targets under 24 px (target-size).
func TestAccessibilityRules(t *testing.T) {
	src, err := os.ReadFile(axePath(t))
	if err != nil {
		t.Fatal(err)
	}
	type state struct {
		name, path, setup string
		live              bool
	}
	check := func(t *testing.T, e *env, s state) {
		t.Helper()
		e.openServed(s.path)
		if s.setup != "" {
			eval[bool](e, s.setup)
			// The embed dialog, opened, measures the plain iframe's
			// height in a frame out of sight, which axe-core would wait
			// for: it is gone once measured.
			e.waitFor(`document.querySelectorAll('iframe').length === 0`, 20*time.Second)
		}
		if s.live {
			e.waitLive()
			// The readers' figures arrive with the WebAssembly (another
			// reader answered first: see the seed above).
			eval[bool](e, `(document.querySelector('.fc-q[data-q="1"] .fc-choice').click(), true)`)
			e.waitFor(`[...document.querySelectorAll('.fc-q[data-q="1"] .fc-share-num')].some(el => /\d/.test(el.textContent))`, 30*time.Second)
		}
		for _, v := range e.axeViolations(string(src)) {
			t.Errorf("%s (%s): %s", s.name, s.path, v)
		}
	}
	for _, width := range []int64{320, 1280} {
		t.Run(fmt.Sprintf("default/%d", width), func(t *testing.T) {
			e := newEnv(t, width, 800)
			// Another reader answered first, before any page: a share
			// needs two answers (quiz.MinShareAnswers), and stats read
			// before a seed would not count it.
			seedOtherReader(t, e.url, story.Default().Quiz.Questions[:1])
			states := []state{
				{name: "overview", path: "/"},
				{name: "a call", path: "/?call=2"},
				{name: "quiz and disclosures open", path: "/?call=5", setup: openQuizAndDialogs},
				{name: "live", path: "/?call=3", live: true},
			}
			if width == 320 {
				states = append(states,
					state{name: "dark", path: "/?call=4&theme=dark", setup: openQuizAndDialogs},
					state{name: "embed", path: "/embed?call=1"},
					state{name: "quiz embed", path: "/embed/quiz", setup: openQuizAndDialogs},
				)
			}
			for _, s := range states {
				check(t, e, s)
			}
		})
	}
	stories := map[string]bool{"japanese": true, "week": true, "noarticle": true, "longnames": true}
	for _, cs := range corpusStories(t) {
		if !stories[strings.TrimSuffix(cs.name, ".json")] {
			continue
		}
		delete(stories, strings.TrimSuffix(cs.name, ".json"))
		t.Run(cs.name, func(t *testing.T) {
			e := newEnv(t, 360, 800)
			e.url = startServer(t, cs.s)
			check(t, e, state{name: "overview", path: "/"})
			check(t, e, state{name: "quiz and disclosures open", path: "/?call=1", setup: openQuizAndDialogs})
		})
	}
	if len(stories) > 0 {
		t.Errorf("not in the corpus: %v", stories)
	}
}
