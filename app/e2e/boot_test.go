package e2e

import (
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/chromedp"
)

// TestAppWaitsForTheReader: the WebAssembly is fetched and compiled at once
// but does not run until the reader interacts; their first tap on Play is
// acknowledged at once and carried out when the app is live.
func TestAppWaitsForTheReader(t *testing.T) {
	e := newEnv(t, 1280, 900)
	e.do(30*time.Second, chromedp.Navigate(e.url+"/"))
	time.Sleep(2 * time.Second)
	if eval[bool](e, `document.documentElement.dataset.fcReady === "true"`) {
		t.Fatal("the app started before any interaction")
	}
	// The module has been fetched and compiled already (in a worker).
	compiled, err := chromedp.Run(e.ctx, chromedp.Evaluate[bool](
		`window.fivecallsModule("unused: the compile has started").then(m => m instanceof WebAssembly.Module)`, chromedp.EvalAwaitPromise))
	if err != nil || !compiled {
		t.Errorf("the wasm was not compiled ahead of the first interaction: %v", err)
	}
	if eval[bool](e, `document.documentElement.dataset.fcReady === "true"`) {
		t.Fatal("compiling the wasm started the app")
	}
	e.do(5*time.Second, chromedp.Click(chromedp.CSS(`button[data-control="play"]`)))
	if !eval[bool](e, `document.querySelector('button[data-control="play"]').classList.contains('fc-pending') || document.documentElement.dataset.fcReady === "true"`) {
		t.Error("the first tap got no immediate feedback")
	}
	e.waitFor(`document.documentElement.dataset.fcReady === "true"`, 30*time.Second)
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('aria-label') === "Pause"`, 10*time.Second)
	if errs := e.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestKeyboardFirstActivation: a keyboard reader who reaches Play and presses
// Space before the app is live gets Play, and keeps focus on the control.
func TestKeyboardFirstActivation(t *testing.T) {
	e := newEnv(t, 1280, 900)
	e.do(30*time.Second, chromedp.Navigate(e.url+"/"))
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`button[data-control="play"]`)))
	if eval[bool](e, `document.documentElement.dataset.fcReady === "true"`) {
		t.Fatal("focusing a control started the app before the reader acted")
	}
	e.press(" ")
	e.waitFor(`document.documentElement.dataset.fcReady === "true"`, 30*time.Second)
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('aria-label') === "Pause"`, 10*time.Second)
	if got := eval[string](e, `document.activeElement.dataset.control || document.activeElement.tagName`); got != "play" {
		t.Errorf("focus is on %q after the app started, want the Play button", got)
	}
}

// TestStartKeepsTheServersElements: the compile worker rehearses the app,
// and the live page keeps the server's map, strip of the day and notes (the
// same elements, not copies), marking the current call on them, and brings
// the other parts live in stages without duplicating anything.
func TestStartKeepsTheServersElements(t *testing.T) {
	e := newEnv(t, 412, 900)
	e.do(30*time.Second, chromedp.Navigate(e.url+"/?call=3"))
	e.waitFor(`document.documentElement.dataset.fcRehearsed !== undefined`, 15*time.Second)
	if got := eval[string](e, `document.documentElement.dataset.fcRehearsed`); got != "ok" {
		t.Fatalf("the compile worker's rehearsal: %q, want ok (console: %q)", got, e.consoleErrors())
	}
	// Tag the server's elements, and make the map's marks stale, as an
	// offline copy of another address would have them.
	eval[bool](e, `(() => {
		for (const sel of [".fc-map", ".fc-axis", ".fc-notes"]) document.querySelector(sel).fcServer = true;
		document.querySelectorAll(".fc-map [data-call], .fc-axis [data-call]").forEach(el => el.setAttribute("data-state", "future"));
		return true })()`)
	e.waitBooted()
	states := `(sel) => [...document.querySelectorAll(sel)].map(el => el.getAttribute("data-state")).join(" ")`
	check := func(when, want string) {
		t.Helper()
		for _, sel := range []string{".fc-map [data-call]", ".fc-axis [data-call]"} {
			if got := eval[string](e, `(`+states+`)(`+jsString(sel)+`)`); got != want {
				t.Errorf("%s: %s states %q, want %q", when, sel, got, want)
			}
		}
	}
	for _, sel := range []string{".fc-map", ".fc-axis", ".fc-notes"} {
		if !eval[bool](e, `document.querySelector(`+jsString(sel)+`).fcServer === true`) {
			t.Errorf("%s is not the server's element: the page built its own", sel)
		}
	}
	for _, sel := range []string{".fc-timeline", ".fc-card", ".fc-list", ".fc-quiz", ".fc-embed"} {
		if eval[bool](e, `!!document.querySelector(`+jsString(sel)+`).closest("[data-fc-slot]")`) {
			t.Errorf("%s is still the server's stand-in after the start", sel)
		}
	}
	for _, sel := range []string{".fc-map", ".fc-axis", ".fc-timeline", ".fc-card", ".fc-list", ".fc-quiz", "#fc-night", "#basemap", "#fc-scrubber", "#fc-clock"} {
		if n := eval[int](e, `document.querySelectorAll(`+jsString(sel)+`).length`); n != 1 {
			t.Errorf("%d elements match %s, want 1", n, sel)
		}
	}
	check("after the start at ?call=3", "past past current future future")
	e.do(5*time.Second, chromedp.Click(chromedp.CSS(`button[data-control="next"]`)))
	e.waitFor(`document.querySelector('.fc-card-step').textContent === "Call 4 of 5"`, 10*time.Second)
	check("after Next", "past past past current future")
	fourth := ""
	for _, c := range story.Default().Calls {
		if c.Order == 4 {
			fourth = c.To
		}
	}
	if got := eval[string](e, `document.querySelector(".fc-map [data-state=current][data-place]").getAttribute("data-place")`); got != fourth {
		t.Errorf("current place on the map: %q, want %q", got, fourth)
	}
	if errs := e.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
