package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestPageBootsAndSteps: the page goes live with no console error, the
// calls list and quiz are there, and Next call steps, keeping the call in
// the address without a history entry.
func TestPageBootsAndSteps(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/")
	s := story.Default()
	if n := eval[int](e, `document.querySelectorAll('ol.fc-calls > li').length`); n != len(s.Calls) {
		t.Errorf("calls list has %d entries, want %d", n, len(s.Calls))
	}
	if n := eval[int](e, `document.querySelectorAll('.fc-q[data-q="1"] .fc-choice input[type="radio"]').length`); n != len(s.Quiz.Questions[0].Choices) {
		t.Errorf("the first question has %d choices, want %d", n, len(s.Quiz.Questions[0].Choices))
	}
	if got := e.cardStep(); got != "Overview" {
		t.Errorf("card = %q, want the overview", got)
	}
	historyBefore := eval[int](e, `history.length`)
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(1)
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(2)
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
	e.clickVisible(`button[data-control="play"]`)
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute("data-playing") === "true" && document.querySelector('[data-control="play"]').innerText.includes("Pause")`, 5*time.Second)
	e.waitFor(`(`+cardStepJS+`) === "Call 5 of 5"`, 30*time.Second)
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute("data-playing") === "false" && document.querySelector('[data-control="play"]').innerText.includes("Play")`, 15*time.Second)
	e.waitCard(0) // Play ends on the overview
	seen := eval[[]string](e, `window.__seen`)
	want := []string{"1 of 5: Shinzo Abe, Tokyo", "2 of 5: Angela Merkel, Berlin", "3 of 5: Vladimir Putin, Moscow, about 8:00\u00a0p.m. local",
		"4 of 5: François Hollande, Paris", "5 of 5: Malcolm Turnbull, Canberra, Sun, Jan 29, 9:05\u00a0a.m. local", "All 5 calls from Washington on the map"}
	if len(seen) != len(want) {
		t.Fatalf("announced %q, want the five calls once each in order, then the overview", seen)
	}
	for i := range want {
		if !strings.HasPrefix(seen[i], want[i]) {
			t.Errorf("announcement %d = %q, want prefix %q", i, seen[i], want[i])
		}
	}
}

// TestKeyboardStepping: the call radios are one tab stop whose arrows step;
// from the other controls the arrows step too, Home/End jump and Space
// plays; focus stays where it was.
func TestKeyboardStepping(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/")
	// Tab from the page's start reaches the call radios (the first control).
	e.press(kb.Tab)
	if got := eval[string](e, `document.activeElement.name`); got != "fc-step" {
		t.Fatalf("the first tab stop is %q, want the call radios", got)
	}
	outlined := func(sel string) bool {
		return eval[bool](e, `getComputedStyle(document.querySelector(`+jsString(sel)+`)).outlineStyle !== "none"`)
	}
	if !outlined(`label[data-control="overview"]`) {
		t.Error("keyboard focus on the overview's radio does not show on All calls")
	}
	e.press(kb.ArrowRight)
	e.waitCard(1)
	if !outlined(`.fc-mark[data-mark="1"]`) {
		t.Error("keyboard focus on a call's radio does not show on the strip of the day")
	}
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`button[data-control="play"]`)))
	if outlined(`.fc-mark[data-mark="1"]`) {
		t.Error("the strip of the day still shows the focus that left the call's radio")
	}
	steps := []struct {
		key  string
		want int
	}{
		{kb.ArrowRight, 2},
		{kb.ArrowLeft, 1},
		{kb.End, 5},
		{kb.Home, 0},
	}
	for _, s := range steps {
		e.press(s.key)
		e.waitCard(s.want)
	}
	e.press(" ")
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute("data-playing") === "true" && document.querySelector('[data-control="play"]').innerText.includes("Pause")`, 5*time.Second)
	e.press(" ")
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute("data-playing") === "false" && document.querySelector('[data-control="play"]').innerText.includes("Play")`, 5*time.Second)
	if got := eval[string](e, `document.activeElement.dataset.control || document.activeElement.tagName`); got != "play" {
		t.Errorf("focus left the Play button for %q", got)
	}
}

// TestReducedMotion: with prefers-reduced-motion each step shows at once:
// the live night jumps to the new call, the clock too, and no arc draws.
func TestReducedMotion(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.reduceMotion()
	e.open("/?call=1")
	before := eval[string](e, `document.getElementById('fc-night-motion').getAttribute('d')`)
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(2)
	e.waitFor(`document.getElementById('fc-clock-motion').textContent.replace(/\s+/g, " ").trim() === "Washington about 11:00 a.m. EST"`, 2*time.Second)
	d1 := eval[string](e, `document.getElementById('fc-night-motion').getAttribute('d')`)
	time.Sleep(300 * time.Millisecond)
	d2 := eval[string](e, `document.getElementById('fc-night-motion').getAttribute('d')`)
	if d1 == before || d1 != d2 {
		t.Errorf("night shading moved gradually under reduced motion (changed: %v, settled: %v)", d1 != before, d1 == d2)
	}
	if n := eval[int](e, `document.getAnimations().length`); n != 0 {
		t.Errorf("%d animations run under reduced motion", n)
	}
}

// TestMotionBetweenCalls: without reduced motion, the live night and the
// clock travel through the instants between two calls, the new arc draws
// and the places pulse. The clock's time is written into the text it holds
// (the WebAssembly finds that text once): a move that replaced it instead
// shows as nodes added to the clock.
func TestMotionBetweenCalls(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/?call=1")
	eval[chromedp.Void](e, `window.__nights = new Set(); new MutationObserver(() => window.__nights.add(document.getElementById('fc-night-motion').getAttribute('d')))
		.observe(document.getElementById('fc-night-motion'), {attributes: true});
		const clock = document.querySelector('#`+ui.ClockID+` .`+ui.ClockTimeClass+`');
		window.__clocks = new Set(); window.__clockNodes = 0;
		new MutationObserver(ms => { for (const m of ms) { window.__clockNodes += m.addedNodes.length } window.__clocks.add(clock.textContent) })
			.observe(clock, {characterData: true, childList: true, subtree: true})`)
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(2)
	e.waitFor(`document.querySelector('[data-arc="2"]').getAnimations().length > 0`, 2*time.Second)
	e.waitFor(`document.getElementById('fc-clock-motion').textContent.replace(/\s+/g, " ").trim() === "Washington about 11:00 a.m. EST"`, 5*time.Second)
	if n := eval[int](e, `window.__nights.size`); n < 5 {
		t.Errorf("the night took %d shapes between the calls, want a motion", n)
	}
	if n := eval[int](e, `window.__clocks.size`); n < 5 {
		t.Errorf("the clock showed %d times between the calls, want a motion", n)
	}
	if n := eval[int](e, `window.__clockNodes`); n != 0 {
		t.Errorf("the clock's text was replaced %d times in a move, not written into", n)
	}
	if !eval[bool](e, `document.getElementById('fc-night-motion').getAttribute('d') === document.querySelector('[data-layer="night"] [data-step="2"]').getAttribute('d')`) {
		t.Error("the night did not end at call 2's prerendered shading")
	}
}

// TestAMoveLaysOutTheMapAndTheClockAlone: while the night, the zoom, the
// pulses and the clock move between two calls, the browser lays out the
// map (an <svg> is laid out on its own) and the live clock, not the page.
// Laid out from the page's root, as the clock's text made it, each frame of
// the move took 8-15 ms of a phone's 16 (4× CPU), against about 1 ms; a
// clock that is not contained (web/app.css) makes it so again.
func TestAMoveLaysOutTheMapAndTheClockAlone(t *testing.T) {
	e := newEnv(t, 390, 844)
	e.open("/?call=1")
	// Let the page's idle work end first: it lays out each held-back card
	// once (web/page.js, warmCards), from the page's root, one per idle
	// callback, and on a busy machine those can still be coming.
	evalAwait[bool](e, `new Promise(done => { let n = 0; const f = () => ++n >= 10 ? done(true) : requestIdleCallback(f); requestIdleCallback(f); })`)
	stop := recordTrace(t, e.ctx, "devtools.timeline")
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(2)
	e.waitFor(`document.getElementById('fc-clock-motion').textContent.replace(/\s+/g, " ").trim() === "Washington about 11:00 a.m. EST"`, 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	var whole, parts int
	roots := map[string]int{}
	for _, raw := range stop() {
		var ev struct {
			Name string `json:"name"`
			Args struct {
				End struct {
					Roots []struct {
						Node string `json:"nodeName"`
					} `json:"layoutRoots"`
				} `json:"endData"`
			} `json:"args"`
		}
		if json.Unmarshal(raw, &ev) != nil || ev.Name != "Layout" {
			continue
		}
		for _, r := range ev.Args.End.Roots {
			roots[r.Node]++
			if r.Node == "#document" {
				whole++
			} else {
				parts++
			}
		}
	}
	// The step's own frame lays the page out (another card), and a busy
	// machine has seen one more; the move's frames, dozens, lay out only the
	// map and the clock (the page's root at each of them: 64 times).
	if whole > 5 || parts < 10 {
		t.Errorf("layouts during a move, by their root: %v; want the page's at most 5 times (the step's own frame), the map's and the clock's at every frame", roots)
	}
}

// TestDeepLinkOpensAtCall: ?call=5 opens on Turnbull, as served and once
// live, and the call survives a reload.
func TestDeepLinkOpensAtCall(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.openServed("/?call=5")
	if got := e.cardStep(); got != "Call 5 of 5" {
		t.Errorf("served card = %q, want Call 5 of 5", got)
	}
	e.waitLive()
	if got := eval[string](e, `[...document.querySelectorAll('.fc-card')].find(c => c.checkVisibility({visibilityProperty: true})).querySelector('.fc-card-title').textContent`); !strings.Contains(got, "Malcolm Turnbull") {
		t.Errorf("card title = %q, want Malcolm Turnbull", got)
	}
	if got := eval[string](e, `[...document.querySelectorAll('.fc-card')].find(c => c.checkVisibility({visibilityProperty: true})).querySelector('.fc-facts').textContent`); !strings.Contains(got, "Sun 9:05\u00a0a.m.") {
		t.Errorf("card facts = %q, want Canberra's Sun 9:05 a.m.", got)
	}
	e.clickVisible(`label[data-control="prev"]`)
	e.waitFor(`location.search.includes("call=4")`, 5*time.Second)
	e.do(30*time.Second, chromedp.Reload())
	e.waitLive()
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
			boxes := eval[[][4]float64](e, `[...document.querySelectorAll('[data-layer="labels"] text')]
				.filter(t => t.checkVisibility({visibilityProperty: true, opacityProperty: true}))
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
			small := eval[[]string](e, `[...document.querySelectorAll('button, .fc-btn, .fc-call-btn, .fc-choice, .fc-check, summary')]
				.filter(b => b.checkVisibility({visibilityProperty: true})).filter(b => { const r = b.getBoundingClientRect(); return r.width < 44 || r.height < 44 })
				.map(b => b.className || b.tagName)`)
			if len(small) > 0 {
				t.Errorf("controls smaller than 44×44 px: %q", small)
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

// TestLargeTextReflows: a reader who sets the browser's text twice as
// large (32 px, not a page zoom: the viewport stays 360 px) reads every
// step without the page scrolling sideways. Fails with .fc-badge's
// white-space: nowrap and .fc-story's implicit auto column: a card's
// "Reported Jan 29, 2017" badge stretched the page to 410 px at every
// step, the hidden cards' badges included.
func TestLargeTextReflows(t *testing.T) {
	e := newEnv(t, 360, 740)
	if _, err := chromedp.Call(e.ctx, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: 32, Fixed: 26}}); err != nil {
		t.Fatal(err)
	}
	e.open("/")
	if got := eval[float64](e, `parseFloat(getComputedStyle(document.querySelector('.fc')).fontSize)`); got < 30 {
		t.Fatalf("the text is %.0f px: the browser's default size did not apply", got)
	}
	for k := 0; k <= len(story.Default().Calls); k++ {
		eval[bool](e, `(document.getElementById(`+jsString(ui.StepRadioID(k))+`).click(), true)`)
		if over := eval[int](e, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("step %d: the page scrolls sideways by %d px", k, over)
		}
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

// TestNextByKeyboard: with a script, Next is a button (role=button, a Tab
// stop) that Enter (or Space) presses as often as the reader likes: focus
// stays on the Next the new call shows, the live region says each call,
// and Next after the last call returns to the overview.
func TestNextByKeyboard(t *testing.T) {
	e := newEnv(t, 360, 740)
	e.openServed("/")
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`#fc-step-0`)))
	e.tabTo(`document.activeElement.matches('label[data-control="next"] > .fc-btn-face[role="button"]')`, 10)
	for _, n := range []int{1, 2, 3, 4, 5, 0} {
		e.press(kb.Enter)
		e.waitCard(n)
		e.waitFor(`document.activeElement.matches('label[data-control="next"] > .fc-btn-face') && document.activeElement.checkVisibility({visibilityProperty: true})`, 5*time.Second)
		e.waitFor(fmt.Sprintf(`document.getElementById("fc-announcer").textContent === document.getElementById("fc-step-%d").dataset.announce`, n), 5*time.Second)
	}
	e.press(" ")
	e.waitCard(1)
}

// TestTimelineKeysKeepFocus: the arrows, Home and End on a step's own
// Next or Previous, and Play's own steps, hide that control with its step;
// focus goes on to the new step's control of the same kind, so the ring
// stays in sight and the keys go on working.
func TestTimelineKeysKeepFocus(t *testing.T) {
	e := newEnv(t, 360, 740)
	e.openServed("/")
	const nextFocused = `document.activeElement.matches('label[data-control="next"] > .fc-btn-face') && document.activeElement.checkVisibility({visibilityProperty: true})`
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`#fc-step-0`)))
	e.tabTo(`document.activeElement.matches('label[data-control="next"] > .fc-btn-face[role="button"]')`, 10)
	for _, k := range []struct {
		key  string
		card int
	}{{kb.ArrowRight, 1}, {kb.ArrowRight, 2}, {kb.End, 5}, {kb.Home, 0}, {kb.ArrowRight, 1}} {
		e.press(k.key)
		e.waitCard(k.card)
		e.waitFor(nextFocused, 5*time.Second)
	}
	// Play steps on by itself while the reader's focus is on Next.
	eval[chromedp.Void](e, `document.querySelector('[data-control="play"]').click()`)
	e.waitFor(`document.querySelector('[data-control="play"]').getAttribute("data-playing") === "true"`, 2*time.Second)
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`label[data-control="next"][data-step="1"] > .fc-btn-face`)))
	e.waitCard(2)
	e.waitFor(nextFocused, 5*time.Second)
}

// TestHiddenRadiosShowTheirRingInView: the step and question radios are
// fixed out of sight, and Tab reaches them; the ring each shows on its
// control (the step's mark, All calls, the question's progress line) is
// brought into view, not drawn off-screen.
func TestHiddenRadiosShowTheirRingInView(t *testing.T) {
	for _, size := range [][2]int64{{360, 740}, {1280, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t, size[0], size[1])
			e.openServed("/")
			inView := func(css string) bool {
				// The ring is 3 px wide, 2 px off the control.
				return eval[bool](e, `(() => { const r = document.querySelector(`+jsString(css)+`).getBoundingClientRect();
					return r.height > 0 && r.top >= 5 && r.bottom <= innerHeight - 5; })()`)
			}
			// From the top of the page, Tab first reaches the step radios.
			e.press(kb.Tab)
			e.tabTo(`document.activeElement.name === "fc-step"`, 5)
			if !inView(`.fc-timeline .fc-btn-all`) {
				t.Error("focus on the overview's radio: All calls, which shows its ring, is out of view")
			}
			e.press(kb.ArrowRight)
			e.waitFor(`document.activeElement.id === "fc-step-1"`, 5*time.Second)
			if !inView(`.fc-timeline [data-mark="1"]`) {
				t.Error("focus on call 1's radio: its mark, which shows the ring, is out of view")
			}
			e.tabTo(`document.activeElement.name === "fc-question"`, 60)
			if !inView(`.fc-questions > [data-q="1"] .fc-progress`) {
				t.Error("focus on question 1's radio: its progress line, which shows the ring, is out of view")
			}
		})
	}
}

// TestQuizByKeyboardAlone: a keyboard reader answers every question and
// reaches the score with Tab, Space and Enter only: Space answers, Tab
// reaches Next question, Enter shows the next question and focuses it, and
// at the end Retry focuses the first.
func TestQuizByKeyboardAlone(t *testing.T) {
	e := newEnv(t, 360, 740)
	e.openServed("/")
	qs := story.Default().Quiz.Questions
	want := 0
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`#fc-prompt-1`)))
	for i, q := range qs {
		n := i + 1
		// Space on the first choice, which Tab reaches first.
		e.tabTo(fmt.Sprintf(`document.activeElement.name === "fc-answer-%s"`, q.ID), 10)
		e.press(" ")
		if q.Choices[0].Correct {
			want++
		}
		e.waitFor(fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] .fc-verdict')].some(v => v.checkVisibility({visibilityProperty: true}))`, n), 5*time.Second)
		if n == len(qs) {
			break
		}
		e.tabTo(fmt.Sprintf(`document.activeElement.matches('.fc-q[data-q="%d"] .fc-next > .fc-btn-face[role="button"]')`, n), 10)
		e.press(kb.Enter)
		e.waitFor(fmt.Sprintf(`document.activeElement && document.activeElement.id === "fc-prompt-%d"`, n+1), 5*time.Second)
	}
	e.waitFor(`document.querySelector('.fc-end').checkVisibility({visibilityProperty: true})`, 5*time.Second)
	if got := e.scoreText(); got != fmt.Sprintf("You scored %d of %d", want, len(qs)) {
		t.Errorf("score = %q, want %d of %d", got, want, len(qs))
	}
	// Retry, by Enter: question 1 again, and focus on it.
	e.tabTo(`document.activeElement.matches('#fc-quiz button[type="reset"]')`, 10)
	e.press(kb.Enter)
	e.waitFor(`document.querySelector('.fc-q[data-q="1"]').checkVisibility({visibilityProperty: true}) && document.activeElement && document.activeElement.id === "fc-prompt-1"`, 5*time.Second)
}

// TestNextQuestionLeavesAReaderWhoWentOn: "Next question" focuses the
// question shown a task later; a reader who has already gone on (an answer
// of the new question focused in the same task, as on a phone too busy to
// run the timer at once) keeps their focus, and the page stays put.
func TestNextQuestionLeavesAReaderWhoWentOn(t *testing.T) {
	e := newEnv(t, 360, 740)
	e.openServed("/")
	_, idx := correctChoice(story.Default().Quiz.Questions[0])
	e.answerQuestion(1, idx)
	y := eval[float64](e, `(() => {
		document.querySelector('.fc-q[data-q="1"] .fc-next').click();
		const answer = document.querySelector('.fc-q[data-q="2"] .fc-choice input');
		answer.focus();
		answer.dataset.focusMark = "1";
		return window.scrollY;
	})()`)
	time.Sleep(300 * time.Millisecond)
	if !eval[bool](e, `document.activeElement && document.activeElement.dataset.focusMark === "1"`) {
		t.Errorf("Next question took the focus to %s from the answer the reader had reached", eval[string](e, `document.activeElement.outerHTML.slice(0, 100)`))
	}
	if got := eval[float64](e, `window.scrollY`); got != y {
		t.Errorf("the page scrolled from %.0f to %.0f", y, got)
	}
}

// tabTo presses Tab until js holds, at most max times.
func (e *env) tabTo(js string, max int) {
	e.t.Helper()
	for range max {
		if eval[bool](e, js) {
			return
		}
		e.press(kb.Tab)
	}
	if !eval[bool](e, js) {
		e.t.Fatalf("%d presses of Tab did not reach %s (focus on %s)", max, js,
			eval[string](e, `document.activeElement.outerHTML.slice(0, 120)`))
	}
}

// TestAStepKeepsTheReaderInPlace: on a phone, the call's card above the
// list and the quiz changes height at each step. A reader who taps a call
// in the list, or answers a question about a call, keeps what they
// touched where it was on the screen: the page does not jump under them.
func TestAStepKeepsTheReaderInPlace(t *testing.T) {
	e := newEnv(t, 360, 740)
	e.openServed("/")
	// Every question at once, so that one about a call (not the third,
	// which the list shows first) can be answered at once.
	s := story.Default()
	n := slices.IndexFunc(s.Quiz.Questions, func(q story.Question) bool { return q.Call != "" && s.CallIndex(q.Call) != 2 })
	if n < 0 {
		t.Fatal("no question of the default story is about a call other than the third")
	}
	e.clickVisible(`label:has(#` + ui.ShowAllID + `)`)
	e.waitFor(fmt.Sprintf(`document.querySelector('.fc-q[data-q="%d"]').checkVisibility()`, n+1), 5*time.Second)
	for _, c := range []struct{ what, touch, after string }{
		{"a call in the list", `.fc-list label[for="fc-step-3"]`, `(` + cardStepJS + `) === "Call 3 of 5"`},
		// The first choice: an answer shows the readers' figures in every
		// choice, which moves those below it (the quiz's own layout).
		{"an answer about a call", fmt.Sprintf(`.fc-q[data-q="%d"] .fc-choice:nth-child(1)`, n+1),
			fmt.Sprintf(`(`+cardStepJS+`) === "Call %d of 5"`, s.CallIndex(s.Quiz.Questions[n].Call)+1)},
	} {
		// The touched element in the middle of the screen, then a real tap
		// on it; where it is once the step has shown, a frame later.
		xy := eval[[]float64](e, `(() => { const el = document.querySelector(`+jsString(c.touch)+`);
			el.scrollIntoView({block: "center"}); const r = el.getBoundingClientRect();
			return [r.left + r.width / 2, r.top + r.height / 2, r.top, window.scrollY]; })()`)
		e.do(5*time.Second, chromedp.MouseClickXY(xy[0], xy[1]))
		e.waitFor(c.after, 5*time.Second)
		time.Sleep(200 * time.Millisecond)
		now := eval[[]float64](e, `(() => { const r = document.querySelector(`+jsString(c.touch)+`).getBoundingClientRect(); return [r.top, window.scrollY]; })()`)
		if d := now[0] - xy[2]; d > 1 || d < -1 {
			t.Errorf("after a tap on %s it moved by %.0f px on the screen (page scrolled from %.0f to %.0f)", c.what, d, xy[3], now[1])
		}
	}
}

// TestRetryKeepsShowAll: Retry starts the quiz again, and a reader who
// chose to see every question at once still does, after a reload too.
func TestRetryKeepsShowAll(t *testing.T) {
	e := newEnv(t, 360, 740)
	e.openServed("/")
	e.clickVisible(`label:has(#` + ui.ShowAllID + `)`)
	const everyQuestion = `[...document.querySelectorAll(".fc-q")].every(q => q.checkVisibility())`
	e.waitFor(everyQuestion, 5*time.Second)
	for i, q := range story.Default().Quiz.Questions {
		_, idx := correctChoice(q)
		e.answerQuestion(i+1, idx)
	}
	e.clickVisible(`#fc-quiz button[type="reset"]`)
	e.waitFor(`!document.querySelector('#fc-quiz input[name^="fc-answer-"]:checked')`, 5*time.Second)
	time.Sleep(100 * time.Millisecond) // page.js keeps the progress a task after the reset
	if !eval[bool](e, `document.getElementById(`+jsString(ui.ShowAllID)+`).checked && `+everyQuestion) {
		t.Fatal(`after Retry "Show all" is off: one question shows`)
	}
	e.do(10*time.Second, chromedp.Reload())
	e.waitFor(`document.readyState === "complete"`, 10*time.Second)
	if !eval[bool](e, `document.getElementById(`+jsString(ui.ShowAllID)+`).checked && !document.querySelector('#fc-quiz input[name^="fc-answer-"]:checked')`) {
		t.Error(`after Retry and a reload, "Show all" is off or answers came back`)
	}
}
