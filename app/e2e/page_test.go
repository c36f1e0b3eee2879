package e2e

// The served page is the app: every control works without JavaScript, and
// with JavaScript before (or without) the WebAssembly; the WebAssembly then
// adopts the page without moving anything and sends what was answered.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestWithoutJavaScript: with scripts off, a reader steps through every
// call with Next and Previous, the list and the strip of the day, answers
// the whole quiz with a verdict and explanation each time, reads the score
// and starts again with Retry. What needs a script is hidden, not dead.
func TestWithoutJavaScript(t *testing.T) {
	e := newEnv(t, 360, 740)
	e.disableScripts()
	e.openServed("/")
	if eval[bool](e, `document.documentElement.hasAttribute("data-fc-motion")`) {
		t.Fatal("the page went live with scripts disabled")
	}
	e.stepThroughCalls()
	for _, hidden := range []string{`[data-control="play"]`, `[data-control="share"]`, `[data-control="copy"]`} {
		if eval[bool](e, `[...document.querySelectorAll(`+jsString(hidden)+`)].some(el => el.checkVisibility({visibilityProperty: true}))`) {
			t.Errorf("%s shows without a script, and would do nothing", hidden)
		}
	}
	// Only the question shown is rendered: the others cost a phone's first
	// layout nothing, and the score does not count on them.
	if n := eval[int](e, `[...document.querySelectorAll(".fc-q")].filter(q => q.getClientRects().length).length`); n != 1 {
		t.Errorf("%d questions are rendered, want only the one shown", n)
	}
	score := e.answerWholeQuiz()
	if got := e.scoreText(); got != fmt.Sprintf("You scored %d of %d", score, len(story.Default().Quiz.Questions)) {
		t.Errorf("score line reads %q, want %d right", got, score)
	}
	e.clickVisible(`#fc-quiz button[type="reset"]`)
	e.waitFor(`document.querySelector('#fc-question-1').checked && !document.querySelector('#fc-quiz input[name^="fc-answer-"]:checked')`, 5*time.Second)
	if !eval[bool](e, `document.querySelector('.fc-q[data-q="1"]').checkVisibility({visibilityProperty: true}) && !document.querySelector('.fc-end').checkVisibility({visibilityProperty: true})`) {
		t.Error("after Retry the quiz does not start again at question 1")
	}
}

// TestListKeepsItsPlace: a call picked in the list stays under the
// reader's finger while the card above it changes (the Turnbull card is
// some 1,700 px taller than the overview's at 360 px), with scripts off,
// where the browser's scroll anchoring does it (web/state.css keeps the
// hidden cards in the flow for it), and on: page.js's keepPlace makes up
// for browsers without scroll anchoring, and must not move the page twice
// where there is some. Fails with the hidden cards out of the flow
// (position: absolute): without scripts the entry moved 1,757 px.
func TestListKeepsItsPlace(t *testing.T) {
	for _, scripts := range []bool{false, true} {
		e := newEnv(t, 360, 740)
		if !scripts {
			e.disableScripts()
		}
		e.openServed("/")
		for _, n := range []int{5, 2, 4, 1, 3} {
			entry := fmt.Sprintf(`.fc-call-btn[for="fc-step-%d"]`, n)
			xy := eval[[]float64](e, `(el => { el.scrollIntoView({block: "center"}); const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })(document.querySelector(`+jsString(entry)+`))`)
			e.do(5*time.Second, chromedp.MouseClickXY(xy[0], xy[1]))
			e.waitCard(n)
			time.Sleep(100 * time.Millisecond) // a frame, for anchoring done after it
			y := eval[float64](e, `(r => r.top + r.height / 2)(document.querySelector(`+jsString(entry)+`).getBoundingClientRect())`)
			if math.Abs(y-xy[1]) > 2 {
				t.Errorf("scripts %v: the list's entry for call %d moved from %.0f to %.0f px as its card showed", scripts, n, xy[1], y)
			}
		}
	}
}

// TestWithoutTheWebAssembly: app.wasm never arrives. Every control still
// works, the script's too: Next, the keys, Play, the live region, the
// address, the quiz.
func TestWithoutTheWebAssembly(t *testing.T) {
	e := newEnv(t, 1280, 800)
	held := holdWasm(t, e.ctx)
	go func() {
		for id := range held { // every request for app.wasm fails
			_, _ = chromedp.Call(e.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	e.openServed("/")
	e.stepThroughCalls()

	// The keys: from the Play button, the arrows step, Home (or 0) shows
	// the overview and End the last call; each step made this way is said
	// in the live region.
	e.do(5*time.Second, chromedp.Focus(chromedp.CSS(`button[data-control="play"]`)))
	e.press(kb.Home)
	e.waitCard(0)
	e.press(kb.ArrowRight)
	e.waitCard(1)
	e.press(kb.ArrowRight)
	e.waitCard(2)
	e.waitFor(`document.getElementById('fc-announcer').textContent.startsWith("2 of 5: Angela Merkel, Berlin")`, 5*time.Second)
	e.press(kb.End)
	e.waitCard(5)
	e.waitFor(`location.search.includes("call=5")`, 5*time.Second)
	e.press("0")
	e.waitCard(0)
	e.waitFor(`!location.search.includes("call=")`, 5*time.Second)
	e.press(kb.End)
	e.waitCard(5)

	// Play from the last call starts again from the first, then steps on.
	e.press(" ")
	e.waitFor(`document.querySelector('[data-control="play"]').getAttribute("data-playing") === "true" && document.querySelector('[data-control="play"]').innerText.includes("Pause")`, 2*time.Second)
	e.waitCard(1)
	e.waitCard(2) // after one dwell
	e.press(" ")
	e.waitFor(`document.querySelector('[data-control="play"]').getAttribute("data-playing") === "false" && document.querySelector('[data-control="play"]').innerText.includes("Play")`, 2*time.Second)

	score := e.answerWholeQuiz()
	if got := e.scoreText(); got != fmt.Sprintf("You scored %d of %d", score, len(story.Default().Quiz.Questions)) {
		t.Errorf("score line reads %q", got)
	}
	if eval[bool](e, `document.documentElement.hasAttribute("data-fc-motion")`) {
		t.Error("the page says it is live without the WebAssembly")
	}
}

// TestTheWebAssemblyAdoptsThePage holds app.wasm back while a reader taps
// Next and answers two questions, then lets it through: the taps were
// carried out at once, the app takes over without moving anything (layout
// shift 0, every block where it was), keeps the call shown, and stores the
// answers given before it ran, once, even after a reload.
func TestTheWebAssemblyAdoptsThePage(t *testing.T) {
	for _, size := range [][2]int64{{390, 844}, {1280, 800}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := newEnv(t, size[0], size[1])
			held := holdWasm(t, e.ctx)
			if _, err := chromedp.Call(e.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: layoutShiftRecorder}); err != nil {
				t.Fatal(err)
			}
			e.openServed("/")
			// A first tap on Next, before the app: carried out at once. It
			// is also the interaction that sends for the app.
			e.clickVisible(`label[data-control="next"]`)
			e.waitCard(1)
			var reqID fetch.RequestID
			select {
			case reqID = <-held:
			case <-time.After(20 * time.Second):
				t.Fatalf("the page never asked for app.wasm (console: %q)", e.consoleErrors())
			}
			// Two answers; one about a call shows that call on the map.
			s := story.Default()
			shown := 1
			for i, q := range s.Quiz.Questions[:2] {
				_, idx := correctChoice(q)
				e.answerQuestion(i+1, idx)
				if q.Call != "" {
					shown = s.CallIndex(q.Call) + 1
				}
				if i == 0 {
					e.nextQuestion(1)
				}
			}
			e.waitCard(shown)
			eval[chromedp.Void](e, `window.scrollTo(0, 0)`)
			// The reader's focus: on the answer just given.
			eval[chromedp.Void](e, `(() => { const el = document.querySelector('.fc-q[data-q="2"] input:checked');
				el.focus({preventScroll: true}); el.dataset.focusMark = "1"; })()`)
			before := eval[string](e, geometryJS)
			shiftsBefore := evalAwait[float64](e, shiftSoFar)

			if _, err := chromedp.Call(e.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: reqID}); err != nil {
				t.Fatal(err)
			}
			// Hold it no more: the reload below may ask for it again (the
			// service worker, which would answer from its cache, waits
			// for the reader to pause).
			if _, err := chromedp.Call(e.ctx, fetch.Disable, cdp.Empty{}); err != nil {
				t.Fatal(err)
			}
			e.waitLive()
			time.Sleep(300 * time.Millisecond) // a few frames for anything to move
			after := eval[string](e, geometryJS)
			if before != after {
				t.Errorf("the takeover moved the page:\nbefore %s\nafter  %s", before, after)
			}
			if !eval[bool](e, `document.activeElement && document.activeElement.dataset.focusMark === "1"`) {
				t.Errorf("the takeover moved focus to %s", eval[string](e, `document.activeElement ? document.activeElement.outerHTML.slice(0, 100) : "nothing"`))
			}
			if y := eval[float64](e, `window.scrollY`); y != 0 {
				t.Errorf("the takeover scrolled the page to %.0f", y)
			}
			if shift := evalAwait[float64](e, shiftSoFar) - shiftsBefore; shift != 0 {
				t.Errorf("layout shift at the takeover: %.4f, want 0", shift)
			}
			if got, want := e.cardStep(), fmt.Sprintf("Call %d of 5", shown); got != want {
				t.Errorf("after the takeover the card is %q, want %s", got, want)
			}
			if !eval[bool](e, fmt.Sprintf(`document.getElementById("fc-night-motion").getAttribute("d") === document.querySelector('[data-layer="night"] [data-step="%d"]').getAttribute("d")`, shown)) {
				t.Errorf("the live night shading is not the prerendered one of call %d", shown)
			}
			if !eval[bool](e, fmt.Sprintf(`document.getElementById("fc-clock-motion").checkVisibility({visibilityProperty: true}) && document.getElementById("fc-clock-motion").textContent.replace(/\s+/g, " ").trim() === document.querySelector('.fc-clock [data-step="%d"]').textContent.replace(/\s+/g, " ").trim()`, shown)) {
				t.Errorf("the live clock does not show call %d's time", shown)
			}
			waitAnswers(t, e.url, 2)

			// A reload restores the answers (the browser keeps a form's
			// state); the app sends nothing twice.
			e.do(30*time.Second, chromedp.Reload())
			e.waitLive()
			time.Sleep(1500 * time.Millisecond)
			waitAnswers(t, e.url, 2)
			if errs := e.consoleErrors(); len(errs) > 0 {
				t.Errorf("console errors: %q", errs)
			}
		})
	}
}

// TestTheTakeoverLetsTapsThrough taps Next the moment go.run starts the
// WebAssembly (a click queued as a task of its own, as a tap is): the page's
// script carries it out while the takeover is still under way, since the
// takeover hands the browser its thread between steps. A takeover in one
// task, as it was, fails: the tap waits for its end, when the page is
// already live.
func TestTheTakeoverLetsTapsThrough(t *testing.T) {
	e := newEnv(t, 390, 844)
	if _, err := chromedp.Call(e.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
		const r = window.__takeover = {started: false, tapped: null, step: -1};
		let go;
		Object.defineProperty(window, "Go", {configurable: true, get: () => go, set: v => {
			go = v;
			const run = v.prototype.run;
			v.prototype.run = function (instance) {
				r.started = true;
				setTimeout(() => {
					const next = [...document.querySelectorAll('label[data-control="next"]')].find(el => el.checkVisibility({visibilityProperty: true}));
					r.tapped = document.documentElement.hasAttribute("data-fc-motion") ? "live" : "taking over";
					next.click();
					r.step = [...document.querySelectorAll('input[name="fc-step"]')].findIndex(el => el.checked);
				});
				return run.call(this, instance);
			};
		}});
	})()`}); err != nil {
		t.Fatal(err)
	}
	e.openServed("/")
	e.waitLive()
	e.waitFor(`window.__takeover.step >= 0`, 10*time.Second)
	if got := eval[string](e, `window.__takeover.tapped`); got != "taking over" {
		t.Errorf("a tap queued as go.run started was carried out once the page was %s, want while taking over", got)
	}
	if got := eval[int](e, `window.__takeover.step`); got != 1 {
		t.Errorf("after the tap the step shown is %d, want 1 (Next from the overview)", got)
	}
	e.waitCard(1)
	if errs := e.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestWarmUpRunsToItsEnd runs the page's script as the page runs it in a
// worker: it compiles the WebAssembly and runs it there with ui.WarmArg
// (client.WarmUp) before handing the module back. The warm-up must run to
// its end and report 0, in a worker, where there is no document and no
// storage but page.js's stand-in page: go-app starts and mounts the
// client's root against it, which adopts it. One that panics half-way
// (tried: a panic at WarmUp's end, and the stand-in page without its
// document, both exit with 2) or does not adopt the page (3) leaves the
// compiling to the page's main thread again (TestWarmUpLeavesThePageLittleToCompile).
func TestWarmUpRunsToItsEnd(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/")
	got := evalAwait[float64](e, `new Promise(done => {
		const script = document.querySelector('script[src*="page.js"]').src; // app.wasm and wasm_exec.js are beside it
		const w = new Worker(script);
		w.onmessage = ev => { w.terminate(); done(ev.data && ev.data.module ? ev.data.warm : -2) };
		w.onerror = () => done(-3);
		w.postMessage({wasm: new URL("app.wasm" + new URL(script).search, script).href, exec: new URL("../wasm_exec.js" + new URL(script).search, script).href});
	})`)
	if got != 0 {
		t.Errorf("the warm-up in the worker ended with %v, want 0 (-1: it did not end, -2: no module, -3: the worker failed, 2: a panic, 3: root did not adopt the stand-in page; console: %q)", got, e.consoleErrors())
	}
}

// TestWarmUpLeavesThePageLittleToCompile follows a reader's session in a
// Chrome trace: a first tap (the WebAssembly starts and takes over), a
// move to the next call, an answer and its figures. A browser compiles a
// WebAssembly function on its first call, on the thread that calls it;
// page.js's worker runs the client's warm-up first (client.WarmUp), so the
// page's main thread should compile almost nothing itself: 3 to 7
// functions in my runs (client.Start, which only the page runs, and a few
// of the runtime's). With the warm-up stopping after go-app's mount, as it
// did before it adopted a stand-in page, the page compiled 68 (34 ms at
// 4× CPU), and without any warm-up about 240.
func TestWarmUpLeavesThePageLittleToCompile(t *testing.T) {
	e := newPerfEnv(t)
	seedOtherReader(t, e.url, story.Default().Quiz.Questions[:1]) // a share needs two answers
	stop := e.record("v8.wasm")
	e.do(30*time.Second, chromedp.Navigate(e.url+"/"))
	e.tap(`label[data-control="next"]`)
	if !e.waitFor(liveJS, 30*time.Second) {
		t.Fatal("the page did not go live")
	}
	e.tap(`label[data-control="next"]`)
	time.Sleep(2 * time.Second) // the move
	e.tap(`.fc-q[data-q="1"] .fc-choice:nth-child(2)`)
	if !e.waitFor(`[...document.querySelectorAll('.fc-q[data-q="1"] .fc-share-num')].some(el => /\d/.test(el.textContent))`, 30*time.Second) {
		t.Fatal("the answer's figures were not filled in")
	}
	events := stop()

	type event struct {
		Name, Ph string
		Pid, Tid int
		Args     struct {
			Name string `json:"name"`
		}
	}
	threads := map[[2]int]string{}
	var compiled [][2]int
	for _, raw := range events {
		var ev event
		if json.Unmarshal(raw, &ev) != nil {
			continue
		}
		switch {
		case ev.Ph == "M" && ev.Name == "thread_name":
			threads[[2]int{ev.Pid, ev.Tid}] = ev.Args.Name
		case ev.Name == "wasm.CompileLazy":
			compiled = append(compiled, [2]int{ev.Pid, ev.Tid})
		}
	}
	// A function is compiled on the thread that first calls it: the
	// worker's, or else the page's main thread.
	onPage, inWorker := 0, 0
	for _, th := range compiled {
		if threads[th] == "DedicatedWorker thread" {
			inWorker++
		} else {
			onPage++
		}
	}
	t.Logf("WebAssembly functions compiled on the page's main thread: %d; in the worker: %d", onPage, inWorker)
	if inWorker < 1000 {
		t.Fatalf("the trace saw %d functions compiled in the worker, %d on the page: too few to judge the warm-up by", inWorker, onPage)
	}
	if onPage > 15 {
		t.Errorf("the page's main thread compiled %d WebAssembly functions itself (the worker %d), want at most 15: the warm-up no longer runs what the takeover, a move or an answer runs", onPage, inWorker)
	}
}

// TestCardsAreWarmBeforeTheFirstTap: page.js lays out each call's card
// that web/state.css holds back (content-visibility: hidden) once, in idle
// moments after the load, and the browser keeps that layout while the
// card is held back. A first tap on Next then lays out only what changes
// around the card it shows (about 35 objects here), not the card's whole
// subtree for the first time (about 150 without the warming). The
// warming leaves no trace in the page: no card keeps a style attribute.
func TestCardsAreWarmBeforeTheFirstTap(t *testing.T) {
	e := newPerfEnv(t)
	e.do(30*time.Second, chromedp.Navigate(e.url+"/"))
	// The warming takes one idle callback a card, queued one after the
	// other from the load; idle callbacks run in the order they were
	// asked for, so once as many more as there are cards have run, so
	// has the warming.
	if !perfEval[bool](e, `new Promise(done => {
		let left = document.querySelectorAll(".fc-cards > *").length + 1;
		const wait = () => --left ? requestIdleCallback(wait) : done(true);
		requestIdleCallback(wait);
		setTimeout(() => done(false), 20000);
	})`) {
		t.Fatal("the page had no idle moment for 20 s")
	}
	styled := `document.querySelectorAll(".fc-cards > [style]").length`
	if n := perfEval[int](e, styled); n > 0 {
		t.Errorf("%d cards have a style attribute after the warming: the cards must keep the attributes the server wrote", n)
	}
	stop := e.record("devtools.timeline")
	e.tap(`label[data-control="next"]`)
	time.Sleep(time.Second)
	events := stop()
	if n := perfEval[int](e, styled); n > 0 {
		t.Errorf("%d cards have a style attribute after the first tap", n)
	}

	// The layout in the tap's own task: the first after its click.
	type event struct {
		Name string
		Ts   float64
		Args struct {
			Data struct {
				Type string `json:"type"`
			} `json:"data"`
			BeginData struct {
				DirtyObjects int `json:"dirtyObjects"`
			} `json:"beginData"`
		}
	}
	var evs []event
	for _, raw := range events {
		var ev event
		if json.Unmarshal(raw, &ev) == nil && (ev.Name == "Layout" || ev.Name == "EventDispatch") {
			evs = append(evs, ev)
		}
	}
	slices.SortFunc(evs, func(a, b event) int { return cmp.Compare(a.Ts, b.Ts) })
	clicked, laidOut := false, -1
	for _, ev := range evs {
		if ev.Name == "EventDispatch" && ev.Args.Data.Type == "click" {
			clicked = true
		}
		if clicked && ev.Name == "Layout" {
			laidOut = ev.Args.BeginData.DirtyObjects
			break
		}
	}
	if laidOut < 0 {
		t.Fatalf("the trace saw no layout after the tap's click (click seen: %v)", clicked)
	}
	t.Logf("the first tap's layout laid out %d objects", laidOut)
	if laidOut > 80 {
		t.Errorf("the first tap on Next laid out %d objects, want at most 80: the card it showed was laid out for the first time", laidOut)
	}
}

// TestFirstVisitDownloadsTheWasmOnce: the page's fetch and the service
// worker's precache share one versioned URL, and the worker takes it from
// the HTTP cache.
func TestFirstVisitDownloadsTheWasmOnce(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.open("/")
	e.waitForServiceWorker()
	e.waitFor(`caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(ls => ls.flat().some(r => r.url.includes("app.wasm")))`, 15*time.Second)
	if n := e.wasm.Load(); n != 1 {
		t.Errorf("app.wasm was downloaded %d times on a first visit, want once", n)
	}
}

// TestOneMainLandmark: the widget is the page's one <main>, as served and
// once live.
func TestOneMainLandmark(t *testing.T) {
	e := newEnv(t, 1280, 800)
	e.openServed("/")
	count := `document.querySelectorAll('main, [role="main"]').length`
	if n := eval[int](e, count); n != 1 {
		t.Errorf("served page: %d main landmarks, want 1", n)
	}
	e.waitLive()
	if n := eval[int](e, count); n != 1 {
		t.Errorf("live page: %d main landmarks, want 1", n)
	}
}

// stepThroughCalls starts on the overview, visits every call with Next and
// comes back to the overview after the last, goes back with Previous, and
// picks calls in the list and on the strip of the day, and the overview.
func (e *env) stepThroughCalls() {
	e.t.Helper()
	e.waitCard(0)
	for n := 1; n <= 5; n++ {
		e.clickVisible(`label[data-control="next"]`)
		e.waitCard(n)
	}
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(0)
	e.clickVisible(`.fc-call-btn[data-mark="5"]`)
	e.waitCard(5)
	e.clickVisible(`label[data-control="prev"]`)
	e.waitCard(4)
	e.clickVisible(`.fc-call-btn[data-mark="1"]`)
	e.waitCard(1)
	e.clickVisible(`.fc-mark[data-mark="3"]`)
	e.waitCard(3)
	e.clickVisible(`label[data-control="overview"]`)
	e.waitCard(0)
	e.clickVisible(`.fc-mark[data-mark="3"]`)
	e.waitCard(3)
}

// answerQuestion picks choice index of question n (1-based) and waits for
// its verdict.
func (e *env) answerQuestion(n, index int) {
	e.t.Helper()
	e.clickVisible(fmt.Sprintf(`.fc-q[data-q="%d"] .fc-choice:nth-child(%d)`, n, index+1))
	e.waitFor(fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] .fc-verdict')].some(v => v.checkVisibility({visibilityProperty: true}))`, n), 5*time.Second)
}

// nextQuestion presses question n's "Next question" and waits for
// question n+1 and, with scripts, for the focus page.js gives its prompt
// (a task later): a click meanwhile could land where the page was.
func (e *env) nextQuestion(n int) {
	e.t.Helper()
	e.clickVisible(fmt.Sprintf(`.fc-q[data-q="%d"] .fc-next`, n))
	shown := fmt.Sprintf(`document.querySelector('.fc-q[data-q="%d"]').checkVisibility({visibilityProperty: true})`, n+1)
	if !e.scriptsOff {
		shown += ` && document.activeElement && document.activeElement.id === ` + jsString(ui.PromptID(n+1))
	}
	e.waitFor(shown, 5*time.Second)
}

// answerWholeQuiz answers every question, right for the first half and
// wrong after, checking each verdict and explanation, and returns the score.
func (e *env) answerWholeQuiz() int {
	e.t.Helper()
	qs := story.Default().Quiz.Questions
	score := 0
	for i, q := range qs {
		n := i + 1
		e.waitFor(fmt.Sprintf(`document.querySelector('.fc-q[data-q="%d"]').checkVisibility({visibilityProperty: true})`, n), 5*time.Second)
		_, idx := wrongChoice(q)
		if i < len(qs)/2 {
			_, idx = correctChoice(q)
			score++
		}
		e.answerQuestion(n, idx)
		verdict := eval[string](e, fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] .fc-verdict')].find(v => v.checkVisibility({visibilityProperty: true})).textContent`, n))
		if (i < len(qs)/2) != strings.HasPrefix(verdict, "✓ Right") {
			e.t.Errorf("question %d: verdict %q", n, verdict)
		}
		if !eval[bool](e, fmt.Sprintf(`(el => el.checkVisibility({visibilityProperty: true}) && el.textContent.length > 20)(document.querySelector('.fc-q[data-q="%d"] .fc-explanation'))`, n)) {
			e.t.Errorf("question %d: no explanation shown", n)
		}
		// Answered means settled: another choice can no longer be picked.
		other := (idx + 1) % len(q.Choices)
		e.clickVisible(fmt.Sprintf(`.fc-q[data-q="%d"] .fc-choice:nth-child(%d)`, n, other+1))
		if got := eval[int](e, fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] input')].findIndex(r => r.checked)`, n)); got != idx {
			e.t.Errorf("question %d: a second tap changed the answer to %d", n, got)
		}
		if n < len(qs) {
			e.nextQuestion(n)
		}
	}
	e.waitFor(`document.querySelector('.fc-end').checkVisibility({visibilityProperty: true})`, 5*time.Second)
	return score
}

// scoreText is the end's score line as a reader hears and sees it: its
// number is a CSS counter, which only the accessibility tree spells out.
func (e *env) scoreText() string {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	defer cancel()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(".fc-score")))
	if err != nil || len(nodes) == 0 {
		e.t.Fatalf("no score line: %v", err)
	}
	var text []string
	full, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		e.t.Fatal(err)
	}
	byID := map[accessibility.NodeID]*accessibility.Node{}
	var root *accessibility.Node
	for _, n := range full.Nodes {
		byID[n.NodeID] = n
		if n.BackendDOMNodeID == nodes[0].BackendNodeID {
			root = n
		}
	}
	if root == nil {
		e.t.Fatal("the score line is not in the accessibility tree")
	}
	var collect func(n *accessibility.Node)
	collect = func(n *accessibility.Node) {
		if n.Role != nil && string(n.Role.Value) == `"StaticText"` && n.Name != nil {
			text = append(text, strings.Trim(string(n.Name.Value), `"`))
		}
		for _, c := range n.ChildIDs {
			if k := byID[c]; k != nil {
				collect(k)
			}
		}
	}
	collect(root)
	return strings.Join(strings.Fields(strings.Join(text, "")), " ")
}

// geometryJS lists where the widget's blocks and controls are, and how tall
// the page is: what a reader would see move.
const geometryJS = `JSON.stringify([document.documentElement.scrollHeight,
	...[...document.querySelectorAll('.fc-head, .fc-map, .fc-timeline, .fc-cards, .fc-list, #fc-quiz, .fc-notes, .fc-embed, .fc-foot, .fc-btn, .fc-card, .fc-q, .fc-choice, .fc-clock, .fc-clock-time, .fc-strip')]
		.filter(el => el.checkVisibility({visibilityProperty: true}))
		.map(el => { const r = el.getBoundingClientRect(); return [el.className, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] })])`

// layoutShiftRecorder sums the page's layout shifts from its start.
const layoutShiftRecorder = `window.__shift = 0;
window.__shifts = new PerformanceObserver(l => { for (const e of l.getEntries()) window.__shift += e.value });
window.__shifts.observe({type: "layout-shift", buffered: true});`

// shiftSoFar is the layout shift summed up to now: after two frames, so
// that what the page changed has been rendered, with the entries the
// observer has not yet been handed. Read at once, a shift of the reader's
// last answer (its card shown, 0.91 at 390 px) could reach the observer
// after the read and be counted as the takeover's (it did, in CI).
const shiftSoFar = `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
	for (const e of window.__shifts.takeRecords()) window.__shift += e.value;
	done(window.__shift);
})))`

// holdWasm pauses the page's requests for app.wasm and sends their ids on
// the channel; each must be continued with fetch.ContinueRequest.
func holdWasm(t *testing.T, ctx context.Context) <-chan fetch.RequestID {
	t.Helper()
	held := make(chan fetch.RequestID, 4)
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			held <- ev.RequestID
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*app.wasm*"}},
	}); err != nil {
		t.Fatal(err)
	}
	return held
}

// TestGoAppTakesNoClick: go-app sets window.onclick for its own navigation
// as it starts, and the client lets it go in the same task (Routes), so no
// tap of the takeover calls into Go for it, and links stay links. Break
// it: let it go a step later (in root's adoption, as it was), and the
// handler is still there when the next task runs.
func TestGoAppTakesNoClick(t *testing.T) {
	e := newEnv(t, 390, 844)
	if _, err := chromedp.Call(e.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
		const r = window.__onclick = {sets: [], heldOver: false};
		const d = Object.getOwnPropertyDescriptor(window, "onclick");
		Object.defineProperty(window, "onclick", {configurable: true, enumerable: true,
			get() { return d.get.call(window); },
			set(v) {
				d.set.call(window, v);
				r.sets.push(typeof v === "function" ? "handler" : String(v));
				if (typeof v === "function") setTimeout(() => { if (typeof d.get.call(window) === "function") r.heldOver = true; });
			}});
	})()`}); err != nil {
		t.Fatal(err)
	}
	e.open("/")
	e.waitFor(`window.__onclick.sets.length >= 2`, 10*time.Second)
	if got := eval[[]string](e, `window.__onclick.sets`); len(got) != 2 || got[0] != "handler" || got[1] != "null" {
		t.Fatalf("window.onclick was set to %v, want go-app's handler, then null", got)
	}
	if eval[bool](e, `window.__onclick.heldOver`) {
		t.Error("go-app's window.onclick was still set in the task after go-app's: a tap then calls into Go")
	}
	if eval[bool](e, `typeof window.onclick === "function"`) {
		t.Error("window.onclick is set once the page is live")
	}
}
