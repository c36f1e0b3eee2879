package e2e

import (
	"testing"
	"time"

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
