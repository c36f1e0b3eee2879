package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPageBootsAndSteps: the page loads, the WebAssembly starts with no
// console error, the calls list and quiz are there, and Next call works.
func TestPageBootsAndSteps(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/")
	s := story.Default()
	if n := eval[int](e, `document.querySelectorAll('ol.fc-calls > li').length`); n != len(s.Calls) {
		t.Errorf("calls list has %d entries, want %d", n, len(s.Calls))
	}
	if !eval[bool](e, `!!document.querySelector('[aria-labelledby="fc-quiz-title"] button.fc-choice')`) {
		t.Error("the quiz has no choice buttons after boot")
	}
	if got := e.cardStep(); got != "Call 1 of 5" {
		t.Errorf("card = %q, want Call 1 of 5", got)
	}
	historyBefore := eval[int](e, `history.length`)
	e.do(5*time.Second, chromedp.Click(chromedp.CSS(`button[aria-label="Next call"]`)))
	e.waitFor(`document.querySelector('.fc-card-step').textContent === "Call 2 of 5"`, 5*time.Second)
	e.waitFor(`document.getElementById('fc-announcer').textContent.startsWith("2 of 5: Angela Merkel, Berlin")`, 5*time.Second)
	e.waitFor(`location.search.includes("call=2")`, 5*time.Second)
	if n := eval[int](e, `history.length`); n != historyBefore {
		t.Errorf("stepping added history entries: history.length %d → %d", historyBefore, n)
	}
	if errs := e.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestPlayRunsThroughTheCallsInOrder watches the live region while Play runs.
func TestPlayRunsThroughTheCallsInOrder(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/")
	eval[chromedp.Void](e, `window.__seen = []; new MutationObserver(() => {
		const t = document.getElementById('fc-announcer').textContent;
		if (t && window.__seen[window.__seen.length-1] !== t) window.__seen.push(t);
	}).observe(document.getElementById('fc-announcer'), {childList: true, characterData: true, subtree: true})`)
	e.do(5*time.Second, chromedp.Click(chromedp.CSS(`button[data-control="play"]`)))
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('aria-label') === "Pause"`, 5*time.Second)
	e.waitFor(`document.querySelector('.fc-card-step').textContent === "Call 5 of 5"`, 40*time.Second)
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('aria-label') === "Play"`, 15*time.Second)
	seen := eval[[]string](e, `window.__seen`)
	want := []string{"1 of 5: Shinzo Abe, Tokyo", "2 of 5: Angela Merkel, Berlin", "3 of 5: Vladimir Putin, Moscow, 8:00 p.m. local",
		"4 of 5: François Hollande, Paris", "5 of 5: Malcolm Turnbull, Canberra, 9:05 a.m. local"}
	if len(seen) != len(want) {
		t.Fatalf("announced %q, want the five calls once each in order", seen)
	}
	for i := range want {
		if !strings.HasPrefix(seen[i], want[i]) {
			t.Errorf("announcement %d = %q, want prefix %q", i, seen[i], want[i])
		}
	}
}

// TestKeyboardStepping: arrows step, Home/End jump, Space plays.
func TestKeyboardStepping(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/")
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`button[data-control="play"]`)))
	steps := []struct {
		key, want string
	}{
		{kb.ArrowRight, "Call 2 of 5"},
		{kb.ArrowRight, "Call 3 of 5"},
		{kb.ArrowLeft, "Call 2 of 5"},
		{kb.End, "Call 5 of 5"},
		{kb.Home, "Call 1 of 5"},
	}
	for _, s := range steps {
		e.press(s.key)
		e.waitFor(fmt.Sprintf(`document.querySelector('.fc-card-step').textContent === %q`, s.want), 5*time.Second)
	}
	e.press(" ")
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('aria-label') === "Pause"`, 5*time.Second)
	e.press(" ")
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('aria-label') === "Play"`, 5*time.Second)
	if !eval[bool](e, `document.activeElement.matches(':focus-visible') || document.activeElement.dataset.control === "play"`) {
		t.Error("focus left the Play button")
	}
}

// TestReducedMotion: with prefers-reduced-motion each step shows at once,
// with no CSS animation and no interpolated night.
func TestReducedMotion(t *testing.T) {
	e := newEnv(t, 1280, 800)
	if _, err := chromedp.Call(e.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatal(err)
	}
	e.open("/")
	before := eval[string](e, `document.getElementById('fc-night').getAttribute('d')`)
	e.do(5*time.Second, chromedp.Click(chromedp.CSS(`button[aria-label="Next call"]`)))
	// Right after the click, the night is already at the new instant.
	e.waitFor(`document.querySelector('.fc-card-step').textContent === "Call 2 of 5"`, 5*time.Second)
	d1 := eval[string](e, `document.getElementById('fc-night').getAttribute('d')`)
	time.Sleep(300 * time.Millisecond)
	d2 := eval[string](e, `document.getElementById('fc-night').getAttribute('d')`)
	if d1 == before || d1 != d2 {
		t.Errorf("night shading moved gradually under reduced motion (changed: %v, settled: %v)", d1 != before, d1 == d2)
	}
	if got := eval[string](e, `getComputedStyle(document.querySelector('path[data-call="merkel"]')).animationName`); got != "none" {
		t.Errorf("current arc animates under reduced motion: %q", got)
	}
	if got := eval[string](e, `document.getElementById('fc-clock').textContent`); got != "11:00 a.m. EST" {
		t.Errorf("clock = %q, want 11:00 a.m. EST at once", got)
	}
}

// TestDeepLinkOpensAtCall: ?call=5 opens on Turnbull, in the prerendered
// page and after the WebAssembly starts.
func TestDeepLinkOpensAtCall(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/?call=5")
	if got := eval[string](e, `document.getElementById('fc-card-title').textContent`); !strings.HasPrefix(got, "Malcolm Turnbull") {
		t.Errorf("card title = %q, want Malcolm Turnbull", got)
	}
	if got := eval[string](e, `[...document.querySelectorAll('.fc-facts dd')].map(d => d.textContent).join(" | ")`); !strings.Contains(got, "Sun 9:05 a.m.") {
		t.Errorf("card facts = %q, want Canberra's Sun 9:05 a.m.", got)
	}
	// The state survives a reload.
	e.do(5*time.Second, chromedp.Click(chromedp.CSS(`button[aria-label="Previous call"]`)))
	e.waitFor(`location.search.includes("call=4")`, 5*time.Second)
	e.do(30*time.Second, chromedp.Reload())
	e.waitBooted()
	if got := e.cardStep(); got != "Call 4 of 5" {
		t.Errorf("after reload: %q, want Call 4 of 5", got)
	}
}

// TestLayoutAtPhoneAndDesktopWidths: no horizontal overflow and no
// overlapping map labels, measured by bounding boxes; screenshots are kept.
func TestLayoutAtPhoneAndDesktopWidths(t *testing.T) {
	for _, size := range [][2]int64{{360, 740}, {1280, 800}, {320, 640}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t, size[0], size[1])
			e.open("/")
			if over := eval[int](e, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("horizontal overflow of %d px", over)
			}
			boxes := eval[[][4]float64](e, `[...document.querySelectorAll('[data-layer="places"] text')]
				.filter(t => getComputedStyle(t).display !== 'none')
				.map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom] })`)
			if len(boxes) != len(story.Default().Places) {
				t.Errorf("%d visible labels, want one per place", len(boxes))
			}
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					a, b := boxes[i], boxes[j]
					if a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3] {
						t.Errorf("labels %d and %d overlap: %v %v", i, j, a, b)
					}
				}
			}
			small := eval[int](e, `[...document.querySelectorAll('button')].filter(b => { const r = b.getBoundingClientRect(); return r.width > 0 && (r.width < 44 || r.height < 44) }).length`)
			if small > 0 {
				t.Errorf("%d buttons are smaller than 44×44 px", small)
			}
			shot, err := chromedp.Run(e.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if len(shot) < 1000 {
				t.Errorf("screenshot is %d bytes", len(shot))
			}
			writeArtifact(t, fmt.Sprintf("widget-%dx%d.png", size[0], size[1]), shot)
		})
	}
}

// TestDarkTheme: ?theme=dark switches the palette.
func TestDarkTheme(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/?theme=dark")
	bg := eval[string](e, `getComputedStyle(document.querySelector('.fc')).backgroundColor`)
	if bg != "rgb(18, 20, 23)" {
		t.Errorf("dark background = %q", bg)
	}
}
