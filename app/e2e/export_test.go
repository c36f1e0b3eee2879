package e2e

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"fivecalls/app/server"
	"fivecalls/app/story"
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
