package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// cspRecorder runs before any page script in every document and frame: it
// records each securitypolicyviolation event, in the capture phase so that
// nothing can stop it first.
const cspRecorder = `(() => {
	window.__csp = [];
	const record = e => window.__csp.push([e.effectiveDirective, e.violatedDirective, e.blockedURI,
		e.sourceFile + ":" + e.lineNumber, e.sample || ""].join(" | "));
	window.addEventListener("securitypolicyviolation", record, true);
})()`

// cspLog collects the browser's log entries that speak of the policy
// (Chromium logs every violation there, including ones from workers and
// frames the recorder cannot read).
type cspLog struct {
	mu      sync.Mutex
	entries []string
}

func (l *cspLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, s)
}

func (l *cspLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.entries...)
}

// withCSPRecorder installs the recorder and the log listener on the tab,
// before anything is loaded.
func withCSPRecorder(t *testing.T, e *env) *cspLog {
	t.Helper()
	if _, err := chromedp.Call(e.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder}); err != nil {
		t.Fatalf("install the CSP recorder: %v", err)
	}
	l := &cspLog{}
	if err := chromedp.Listen(e.ctx, func(ev any) {
		if ev, ok := ev.(*log.EventEntryAdded); ok && ev.Entry != nil {
			text := ev.Entry.Text
			if strings.Contains(text, "Content Security Policy") || strings.Contains(text, "Content-Security-Policy") ||
				strings.Contains(text, "violates") || strings.Contains(text, "Refused to") {
				l.add(fmt.Sprintf("%s %s: %s (%s:%d)", ev.Entry.Source, ev.Entry.Level, text, ev.Entry.URL, ev.Entry.LineNumber))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	return l
}

// violations returns what the current document's recorder saw.
func violations(e *env) []string {
	e.t.Helper()
	return eval[[]string](e, `window.__csp || ["the CSP recorder is not installed in this document"]`)
}

// checkCSPHeader asserts that the page's policy allows scripts from this
// origin and WebAssembly compilation only: no eval, no inline script, in
// script-src or the directives that would override or stand in for it.
func checkCSPHeader(t *testing.T, url string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	policies := res.Header.Values("Content-Security-Policy")
	if len(policies) != 1 {
		t.Fatalf("%s: %d Content-Security-Policy headers, want 1", url, len(policies))
	}
	if ro := res.Header.Get("Content-Security-Policy-Report-Only"); ro != "" {
		t.Errorf("%s: a report-only policy is set too: %q", url, ro)
	}
	directives := map[string]string{}
	for _, d := range strings.Split(policies[0], ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		if name != "" {
			directives[strings.ToLower(name)] = value
		}
	}
	scriptSrc, ok := directives["script-src"]
	if !ok {
		t.Fatalf("%s: the policy has no script-src: %q", url, policies[0])
	}
	if !strings.Contains(scriptSrc, "'wasm-unsafe-eval'") || !strings.Contains(scriptSrc, "'self'") {
		t.Errorf("%s: script-src %q, want 'self' 'wasm-unsafe-eval'", url, scriptSrc)
	}
	for _, name := range []string{"default-src", "script-src", "script-src-elem", "script-src-attr", "worker-src"} {
		v := strings.ToLower(directives[name])
		for _, bad := range []string{"'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", "data:", "blob:", "*", "http:", "https:"} {
			for _, tok := range strings.Fields(v) {
				if tok == bad {
					t.Errorf("%s: %s allows %s: %q", url, name, bad, policies[0])
				}
			}
		}
	}
	for _, want := range []string{"object-src 'none'", "base-uri 'self'"} {
		if !strings.Contains(policies[0], want) {
			t.Errorf("%s: the policy lacks %s: %q", url, want, policies[0])
		}
	}
}

// TestNoCSPViolations plays the whole timeline and answers the whole quiz
// on /, then loads /embed on its own and inside an article on another
// origin, with the policy enforced: the page records no violation, the
// browser logs none, and the console has no error. A last probe injects an
// inline script to prove the recorder and the policy work.
func TestNoCSPViolations(t *testing.T) {
	e := newEnv(t, 1280, 900)
	// Another reader answered every question first: a share needs two
	// answers (quiz.MinShareAnswers).
	seedOtherReader(t, e.url, story.Default().Quiz.Questions)
	checkCSPHeader(t, e.url+"/")
	checkCSPHeader(t, e.url+"/embed")
	clog := withCSPRecorder(t, e)

	// The full play.
	e.open("/")
	e.clickVisible(`button[data-control="play"]`)
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('data-playing') === "true"`, 5*time.Second)
	e.waitFor(`(`+cardStepJS+`) === "Call 5 of 5"`, 40*time.Second)
	e.waitFor(`document.querySelector('button[data-control="play"]').getAttribute('data-playing') === "false"`, 15*time.Second)

	// The full quiz: every question answered (with the answer stored and the
	// readers' figures fetched), "Next question" between them.
	qs := story.Default().Quiz.Questions
	for i, q := range qs {
		n := i + 1
		_, idx := correctChoice(q)
		if i%3 == 2 {
			_, idx = wrongChoice(q)
		}
		e.answerQuestion(n, idx)
		e.waitFor(fmt.Sprintf(`[...document.querySelectorAll('.fc-q[data-q="%d"] .fc-share-num')].some(s => /%%/.test(s.textContent))`, n), 10*time.Second)
		if n < len(qs) {
			e.nextQuestion(n)
		}
	}
	e.waitFor(`document.querySelector('.fc-end').checkVisibility({visibilityProperty: true})`, 5*time.Second)
	waitAnswers(t, e.url, 2*len(qs)) // every answer went through connect-src to the API, beside the other reader's
	e.waitFor(`[...document.querySelectorAll('#fc-quiz .fc-compare')].some(s => s.textContent.length > 0)`, 10*time.Second)
	if v := violations(e); len(v) > 0 {
		t.Errorf("/: CSP violations during play and quiz: %q", v)
	}

	// /embed on its own.
	e.open("/embed")
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(1)
	if v := violations(e); len(v) > 0 {
		t.Errorf("/embed: CSP violations: %q", v)
	}

	// /embed framed by an article on another origin, through embed.js.
	host := startHost(t, e.url)
	e.do(30*time.Second, chromedp.Navigate(host+"/article"))
	e.waitFor(`!!document.querySelector('iframe[title]')`, 10*time.Second)
	e.waitFor(`window.__msgs.length > 0`, 20*time.Second)
	time.Sleep(time.Second) // let the framed widget finish booting
	if v := violations(e); len(v) > 0 {
		t.Errorf("article page: CSP violations: %q", v)
	}

	if l := clog.all(); len(l) > 0 {
		t.Errorf("the browser logged policy violations: %q", l)
	}
	if errs := e.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}

	// The probe: an inline script is refused and recorded, so a silent
	// recorder above means no violation, not a broken recorder.
	e.open("/embed")
	eval[chromedp.Void](e, `(() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.head.appendChild(s) })()`)
	e.waitFor(`window.__csp.length > 0`, 5*time.Second)
	if eval[bool](e, `window.__inlineRan === true`) {
		t.Error("an inline script ran: the policy is not enforced")
	}
	if v := violations(e); len(v) == 0 || !strings.HasPrefix(v[0], "script-src") {
		t.Errorf("probe: recorded %q, want a script-src violation", v)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(clog.all()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if len(clog.all()) == 0 {
		t.Error("probe: the browser log listener saw no violation; it cannot be trusted")
	}
}
