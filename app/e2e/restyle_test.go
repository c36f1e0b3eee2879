package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestStepLeavesTheStepRadiosAlone: a step restyles what web/state.css
// names for the steps, not every step radio. Chromium's style invalidation
// for :has() and :checked is one set for all such rules, so a rule of the
// quiz whose last part named input (`.fc-q:has(input:checked) .fc-choice
// input`) had each step restyle all the step radios, some 50 in a story of
// fifty legs (docs/testing.md). Read from a trace of the style
// invalidations of one tap on Next, once the page is live: only the radios
// of the step left and the step shown may be among them.
func TestStepLeavesTheStepRadiosAlone(t *testing.T) {
	e := newPerfEnv(t)
	e.do(60*time.Second, chromedp.Navigate(e.url+"/"))
	e.tap(`label[data-control="next"]`)
	if !e.waitFor(liveJS, 60*time.Second) {
		t.Fatal("the page did not go live")
	}
	time.Sleep(time.Second)
	stop := e.record("devtools.timeline", "disabled-by-default-devtools.timeline.invalidationTracking")
	e.tap(`label[data-control="next"]`)
	time.Sleep(time.Second)
	radios, cards := map[string]bool{}, 0
	for _, raw := range stop() {
		var ev traceEvent
		if json.Unmarshal(raw, &ev) != nil || ev.Name != "StyleInvalidatorInvalidationTracking" {
			continue
		}
		switch n := ev.Args.Data.NodeName; {
		case strings.HasPrefix(n, "INPUT id='fc-step-"):
			radios[n] = true
		case strings.HasPrefix(n, "ARTICLE class='fc-card"):
			cards++
		}
	}
	if cards == 0 {
		t.Fatal("the trace has no invalidation of a call's card: it did not see the step")
	}
	if len(radios) > 2 {
		t.Errorf("a step invalidated the style of %d step radios, not only the two whose state changed: %v", len(radios), radios)
	}
}
