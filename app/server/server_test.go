package server_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"

	"github.com/andybalholm/brotli"
	"github.com/rs/zerolog"
)

// mustWebDir makes a web folder with the repository's static files and a
// stand-in app.wasm: the server treats the wasm as opaque bytes.
func mustWebDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	entries, err := os.ReadDir("../../web")
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), "app.wasm") {
			continue
		}
		b, err := os.ReadFile(filepath.Join("../../web", e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm\x01\x00\x00\x00 stand-in"), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// mustServer starts a test server for the story with a SQLite store.
func mustServer(tb testing.TB, s *story.Story) *httptest.Server {
	tb.Helper()
	st, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "answers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	h, err := server.New(zerolog.Nop(), server.Config{
		Story:  s,
		WebDir: mustWebDir(tb),
	}, st)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(h)
	tb.Cleanup(ts.Close)
	return ts
}

func mustGet(tb testing.TB, url string) (*http.Response, string) {
	tb.Helper()
	res, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res, string(b)
}

func TestHomePagePrerendersTheStory(t *testing.T) {
	ts := mustServer(t, story.Default())
	res, body := mustGet(t, ts.URL+"/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	s := story.Default()
	want := []string{htmlText(s.Title)}
	for _, p := range s.Places {
		want = append(want, p.Name)
	}
	for _, c := range s.Calls {
		want = append(want, c.Leader.Name)
	}
	for _, q := range s.Quiz.Questions {
		want = append(want, htmlText(q.Prompt))
		for _, c := range q.Choices {
			want = append(want, htmlText(c.Text))
		}
	}
	// Local times at the capitals, with weekday, in the list of calls.
	want = append(want, "Sun 9:05\u00a0a.m. in Canberra", "11:05\u00a0p.m. in Tokyo", "5:05\u00a0p.m. EST in Washington")
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("GET / lacks %q", w)
		}
	}
	// The calls are an ordered list, in the story's order.
	list := regexp.MustCompile(`(?s)<ol class="fc-calls">.*?</ol>`).FindString(body)
	last := -1
	for _, c := range s.Calls {
		i := strings.Index(list, c.Leader.Name)
		if i <= last {
			t.Errorf("call %s is out of order in the list", c.ID)
		}
		last = i
	}
	// The map and its stable hooks are prerendered.
	for _, p := range s.Places {
		if !strings.Contains(body, `data-place="`+p.ID+`"`) {
			t.Errorf("map lacks data-place=%q", p.ID)
		}
	}
	for i := range s.Calls {
		if !strings.Contains(body, fmt.Sprintf(`data-arc="%d"`, i+1)) {
			t.Errorf("map lacks call %d's arc", i+1)
		}
	}
}

// htmlText is how the prerenderer escapes a text node.
func htmlText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	return r.Replace(s)
}

func TestPageReferencesNoExternalHost(t *testing.T) {
	ts := mustServer(t, story.Default())
	for _, path := range []string{"/", "/embed", "/manifest.webmanifest", "/state.css", "/app-worker.js"} {
		_, body := mustGet(t, ts.URL+path)
		sourceURLs := map[string]bool{}
		for _, src := range story.Default().Sources {
			sourceURLs[src.URL] = true
		}
		for _, m := range regexp.MustCompile(`(?:src|href|content)="(https?://[^"]*)"`).FindAllStringSubmatch(body, -1) {
			if !sourceURLs[strings.ReplaceAll(m[1], "&amp;", "&")] {
				t.Errorf("%s references an outside host: %s", path, m[1])
			}
		}
		if strings.Contains(body, "raw.githubusercontent.com") {
			t.Errorf("%s still points at go-app's default icons", path)
		}
	}
}

func TestViewportLetsReadersZoom(t *testing.T) {
	ts := mustServer(t, story.Default())
	_, body := mustGet(t, ts.URL+"/")
	tags := regexp.MustCompile(`<meta[^>]*name="viewport"[^>]*>`).FindAllString(body, -1)
	if len(tags) != 1 {
		t.Fatalf("want exactly one viewport tag, got %q", tags)
	}
	if strings.Contains(tags[0], "user-scalable=0") || strings.Contains(tags[0], "maximum-scale=1") {
		t.Errorf("viewport blocks zoom: %s", tags[0])
	}
}

func TestStoryTextCannotBreakOutOfAttributes(t *testing.T) {
	s := story.Default()
	s.Title = `Five "calls" & more`
	s.Dek = "A dek\u00a0with a non-breaking space, a \"quote\" and a backslash \\ inside"
	s.Sources[0].Headline = `He said "hi" onfocus="alert(1)`
	ts := mustServer(t, s)
	_, body := mustGet(t, ts.URL+"/")
	// The story's JSON data block legitimately holds \" and \n escapes.
	body = regexp.MustCompile(`(?s)<script type="application/json"[^>]*>.*?</script>`).ReplaceAllString(body, "")
	if regexp.MustCompile(`<[^>]*\sonfocus="`).MatchString(body) {
		t.Error("a quote in story text opened a new attribute")
	}
	for _, bad := range []string{`\u00a0`, `\n`, `\"`, `\\`} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains Go-quoted %s", bad)
		}
	}
	if !strings.Contains(body, `<meta name="description" content="A dek`+"\u00a0"+`with a non-breaking space, a &#34;quote&#34; and a backslash \ inside">`) {
		t.Error("description meta does not carry the dek faithfully")
	}
	if !strings.Contains(body, `title="He said &#34;hi&#34; onfocus=&#34;alert(1)"`) {
		t.Error("source headline is not escaped as an attribute")
	}
}

func TestPagesRevalidateWithContentETags(t *testing.T) {
	ts := mustServer(t, story.Default())
	res, _ := mustGet(t, ts.URL+"/")
	etag := res.Header.Get("ETag")
	if etag == "" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, res.Header.Get("Cache-Control"))
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
	req.Header.Set("If-None-Match", etag)
	res2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res2.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation = %d, want 304", res2.StatusCode)
	}
	// A different story gives a different ETag, so nobody keeps a stale page.
	other := story.Default()
	other.Title = "Another title"
	res3, _ := mustGet(t, mustServer(t, other).URL+"/")
	if res3.Header.Get("ETag") == etag {
		t.Error("a changed story kept the same ETag")
	}
}

// Pages and the files kept in memory go in brotli to a browser that takes
// it (all of today's), in gzip to one that takes only gzip or refuses br,
// and as they are otherwise; each form decodes to the same page and has an
// ETag of its own, so that no cache hands one form to a client that asked
// for another. Brotli is what puts the default story's page in one round
// trip fewer than gzip on a phone's network: it must be smaller.
// Break it: drop the brotli case in cachedFile.serve, and Chromium's
// Accept-Encoding gets gzip.
func TestPagesAreServedInBrotli(t *testing.T) {
	ts := mustServer(t, story.Default())
	get := func(path, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		req.Header.Set("Accept-Encoding", accept)
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res, b
	}
	for _, path := range []string{"/", "/embed", "/story.json", "/web/app.css"} {
		plain, raw := get(path, "")
		if plain.StatusCode != http.StatusOK || plain.Header.Get("Content-Encoding") != "" {
			t.Fatalf("%s without Accept-Encoding: %d, Content-Encoding %q", path, plain.StatusCode, plain.Header.Get("Content-Encoding"))
		}
		etags := map[string]string{"": plain.Header.Get("ETag")}
		var sizes = map[string]int{}
		for _, c := range []struct{ accept, encoding string }{
			{"gzip, deflate, br, zstd", "br"}, // Chromium's
			{"br;q=0, gzip", "gzip"},
			{"gzip", "gzip"},
		} {
			res, body := get(path, c.accept)
			if got := res.Header.Get("Content-Encoding"); got != c.encoding {
				t.Errorf("%s with %q: Content-Encoding %q, want %q", path, c.accept, got, c.encoding)
				continue
			}
			if res.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s with %q: Vary %q", path, c.accept, res.Header.Get("Vary"))
			}
			var r io.Reader = brotli.NewReader(bytes.NewReader(body))
			if c.encoding == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("%s with %q: not gzip: %v", path, c.accept, err)
				}
				r = zr
			}
			decoded, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(decoded, raw) {
				t.Errorf("%s with %q: decodes to %d bytes (%v), not the page's %d", path, c.accept, len(decoded), err, len(raw))
			}
			if other, seen := etags[c.encoding]; seen && other != res.Header.Get("ETag") {
				t.Errorf("%s: two ETags for %s: %s and %s", path, c.encoding, other, res.Header.Get("ETag"))
			}
			for enc, etag := range etags {
				if enc != c.encoding && etag == res.Header.Get("ETag") {
					t.Errorf("%s: the %s form has the ETag of the %q form: %s", path, c.encoding, enc, etag)
				}
			}
			etags[c.encoding] = res.Header.Get("ETag")
			sizes[c.encoding] = len(body)
		}
		if path == "/" && sizes["br"] >= sizes["gzip"] {
			t.Errorf("/ is %d bytes in brotli and %d in gzip", sizes["br"], sizes["gzip"])
		}
	}
}

func TestWasmIsServedPrecompressed(t *testing.T) {
	dir := mustWebDir(t)
	raw := []byte("\x00asm raw bytes raw bytes raw bytes")
	os.WriteFile(filepath.Join(dir, "app.wasm"), raw, 0o644)
	os.WriteFile(filepath.Join(dir, "app.wasm.br"), []byte("brotli-bytes"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.wasm.gz"), []byte("gzip-bytes!"), 0o644)
	h, err := server.New(zerolog.Nop(), server.Config{Story: story.Default(), WebDir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		accept, encoding, body string
	}{
		{"gzip, deflate, br", "br", "brotli-bytes"},
		{"gzip", "gzip", "gzip-bytes!"},
		{"br;q=0, gzip", "gzip", "gzip-bytes!"},
		{"", "", string(raw)},
	}
	for _, tt := range tests {
		t.Run(tt.accept, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/web/app.wasm", nil)
			req.Header.Set("Accept-Encoding", tt.accept)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if got := rec.Header().Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Content-Encoding = %q, want %q", got, tt.encoding)
			}
			if rec.Body.String() != tt.body {
				t.Errorf("body = %q", rec.Body.String())
			}
			if rec.Header().Get("Vary") != "Accept-Encoding" || rec.Header().Get("Content-Type") != "application/wasm" {
				t.Errorf("headers: %v", rec.Header())
			}
			if rec.Header().Get("Content-Length") != strconv.Itoa(len(tt.body)) {
				t.Errorf("Content-Length = %q, want %d", rec.Header().Get("Content-Length"), len(tt.body))
			}
		})
	}
}

func TestHealthzAndNotFound(t *testing.T) {
	ts := mustServer(t, story.Default())
	if res, body := mustGet(t, ts.URL+"/healthz"); res.StatusCode != 200 || body != "ok\n" {
		t.Errorf("healthz = %d %q", res.StatusCode, body)
	}
	for _, p := range []string{"/nope", "/web/../go.mod", "/web/%2e%2e/go.mod", "/web/app.go"} {
		if res, _ := mustGet(t, ts.URL+p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, res.StatusCode)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts := mustServer(t, story.Default())
	res, _ := mustGet(t, ts.URL+"/")
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "'unsafe-eval'") || strings.Contains(csp, "'unsafe-inline'") {
		t.Errorf("CSP allows unsafe script: %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Set-Cookie") != "" {
		t.Errorf("headers: %v", res.Header)
	}
	// Every embed may be framed anywhere; the widget's page and what is
	// not an embed only by this origin.
	for _, p := range []string{"/embed", "/embed/", "/embed/quiz", "/embed/calls", "/embed/all", "/embed?parts=quiz", "/?embed=1"} {
		res, _ = mustGet(t, ts.URL+p)
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors *") {
			t.Errorf("%s: CSP = %q, want any ancestor", p, res.Header.Get("Content-Security-Policy"))
		}
	}
	for _, p := range []string{"/", "/embed/nothing", "/embedded", "/story.json"} {
		res, _ = mustGet(t, ts.URL+p)
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'self'") {
			t.Errorf("%s: CSP = %q, want this origin only", p, res.Header.Get("Content-Security-Policy"))
		}
	}
}

// TestVersionedAssetsAreImmutable: the page names the app's files with the
// version, and those URLs may be cached for a year; plain URLs revalidate.
func TestVersionedAssetsAreImmutable(t *testing.T) {
	ts := mustServer(t, story.Default())
	_, body := mustGet(t, ts.URL+"/")
	css := regexp.MustCompile(`href="(/web/app\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(body)
	if css == nil {
		t.Fatal("the page does not version /web/app.css")
	}
	res, _ := mustGet(t, ts.URL+css[1])
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("versioned CSS: Cache-Control %q", got)
	}
	res, _ = mustGet(t, ts.URL+"/web/app.css")
	if got := res.Header.Get("Cache-Control"); got != "no-cache" || res.Header.Get("ETag") == "" {
		t.Errorf("plain CSS: Cache-Control %q, ETag %q", got, res.Header.Get("ETag"))
	}
	res, _ = mustGet(t, ts.URL+"/web/app.css?v=stale")
	if got := res.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("another version's URL: Cache-Control %q", got)
	}
	pageJS := regexp.MustCompile(`src="(/web/page\.js\?v=([0-9a-f]+))"`).FindStringSubmatch(body)
	if pageJS == nil {
		t.Fatal("the page does not version /web/page.js")
	}
	_, js := mustGet(t, ts.URL+pageJS[1])
	// The script fetches the wasm from a URL relative to its own.
	wasm := regexp.MustCompile(`"WasmURL":"(app\.wasm\?v=[0-9a-f]+)"`).FindStringSubmatch(js)
	if wasm == nil || !strings.HasSuffix(wasm[1], pageJS[2]) {
		t.Fatalf("page.js does not fetch the wasm of its version: %v", wasm)
	}
	res, _ = mustGet(t, ts.URL+"/web/"+wasm[1])
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("versioned wasm: Cache-Control %q", got)
	}
}
