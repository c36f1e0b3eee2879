package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// hostPage is an article page on another origin that records every message
// the widget posts, and embeds it either with embed.js or with a plain
// iframe (as WordPress does, sandboxed, with its #?secret=).
func startHost(t *testing.T, widget string) string {
	t.Helper()
	record := `<script>window.__msgs = []; addEventListener("message", e => {
		if (e.origin === %q || e.origin === "null") window.__msgs.push(typeof e.data === "string" ? e.data : JSON.stringify(e.data));
	});</script>`
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Article</title>`+record+`</head>
<body style="margin:0"><p>Article text above the widget.</p>
<div data-fivecalls-src="%s/embed"></div>
<p>Article text below.</p>
<script src="%s/web/embed.js" async></script></body></html>`, widget, widget, widget)
	})
	mux.HandleFunc("/wordpress", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>WP</title>`+record+`</head>
<body><iframe id="wp" sandbox="allow-scripts" width="600" height="400" src="%s/embed#?secret=s3cr3tKey"></iframe></body></html>`, widget, widget)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts.URL
}

// TestEmbedScriptSizesTheIframe: on a cross-origin article page, embed.js
// makes the iframe as tall as the widget (no inner scrollbar) at phone and
// desktop widths, and the height follows the content as the reader opens
// a call's details.
func TestEmbedScriptSizesTheIframe(t *testing.T) {
	for _, width := range []int64{360, 1200} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			e := newEnv(t, width, 900)
			host := startHost(t, e.url)
			e.do(30*time.Second, chromedp.Navigate(host+"/article"))
			e.waitFor(`!!document.querySelector('iframe[title]')`, 10*time.Second)
			// The height of the last message the widget sent, and the iframe's.
			lastHeight := `(() => { const m = window.__msgs.map(s => { try { return JSON.parse(s) } catch { return null } })
				.filter(m => m && m.type === "fivecalls:height"); return m.length ? m[m.length-1].height : 0 })()`
			// Wait for the widget to speak, then for its height to settle.
			e.waitFor(`window.__msgs.length > 0`, 20*time.Second)
			settle := func() int {
				t.Helper()
				prev := -1
				for i := 0; i < 60; i++ {
					h := eval[int](e, lastHeight)
					ifr := eval[int](e, `Math.round(document.querySelector('iframe').getBoundingClientRect().height)`)
					if h == prev && h == ifr && h > 0 {
						return h
					}
					prev = h
					time.Sleep(250 * time.Millisecond)
				}
				t.Fatalf("iframe height never settled to the widget's: messages %v", eval[[]string](e, `window.__msgs.slice(-4)`))
				return 0
			}
			e.waitFor(`(() => { const f = document.querySelector('iframe'); return f.getAttribute('title').length > 0 && f.getAttribute('loading') === 'lazy' })()`, 5*time.Second)
			nodes, err := chromedp.Run(e.ctx, chromedp.Nodes(chromedp.CSS("iframe")))
			if err != nil || len(nodes) == 0 {
				t.Fatalf("iframe node: %v", err)
			}
			ctx := e.ctx
			// The height is right as served, and stays right once the
			// WebAssembly inside has adopted the page (an embed starts it
			// when in view).
			h0 := settle()
			// The div has no title of its own: the frame takes the widget's
			// from its messages, in the story's language.
			if got := eval[[]string](e, `(() => { const f = document.querySelector('iframe'); return [f.getAttribute('title'), f.getAttribute('lang')] })()`); got[0] != story.Default().Title || got[1] != story.Default().Language {
				t.Errorf("the untitled div's frame is named %q in %q, want the story's title %q in %q", got[0], got[1], story.Default().Title, story.Default().Language)
			}
			if err := inFrame(e, 30*time.Second, chromedp.WaitReady(chromedp.CSS(`html[data-fc-motion]`), chromedp.FromNode(nodes[0]))); err != nil {
				t.Fatalf("the widget in the iframe did not go live: %v", err)
			}
			h1 := settle()
			if h1 != h0 {
				t.Errorf("the widget's height changed when it went live: %d → %d px", h0, h1)
			}
			if h1 < 600 {
				t.Errorf("iframe is %d px tall: the widget is cut", h1)
			}
			// Step to the first call and open what was said: the card grows,
			// and the iframe follows.
			clickCtx, cancelClick := context.WithTimeout(ctx, 10*time.Second)
			defer cancelClick()
			for _, sel := range []string{`label[data-control="next"][data-step="0"]`, `.fc-card[data-step="1"] .fc-more summary`} {
				if err := chromedp.Do(clickCtx, chromedp.Click(chromedp.CSS(sel), chromedp.FromNode(nodes[0]))); err != nil {
					t.Fatalf("click %s in the iframe: %v", sel, err)
				}
			}
			time.Sleep(500 * time.Millisecond)
			h2 := settle()
			if h2 <= h1 {
				t.Errorf("after opening the card's details, the iframe stayed %d px (was %d): it does not follow the content", h2, h1)
			}
			// pym's dialect comes with our own.
			if !eval[bool](e, `window.__msgs.some(m => /^pymxPYMxfivecalls-\d+xPYMxheightxPYMx\d+$/.test(m))`) {
				t.Errorf("no pym.js height message: %v", eval[[]string](e, `window.__msgs.slice(0, 4)`))
			}
		})
	}
}

// TestEmbedInWordPressSandbox: in a sandbox="allow-scripts" iframe (an
// opaque origin with no storage and no service worker) the widget still
// starts and speaks WordPress's, AMP's and pym's height messages.
func TestEmbedInWordPressSandbox(t *testing.T) {
	e := newEnv(t, 1000, 900)
	host := startHost(t, e.url)
	e.do(30*time.Second, chromedp.Navigate(host+"/wordpress"))
	e.waitFor(`window.__msgs.some(m => m.includes('"secret":"s3cr3tKey"') && m.includes('"message":"height"'))`, 20*time.Second)
	e.waitFor(`window.__msgs.some(m => m.includes('"sentinel":"amp"') && m.includes('"type":"embed-size"'))`, 5*time.Second)
	e.waitFor(`window.__msgs.some(m => /^pymxPYMxfivecallsxPYMxheightxPYMx\d+$/.test(m))`, 5*time.Second)
	// The WebAssembly starts in the sandbox too. The sandboxed frame runs
	// in a process of its own: ask its own DevTools target.
	var frame *target.Info
	for deadline := time.Now().Add(10 * time.Second); frame == nil && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		targets, err := chromedp.Targets(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ti := range targets {
			if ti.Type == "iframe" && strings.Contains(ti.URL, "/embed") {
				frame = ti
			}
		}
	}
	if frame == nil {
		t.Fatal("no DevTools target for the sandboxed widget")
	}
	fctx, cancel := chromedp.NewContext(e.ctx, chromedp.WithTargetID(frame.TargetID))
	defer cancel()
	wctx, cancelWait := context.WithTimeout(fctx, 30*time.Second)
	defer cancelWait()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](`document.documentElement.hasAttribute("data-fc-motion")`, chromedp.WithPollingInterval(100*time.Millisecond))); err != nil {
		t.Fatalf("the widget in the sandbox did not go live: %v", err)
	}
	if got := eval[string](e, `document.getElementById('wp').getAttribute('sandbox')`); got != "allow-scripts" {
		t.Fatalf("sandbox = %q", got)
	}
	if strings.Contains(strings.Join(e.consoleErrors(), " "), "Go program has already exited") {
		t.Errorf("the widget crashed: %q", e.consoleErrors())
	}
}

// TestEmbedScriptNamesAnUntitledFrame: on an English article page, a div
// without data-fivecalls-title that embeds a Japanese story gets a frame
// named with the story's title, marked as Japanese (lang on the iframe is
// its title's language), rather than embed.js's English stand-in.
//
// It fails when page.js's own height message carries no title or
// language, or when embed.js does not take them.
func TestEmbedScriptNamesAnUntitledFrame(t *testing.T) {
	var want string
	for _, s := range corpusStories(t) {
		if s.name == "japanese" {
			want = s.s.Title
		}
	}
	if want == "" {
		t.Fatal("the corpus has no japanese.json")
	}
	e := newEnv(t, 800, 900)
	host := startHost(t, startStoriesServer(t, corpusDir, false, new(atomic.Bool))+"/corpus-japanese")
	e.do(30*time.Second, chromedp.Navigate(host+"/article"))
	named := `(() => { const f = document.querySelector('iframe'); return f ? [f.getAttribute('title'), f.getAttribute('lang') || ""] : ["", ""] })()`
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		got := eval[[]string](e, named)
		if got[0] == want && got[1] == "ja" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the untitled div's frame is named %q in %q, want %q in \"ja\"", got[0], got[1], want)
		}
	}
}
