package pagetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"fivecalls/app/ui"
)

// stepShown checks what page.js does for each step shown (stepShown): the
// one card shown is step n's, the fc:step event said n, once, and the
// address names the call (none for the overview). said is what the live
// region must say: step n's announcement, or "" when the reader's focus is
// on step n's own radio, which says it itself.
func (tb *tab) stepShown(n int, said string) {
	tb.t.Helper()
	tb.waitCard(n)
	if got, want := tb.events(), fmt.Sprintf(`[["step",%d]]`, n); got != want {
		tb.t.Errorf("step %d: events %s, want %s", n, got, want)
	}
	if got := eval[string](tb, `document.getElementById(N.AnnouncerID).textContent`); got != said {
		tb.t.Errorf("step %d: the live region says %q, want %q", n, got, said)
	}
	want := ""
	if n > 0 {
		want = fmt.Sprintf("?call=%d", n)
	}
	tb.waitFor(`location.search === ` + quote(want))
}

// announcement is what the live region says when step n is shown.
func (tb *tab) announcement(n int) string {
	tb.t.Helper()
	s := eval[string](tb, fmt.Sprintf(`document.getElementById(N.StepRadioName + "-%d").getAttribute(N.AnnounceAttr)`, n))
	if s == "" {
		tb.t.Fatalf("step %d's radio has no announcement", n)
	}
	return s
}

// TestStepByLabelClick: Next, Previous, All calls, the marks on the strip
// of the day and the list's entries are labels of the step radios. A click
// shows the step's card, fires fc:step with the step, keeps the call in the
// address without a history entry, and leaves focus where it was, off the
// step radios: the live region says the step. (Focus on a step radio
// restyles every part that shows a focused step: a slow phone's tap would
// pay for a ring that a pointer does not show.) A reader whose focus is in
// the step radios keeps it there: a click moves it to the step's radio,
// which says the step itself, and the live region stays silent.
// Fails with page.js's rememberStep turned into a no-op (the address), with
// the StepEvent dispatch removed (the event), with checkWithoutFocus
// removed (focus on the radio, the live region silent), with its
// stepFocused ignored (focus leaves the radios), and with stepShown
// announcing whatever has focus (the live region).
func TestStepByLabelClick(t *testing.T) {
	tb := newTab(t)
	tb.recordEvents()
	tb.open("/")
	if got := tb.shownCard(); got != "Overview" {
		t.Fatalf("the page opens on %q, want the overview alone", got)
	}
	history := eval[int](tb, `history.length`)
	for _, c := range []struct {
		click string
		step  int
	}{
		{`label[data-control="next"]`, 1},
		{`label[data-control="next"]`, 2},
		{`.fc-mark[data-mark="4"]`, 4},
		{`.fc-call-btn[data-mark="5"]`, 5},
		{`label[data-control="prev"]`, 4},
		{`label[data-control="overview"]`, 0},
		{`.fc-call-btn[data-mark="5"]`, 5},
		{`label[data-control="next"]`, 0}, // after the last call, the overview
	} {
		tb.click(c.click)
		tb.stepShown(c.step, tb.announcement(c.step))
		if got := eval[string](tb, `document.activeElement.name || ""`); got == "fc-step" {
			t.Errorf("after a click on %s focus is on a step radio, %q", c.click, eval[string](tb, `document.activeElement.id`))
		}
	}
	if n := eval[int](tb, `history.length`); n != history {
		t.Errorf("stepping added history entries: %d → %d", history, n)
	}

	// Focus in the step radios follows the click to the step's radio.
	tb.focus(`#fc-step-0`)
	said := eval[string](tb, `document.getElementById(N.AnnouncerID).textContent`)
	tb.click(`label[data-control="next"]`)
	tb.stepShown(1, said)
	if got := eval[string](tb, `document.activeElement.id`); got != "fc-step-1" {
		t.Errorf("with focus in the step radios, after a click on Next focus is on %q, want fc-step-1", got)
	}
}

// TestStepByKeys: from any control of the map and timeline, the arrows
// step, Home and 0 show the overview and End the last call; each step is
// said in the live region, and focus stays where it was. In the step radios'
// own group the browser steps with the arrows and the radio says it. Keys
// elsewhere on the page do nothing.
// Fails with page.js's keydown handler for the timeline removed, or with
// its End mapped to the first call.
func TestStepByKeys(t *testing.T) {
	tb := newTab(t)
	tb.recordEvents()
	tb.open("/")
	const play = `button[data-control="play"]`
	tb.focus(play)
	for _, k := range []struct {
		key  string
		step int
	}{
		{kb.ArrowRight, 1},
		{kb.ArrowRight, 2},
		{kb.ArrowLeft, 1},
		{kb.End, 5},
		{kb.Home, 0},
		{kb.End, 5},
		{"0", 0},
	} {
		tb.press(k.key)
		tb.stepShown(k.step, tb.announcement(k.step))
		if got := eval[string](tb, `document.activeElement.getAttribute(N.ControlAttr)`); got != "play" {
			t.Errorf("after %q focus left Play for %q", k.key, got)
		}
	}
	// At either end the arrows go no further.
	tb.press(kb.ArrowLeft)
	if got := tb.events(); got != "[]" || tb.shownCard() != "Overview" {
		t.Errorf("ArrowLeft on the overview: events %s, card %q", got, tb.shownCard())
	}

	// The radio group: the browser's own arrows.
	tb.focus(`#fc-step-0`)
	tb.press(kb.ArrowRight)
	tb.stepShown(1, tb.announcement(0)) // what was said last, unchanged
	if got := eval[string](tb, `document.activeElement.id`); got != "fc-step-1" {
		t.Errorf("focus is on %q, want step 1's radio", got)
	}

	// Outside the map and timeline, the keys are the page's.
	tb.focus(`#fc-prompt-1`)
	tb.press(kb.End)
	tb.press("0")
	if got := tb.events(); got != "[]" || tb.shownCard() != cardName(1) {
		t.Errorf("keys in the quiz stepped the timeline: events %s, card %q", got, tb.shownCard())
	}
}

// TestPlay: Play says "Pause" while it plays (data-playing="true"), shows
// each call in turn, a few seconds each, saying each, and ends on the
// overview, saying "Play" again. A reader's own step stops it; Play from the
// last call starts from the first. The page's clock runs 40 times faster
// here (setTimeout's delays of a second or more are divided by 40), so the
// whole run takes about half a second.
// Fails with page.js's setPlaying not setting N.PlayingAttr, with its last
// step not returning to the overview, or with the change handler no longer
// stopping Play.
func TestPlay(t *testing.T) {
	tb := newTab(t)
	tb.recordEvents()
	tb.beforeScripts(`{
		const later = window.setTimeout;
		window.setTimeout = (f, ms, ...args) => later(f, ms >= 1000 ? ms / 40 : ms, ...args);
	}`)
	tb.open("/")
	const play = `button[data-control="play"]`
	// What was said, and what Play said, at each change.
	tb.run(`window.__said = [];
		new MutationObserver(() => window.__said.push(document.getElementById(N.AnnouncerID).textContent))
			.observe(document.getElementById(N.AnnouncerID), {childList: true, characterData: true, subtree: true});
		window.__play = [];
		new MutationObserver(() => window.__play.push(document.querySelector(` + quote(play) + `).getAttribute(N.PlayingAttr) + " " + document.querySelector(` + quote(play) + `).innerText.trim()))
			.observe(document.querySelector(` + quote(play) + `), {attributes: true})`)
	state := func() string {
		return eval[string](tb, `(b => b.getAttribute(N.PlayingAttr) + " " + b.innerText.trim())(document.querySelector(`+quote(play)+`))`)
	}
	if got := state(); got != "false Play" {
		t.Fatalf("Play before a click: %q, want false Play", got)
	}
	tb.click(play)
	tb.waitFor(`document.querySelector(` + quote(play) + `).getAttribute(N.PlayingAttr) === "false"`)
	if got := eval[[]string](tb, `window.__play`); fmt.Sprint(got) != "[true Pause false Play]" {
		t.Errorf("Play said %q, want [true Pause false Play]", got)
	}
	if got := tb.shownCard(); got != "Overview" {
		t.Errorf("Play ended on %q, want the overview", got)
	}
	if got, want := tb.events(), `[["step",1],["step",2],["step",3],["step",4],["step",5],["step",0]]`; got != want {
		t.Errorf("Play's steps: %s, want %s", got, want)
	}
	said := eval[[]string](tb, `window.__said`)
	want := []string{tb.announcement(1), tb.announcement(2), tb.announcement(3), tb.announcement(4), tb.announcement(5), tb.announcement(0)}
	if fmt.Sprint(said) != fmt.Sprint(want) {
		t.Errorf("the live region said %q, want %q", said, want)
	}

	// A reader's step stops Play, and the step stays theirs. (Timing
	// free: the clock is fast, and a busy machine may let Play step once
	// more before a click lands.)
	tb.click(play)
	tb.waitCard(1)
	tb.click(`label[data-control="next"]`)
	if got := state(); got != "false Play" {
		t.Errorf("Play after the reader's own step: %q, want false Play", got)
	}
	mine := tb.shownCard()
	tb.events()
	time.Sleep(300 * time.Millisecond) // three dwells
	if got := tb.shownCard(); got != mine || tb.events() != "[]" {
		t.Errorf("after the reader's step (%s) Play went on to %q", mine, got)
	}

	// From the last call, Play starts from the first; a second click pauses.
	tb.click(`.fc-call-btn[data-mark="5"]`)
	tb.waitCard(5)
	tb.events()
	tb.click(play)
	tb.waitCard(1)
	tb.click(play)
	if got := state(); got != "false Play" {
		t.Errorf("Play clicked twice: %q, want false Play", got)
	}
	if got := tb.events(); !strings.HasPrefix(got, `[["step",1]`) {
		t.Errorf("Play from the last call: %s, want the first call first", got)
	}
	time.Sleep(300 * time.Millisecond)
	if got := tb.events(); got != "[]" {
		t.Errorf("Play went on after a pause: %s", got)
	}
}

// TestLabelButtonsAreButtons: each label-button's face is a button for
// the keyboard and assistive technology: role=button and a Tab stop, which
// Enter and Space press; focus then goes to the control of the same kind
// the new step shows (each step has its own Next), and the live region says
// the step, and the page does not scroll. "Next question" moves focus to
// the question it shows.
// Fails with page.js's buttonFaces not run (role and Tab stop), with its
// Enter/Space handler removed, without its focus move after a press, or
// without its preventDefault (Space scrolls).
func TestLabelButtonsAreButtons(t *testing.T) {
	tb := newTab(t)
	tb.recordEvents()
	tb.open("/")
	faces := eval[[]string](tb, `[...document.querySelectorAll("label .fc-btn-face")].map(f => f.getAttribute("role") + " " + f.tabIndex)`)
	if len(faces) < 4 {
		t.Fatalf("%d label-button faces in the page", len(faces))
	}
	for i, f := range faces {
		if f != "button 0" {
			t.Errorf("face %d: role and tabIndex %q, want button 0", i, f)
		}
	}

	// Tab from the step radios reaches the overview's Next ("First call").
	const next = `label[data-control="next"] > .fc-btn-face`
	tb.focus(`#fc-step-0`)
	tb.tabTo(`document.activeElement.matches(` + quote(next) + `)`)
	focusedStep := func() string {
		return eval[string](tb, `(f => f.checkVisibility({visibilityProperty: true}) ? f.parentElement.getAttribute(N.ControlAttr) + " " + f.parentElement.getAttribute(N.StepAttr) : "hidden")(document.activeElement)`)
	}
	for _, k := range []struct {
		key, focus string
		step       int
	}{
		{kb.Enter, "next 1", 1},
		{" ", "next 2", 2},
		{kb.Enter, "next 3", 3},
	} {
		y := eval[float64](tb, `scrollY`)
		tb.press(k.key)
		tb.stepShown(k.step, tb.announcement(k.step))
		if got := focusedStep(); got != k.focus {
			t.Errorf("after %q focus is on %q, want %q", k.key, got, k.focus)
		}
		if got := eval[float64](tb, `scrollY`); got != y { // Space would scroll a page
			t.Errorf("%q scrolled the page from %.0f to %.0f", k.key, y, got)
		}
	}
	tb.focus(`label[data-control="prev"][data-step="3"] > .fc-btn-face`)
	tb.press(kb.Enter)
	tb.stepShown(2, tb.announcement(2))
	if got := focusedStep(); got != "prev 2" {
		t.Errorf("after Previous focus is on %q, want step 2's Previous", got)
	}
	tb.focus(`label[data-control="overview"] > .fc-btn-face`)
	tb.press(" ")
	tb.stepShown(0, tb.announcement(0))
	if got := eval[string](tb, `document.activeElement.parentElement.getAttribute(N.ControlAttr)`); got != "overview" {
		t.Errorf("after All calls focus is on %q, want All calls", got)
	}

	// Next question, by Enter.
	tb.answer(1, rightChoice(1))
	tb.focus(`.fc-q[data-q="1"] .fc-next > .fc-btn-face`)
	tb.press(kb.Enter)
	tb.waitFor(`document.activeElement.id === "fc-prompt-2"`)
	if got := tb.shownQuestions(); got != "2" {
		t.Errorf("after Next question the page shows questions %s, want 2", got)
	}
}

// tabTo presses Tab until js holds, at most 10 times.
func (tb *tab) tabTo(js string) {
	tb.t.Helper()
	for range 10 {
		if eval[bool](tb, js) {
			return
		}
		tb.press(kb.Tab)
	}
	if !eval[bool](tb, js) {
		tb.t.Fatalf("Tab did not reach %s (focus on %s)", js, eval[string](tb, `document.activeElement.outerHTML.slice(0, 120)`))
	}
}

// TestPlayIconInForcedColors: Play's icon is drawn (a background in a
// clipped box), and forced colours (Windows High Contrast) would leave it
// in the page's own colour, white on the button's white: it takes the
// button's text colour, light or dark, playing or not. Fails without
// app.css's forced-colours rule for the icon.
func TestPlayIconInForcedColors(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
			{Name: "forced-colors", Value: "active"}, {Name: "prefers-color-scheme", Value: scheme},
		}}); err != nil {
			t.Fatal(err)
		}
		for _, playing := range []string{"false", "true"} {
			got := eval[[]string](tb, `(b => {
				b.setAttribute(N.PlayingAttr, `+quote(playing)+`);
				const s = getComputedStyle(b), icon = getComputedStyle(b.querySelector(`+quote("."+ui.PlayIconClass)+`));
				return [icon.backgroundColor, s.color, s.backgroundColor];
			})(document.querySelector('button[data-control="play"]'))`)
			if got[0] != got[1] || got[0] == got[2] {
				t.Errorf("%s, playing %s: the icon is %s on a button of %s text on %s", scheme, playing, got[0], got[1], got[2])
			}
		}
	}
}
