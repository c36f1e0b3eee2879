package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRingsMarkTheLegShown: the map rings the places of the item shown,
// where it starts and where it goes (a relay's third leg starts at
// Papeete, not at the story's origin), and the origin alone on the
// overview; as served (the state stylesheet) and once live.
// Fails with the origin ringed at every step (the old web/app.css rule),
// or with the leg's start left plain.
func TestRingsMarkTheLegShown(t *testing.T) {
	var relay *corpusStory
	for _, c := range corpusStories(t) {
		if c.name == "relay" {
			relay = &c
		}
	}
	if relay == nil {
		t.Fatal("no relay.json in the corpus")
	}
	s := relay.s
	e := newEnv(t, 412, 900)
	e.url = startServer(t, s)
	ringed := `[...document.querySelectorAll('[data-layer="places"] [data-place]')].filter(g => {
		const p = g.querySelector('[data-part="pulse"]'); return p && getComputedStyle(p).visibility === "visible" }).map(g => g.dataset.place).sort().join(",")`
	want := func(step int) string {
		if step == 0 {
			return s.Origin
		}
		c := s.Calls[step-1]
		from := c.From
		if from == "" {
			from = s.Origin
		}
		places := []string{from, c.To}
		slices.Sort(places)
		return strings.Join(slices.Compact(places), ",")
	}
	differs := false
	for step := 0; step <= len(s.Calls); step++ {
		if step > 0 && s.Calls[step-1].From != "" && s.Calls[step-1].From != s.Origin {
			differs = true
		}
		e.openServed(fmt.Sprintf("/?call=%d", step))
		if got := eval[string](e, ringed); got != want(step) {
			t.Errorf("step %d, as served: rings on %s, want %s", step, got, want(step))
		}
	}
	if !differs {
		t.Fatal("no leg of relay.json starts away from its origin: the test checks nothing")
	}

	// Live, the WebAssembly pulses the rings of the leg it draws.
	e.openServed("/?call=2")
	e.waitLive()
	e.clickVisible(`label[data-control="next"]`)
	pulsed := `[...new Set(document.getAnimations().map(a => a.effect && a.effect.target).filter(el => el && el.matches('[data-part="pulse"]'))
		.map(el => el.closest('[data-place]').dataset.place))].sort().join(",")`
	e.waitFor(pulsed+` !== ""`, 5*time.Second)
	if got := eval[string](e, pulsed); got != want(3) {
		t.Errorf("step 3, live: pulses on %s, want %s", got, want(3))
	}
	if got := eval[string](e, ringed); got != want(3) {
		t.Errorf("step 3, live: rings on %s, want %s", got, want(3))
	}
}
