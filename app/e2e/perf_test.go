package e2e

// Performance in the browser. TestStoryVisibleBeforeWasm asserts behaviour
// only: the story, the calls and the map are on screen while the WebAssembly
// is still held back by the DevTools Fetch domain. The Benchmark functions
// measure and never assert a timing; cmd/benchreport runs them and compares
// their metrics with the targets:
//
//	go test -run '^$' -bench 'BenchmarkAnimation|BenchmarkFirstTap|BenchmarkSession' -benchtime 1x ./app/e2e

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/systeminfo"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/rs/zerolog"
)

// TestStoryVisibleBeforeWasm holds every request for app.wasm, then checks
// that the page's title, the calls (the list, or the compact embed's
// overview) and the map are painted, laid out and not covered, while the app is not live: nothing on screen waited
// for the WebAssembly. Releasing the request then boots the widget as usual.
func TestStoryVisibleBeforeWasm(t *testing.T) {
	for _, tc := range []struct {
		path          string
		width, height int64
	}{
		{"/", 360, 740}, // subtest "_360x740"
		{"/", 1280, 800},
		{"/embed", 360, 740},
	} {
		t.Run(fmt.Sprintf("%s_%dx%d", strings.Trim(tc.path, "/"), tc.width, tc.height), func(t *testing.T) {
			e := newEnv(t, tc.width, tc.height)
			held := holdWasm(t, e.ctx)

			// Navigate returns at the load event; the page asks for the
			// wasm on the reader's first interaction (a key here). The
			// story is on screen regardless.
			e.do(30*time.Second, chromedp.Navigate(e.url+tc.path))
			e.press(kb.Shift)
			var reqID fetch.RequestID
			select {
			case reqID = <-held:
			case <-time.After(20 * time.Second):
				t.Fatalf("the page never asked for app.wasm (console: %q)", e.consoleErrors())
			}

			if eval[bool](e, liveJS) {
				t.Fatal("the app is live: something other than the held wasm ran the page")
			}
			s := story.Default()
			if got := eval[string](e, `document.title`); got != s.Title {
				t.Errorf("document.title = %q, want %q", got, s.Title)
			}
			e.waitFor(`performance.getEntriesByType('paint').some(p => p.name === 'first-contentful-paint')`, 10*time.Second)

			// Each part: rendered with a size, not hidden, and the topmost
			// element at its centre once scrolled into view.
			check := func(name, selector string, minW, minH float64) {
				t.Helper()
				got := eval[[]any](e, `(() => {
					const el = document.querySelector(`+jsString(selector)+`);
					if (!el) return ["missing"];
					el.scrollIntoView({block: "center", inline: "nearest"});
					const r = el.getBoundingClientRect();
					for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
						const cs = getComputedStyle(n);
						if (cs.display === "none" || cs.visibility === "hidden" || cs.visibility === "collapse" || parseFloat(cs.opacity) < 0.1 || cs.contentVisibility === "hidden")
							return ["hidden by " + n.tagName.toLowerCase() + (n.className && n.className.baseVal === undefined ? "." + n.className : "")];
					}
					const x = Math.min(Math.max(r.left + r.width / 2, 1), innerWidth - 1);
					const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 20), 1), innerHeight - 1);
					const top = document.elementFromPoint(x, y);
					const covered = !top || !(el === top || el.contains(top) || top.contains(el));
					return ["ok", r.width, r.height, covered ? (top ? top.outerHTML.slice(0, 120) : "nothing") : ""];
				})()`)
				if len(got) == 0 || got[0] != "ok" {
					t.Errorf("%s (%s): %v", name, selector, got)
					return
				}
				w, h, cover := got[1].(float64), got[2].(float64), got[3].(string)
				if w < minW || h < minH {
					t.Errorf("%s is %.0f×%.0f px, want at least %.0f×%.0f", name, w, h, minW, minH)
				}
				if cover != "" {
					t.Errorf("%s is covered by %s", name, cover)
				}
			}
			check("title", "h1.fc-title, .fc-title", 100, 10)
			check("map", `svg[data-part="map"]`, 200, 80)
			// The page lists the calls; the compact embed's overview card
			// names them in order.
			calls := "ol.fc-calls"
			if tc.path == "/embed" {
				calls = `.fc-card[data-step="0"]`
			} else if n := eval[int](e, `[...document.querySelectorAll('ol.fc-calls > li')].filter(li => li.getBoundingClientRect().height > 0 && li.textContent.trim() !== "").length`); n != len(s.Calls) {
				t.Errorf("%d calls laid out with text, want %d", n, len(s.Calls))
			}
			check("calls", calls, 150, 50)
			for _, c := range s.Calls {
				if !eval[bool](e, `document.querySelector(`+jsString(calls)+`).textContent.includes(`+jsString(c.Leader.Name)+`)`) {
					t.Errorf("%s does not name %s", calls, c.Leader.Name)
				}
			}
			// The map is drawn: land with an extent, and one arc per call.
			if w := eval[float64](e, `(() => { let w = 0; for (const p of document.querySelectorAll('svg[data-part="map"] [data-layer="land"], [data-layer="borders"], [data-layer="graticule"]')) w = Math.max(w, p.getBBox().width); return w })()`); w < 100 {
				t.Errorf("the base map's widest path is %.0f units wide, want a drawn world", w)
			}
			if n := eval[int](e, `[...document.querySelectorAll('svg[data-part="map"] [data-layer="arcs"] path')].filter(p => p.getTotalLength() > 0).length`); n < len(s.Calls) {
				t.Errorf("%d arcs drawn, want %d", n, len(s.Calls))
			}
			if eval[bool](e, liveJS) {
				t.Error("the widget went live while app.wasm was held")
			}

			// Let the wasm through: the widget boots as usual.
			if _, err := chromedp.Call(e.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: reqID}); err != nil {
				t.Fatal(err)
			}
			e.waitLive()
			if got := eval[string](e, `document.title`); got != s.Title {
				t.Errorf("after boot, document.title = %q", got)
			}
		})
	}
}

// liveJS is true once the WebAssembly has adopted the page.
const liveJS = `document.documentElement.hasAttribute("data-fc-motion")`

// perfScript runs before any of the page's scripts. It records long tasks,
// long animation frames, layout shifts, the events of each interaction that took 16 ms or more
// (Event Timing) and every pointerdown from the start of navigation, the
// load event, when go.run starts the WebAssembly and the moment the page
// goes live, and, after a tap armed by armTap, when the page carried it
// out: the state change the tap makes (a radio's change event), then the
// end of the next frame, when the reader sees it.
var perfScript = `(() => {
	const p = window.__perf = {longtasks: [], shifts: [], events: [], taps: [], load: 0, live: 0, goRun: 0};
	// observe throws on some types a browser lacks, and only warns on
	// others: ask first, so that a figure never reads 0 for want of it.
	const observable = (type) => (PerformanceObserver.supportedEntryTypes || []).includes(type) || (() => { throw new Error(type + " is not observable") })();
	try {
		observable("longtask");
		new PerformanceObserver(l => { for (const e of l.getEntries()) p.longtasks.push([e.startTime, e.duration]) })
			.observe({type: "longtask", buffered: true});
	} catch (e) { p.noLongtasks = String(e) }
	// Long Animation Frames: a task together with the rendering that
	// follows it (style, layout, paint), which a longtask entry leaves out:
	// a step's restyle, or the load's first layout, runs in a rendering
	// task of its own. blockingDuration is the frame's time over 50 ms:
	// each long task's excess, the rendering counted with the longest.
	p.frames = [];
	try {
		observable("long-animation-frame");
		new PerformanceObserver(l => { for (const e of l.getEntries()) p.frames.push([e.startTime, e.duration, e.blockingDuration]) })
			.observe({type: "long-animation-frame", buffered: true});
	} catch (e) { p.noFrames = String(e) }
	// Event Timing, as INP reads it: every event of an interaction
	// (interactionId) that took 16 ms or more, from its input to the next
	// paint.
	try {
		observable("event");
		new PerformanceObserver(l => {
			for (const e of l.getEntries()) {
				if (!e.interactionId) continue;
				const t = e.target;
				const what = t ? (t.closest && t.closest("[data-control]") ? "control " + t.closest("[data-control]").getAttribute("data-control") : t.tagName.toLowerCase() + (t.className && typeof t.className === "string" ? "." + t.className.split(" ")[0] : "")) : "";
				p.events.push([e.interactionId, e.startTime, e.duration, e.name, what]);
			}
		}).observe({type: "event", durationThreshold: 16, buffered: true});
	} catch (e) { p.noEvents = String(e) }
	// When go.run starts the WebAssembly: the start of the takeover.
	let go;
	Object.defineProperty(window, "Go", {configurable: true, get: () => go, set: v => {
		go = v;
		const run = v.prototype.run;
		v.prototype.run = function (instance) { if (!p.goRun) p.goRun = performance.now(); return run.call(this, instance) };
	}});
	addEventListener("pointerdown", e => p.taps.push(e.timeStamp), true);
	try {
		new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) p.shifts.push([e.startTime, e.value]) })
			.observe({type: "layout-shift", buffered: true});
	} catch (e) {}
	addEventListener("load", () => { p.load = performance.now() });
	new MutationObserver(() => {
		if (!p.live && document.documentElement.hasAttribute("data-fc-motion")) p.live = performance.now();
	}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-fc-motion"]});
	addEventListener("pointerdown", e => { if (p.armed && !p.tapEvent) p.tapEvent = e.timeStamp }, true);
	// A tap changes a radio (a change event), or the page's script shows a
	// step itself (Play's first step: its step event, no change event).
	const carried = () => {
		if (!p.armed || p.changed) return;
		p.changed = performance.now();
		requestAnimationFrame(() => setTimeout(() => { p.shown = performance.now() }));
	};
	document.addEventListener("change", carried, true);
	document.addEventListener("` + ui.StepEvent + `", carried, true);
	p.armTap = (selector) => {
		const el = [...document.querySelectorAll(selector)].find(el => el.checkVisibility({visibilityProperty: true}));
		if (!el) return [];
		el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect();
		p.armed = true; p.tapAt = performance.now(); p.tapEvent = 0; p.changed = 0; p.shown = 0;
		return [r.left + r.width / 2, r.top + r.height / 2];
	};
})()`

// perfEnv is a benchmark's server and a fresh headless Chromium tab with a
// phone's viewport (Lighthouse's mobile one: 412×823 at 1.75×).
type perfEnv struct {
	tb    testing.TB
	url   string
	ctx   context.Context
	bytes *atomic.Int64 // response body bytes the server has sent
	wasm  *atomic.Int64 // app.wasm bodies the server has sent
	close func()        // ends the browser; also done at the end of the benchmark
}

func newPerfEnv(tb testing.TB) *perfEnv {
	tb.Helper()
	return newPerfEnvOf(tb, story.Default())
}

// newPerfEnvOf is newPerfEnv with the server telling st.
func newPerfEnvOf(tb testing.TB, st *story.Story) *perfEnv {
	tb.Helper()
	path := ""
	for _, p := range []string{os.Getenv("FIVECALLS_CHROMIUM"), "/usr/bin/chromium"} {
		if _, err := os.Stat(p); p != "" && err == nil {
			path = p
			break
		}
	}
	if path == "" {
		perfSkipOrFail(tb, "browser benchmarks need Chromium (apt-get install chromium)")
	}
	if _, err := os.Stat(filepath.Join(webDir, "app.wasm")); err != nil {
		perfSkipOrFail(tb, "browser benchmarks need web/app.wasm (make build)")
	}
	e := &perfEnv{tb: tb, bytes: new(atomic.Int64), wasm: new(atomic.Int64)}
	e.url = startPerfServer(tb, st, e.bytes, e.wasm)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(412, 823),
	)
	ctx, cancelCtx := chromedp.NewContext(actx)
	e.close = func() {
		cancelCtx()
		cancelAlloc()
	}
	tb.Cleanup(e.close)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	e.ctx = ctx
	e.do(10*time.Second, chromedp.EmulateViewport(412, 823, chromedp.EmulateScale(1.75), chromedp.EmulateMobile))
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: perfScript}); err != nil {
		tb.Fatal(err)
	}
	return e
}

func perfSkipOrFail(tb testing.TB, msg string) {
	tb.Helper()
	if required() {
		tb.Fatal(msg)
	}
	tb.Skip(msg + " (set CI=true or FIVECALLS_REQUIRE_ALL=1 to make this a failure)")
}

// startPerfServer serves a story and counts what it sends.
func startPerfServer(tb testing.TB, s *story.Story, bytes, wasm *atomic.Int64) string {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "answers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	h, err := server.New(zerolog.Nop(), server.Config{Story: s, WebDir: webDir}, st)
	if err != nil {
		tb.Fatal(err)
	}
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w, n: bytes}
		h.ServeHTTP(cw, r)
		if strings.HasSuffix(r.URL.Path, "/app.wasm") && cw.wrote > 0 {
			wasm.Add(1)
		}
	})
	ts := httptest.NewServer(counted)
	tb.Cleanup(ts.Close)
	return ts.URL
}

// countingWriter counts the body bytes a response sends.
type countingWriter struct {
	http.ResponseWriter
	n     *atomic.Int64
	wrote int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.wrote += n
	w.n.Add(int64(n))
	return n, err
}

func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (e *perfEnv) do(timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	e.tb.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		e.tb.Fatalf("browser: %v", err)
	}
}

func perfEval[T any](e *perfEnv, js string) T {
	e.tb.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		e.tb.Fatalf("evaluate %.80s: %v", js, err)
	}
	return v
}

func (e *perfEnv) waitFor(js string, timeout time.Duration) bool {
	e.tb.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, timeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	return err == nil
}

func (e *perfEnv) throttle(rate float64) {
	e.tb.Helper()
	if _, err := chromedp.Call(e.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: rate}); err != nil {
		e.tb.Fatal(err)
	}
}

// slow4G is Lighthouse's mobile network: 150 ms round trips, 1.6 Mbps down,
// 750 kbps up (bytes per second here, as DevTools takes them).
func (e *perfEnv) slow4G() {
	e.tb.Helper()
	if _, err := chromedp.Call(e.ctx, network.Enable, network.EnableParams{}); err != nil {
		e.tb.Fatal(err)
	}
	if _, err := chromedp.Call(e.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: 150, DownloadThroughput: 1.6e6 / 8, UploadThroughput: 750e3 / 8}},
	}); err != nil {
		e.tb.Fatal(err)
	}
}

// tap clicks what the selector finds with real input events, after noting
// the time in the page.
func (e *perfEnv) tap(selector string) {
	e.tb.Helper()
	xy := perfEval[[]float64](e, `window.__perf.armTap(`+jsString(selector)+`)`)
	if len(xy) != 2 {
		e.tb.Fatalf("nothing visible to tap at %s", selector)
	}
	e.do(30*time.Second, chromedp.MouseClickXY(xy[0], xy[1]))
}

// BenchmarkAnimation plays the timeline under a 4× CPU throttle on a phone
// viewport once the page is live, and records every requestAnimationFrame
// interval and every long task for 12 s: from the overview to the first
// call, then two moves to the next call (the map easing to each framing,
// night and clock travelling, arcs drawing, places pulsing).
//
// Metrics: median-frame-ms, p95-frame-ms, worst-frame-ms,
// longest-task-ms, long-tasks (over 50 ms) and fps over the whole
// recording; framing-median-frame-ms, framing-worst-frame-ms and
// framing-longest-task-ms while the map eases to a new framing;
// motion-median-ms, motion-p90-ms and motion-worst-ms, the time the
// WebAssembly's own frame callback takes (the night and the clock moving),
// without the browser's rendering of the frame.
func BenchmarkAnimation(b *testing.B) {
	const record = 12 * time.Second
	e := newPerfEnv(b)
	var frames, tasks, framing, framingTasks, motion []float64
	for b.Loop() {
		e.throttle(1)
		e.do(30*time.Second, chromedp.Navigate(e.url+"/"))
		e.do(5*time.Second, chromedp.KeyEvent(kb.Shift))
		if !e.waitFor(liveJS, 30*time.Second) {
			b.Fatal("the widget did not go live")
		}
		time.Sleep(500 * time.Millisecond)
		e.throttle(4)
		perfEval[chromedp.Void](e, `(() => {
			const p = window.__perf;
			p.rec = {from: performance.now(), frames: [], steps: [], motion: []};
			// Play's steps: page.js shows each itself (no change event).
			document.addEventListener("`+ui.StepEvent+`", () => p.rec.steps.push(performance.now()), true);
			// The WebAssembly's own work in each frame of a move (the
			// night, the clock): its frame callbacks are wasm_exec.js's
			// wrappers, which resume the Go program.
			const raf = window.requestAnimationFrame;
			window.requestAnimationFrame = cb => raf.call(window, !String(cb).includes("_resume") ? cb : t => {
				const at = performance.now();
				try { return cb(t) } finally { p.rec.motion.push(performance.now() - at) }
			});
			let last = 0;
			const tick = t => { if (!p.rec.stop) { if (last) p.rec.frames.push([t, t - last]); last = t; requestAnimationFrame(tick) } };
			requestAnimationFrame(tick);
		})()`)
		e.tap(`[data-control="play"]`)
		time.Sleep(record)
		res := perfEval[struct {
			Frames  [][2]float64 `json:"frames"`
			Steps   []float64    `json:"steps"`
			Tasks   [][2]float64 `json:"tasks"`
			Motion  []float64    `json:"motion"`
			Playing string       `json:"playing"`
		}](e, `(() => {
			const p = window.__perf; p.rec.stop = true;
			return {frames: p.rec.frames, steps: p.rec.steps, tasks: p.longtasks.filter(t => t[0] >= p.rec.from), motion: p.rec.motion,
				playing: document.querySelector('[data-control="play"]').getAttribute("data-playing")};
		})()`)
		e.throttle(1)
		if res.Playing != "true" {
			b.Fatalf("the timeline was not playing at the end of the recording (%q)", res.Playing)
		}
		// The map eases to each step's framing over 0.6 s.
		during := func(t float64) bool {
			for _, s := range res.Steps {
				if t >= s && t <= s+framingMs {
					return true
				}
			}
			return false
		}
		for _, f := range res.Frames {
			frames = append(frames, f[1])
			if during(f[0]) {
				framing = append(framing, f[1])
			}
		}
		motion = append(motion, res.Motion...)
		for _, t := range res.Tasks {
			tasks = append(tasks, t[1])
			if during(t[0]) {
				framingTasks = append(framingTasks, t[1])
			}
		}
	}
	if len(frames) < 10 {
		b.Fatalf("only %d frames recorded", len(frames))
	}
	slices.Sort(frames)
	long := 0
	longest := 0.0
	for _, d := range tasks {
		longest = math.Max(longest, d)
		if d > 50 {
			long++
		}
	}
	b.ReportMetric(quantile(frames, 0.5), "median-frame-ms")
	b.ReportMetric(quantile(frames, 0.95), "p95-frame-ms")
	b.ReportMetric(frames[len(frames)-1], "worst-frame-ms")
	b.ReportMetric(longest, "longest-task-ms")
	b.ReportMetric(float64(long), "long-tasks")
	b.ReportMetric(1000/mean(frames), "fps")
	// Every move draws frames: none recorded means the wrapper missed them.
	if len(motion) == 0 {
		b.Fatal("no frame of the WebAssembly's motion was recorded")
	}
	slices.Sort(motion)
	b.ReportMetric(quantile(motion, 0.5), "motion-median-ms")
	b.ReportMetric(quantile(motion, 0.9), "motion-p90-ms")
	b.ReportMetric(motion[len(motion)-1], "motion-worst-ms")
	if len(framing) > 0 {
		slices.Sort(framing)
		b.ReportMetric(quantile(framing, 0.5), "framing-median-frame-ms")
		b.ReportMetric(framing[len(framing)-1], "framing-worst-frame-ms")
		b.ReportMetric(slices.Max(append(framingTasks, 0)), "framing-longest-task-ms")
	}
}

// framingMs is how long the map eases to a new framing (web/app.css), with
// a frame to spare.
const framingMs = 620

// firstTaps are the controls BenchmarkFirstTap taps right after the load
// event, each in a fresh browser: what a reader on a phone reaches for
// first.
var firstTaps = []struct{ name, selector string }{
	{"next", `label[data-control="next"]`},
	{"list", `.fc-call-btn[data-mark="3"]`},
	{"answer", `.fc-q[data-q="1"] .fc-choice:nth-child(2)`},
	{"play", `[data-control="play"]`},
}

// BenchmarkFirstTap is a first visit on a phone network: Slow 4G (150 ms,
// 1.6 Mbps down, 750 kbps up) and a 4× CPU throttle, from an empty cache.
// Right after the load event it taps one control (Next, a call in the list,
// a quiz answer, Play), and measures from the tap's input event until the
// frame after the page carried it out (the radio it changes, which the
// stylesheet shows). The tap also starts the WebAssembly: the benchmark
// waits for it to adopt the page and for the service worker to cache it,
// and counts what crossed the network.
// Each figure is the median over the runs (-benchtime Nx).
//
// Metrics (ms):
//
//	tap-next-ms, tap-list-ms, tap-answer-ms, tap-play-ms   tap to shown
//	load-ms, live-ms           from navigation start
//	takeover-longest-task-ms   longest task from the tap until live
//	takeover-shift             layout shift not caused by input, within a
//	                           second of going live (Play's own steps aside)
//	first-visit-bytes          response bytes the server sent for the visit
//	wasm-downloads             app.wasm bodies the server sent
func BenchmarkFirstTap(b *testing.B) {
	m := map[string][]float64{}
	add := func(k string, v float64) { m[k] = append(m[k], v) }
	for b.Loop() {
		for _, tap := range firstTaps {
			e := newPerfEnv(b)
			e.slow4G()
			e.throttle(4)
			e.do(120*time.Second, chromedp.Navigate(e.url+"/"))
			e.tap(tap.selector)
			if !e.waitFor(`window.__perf.shown > 0`, 10*time.Second) {
				b.Fatalf("tapping %s changed nothing", tap.name)
			}
			if !e.waitFor(liveJS, 120*time.Second) {
				b.Fatal("the page did not go live")
			}
			time.Sleep(time.Second)
			type result struct {
				Load, Live, TapAt, TapEvent, Shown float64
				Tasks, Shifts                      [][2]float64
			}
			r := perfEval[result](e, `(() => { const p = window.__perf;
				return {Load: p.load, Live: p.live, TapAt: p.tapAt, TapEvent: p.tapEvent, Shown: p.shown, Tasks: p.longtasks, Shifts: p.shifts} })()`)
			t0 := r.TapAt
			if r.TapEvent > 0 && r.TapEvent <= r.TapAt+1000 {
				t0 = math.Min(r.TapEvent, r.TapAt)
			}
			add("tap-"+tap.name+"-ms", r.Shown-t0)
			add("load-ms", r.Load)
			add("live-ms", r.Live)
			longest, shift := 0.0, 0.0
			for _, t := range r.Tasks {
				if t[0] >= r.TapAt && t[0] <= r.Live {
					longest = math.Max(longest, t[1])
				}
			}
			for _, s := range r.Shifts {
				if math.Abs(s[0]-r.Live) <= 1000 {
					shift += s[1]
				}
			}
			add("takeover-longest-task-ms", longest)
			if tap.name != "play" { // Play steps by itself, and a card's height is its own
				add("takeover-shift", shift)
			}
			// The service worker installs once the wasm has loaded, taking
			// its files from the HTTP cache.
			e.waitFor(`navigator.serviceWorker.getRegistration().then(r => !!r && !!r.active)`, 60*time.Second)
			e.waitFor(`caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(ls => ls.flat().some(r => r.url.includes("app.wasm")))`, 60*time.Second)
			time.Sleep(2 * time.Second)
			add("first-visit-bytes", float64(e.bytes.Load()))
			add("wasm-downloads", float64(e.wasm.Load()))
			b.Logf("%s: tap shown after %.0f ms; load %.0f ms, live %.0f ms; %d bytes, %d wasm downloads; long tasks %v; shifts %v",
				tap.name, r.Shown-t0, r.Load, r.Live, e.bytes.Load(), e.wasm.Load(), r.Tasks, r.Shifts)
			e.close()
		}
	}
	for k, vs := range m {
		slices.Sort(vs)
		b.ReportMetric(quantile(vs, 0.5), k)
	}
}

// BenchmarkSession is a reader's session on a mid-range phone (a 4× CPU
// throttle, localhost) and, as figures without a target, on a low-end one
// (6×) and with no throttle at all (1×: what this machine itself allows,
// against which the 4× figures are to be read): the page loads; a first tap on Next, which starts the WebAssembly;
// more taps on Next, about every 100 ms, until the WebAssembly has taken
// over the page; All calls, then Play for 10 s (the overview to the first
// call, then two moves to the next call); an answer to the first question.
// Each run is a fresh browser with an empty cache that has shown one other
// page first (runSession says why).
//
// It records every long task (over 50 ms), every long animation frame (a
// task with the rendering after it, which the Long Tasks API leaves out)
// and every interaction's latency as INP measures it (Event Timing: the
// longest event of an interaction, from its input to the next paint;
// events under 16 ms are not reported).
// Each figure is the median over the runs (-benchtime Nx) of each run's
// figure; the max- figures are the worst run's.
//
// Metrics, in sub-benchmarks cpu4x, cpu6x and cpu1x:
//
//	longest-task-ms, long-tasks          the whole session
//	max-longest-task-ms, max-long-tasks  the same, in the worst run
//	long-sessions, long-in-PHASE         runs with a long task; long tasks
//	                                     of every run by phase
//	blocking-frames, blocking-ms         long animation frames that held the
//	                                     thread over 50 ms, rendering
//	                                     included; the largest
//	                                     blockingDuration
//	max-blocking-frames, max-blocking-ms the same, in the worst run
//	blocking-sessions, blocking-in-PHASE runs with one; frames of every run
//	                                     by phase
//	worst-interaction-ms                 the slowest interaction
//	p98-interaction-ms                   INP: the slowest, leaving out one in 50
//	max-worst-interaction-ms             the slowest of every run
//	takeover-longest-task-ms             from go.run until the page is live
//	play-longest-task-ms                 while Play runs
//	taps-in-takeover                     taps whose input came while the
//	                                     WebAssembly was taking over
//	live-ms                              from the first tap until live
//
// At 4×, one more session, before the runs and not counted in them, is
// traced lightly (the browser's tasks only) for what the Long Tasks API
// cannot say: how long the main thread ran in each task, on a core. The
// rest of a task's time the thread waited for one (this machine has two,
// for the page's thread, the worker's compile, raster and the browser's
// own); throttling's spinning counts as running. Its metrics:
//
//	traced-long-tasks          tasks over 50 ms, wall time
//	traced-long-tasks-cpu      of those, tasks that ran over 50 ms
//	traced-longest-task-ms     the longest task, wall time
//	traced-longest-task-cpu-ms the most time the thread ran in one task
//
// Before the runs, each sub-benchmark measures what its throttle itself
// takes of the machine: DevTools slows the page's main thread down by
// stopping it and spinning, over and over, whether the page has work or
// not, so a throttled page that does nothing keeps most of a core busy.
// On a machine of two CPUs, that leaves about one for the rest of the
// browser (the worker's compile, raster, the compositor), which a phone
// runs on cores of their own, and the main thread then waits for a core
// in its tasks. Its metric:
//
//	throttle-idle-cpu-pct  the renderer's CPU time over 2 s on a blank
//	                       page at the same rate, in per cent of one core
//
// FIVECALLS_SESSION_TRACE=file.json also records a Chrome trace of the
// first run at 4×: every task of the main thread, what the browser did in
// it (style, layout, paint) and samples of the JavaScript and WebAssembly
// running (open it in DevTools' Performance panel; build the wasm without
// -ldflags=-s to see Go's function names in it).
func BenchmarkSession(b *testing.B) {
	for _, rate := range []float64{4, 6, 1} {
		b.Run(fmt.Sprintf("cpu%.0fx", rate), func(b *testing.B) {
			var traced []taskTime
			if rate == 4 {
				runSession(b, rate, false, &traced)
			}
			idle := throttleLoad(b, rate)
			var runs []sessionResult
			for b.Loop() {
				runs = append(runs, runSession(b, rate, rate == 4 && len(runs) == 0, nil))
			}
			reportSession(b, runs)
			b.ReportMetric(idle, "throttle-idle-cpu-pct")
			if rate == 4 {
				reportTaskTimes(b, traced)
			}
		})
	}
}

// throttleLoad is what a renderer takes of the machine at the given CPU
// throttle with nothing to do: its CPU time over 2 s on a blank page, in
// per cent of one core (every renderer process of the browser, which is
// this one page's and an idle spare).
func throttleLoad(b *testing.B, rate float64) float64 {
	e := newPerfEnv(b)
	defer e.close()
	e.do(30*time.Second, chromedp.Navigate(`data:text/html,<!doctype html><title>Blank</title><p>Nothing to do.`))
	e.throttle(rate)
	time.Sleep(time.Second) // the throttle settles in
	cpu := func() float64 {
		res, err := chromedp.CallBrowser(e.ctx, systeminfo.GetProcessInfo, cdp.Empty{})
		if err != nil {
			b.Fatal(err)
		}
		var sum float64
		for _, p := range res.ProcessInfo {
			if p.Type == "renderer" {
				sum += p.CPUTime
			}
		}
		return sum
	}
	start, at := cpu(), time.Now()
	time.Sleep(2 * time.Second)
	return 100 * (cpu() - start) / time.Since(at).Seconds()
}

// sessionResult is what one session measured, in milliseconds.
type sessionResult struct {
	longest, long          float64
	worst, p98             float64
	interactions           int
	takeover, play         float64
	tapsInTakeover, liveMs float64
	longIn                 [len(sessionPhases)]int // tasks over 50 ms in each phase
	// Long animation frames that held the thread over 50 ms, rendering
	// included: how many, the most one held it over 50 ms
	// (blockingDuration), and in which phase.
	blocking, blockingMs float64
	blockingIn           [len(sessionPhases)]int
}

// sessionPhases are the parts of a session a long task is counted in, by
// its start: the load (before the first tap), the start of the
// WebAssembly (from the first tap to go.run: the worker compiles and warms
// it up), the takeover (go.run until the page is live), and the rest
// (taps, Play, an answer).
var sessionPhases = [...]string{"load", "start", "takeover", "after"}

// phaseOf is the index in sessionPhases of a task that started at start
// and took dur. The task that calls go.run starts before go.run does
// (goRun is taken inside it): it is the takeover's.
func phaseOf(start, dur, firstTap, goRun, live float64) int {
	switch {
	case start < firstTap:
		return 0
	case start+dur < goRun:
		return 1
	case start < live:
		return 2
	}
	return 3
}

// sessionPerf is what the page recorded (perfScript).
type sessionPerf struct {
	Tasks    [][2]float64 `json:"tasks"`
	Frames   [][3]float64 `json:"frames"` // start, duration, blockingDuration
	Events   [][]any      `json:"events"`
	Taps     []float64    `json:"taps"`
	GoRun    float64      `json:"goRun"`
	Live     float64      `json:"live"`
	Count    float64      `json:"count"`
	NoEvents string       `json:"noEvents"`
	NoTasks  string       `json:"noTasks"`
	NoFrames string       `json:"noFrames"`
}

// runSession runs one session in a fresh browser; trace records it when
// FIVECALLS_SESSION_TRACE names a file, and tasks, when not nil, gets the
// main thread's tasks from a light trace of it.
func runSession(b *testing.B, rate float64, trace bool, tasks *[]taskTime) sessionResult {
	e := newPerfEnv(b)
	defer e.close()
	seedOtherReader(b, e.url, story.Default().Quiz.Questions[:1]) // the answer's share needs two answers
	tracePath := os.Getenv("FIVECALLS_SESSION_TRACE")
	var traceDone func()
	if trace && tracePath != "" {
		traceDone = e.startTrace(tracePath)
	} else if tasks != nil {
		stop := e.record("toplevel")
		traceDone = func() { *tasks = mainThreadTasks(b, stop()) }
	}
	// A reader's browser has usually shown a page before ours. A fresh
	// one's first page also pays for the browser's own start, which no page
	// can help: here, 461 ms of main-thread tasks for our load against 280
	// ms after another page (10 loads each at 4×); the largest part that
	// traces name is the first answers to the renderer's font lookups
	// (fontconfig, through the browser process, on Linux only), 20-40 ms of
	// the first layout. The page before is plain text in the default font,
	// none of ours, on another origin: our page still gets a new renderer.
	e.do(30*time.Second, chromedp.Navigate(`data:text/html,<!doctype html><title>A page before</title><p>Another page, <b>bold</b> and <i>italic</i>.`))
	e.throttle(rate)
	e.do(120*time.Second, chromedp.Navigate(e.url+"/"))
	time.Sleep(time.Second) // the reader looks at the page
	// Next keeps its place from step to step: tap it there, blind, so
	// that a tap's input is sent while the page is busy.
	next := perfEval[[]float64](e, `window.__perf.armTap('label[data-control="next"]')`)
	if len(next) != 2 {
		b.Fatal("no Next to tap")
	}
	// The taps keep their pace whatever the page is doing: whether it is
	// live is asked beside them, since asking waits for the page.
	var live atomic.Bool
	stop := make(chan struct{})
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
			v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](liveJS))
			cancel()
			if err == nil && v {
				live.Store(true)
				return
			}
		}
	}()
	firstTap := time.Now()
	var liveAt time.Time
	for time.Since(firstTap) < 60*time.Second {
		e.do(30*time.Second, chromedp.MouseClickXY(next[0], next[1]))
		time.Sleep(80 * time.Millisecond)
		if liveAt.IsZero() && live.Load() {
			liveAt = time.Now()
		}
		if !liveAt.IsZero() && time.Since(liveAt) > 300*time.Millisecond {
			break
		}
	}
	close(stop)
	<-polled
	if liveAt.IsZero() {
		b.Fatal("the page did not go live")
	}
	time.Sleep(time.Second)
	e.tap(`label[data-control="overview"]`)
	time.Sleep(500 * time.Millisecond)
	playFrom := perfEval[float64](e, `performance.now()`)
	e.tap(`[data-control="play"]`)
	time.Sleep(10 * time.Second)
	playTo := perfEval[float64](e, `performance.now()`)
	e.tap(`.fc-q[data-q="1"] .fc-choice:nth-child(2)`)
	if !e.waitFor(`[...document.querySelectorAll('.fc-q[data-q="1"] .fc-share-num')].some(el => /\d/.test(el.textContent))`, 30*time.Second) {
		b.Fatal("the answer's figures were not filled in")
	}
	time.Sleep(time.Second)
	r := perfEval[sessionPerf](e, `(() => { const p = window.__perf;
		return {tasks: p.longtasks, frames: p.frames, events: p.events, taps: p.taps, goRun: p.goRun, live: p.live,
			count: performance.interactionCount || 0, noEvents: p.noEvents || "", noTasks: p.noLongtasks || "", noFrames: p.noFrames || ""} })()`)
	if traceDone != nil {
		traceDone()
	}
	if r.NoEvents != "" || r.NoTasks != "" || r.NoFrames != "" {
		b.Fatalf("this Chromium cannot observe events (%s), long tasks (%s) or long animation frames (%s)", r.NoEvents, r.NoTasks, r.NoFrames)
	}
	if r.GoRun == 0 || r.Live < r.GoRun {
		b.Fatalf("go.run at %.0f ms, live at %.0f ms", r.GoRun, r.Live)
	}
	var res sessionResult
	tapAt := math.Inf(1) // the first tap, in the page's clock
	if len(r.Taps) > 0 {
		tapAt = r.Taps[0]
	}
	for _, t := range r.Tasks {
		res.longest = math.Max(res.longest, t[1])
		if t[1] > 50 {
			res.long++
			res.longIn[phaseOf(t[0], t[1], tapAt, r.GoRun, r.Live)]++
		}
		// A task that ran while the WebAssembly was taking over (go.run
		// is called inside a task of its own).
		if t[0] <= r.Live && t[0]+t[1] >= r.GoRun {
			res.takeover = math.Max(res.takeover, t[1])
		}
		if t[0] >= playFrom && t[0] <= playTo {
			res.play = math.Max(res.play, t[1])
		}
	}
	var blocking [][2]int
	for _, f := range r.Frames {
		if f[2] > 0 {
			res.blocking++
			res.blockingMs = math.Max(res.blockingMs, f[2])
			res.blockingIn[phaseOf(f[0], f[1], tapAt, r.GoRun, r.Live)]++
			blocking = append(blocking, [2]int{int(f[0]), int(f[2])})
		}
	}
	// An interaction's latency is its longest event's duration.
	byID := map[float64]float64{}
	what := map[float64]string{}
	for _, ev := range r.Events {
		if len(ev) < 5 {
			continue
		}
		id, _ := ev[0].(float64)
		d, _ := ev[2].(float64)
		if d > byID[id] {
			byID[id] = d
			what[id] = fmt.Sprintf("%s on %v at %.0f ms", ev[3], ev[4], ev[1])
		}
	}
	lat := make([]float64, 0, len(byID))
	for _, d := range byID {
		lat = append(lat, d)
	}
	slices.Sort(lat)
	slices.Reverse(lat)
	res.interactions = max(int(r.Count), len(byID))
	if len(lat) > 0 {
		res.worst = lat[0]
		res.p98 = lat[min(res.interactions/50, len(lat)-1)]
	}
	for _, t := range r.Taps {
		if t >= r.GoRun && t < r.Live {
			res.tapsInTakeover++
		}
	}
	if len(r.Taps) > 0 {
		res.liveMs = r.Live - r.Taps[0]
	}
	var slow []string
	for id, d := range byID {
		if d > 50 {
			slow = append(slow, fmt.Sprintf("%.0f ms (%s)", d, what[id]))
		}
	}
	slices.Sort(slow)
	b.Logf("%.0f× CPU: first tap at %.0f ms, go.run at %.0f ms, live at %.0f ms; %d taps in the takeover; %d interactions (%.0f counted by the browser), worst %.0f ms, p98 %.0f ms; over 50 ms: %v; long tasks (start, ms): %v, by phase %v %v; frames blocking (start, ms over 50): %v, by phase %v",
		rate, tapAt, r.GoRun, r.Live, int(res.tapsInTakeover), res.interactions, r.Count, res.worst, res.p98, slow, roundTasks(r.Tasks), sessionPhases, res.longIn, blocking, res.blockingIn)
	return res
}

func roundTasks(ts [][2]float64) [][2]int {
	out := make([][2]int, len(ts))
	for i, t := range ts {
		out[i] = [2]int{int(t[0]), int(t[1])}
	}
	return out
}

// reportSession reports each figure's median over the runs, and the worst
// run's where a max- figure says so.
func reportSession(b *testing.B, runs []sessionResult) {
	if len(runs) == 0 {
		return
	}
	med := func(f func(r sessionResult) float64) float64 {
		var v []float64
		for _, r := range runs {
			v = append(v, f(r))
		}
		slices.Sort(v)
		return quantile(v, 0.5)
	}
	worst := func(f func(r sessionResult) float64) float64 {
		m := 0.0
		for _, r := range runs {
			m = math.Max(m, f(r))
		}
		return m
	}
	b.ReportMetric(med(func(r sessionResult) float64 { return r.longest }), "longest-task-ms")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.long }), "long-tasks")
	b.ReportMetric(worst(func(r sessionResult) float64 { return r.longest }), "max-longest-task-ms")
	b.ReportMetric(worst(func(r sessionResult) float64 { return r.long }), "max-long-tasks")
	// sessionsWith counts the runs that had any (n), and reports how many
	// each phase had over every run (phases).
	sessionsWith := func(name string, n func(r sessionResult) float64, phases func(r sessionResult) [len(sessionPhases)]int) {
		with := 0
		for _, r := range runs {
			if n(r) > 0 {
				with++
			}
		}
		b.ReportMetric(float64(with), name+"-sessions")
		for i, phase := range sessionPhases {
			total := 0
			for _, r := range runs {
				total += phases(r)[i]
			}
			b.ReportMetric(float64(total), name+"-in-"+phase)
		}
	}
	sessionsWith("long", func(r sessionResult) float64 { return r.long }, func(r sessionResult) [len(sessionPhases)]int { return r.longIn })
	b.ReportMetric(med(func(r sessionResult) float64 { return r.blocking }), "blocking-frames")
	b.ReportMetric(worst(func(r sessionResult) float64 { return r.blocking }), "max-blocking-frames")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.blockingMs }), "blocking-ms")
	b.ReportMetric(worst(func(r sessionResult) float64 { return r.blockingMs }), "max-blocking-ms")
	sessionsWith("blocking", func(r sessionResult) float64 { return r.blocking }, func(r sessionResult) [len(sessionPhases)]int { return r.blockingIn })
	b.ReportMetric(float64(len(runs)), "sessions")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.worst }), "worst-interaction-ms")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.p98 }), "p98-interaction-ms")
	b.ReportMetric(worst(func(r sessionResult) float64 { return r.worst }), "max-worst-interaction-ms")
	b.ReportMetric(med(func(r sessionResult) float64 { return float64(r.interactions) }), "interactions")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.takeover }), "takeover-longest-task-ms")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.play }), "play-longest-task-ms")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.tapsInTakeover }), "taps-in-takeover")
	b.ReportMetric(med(func(r sessionResult) float64 { return r.liveMs }), "live-ms")
}

// taskTime is one task of the page's main thread, from a trace: its wall
// time and the time the thread ran in it, in milliseconds.
type taskTime struct{ wall, cpu float64 }

// mainThreadTasks are the tasks of the page's main thread (the renderer's
// main thread with the most tasks: the page before runs in another) over
// 16 ms, from a trace's events; but not the navigation's commit, the
// browser's own work before the page's first byte is parsed (some 40-70
// ms of the thread at 4×, traced), which the Long Tasks API does not see
// either.
func mainThreadTasks(b *testing.B, events [][]byte) []taskTime {
	var out []taskTime
	for _, evs := range rendererMainThreads(events) {
		var commits []float64
		for _, ev := range evs {
			if ev.Name == "Receive mojo message" && ev.Args.Mojo.Interface == "content.mojom.NavigationClient" {
				commits = append(commits, ev.Ts)
			}
		}
		var ts []taskTime
		for _, t := range evs {
			if t.Ph != "X" || t.Name != "ThreadControllerImpl::RunTask" || t.Dur <= 16000 {
				continue
			}
			if !slices.ContainsFunc(commits, func(at float64) bool { return at >= t.Ts && at <= t.Ts+t.Dur }) {
				ts = append(ts, taskTime{t.Dur / 1000, t.TDur / 1000})
			}
		}
		if len(ts) > len(out) {
			out = ts
		}
	}
	if len(out) == 0 {
		b.Fatalf("the trace (%d events) has no task of a renderer's main thread over 16 ms", len(events))
	}
	return out
}

// reportTaskTimes reports the traced session's long tasks, by wall time
// and by the time the thread ran.
func reportTaskTimes(b *testing.B, tasks []taskTime) {
	long, longCPU, longest, longestCPU := 0, 0, 0.0, 0.0
	for _, t := range tasks {
		if t.wall > 50 {
			long++
			if t.cpu > 50 {
				longCPU++
			}
		}
		longest, longestCPU = math.Max(longest, t.wall), math.Max(longestCPU, t.cpu)
	}
	b.ReportMetric(float64(long), "traced-long-tasks")
	b.ReportMetric(float64(longCPU), "traced-long-tasks-cpu")
	b.ReportMetric(longest, "traced-longest-task-ms")
	b.ReportMetric(longestCPU, "traced-longest-task-cpu-ms")
}

// startTrace records a Chrome trace of the main thread's tasks, rendering
// and JavaScript samples; the function it returns stops it and writes the
// trace to path (open it in DevTools' Performance panel).
func (e *perfEnv) startTrace(path string) func() {
	e.tb.Helper()
	stop := e.record("devtools.timeline", "disabled-by-default-devtools.timeline", "disabled-by-default-devtools.timeline.frame",
		"toplevel", "blink.user_timing", "v8.execute", "disabled-by-default-v8.cpu_profiler", "v8", "v8.wasm", "latencyInfo", "loading")
	return func() {
		events := stop()
		var b strings.Builder
		b.WriteString(`{"traceEvents":[`)
		for i, v := range events {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(v)
		}
		b.WriteString("]}")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			e.tb.Fatal(err)
		}
		e.tb.Logf("trace written to %s (%d events)", path, len(events))
	}
}

// record starts a Chrome trace of the given categories; the function it
// returns stops it and returns its events, each a JSON object.
func (e *perfEnv) record(categories ...string) func() [][]byte {
	e.tb.Helper()
	return recordTrace(e.tb, e.ctx, categories...)
}

// recordTrace starts a Chrome trace of the given categories in the tab of
// ctx; the function it returns stops it and returns its events, each a
// JSON object.
func recordTrace(tb testing.TB, ctx context.Context, categories ...string) func() [][]byte {
	tb.Helper()
	var mu sync.Mutex
	var events [][]byte
	complete := make(chan struct{})
	chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range ev.Value {
				events = append(events, []byte(v))
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(complete)
		}
	})
	if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{IncludedCategories: categories}}); err != nil {
		tb.Fatal(err)
	}
	return func() [][]byte {
		if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
			tb.Fatal(err)
		}
		select {
		case <-complete:
		case <-time.After(60 * time.Second):
			tb.Fatal("the trace did not complete")
		}
		mu.Lock()
		defer mu.Unlock()
		return events
	}
}

// quantile of sorted values, by linear interpolation.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	pos := q * float64(len(sorted)-1)
	i := int(pos)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (sorted[i+1]-sorted[i])*(pos-float64(i))
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
