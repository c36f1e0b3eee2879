package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"
	"fivecalls/app/storyfiles"

	"github.com/rs/zerolog"
)

// storyFile writes the default story as a file, with its id and title
// replaced.
func storyFile(tb testing.TB, dir, name, id, title string) {
	tb.Helper()
	s := story.Default()
	s.ID, s.Title = id, title
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// severalServer serves the story files of dir as fivecalls serve --stories
// does, with a SQLite store.
func severalServer(tb testing.TB, dir string, configure func(*server.Config)) (*server.Server, *storyfiles.Reader, []storyfiles.File) {
	tb.Helper()
	r := storyfiles.NewReader(storyfiles.Folder(dir))
	files, _, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	st, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "answers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	cfg := server.Config{Several: true, Stories: files, WebDir: mustWebDir(tb), PublicURL: &url.URL{Scheme: "https", Host: "news.example", Path: "/"}}
	if configure != nil {
		configure(&cfg)
	}
	h, err := server.New(zerolog.Nop(), cfg, st)
	if err != nil {
		tb.Fatal(err)
	}
	return h, r, files
}

func serve(h http.Handler, method, target, contentType, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestTwoStoriesFromOneServer: two story files and a broken one in a
// folder. Each story has its own pages, embeds, files, oEmbed and
// previews under /ID/, its pages link only their own files, its readers'
// answers and figures are its own, and the broken file is listed nowhere
// and breaks nothing. The list at / names both.
func TestTwoStoriesFromOneServer(t *testing.T) {
	dir := t.TempDir()
	storyFile(t, dir, "a.json", "alpha", "The alpha story")
	storyFile(t, dir, "b.json", "beta", "The beta story")
	if err := os.WriteFile(filepath.Join(dir, "c.json"), []byte(`{"id": "gamma", "title": "Broken", "places": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	h, _, files := severalServer(t, dir, nil)
	if len(files) != 3 || files[2].Story != nil || len(files[2].Problems) == 0 {
		t.Fatalf("the broken file was read as %+v", files[2])
	}

	w := serve(h, "GET", "/", "", "")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "The alpha story") || !strings.Contains(w.Body.String(), "The beta story") {
		t.Fatalf("GET / = %d, want the list of both stories:\n%s", w.Code, w.Body)
	}
	for _, link := range []string{`href="alpha/"`, `href="beta/embed"`, `src="beta/thumbnail.svg?v=`, `href="alpha/story.json"`} {
		if !strings.Contains(w.Body.String(), link) {
			t.Errorf("the list lacks %s", link)
		}
	}
	if strings.Contains(w.Body.String(), "c.json") || strings.Contains(w.Body.String(), "Broken") {
		t.Error("the list names the broken file to readers (problems are for --watch)")
	}

	for _, s := range []struct{ id, other, title string }{{"alpha", "beta", "The alpha story"}, {"beta", "alpha", "The beta story"}} {
		t.Run(s.id, func(t *testing.T) {
			base := "/" + s.id + "/"
			for _, path := range []string{"", "embed", "embed/quiz", "embed/calls", "embed/all"} {
				w := serve(h, "GET", base+path, "", "")
				body := w.Body.String()
				if w.Code != http.StatusOK || !strings.Contains(body, s.title) {
					t.Fatalf("GET %s = %d, want the story's page", base+path, w.Code)
				}
				// Every file the page links is the story's own.
				for _, own := range []string{`href="` + base + `state.css?v=`, `href="` + base + `radio-steps.css?v=`, `href="` + base + `web/app.css?v=`, `src="` + base + `web/page.js?v=`, `href="` + base + `manifest.webmanifest?v=`} {
					if !strings.Contains(body, own) {
						t.Errorf("GET %s does not link %s…", base+path, own)
					}
				}
				if strings.Contains(body, `"/`+s.other+`/`) || strings.Contains(body, `href="/web/`) {
					t.Errorf("GET %s links another story's files or the root's", base+path)
				}
				ancestors := "frame-ancestors 'self'"
				if path != "" {
					ancestors = "frame-ancestors *"
				}
				if csp := w.Header().Get("Content-Security-Policy"); !strings.HasSuffix(csp, ancestors) {
					t.Errorf("GET %s: CSP ends %q, want %q", base+path, csp[strings.LastIndex(csp, ";")+1:], ancestors)
				}
				if discovery := "https://news.example" + base + "oembed?url="; !strings.Contains(body, discovery) {
					t.Errorf("GET %s has no oEmbed discovery link to %s", base+path, discovery)
				}
			}
			for _, path := range []string{"story.json", "state.css", "radio-steps.css", "web/page.js", "web/embed.js", "web/app.css", "web/icon.svg", "wasm_exec.js", "web/app.wasm", "manifest.webmanifest", "app-worker.js", "thumbnail.svg", "preview.png?width=300"} {
				if w := serve(h, "GET", base+path, "", ""); w.Code != http.StatusOK {
					t.Errorf("GET %s = %d", base+path, w.Code)
				}
			}
			var got story.Story
			if err := json.Unmarshal(serve(h, "GET", base+"story.json", "", "").Body.Bytes(), &got); err != nil || got.ID != s.id {
				t.Errorf("%sstory.json tells %q (%v)", base, got.ID, err)
			}
			var manifest struct{ Name, Scope string }
			json.Unmarshal(serve(h, "GET", base+"manifest.webmanifest", "", "").Body.Bytes(), &manifest)
			if manifest.Name != s.title || manifest.Scope != "./" {
				t.Errorf("%smanifest.webmanifest = %+v", base, manifest)
			}

			// oEmbed, at the story's own endpoint and at the server's.
			for _, endpoint := range []string{base + "oembed", "/oembed"} {
				w := serve(h, "GET", endpoint+"?url="+url.QueryEscape("https://news.example"+base+"?call=2"), "", "")
				var res struct {
					Title        string `json:"title"`
					HTML         string `json:"html"`
					ThumbnailURL string `json:"thumbnail_url"`
				}
				json.Unmarshal(w.Body.Bytes(), &res)
				if w.Code != http.StatusOK || res.Title != s.title || !strings.Contains(res.HTML, `src="https://news.example`+base+`embed?call=2"`) ||
					!strings.HasPrefix(res.ThumbnailURL, "https://news.example"+base+"preview.png?") {
					t.Errorf("GET %s = %d %+v", endpoint, w.Code, res)
				}
			}
			if w := serve(h, "GET", base+"oembed?url="+url.QueryEscape("https://news.example/"+s.other+"/"), "", ""); w.Code != http.StatusNotFound {
				t.Errorf("%soembed answers for the other story: %d", base, w.Code)
			}
		})
	}
	if w := serve(h, "GET", "/oembed?url="+url.QueryEscape("https://news.example/gamma/"), "", ""); w.Code != http.StatusNotFound {
		t.Errorf("/oembed for the broken file's story = %d, want 404", w.Code)
	}
	for _, path := range []string{"/gamma/", "/nothing/", "/api/stats?story=alpha", "/web/app.css", "/embed/quiz"} {
		if w := serve(h, "GET", path, "", ""); w.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404 (no such story; nothing at the root but the list)", path, w.Code)
		}
	}
	if w := serve(h, "GET", "/alpha", "", ""); w.Code/100 != 3 || w.Header().Get("Location") != "/alpha/" {
		t.Errorf("GET /alpha = %d → %q, want a redirect to /alpha/", w.Code, w.Header().Get("Location"))
	}

	// Answers and figures stay with their story.
	answer := func(storyID string, n int) string {
		a := quiz.Answer{Story: storyID, Question: "q1", Choice: "a", Reader: strings.Repeat("r", 15) + string(rune('a'+n)), ID: strings.Repeat("x", 15) + string(rune('a'+n))}
		b, _ := json.Marshal(a)
		return string(b)
	}
	if w := serve(h, "POST", "/alpha/api/answers", "application/json", answer("alpha", 1)); w.Code != http.StatusCreated {
		t.Fatalf("POST /alpha/api/answers = %d %s", w.Code, w.Body)
	}
	if w := serve(h, "POST", "/beta/api/answers", "application/json", answer("alpha", 2)); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("POST /beta/api/answers for alpha = %d, want 422: each story's API takes its own story's answers", w.Code)
	}
	readers := func(id string) int64 {
		w := serve(h, "GET", "/"+id+"/api/stats?story="+id, "", "")
		var st quiz.Stats
		if err := json.Unmarshal(w.Body.Bytes(), &st); w.Code != http.StatusOK || err != nil {
			t.Fatalf("stats of %s = %d %s", id, w.Code, w.Body)
		}
		return st.Readers
	}
	if a, b := readers("alpha"), readers("beta"); a != 1 || b != 0 {
		t.Errorf("readers: alpha %d, beta %d; want 1 and 0", a, b)
	}
	if w := serve(h, "GET", "/beta/api/stats?story=alpha", "", ""); w.Code != http.StatusNotFound {
		t.Errorf("/beta/api/stats?story=alpha = %d, want 404", w.Code)
	}

	if w := serve(h, "GET", "/robots.txt", "", ""); !strings.Contains(w.Body.String(), "Disallow: /*/api/\n") {
		t.Errorf("robots.txt does not keep crawlers out of the stories' APIs: %q", w.Body)
	}

	routes := h.Routes()
	for _, want := range []string{"GET /{$}", "GET /{story}/{$}", "GET /{story}/embed", "POST /{story}/api/answers", "GET /oembed", "GET /{story}/oembed"} {
		if !slices.Contains(routes, want) {
			t.Errorf("Routes() lacks %q: %q", want, routes)
		}
	}
}

// TestUpdateAddsChangesAndRemovesStories: Update tells the files as they
// are now: an edited story is a new version at once (its pages say so),
// a new file's story is served, a removed one's is not.
func TestUpdateAddsChangesAndRemovesStories(t *testing.T) {
	dir := t.TempDir()
	storyFile(t, dir, "a.json", "alpha", "The alpha story")
	storyFile(t, dir, "b.json", "beta", "The beta story")
	h, r, _ := severalServer(t, dir, nil)
	version := serve(h, "GET", "/alpha/", "", "").Header().Get("X-Fivecalls-Version")

	storyFile(t, dir, "a.json", "alpha", "The alpha story, edited")
	storyFile(t, dir, "c.json", "gamma", "The gamma story")
	if err := os.Remove(filepath.Join(dir, "b.json")); err != nil {
		t.Fatal(err)
	}
	files, changed, err := r.Read()
	if err != nil || !changed {
		t.Fatal(changed, err)
	}
	if err := h.Update(files); err != nil {
		t.Fatal(err)
	}
	w := serve(h, "GET", "/alpha/", "", "")
	if !strings.Contains(w.Body.String(), "The alpha story, edited") || w.Header().Get("X-Fivecalls-Version") == version {
		t.Errorf("after an edit /alpha/ is of version %s (was %s)", w.Header().Get("X-Fivecalls-Version"), version)
	}
	if w := serve(h, "GET", "/gamma/", "", ""); w.Code != http.StatusOK {
		t.Errorf("a story added: GET /gamma/ = %d", w.Code)
	}
	if w := serve(h, "GET", "/beta/", "", ""); w.Code != http.StatusNotFound {
		t.Errorf("a story removed: GET /beta/ = %d", w.Code)
	}
	if list := serve(h, "GET", "/", "", "").Body.String(); strings.Contains(list, "beta") || !strings.Contains(list, "The gamma story") {
		t.Errorf("the list after the changes:\n%s", list)
	}
}

// TestStaticAddressesLeadToThePages: the folder and file forms a static
// export serves its pages at ("embed/", "embed/quiz/index.html") redirect
// to the pages here, with their query, for one story and for several; an
// address copied from an export, or one web/embed.js builds from it,
// answered 404 before.
func TestStaticAddressesLeadToThePages(t *testing.T) {
	dir := t.TempDir()
	storyFile(t, dir, "a.json", "alpha", "The alpha story")
	several, _, _ := severalServer(t, dir, nil)
	one := mustServer(t, story.Default())
	for _, tt := range []struct {
		h          http.Handler
		from, want string
	}{
		{one.Config.Handler, "/embed/", "/embed"},
		{one.Config.Handler, "/embed/quiz/?childId=x", "/embed/quiz?childId=x"},
		{one.Config.Handler, "/embed/index.html", "/embed"},
		{one.Config.Handler, "/index.html", "/"},
		{several, "/alpha/embed/calls/", "/alpha/embed/calls"},
		{several, "/alpha/embed/index.html?parts=map", "/alpha/embed?parts=map"},
		{several, "/alpha/index.html", "/alpha/"},
	} {
		w := serve(tt.h, "GET", tt.from, "", "")
		if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != tt.want {
			t.Errorf("GET %s = %d to %q, want 301 to %q", tt.from, w.Code, w.Header().Get("Location"), tt.want)
		}
	}
	for _, p := range []string{"/embed/nope/", "/embed/quiz/x", "/nope/index.html"} {
		if w := serve(one.Config.Handler, "GET", p, "", ""); w.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, w.Code)
		}
	}
}
