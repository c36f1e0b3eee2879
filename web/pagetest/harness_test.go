// Package pagetest is the client's quick loop: the page's script
// (web/page.js) and the state stylesheet (web/state.css) exercised against
// the prerendered page, in one headless Chromium for the whole package,
// each test in a fresh tab of its own browser context (so with empty
// storage). The server is the real one, started in-process with the
// repository's web folder and a stand-in app.wasm: the WebAssembly never
// runs here, which is the page's own promise (it works without it) and
// what keeps this package fast enough for make check. app/e2e covers the
// same behaviours end to end, with the real wasm, in minutes.
//
// It lives in a package of its own, not in package web: that folder's files
// are embedded into the binary (//go:embed *.*), test files included, and
// hashed into the version every client caches under.
//
// Without Chromium every test skips and says so; with CI=true or
// FIVECALLS_REQUIRE_ALL=1 that is a failure, as in app/e2e. One test:
// go test ./web/pagetest -run TestPlay -count=1 -v (no make build needed).
//
// The JavaScript the tests run names the shared names as page.js does,
// N.StepEvent for ui.StepEvent (see js); selectors are typed, as in app/e2e.
package pagetest

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/rs/zerolog"
)

// webDir is the repository's web folder: the page's script and stylesheets
// as they are in the working tree.
const webDir = ".."

// shared is what every test uses: one server and one browser.
var shared struct {
	base    string          // the server's address, http://127.0.0.1:port
	browser context.Context // the browser; a test's tab is a child
	// missing says why there is no browser: every test skips (or fails,
	// when required) with it.
	missing string
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "fivecalls-pagetest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)

	stop, err := startServer(tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagetest: start the server:", err)
		return 1
	}
	defer stop()

	if path := chromiumPath(); path == "" {
		shared.missing = "the page's browser tests need Chromium (apt-get install chromium, or make setup; FIVECALLS_CHROMIUM names another)"
	} else {
		cancel, err := startBrowser(path, filepath.Join(tmp, "profile"))
		if err != nil {
			shared.missing = fmt.Sprintf("Chromium (%s) did not start: %v", path, err)
		} else {
			defer cancel()
		}
	}
	return m.Run()
}

// startServer serves the default story from the repository's web folder,
// with a stand-in app.wasm (the server treats it as opaque bytes) and
// without wasm_exec.js, as in a checkout before make build: the page's
// attempt to start the WebAssembly fails quietly, as it is built to.
func startServer(tmp string) (stop func(), err error) {
	files := fstest.MapFS{"app.wasm": {Data: []byte("\x00asm\x01\x00\x00\x00 stand-in")}}
	entries, err := os.ReadDir(webDir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "app.wasm") || name == "wasm_exec.js" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(webDir, name))
		if err != nil {
			return nil, err
		}
		files[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(tmp, "answers.db"))
	if err != nil {
		return nil, err
	}
	h, err := server.New(zerolog.Nop(), server.Config{Story: story.Default(), Web: fs.FS(files)}, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	ts := httptest.NewServer(h)
	shared.base = ts.URL
	return func() { ts.Close(); st.Close() }, nil
}

// chromiumPath finds Chromium as app/e2e does: FIVECALLS_CHROMIUM,
// Debian's /usr/bin/chromium, then chromium on the PATH; "" if none.
func chromiumPath() string {
	for _, p := range []string{os.Getenv("FIVECALLS_CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// startBrowser starts the one headless Chromium, with app/e2e's flags.
func startBrowser(path, profile string) (cancel func(), err error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	cancel = func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(bctx); err != nil {
		cancel()
		return nil, err
	}
	shared.browser = bctx
	return cancel, nil
}

// required reports whether a missing browser must fail the test.
func required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("FIVECALLS_REQUIRE_ALL") == "1"
}

// tab is one test's page: a tab in a browser context of its own, so its
// storage starts empty and no other test's tab shares it.
type tab struct {
	t   *testing.T
	ctx context.Context // the first tab; more of the same context: newTab
	mu  sync.Mutex
	// errors are the page's uncaught exceptions and console errors: any
	// fails the test.
	errors []string
}

// newTab opens a fresh browser context with one blank tab, 1280×800.
func newTab(t *testing.T) *tab {
	t.Helper()
	if shared.missing != "" {
		if required() {
			t.Fatal(shared.missing)
		}
		t.Skip(shared.missing + " (set CI=true or FIVECALLS_REQUIRE_ALL=1 to make this a failure)")
	}
	ctx, cancel := chromedp.NewContext(shared.browser, chromedp.WithNewBrowserContext())
	tb := &tab{t: t}
	tb.attach(ctx, cancel)
	t.Cleanup(func() {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		if len(tb.errors) > 0 {
			t.Errorf("the page reported errors: %q", tb.errors)
		}
	})
	return tb
}

// another opens a second tab in the same browser context: the same
// storage, a new page.
func (tb *tab) another() *tab {
	tb.t.Helper()
	ctx, cancel := chromedp.NewContext(tb.ctx)
	other := &tab{t: tb.t}
	other.attach(ctx, cancel)
	tb.t.Cleanup(func() {
		other.mu.Lock()
		defer other.mu.Unlock()
		if len(other.errors) > 0 {
			tb.t.Errorf("the second tab reported errors: %q", other.errors)
		}
	})
	return other
}

func (tb *tab) attach(ctx context.Context, cancel context.CancelFunc) {
	t := tb.t
	t.Helper()
	t.Cleanup(cancel)
	// The first action creates the tab, which lives as long as the
	// context it is given: ctx itself, not one with a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			tb.report("exception: " + msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				tb.report("console.error: " + strings.Join(parts, " "))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	tb.ctx = ctx
	tb.do(chromedp.EmulateViewport(1280, 800))
	// Reduced motion: app.css then eases nothing, so a step does not redraw
	// the map for 0.6 s (about 7% of the package's CPU time), and what a test
	// measures has settled. page.js does the same either way.
	media, cancelMedia := context.WithTimeout(ctx, 10*time.Second)
	defer cancelMedia()
	if _, err := chromedp.Call(media, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatal(err)
	}
}

func (tb *tab) report(s string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.errors = append(tb.errors, s)
}

// beforeScripts runs src in every document this tab opens from now on,
// before the page's own scripts.
func (tb *tab) beforeScripts(src string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js(tb.t, src)}); err != nil {
		tb.t.Fatal(err)
	}
}

// recordEvents keeps, in window.__events, every N.StepEvent and
// N.AnswerEvent the page fires, from its start: [["step", 1], ["answer",
// {question, choice}]].
func (tb *tab) recordEvents() {
	tb.t.Helper()
	tb.beforeScripts(`window.__events = [];
		document.addEventListener(N.StepEvent, e => window.__events.push(["step", e.detail]));
		document.addEventListener(N.AnswerEvent, e => window.__events.push(["answer", e.detail]));`)
}

// open loads a page of the widget (path on the server) and waits for its
// load event.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(shared.base + path))
}

// do runs browser actions, with a deadline.
func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression (see js) into T; a promise is
// awaited.
func eval[T any](tb *tab, src string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js(tb.t, src), chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", src, err)
	}
	return v
}

// run evaluates JavaScript for its effect.
func (tb *tab) run(src string) {
	tb.t.Helper()
	eval[chromedp.Void](tb, src)
}

// waitFor polls a JavaScript condition until it holds, for up to 5 s. It
// polls from here, not in the page, whose clock a test may speed up.
func (tb *tab) waitFor(src string) {
	tb.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !eval[bool](tb, src) {
		if time.Now().After(deadline) {
			tb.t.Fatalf("waited 5 s for %s", src)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// click clicks, with the mouse, the first element matching css that the
// page shows (every step's controls are in the page; one step's show).
func (tb *tab) click(css string) {
	tb.t.Helper()
	xy := eval[[]float64](tb, `(() => {
		const el = [...document.querySelectorAll(`+quote(css)+`)].find(el => el.checkVisibility({visibilityProperty: true}));
		if (!el) return [];
		el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`)
	if len(xy) != 2 {
		tb.t.Fatalf("nothing the page shows matches %s", css)
	}
	tb.do(chromedp.MouseClickXY(xy[0], xy[1]))
}

// press sends keys to the focused element, each as a browser does: a
// keydown that carries its text (and so cancels the keypress when the
// page prevents it), then a keyup. chromedp.KeyEvent sends the keypress
// on its own, which the page cannot prevent: a Space it handled would
// then scroll the page too.
func (tb *tab) press(keys string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	for _, r := range keys {
		var events []*input.DispatchKeyEventParams
		for _, ev := range kb.Encode(r) {
			switch ev.Type {
			case input.DispatchKeyEventTypeChar:
				events[0].Text, events[0].UnmodifiedText = ev.Text, ev.UnmodifiedText
			default:
				events = append(events, ev)
			}
		}
		for _, ev := range events {
			if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, *ev); err != nil {
				tb.t.Fatalf("press %q: %v", r, err)
			}
		}
	}
}

// focus focuses the element css matches.
func (tb *tab) focus(css string) {
	tb.t.Helper()
	if !eval[bool](tb, `(el => !!el && (el.focus(), document.activeElement === el))(document.querySelector(`+quote(css)+`))`) {
		tb.t.Fatalf("cannot focus %s", css)
	}
}

// settle waits until what page.js defers to after the next frame
// (afterPaint: a frame and a task, or 100 ms at most) has run.
func (tb *tab) settle() {
	tb.t.Helper()
	eval[bool](tb, `new Promise(done => setTimeout(() => done(true), 150))`)
}

// events returns what recordEvents recorded, as JSON, and forgets it.
func (tb *tab) events() string {
	tb.t.Helper()
	return eval[string](tb, `JSON.stringify(window.__events.splice(0))`)
}

// shownCard is the "Call N of 5" line (or "Overview") of every card the
// page shows, joined by " | ": exactly one is right.
func (tb *tab) shownCard() string {
	tb.t.Helper()
	return eval[string](tb, shownCardJS)
}

const shownCardJS = `[...document.querySelectorAll('.fc-card')].filter(c => c.checkVisibility({visibilityProperty: true})).map(c => c.querySelector('.fc-card-step').textContent).join(" | ")`

// waitCard waits until the one card shown is step n's.
func (tb *tab) waitCard(n int) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf(`(%s) === %s`, shownCardJS, quote(cardName(n))))
}

// cardName is step n's card's first line.
func cardName(n int) string {
	if n == 0 {
		return "Overview"
	}
	return fmt.Sprintf("Call %d of %d", n, len(story.Default().Calls))
}

// scriptName is a use of a shared name in the tests' JavaScript, as in
// page.js: N.StepEvent.
var scriptName = regexp.MustCompile(`\bN\.([A-Z][A-Za-z0-9]*)`)

// js writes the shared names into a test's JavaScript: N.StepEvent becomes
// "fc:step" (ui.StepEvent). A name app/ui does not declare fails the test.
func js(t *testing.T, src string) string {
	t.Helper()
	names := ui.Names()
	var unknown []string
	out := scriptName.ReplaceAllStringFunc(src, func(m string) string {
		v, ok := names[m[2:]]
		if !ok {
			unknown = append(unknown, m)
			return m
		}
		return quote(v)
	})
	if len(unknown) > 0 {
		t.Fatalf("the test's script uses names app/ui does not declare: %q", unknown)
	}
	return out
}

// quote is s as a JavaScript string literal.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
