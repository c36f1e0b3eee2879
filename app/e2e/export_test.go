package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/story"

	"github.com/chromedp/chromedp"
)

// TestStaticExportUnderSubPath: the export, served by a plain file server
// under a sub-path, boots, plays, takes quiz answers without an API (figures
// hidden), serves the embed page, and works offline after one visit: with
// the file server answering nothing (goOffline), the page comes from the
// service worker's cache, and so does a part opened once online. It fails
// when that cache gives nothing (fromCache in app/server/worker.js
// returning undefined), or keeps only pages with the server's version
// header.
func TestStaticExportUnderSubPath(t *testing.T) {
	e := newEnv(t, 1280, 900)
	const base = "/interactives/five-calls/"
	dir := filepath.Join(t.TempDir(), "site")
	if err := server.Export(server.Config{Story: story.Default(), WebDir: webDir, BasePath: base}, dir); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(base[:len(base)-1], http.FileServer(http.Dir(dir))))
	ts := httptest.NewServer(unlessGone(e.serverGone, mux))
	t.Cleanup(ts.Close)
	e.url = ts.URL + base[:len(base)-1]

	e.open("/")
	e.clickVisible(`label[data-control="next"]`)
	e.waitCard(1)
	e.answerQuestion(1, 2)
	if eval[bool](e, `!!document.querySelector('#fc-quiz .fc-share, #fc-quiz .fc-compare') || document.getElementById('fc-quiz').hasAttribute('data-api')`) {
		t.Error("the export offers readers' figures it has no API for")
	}
	if got := eval[string](e, `location.pathname`); got != base {
		t.Errorf("path = %q", got)
	}
	// A static host serves one file for every query: the page still opens
	// at the call its address names, before the WebAssembly.
	e.openServed("/embed/?call=4")
	if got := e.cardStep(); got != "Call 4 of 5" {
		t.Errorf("embed card = %q", got)
	}
	e.waitLive()
	if !eval[bool](e, `document.querySelector('.fc').dataset.mode === "embed"`) {
		t.Error("embed/ is not in embed mode")
	}
	e.waitForServiceWorker()
	if scope := evalAwait[string](e, `navigator.serviceWorker.getRegistration().then(r => r.active.scriptURL)`); scope != ts.URL+base+"app-worker.js" {
		t.Errorf("worker = %q", scope)
	}
	// A part the worker did not install with, opened once online, is
	// kept as it is fetched: a static host sends no version header, so
	// the worker reads the version from the page's links.
	e.open("/embed/quiz/")
	e.goOffline()
	e.open("/?call=5")
	if got := e.cardStep(); got != "Call 5 of 5" {
		t.Errorf("offline card = %q", got)
	}
	e.open("/embed/quiz/")
	if !eval[bool](e, `!!document.querySelector('#fc-quiz') && !document.querySelector('.fc-map')`) {
		t.Errorf("offline, the quiz embed opened once online is not there: %q", eval[string](e, `document.title + " " + location.href`))
	}
	if errs := e.consoleErrors(); len(errs) > 0 {
		t.Logf("console (expected: the missing API): %q", errs)
	}
}

// TestEmbedScriptAsksForAPartByItsPage: embed.js asks for an embed that
// has a page of its own (the quiz's) by that page, which a static host
// serves too, and for any other set of parts by ?parts=, which needs the
// server. On the export, a quiz embed shows the quiz, not the map.
// Fails with embed.js sending every set of parts as ?parts= (a static
// host answers embed/?parts=quiz with the default embed).
func TestEmbedScriptAsksForAPartByItsPage(t *testing.T) {
	e := newEnv(t, 1000, 900)
	dir := filepath.Join(t.TempDir(), "site")
	if err := server.Export(server.Config{Story: story.Default(), WebDir: webDir}, dir); err != nil {
		t.Fatal(err)
	}
	static := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(static.Close)
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Article</title></head><body>
<div id="server-quiz" data-fivecalls-src="%[1]s/embed" data-fivecalls-parts="quiz"></div>
<div id="server-map" data-fivecalls-src="%[1]s/embed" data-fivecalls-parts="map"></div>
<div id="static-quiz" data-fivecalls-src="%[2]s/embed/" data-fivecalls-parts="quiz"></div>
<div id="static-default" data-fivecalls-src="%[2]s/embed/" data-fivecalls-parts="timeline, map,card"></div>
<script src="%[2]s/web/embed.js" async></script></body></html>`, e.url, static.URL)
	})
	host := httptest.NewServer(mux)
	t.Cleanup(host.Close)
	e.do(30*time.Second, chromedp.Navigate(host.URL+"/article"))
	e.waitFor(`document.querySelectorAll('iframe').length === 4`, 10*time.Second)
	src := func(id string) string {
		// embed.js marks the div and its iframe with the same id.
		return eval[string](e, `(() => { const div = document.getElementById('`+id+`');
			const u = new URL(document.querySelector('iframe[data-fivecalls-id="' + div.getAttribute('data-fivecalls-id') + '"]').src);
			return u.origin + u.pathname + "?" + (u.searchParams.get("parts") || "") })()`)
	}
	for id, want := range map[string]string{
		"server-quiz":    e.url + "/embed/quiz?",
		"server-map":     e.url + "/embed?map",
		"static-quiz":    static.URL + "/embed/quiz/?",
		"static-default": static.URL + "/embed/?",
	} {
		if got := src(id); got != want {
			t.Errorf("%s: the iframe asks for %s, want %s", id, got, want)
		}
	}
	res, err := http.Get(static.URL + "/embed/quiz/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `id="fc-quiz"`) || strings.Contains(string(body), `class="fc-map"`) {
		t.Errorf("the export's quiz embed: %d, quiz %v, map %v", res.StatusCode, strings.Contains(string(body), `id="fc-quiz"`), strings.Contains(string(body), `class="fc-map"`))
	}
}
