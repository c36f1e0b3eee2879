package e2e

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fivecalls/app/ui"

	"github.com/chromedp/chromedp"
)

// TestStepLeavesTheStepRadiosAlone: a step restyles the parts of the step
// left and the step shown, and nothing of any other step, nor every step
// radio. Chromium's style invalidation of a radio's :checked in a :has()
// is one set for all such rules, and tells attributes by name, not value:
// while web/state.css's rules followed the radios with the page's script
// on, a step restyled every part of every step ([data-step="3"] reaches
// every [data-step]), some 700 elements in a story of fifty legs; and a
// rule of the quiz whose last part named input (`.fc-q:has(input:checked)
// .fc-choice input`) had it restyle all the step radios (docs/testing.md).
// Now page.js holds the step in classes on <html> and the rules name each
// part by its step's class (ui.ScriptStepsClass). Read from a trace of the
// style invalidations of one tap on Next, from step 1 to 2, once the page
// is live: an element invalidated that carries a step's class
// (ui.StepClassPrefix, ui.PlaceStepClassPrefix) must carry step 1's or
// 2's; only those two steps' radios may be among them.
func TestStepLeavesTheStepRadiosAlone(t *testing.T) {
	e := newPerfEnv(t)
	e.do(60*time.Second, chromedp.Navigate(e.url+"/"))
	e.tap(`label[data-control="next"]`)
	if !e.waitFor(liveJS, 60*time.Second) {
		t.Fatal("the page did not go live")
	}
	time.Sleep(time.Second)
	if step := perfEval[string](e, `document.querySelector('input[name="`+ui.StepRadioName+`"]:checked').value`); step != "1" {
		t.Fatalf("the page shows step %s, want 1", step)
	}
	stop := e.record("devtools.timeline", "disabled-by-default-devtools.timeline.invalidationTracking")
	e.tap(`label[data-control="next"]`)
	time.Sleep(time.Second)
	stepClass := regexp.MustCompile(`\b(?:` + ui.StepClassPrefix + `|` + ui.PlaceStepClassPrefix + `)([0-9]+)\b`)
	radios, cards, others := map[string]bool{}, 0, map[string]bool{}
	for _, raw := range stop() {
		var ev traceEvent
		if json.Unmarshal(raw, &ev) != nil || ev.Name != "StyleInvalidatorInvalidationTracking" {
			continue
		}
		n := ev.Args.Data.NodeName
		switch {
		case strings.HasPrefix(n, "INPUT id='"+ui.StepRadioName+"-"):
			radios[n] = true
		case strings.HasPrefix(n, "ARTICLE class='"+ui.CardClass):
			cards++
		}
		if m := stepClass.FindAllStringSubmatch(n, -1); m != nil && !slices.ContainsFunc(m, func(s []string) bool { return s[1] == "1" || s[1] == "2" }) {
			others[n] = true
		}
	}
	if cards == 0 {
		t.Fatal("the trace has no invalidation of a call's card: it did not see the step")
	}
	if len(radios) > 2 {
		t.Errorf("a step invalidated the style of %d step radios, not only the two whose state changed: %v", len(radios), radios)
	}
	if len(others) > 0 {
		t.Errorf("a step from 1 to 2 invalidated the style of %d parts of other steps: %v", len(others), others)
	}
}
