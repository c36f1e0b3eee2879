package pagetest

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestAddressOnAPageRenderedForAnother: a static export serves one file
// for every query, and the service worker, offline, its cached copy: the
// page the reader gets was rendered for another address. page.js then
// shows the call and the theme the address names, before the first paint.
// Here the browser asks for /?call=3&theme=dark and gets the page rendered
// for /.
// Fails with page.js's address reading at DOMContentLoaded removed.
func TestAddressOnAPageRenderedForAnother(t *testing.T) {
	tb := newTab(t)
	res, err := http.Get(shared.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %d %v", res.StatusCode, err)
	}
	if err := chromedp.Listen(tb.ctx, func(ev any) {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			go func() { // not on the event's own goroutine
				ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
				defer cancel()
				_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
					RequestID:       ev.RequestID,
					ResponseCode:    http.StatusOK,
					ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html; charset=utf-8"}},
					Body:            plain,
				})
			}()
		}
	}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{
		Patterns: []*fetch.RequestPattern{{URLPattern: "*call=3*", ResourceType: network.ResourceTypeDocument}},
	}); err != nil {
		t.Fatal(err)
	}
	tb.open("/?call=3&theme=dark")
	if !eval[bool](tb, `document.getElementById("fc-step-0").defaultChecked`) {
		t.Fatal("the page was rendered for this address, not for /: the test proves nothing")
	}
	if got := tb.shownCard(); got != cardName(3) {
		t.Errorf("the page shows %q, want call 3", got)
	}
	if got := eval[string](tb, `document.querySelector("." + N.RootClass).getAttribute(N.ThemeAttr)`); got != "dark" {
		t.Errorf("the theme is %q, want dark", got)
	}
}
