package e2e

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"fivecalls/app/ui"

	"github.com/chromedp/chromedp"
)

// pymPath is pym.js as npm publishes it, fetched and checked by .ci/setup
// (FIVECALLS_PYM names it); the embed tests run the real library.
func pymPath(t *testing.T) string {
	return npmFile(t, "FIVECALLS_PYM", "pym.js-1.3.2", filepath.Join("dist", "pym.v1.min.js"))
}

// startPymHost serves an article page on another origin that embeds the
// widget's page at path with pym.js, either as its documentation shows
// (new pym.Parent) or by its auto-init (data-pym-src).
func startPymHost(t *testing.T, widget string) string {
	t.Helper()
	pym := pymPath(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/pym.v1.min.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, pym)
	})
	page := func(body string) string {
		return `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Article</title></head>
<body style="margin:0"><script>window.__pym = 0; addEventListener("message", e => { if (typeof e.data === "string" && e.data.startsWith("pymxPYMx")) window.__pym++; });</script>
<p>Article text above the widget.</p>` + body + `<p>Article text below.</p></body></html>`
	}
	mux.HandleFunc("/parent", func(w http.ResponseWriter, r *http.Request) {
		src := html.EscapeString(widget + r.URL.Query().Get("path"))
		fmt.Fprint(w, page(`<div id="widget"></div><script src="/pym.v1.min.js"></script>
<script>new pym.Parent("widget", "`+src+`", {title: "Five Calls"});</script>`))
	})
	mux.HandleFunc("/auto", func(w http.ResponseWriter, r *http.Request) {
		src := html.EscapeString(widget + r.URL.Query().Get("path"))
		fmt.Fprint(w, page(`<div data-pym-src="`+src+`"></div><script src="/pym.v1.min.js"></script>`))
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts.URL
}

// TestPymSizesEachPart: with the real pym.js, on another origin, the iframe
// is as tall as the widget inside it (within a pixel: no inner scrollbar,
// no blank band), for every embed preset at phone and desktop widths: as
// served, once the WebAssembly runs, while Play runs and after an answer.
func TestPymSizesEachPart(t *testing.T) {
	for _, width := range []int64{360, 1200} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			e := newEnv(t, width, 900)
			host := startPymHost(t, e.url)
			for i, preset := range ui.EmbedPages {
				path := ui.Address{Embed: true, Parts: preset.Parts}.Path()
				modes := []string{"parent"}
				if i == 0 {
					modes = append(modes, "auto")
				}
				for _, mode := range modes {
					e.do(30*time.Second, chromedp.Navigate(host+"/"+mode+"?path="+path))
					frame := pymFrame(t, e)
					check := func(when string) {
						t.Helper()
						pymSettled(t, e, frame, fmt.Sprintf("%s (%s), %s", path, mode, when))
					}
					check("as served")
					// An embed in view starts its WebAssembly by itself.
					if err := inFrame(e, 30*time.Second, chromedp.WaitReady(chromedp.CSS(`html[data-fc-motion]`), chromedp.FromNode(frame))); err != nil {
						t.Fatalf("%s: the widget did not go live: %v", path, err)
					}
					check("live")
					if preset.Parts.Has(ui.PartTimeline) {
						if err := inFrame(e, 10*time.Second, chromedp.Click(chromedp.CSS(`[data-control="play"]`), chromedp.FromNode(frame))); err != nil {
							t.Fatalf("%s: Play: %v", path, err)
						}
						time.Sleep(1500 * time.Millisecond)
						check("while Play runs")
					}
					if preset.Parts.Has(ui.PartQuiz) {
						if err := inFrame(e, 10*time.Second, chromedp.Click(chromedp.CSS(`.fc-q[data-q="1"] .fc-choice:nth-child(2)`), chromedp.FromNode(frame))); err != nil {
							t.Fatalf("%s: answer: %v", path, err)
						}
						check("after an answer")
					}
				}
			}
		})
	}
}

// inFrame runs an action on a node of a frame within a time limit.
func inFrame(e *env, timeout time.Duration, a chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(e.ctx, timeout)
	defer cancel()
	return chromedp.Do(ctx, a)
}

// pymFrame waits for the iframe pym.js made and returns its node.
func pymFrame(t *testing.T, e *env) *chromedp.Node {
	t.Helper()
	// The widget has loaded in it once it speaks: only then is the
	// iframe's document the widget's, not the blank one pym.js starts with.
	e.waitFor(`!!document.querySelector('iframe') && window.__pym > 0`, 20*time.Second)
	nodes, err := chromedp.Run(e.ctx, chromedp.Nodes(chromedp.CSS("iframe")))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("pym.js made no iframe: %v", err)
	}
	// The widget inside has rendered.
	if err := inFrame(e, 20*time.Second, chromedp.WaitReady(chromedp.CSS(`.fc`), chromedp.FromNode(nodes[0]))); err != nil {
		t.Fatalf("no widget in pym's iframe: %v", err)
	}
	return nodes[0]
}

// pymSettled waits until the iframe's height equals the widget's (within
// a pixel) and stays so for half a second, and fails the test otherwise.
func pymSettled(t *testing.T, e *env, frame *chromedp.Node, what string) {
	t.Helper()
	var iframe, widget int
	stable := 0
	for deadline := time.Now().Add(8 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		iframe = eval[int](e, `Math.round(document.querySelector('iframe').getBoundingClientRect().height)`)
		ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
		box, err := chromedp.Run(ctx, chromedp.Dimensions(chromedp.CSS(`.fc`), chromedp.FromNode(frame)))
		cancel()
		if err != nil {
			t.Fatalf("%s: the widget's box: %v", what, err)
		}
		widget = int(box.Height)
		if d := iframe - widget; d >= -1 && d <= 1 {
			if stable++; stable >= 5 {
				return
			}
		} else {
			stable = 0
		}
	}
	t.Errorf("%s: the iframe is %d px tall, the widget inside %d px", what, iframe, widget)
}
