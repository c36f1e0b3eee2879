package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/rs/zerolog"
)

const webDir = "../../web"

// required reports whether a missing browser or build must fail the test.
func required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("FIVECALLS_REQUIRE_ALL") == "1"
}

func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if required() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format+" (set CI=true or FIVECALLS_REQUIRE_ALL=1 to make this a failure)", args...)
}

// npmFile is a file of an npm package that .ci/setup fetches into
// .cache/npm and checks against its published digest: the path in the
// environment variable env, or else in .cache/npm (dir is the package's
// folder there, "name-version").
func npmFile(t *testing.T, env, dir, file string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		p = filepath.Join("..", "..", ".cache", "npm", dir, file)
	}
	if _, err := os.Stat(p); err != nil {
		skipOrFail(t, "this test needs %s from npm (make setup fetches it): %v", dir, err)
	}
	return p
}

// chromiumPath finds Debian's Chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
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
	skipOrFail(t, "browser tests need Chromium (apt-get install chromium)")
	return ""
}

// env is one test's server and browser tab.
type env struct {
	t       *testing.T
	url     string
	ctx     context.Context
	mu      sync.Mutex
	console []string // console errors and uncaught exceptions
	wasm    *atomic.Int64
	// serverGone, once set (goOffline), makes the test's servers answer
	// nothing: every request fails as on a network that is down.
	serverGone *atomic.Bool
	// serverHangs, while set, makes the test's server take requests and
	// answer none: a connection that hangs (a train's, a captive
	// portal's), where goOffline's fails at once.
	serverHangs *atomic.Bool
	// scriptsOff is set by disableScripts: the page runs no script.
	scriptsOff bool
}

// newEnv starts the widget server with a fresh SQLite store and a headless
// Chromium tab of the given size.
func newEnv(t *testing.T, width, height int64) *env {
	t.Helper()
	return newEnvScrollbars(t, width, height, false)
}

// newEnvScrollbars is newEnv, with a desktop's classic scrollbars, which
// take width from the page, when classic is true (newEnv's, like a
// phone's, take none).
func newEnvScrollbars(t *testing.T, width, height int64, classic bool) *env {
	t.Helper()
	path := chromiumPath(t)
	if _, err := os.Stat(filepath.Join(webDir, "app.wasm")); err != nil {
		skipOrFail(t, "browser tests need web/app.wasm (make build)")
	}
	e := &env{t: t, wasm: new(atomic.Int64), serverGone: new(atomic.Bool), serverHangs: new(atomic.Bool)}
	e.url = startCountingServer(t, story.Default(), e.wasm, e.serverGone, e.serverHangs)

	headless := chromedp.Headless // with hide-scrollbars
	if classic {
		headless = chromedp.Flag("headless", true)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(int(width), int(height)),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // start the browser without a deadline
		t.Fatalf("start chromium: %v", err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				e.addConsole("console.error: " + strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			e.addConsole("exception: " + msg)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatal(err)
	}
	e.ctx = ctx
	return e
}

func (e *env) addConsole(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.console = append(e.console, s)
}

// consoleErrors returns what the page reported as errors so far.
func (e *env) consoleErrors() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.console...)
}

// startServer serves the story from the real web folder on 127.0.0.1:0.
func startServer(t *testing.T, s *story.Story) string {
	t.Helper()
	return startCountingServer(t, s, new(atomic.Int64), new(atomic.Bool), new(atomic.Bool))
}

// startCountingServer is startServer, counting the requests for app.wasm
// the server answers with its body (200), not from a cache (304), and
// answering nothing once gone is set, and nothing yet while hang is.
func startCountingServer(t *testing.T, s *story.Story, wasm *atomic.Int64, gone, hang *atomic.Bool) string {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "answers.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, err := server.New(zerolog.Nop(), server.Config{
		Story:  s,
		WebDir: webDir,
	}, st)
	if err != nil {
		t.Fatal(err)
	}
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/app.wasm") && r.Header.Get("If-None-Match") == "" {
			wasm.Add(1)
		}
		h.ServeHTTP(w, r)
	})
	ts := httptest.NewServer(unlessGone(gone, whileHanging(hang, counted)))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { hang.Store(false) }) // first: Close waits for the requests held
	return ts.URL
}

// whileHanging holds each request while hang is set (for at most a
// minute, or until the client leaves), then serves it.
func whileHanging(hang *atomic.Bool, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for deadline := time.Now().Add(time.Minute); hang.Load() && time.Now().Before(deadline) && r.Context().Err() == nil; {
			time.Sleep(20 * time.Millisecond)
		}
		h.ServeHTTP(w, r)
	})
}

// unlessGone serves h until gone is set, then closes every connection
// without an answer: to the browser, the page and its service worker alike,
// the network is down. (The listener stays open, so no other server can
// take its port meanwhile.)
func unlessGone(gone *atomic.Bool, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gone.Load() {
			panic(http.ErrAbortHandler) // net/http closes the connection and logs nothing
		}
		h.ServeHTTP(w, r)
	})
}

// do runs steps with a deadline, failing the test on error.
func (e *env) do(timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		e.t.Fatalf("browser: %v (console: %q)", err, e.consoleErrors())
	}
}

// evalAwait evaluates a JavaScript expression that gives a promise, into
// what the promise resolves to.
func evalAwait[T any](e *env, js string) T {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		e.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// eval evaluates a JavaScript expression into T.
func eval[T any](e *env, js string) T {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		e.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true, for up to timeout
// (chromedp's poll stops at 30 s of its own unless told otherwise).
func (e *env) waitFor(js string, timeout time.Duration) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, timeout)
	defer cancel()
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
		if err == nil {
			return
		}
		if documentReplaced(err) && ctx.Err() == nil {
			// The document the poll ran in was replaced (a reload's
			// new document, whose context chromedp had not yet
			// seen): poll again in the one that replaced it.
			time.Sleep(20 * time.Millisecond)
			continue
		}
		e.t.Fatalf("waiting for %s: %v (console: %q)", js, err, e.consoleErrors())
	}
}

// documentReplaced tells whether a script failed only because the document
// it ran in went away under it.
func documentReplaced(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context with specified id") || strings.Contains(msg, "Execution context was destroyed")
}

// open loads a page of the widget and waits until the WebAssembly has
// adopted it (it starts on the reader's first interaction).
func (e *env) open(path string) {
	e.t.Helper()
	e.openServed(path)
	e.waitLive()
}

// openServed loads a page of the widget and waits for nothing more.
func (e *env) openServed(path string) {
	e.t.Helper()
	e.do(30*time.Second, chromedp.Navigate(e.url+path))
}

// waitLive waits until the WebAssembly has adopted the page, first
// pressing Shift, which does nothing but is an interaction: the page starts
// the WebAssembly on the reader's first one.
func (e *env) waitLive() {
	e.t.Helper()
	e.press(kb.Shift)
	e.waitFor(`document.documentElement.hasAttribute("data-fc-motion")`, 30*time.Second)
}

// disableScripts turns the tab's scripts off, page.js's included.
func (e *env) disableScripts() {
	e.t.Helper()
	if _, err := chromedp.Call(e.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		e.t.Fatal(err)
	}
	e.scriptsOff = true
}

// clickVisible clicks, with a real mouse, the first element matching css
// that the page shows (a page holds every call's controls; one call's show).
func (e *env) clickVisible(css string) {
	e.t.Helper()
	// The point is the element's own (elementFromPoint) when it is taken:
	// not under another element, nor moved by a layout still settling. A
	// miss is tried again for a while, then reported.
	var xy []float64
	deadline := time.Now().Add(2 * time.Second)
	for {
		xy = eval[[]float64](e, `(() => {
			const el = [...document.querySelectorAll(`+jsString(css)+`)].find(el => el.checkVisibility({visibilityProperty: true}));
			if (!el) return [];
			el.scrollIntoView({block: "center"});
			const r = el.getBoundingClientRect();
			const x = r.left + r.width / 2, y = r.top + r.height / 2;
			// A tap meant to do nothing (pointer-events: none) is let through.
			const through = getComputedStyle(el).pointerEvents === "none";
			return through || el.contains(document.elementFromPoint(x, y)) ? [x, y] : [-1];
		})()`)
		if len(xy) != 1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	switch len(xy) {
	case 0:
		e.t.Fatalf("nothing visible matches %s", css)
	case 1:
		e.t.Fatalf("%s is visible but something else is at its centre", css)
	}
	e.do(5*time.Second, chromedp.MouseClickXY(xy[0], xy[1]))
}

// reduceMotion emulates prefers-reduced-motion: reduce, so each change
// of state shows at once.
func (e *env) reduceMotion() {
	e.t.Helper()
	if _, err := chromedp.Call(e.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		e.t.Fatal(err)
	}
}

// press sends a key to the focused element.
func (e *env) press(key string) {
	e.t.Helper()
	e.do(5*time.Second, chromedp.KeyEvent(key))
}

// cardStep returns the shown call card's "Call N of 5" line.
func (e *env) cardStep() string {
	e.t.Helper()
	return eval[string](e, cardStepJS)
}

// cardStepJS is the shown card's "Call N of 5" line, in the page.
const cardStepJS = `[...document.querySelectorAll('.fc-card')].filter(c => c.checkVisibility({visibilityProperty: true})).map(c => c.querySelector('.fc-card-step').textContent).join(" | ")`

// waitCard waits until the shown card says "Call n of 5", or "Overview"
// for n = 0.
func (e *env) waitCard(n int) {
	e.t.Helper()
	want := fmt.Sprintf("Call %d of 5", n)
	if n == 0 {
		want = "Overview"
	}
	e.waitFor(fmt.Sprintf(`(%s) === %q`, cardStepJS, want), 5*time.Second)
}

// stats fetches the server's stats for the default story.
func stats(t testing.TB, base string) map[string]any {
	t.Helper()
	res, err := http.Get(base + "/api/stats?story=" + story.Default().ID)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("stats: %v: %s", err, b)
	}
	return m
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
