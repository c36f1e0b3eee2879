package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	fcserver "fivecalls/app/server"
	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

func TestPageAssets(t *testing.T) {
	got := pageAssets(readTestdata(t, "page-head.html"))
	const v = "?v=e6743ac4d6c923b7"
	want := []string{"/app.css" + v, "/web/app.css" + v, "/wasm_exec.js" + v, "/app.js" + v, "/web/widget.js" + v, "/web/noscript.css" + v}
	if !slices.Equal(got, want) {
		t.Errorf("assets:\n got %q\nwant %q", got, want)
	}
	// Not the icon, the manifest, the canonical or oEmbed links, an inline
	// script, another host's file.
	if got := pageAssets(`<script src="//cdn.example.com/x.js"></script><script src="https://cdn.example.com/y.js"></script><link rel="modulepreload" href="/m.js"><script>1</script>`); !slices.Equal(got, []string{"/m.js"}) {
		t.Errorf("assets = %q", got)
	}
}

// benchRoot makes a folder as benchreport sees the module: web/ with the
// repository's static files and a stand-in app.wasm of raw bytes, with
// brotli and gzip files of br and gz bytes beside it (0: none). The test
// runs in it.
func benchRoot(t *testing.T, br, gz int) string {
	t.Helper()
	root := t.TempDir()
	web := filepath.Join(root, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("../../web")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), "app.wasm") {
			continue
		}
		b, err := os.ReadFile(filepath.Join("../../web", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(web, e.Name()), b, 0o644)
	}
	os.WriteFile(filepath.Join(web, "app.wasm"), []byte("\x00asm\x01\x00\x00\x00 a stand-in of some length, raw"), 0o644)
	if br > 0 {
		os.WriteFile(filepath.Join(web, "app.wasm.br"), make([]byte, br), 0o644)
	}
	if gz > 0 {
		os.WriteFile(filepath.Join(web, "app.wasm.gz"), make([]byte, gz), 0o644)
	}
	t.Chdir(root)
	return root
}

func TestMeasureWasmBytes(t *testing.T) {
	for _, c := range []struct {
		name   string
		br, gz int
		want   map[string]status
	}{
		{"small", 1_435_389, 1_987_157, map[string]status{"wasm.raw": info, "wasm.gzip": info, "wasm.br": met}},
		{"at the target", 1_600_000, 1_987_157, map[string]status{"wasm.br": met}},
		{"over the target", 1_600_001, 1_987_157, map[string]status{"wasm.br": notMet}},
		{"not built", 0, 0, map[string]status{"wasm.br": missing, "wasm.gzip": missing}},
	} {
		t.Run(c.name, func(t *testing.T) {
			benchRoot(t, c.br, c.gz)
			r := &report{}
			measureWasmBytes(context.Background(), r)
			wantStatus(t, r, c.want)
		})
	}
}

// testServer runs the real server (app/server) on the web folder of
// benchRoot, each response passed through change.
func testServer(t *testing.T, change func(http.ResponseWriter, *http.Request, http.Handler)) *server {
	t.Helper()
	h, err := fcserver.New(zerolog.Nop(), fcserver.Config{Story: story.Default(), WebDir: "web"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { change(w, r, h) }))
	t.Cleanup(ts.Close)
	return &server{url: ts.URL}
}

// headerRewriter changes a response's headers just before they are sent.
type headerRewriter struct {
	http.ResponseWriter
	rewrite func(http.Header)
}

func (h headerRewriter) WriteHeader(code int) {
	h.rewrite(h.Header())
	h.ResponseWriter.WriteHeader(code)
}

func (h headerRewriter) Write(b []byte) (int, error) {
	return h.ResponseWriter.Write(b)
}

// The caching and wire rows against the server as it is (every target
// met), and against the same server with one header broken at a time.
func TestMeasureCachingAndWire(t *testing.T) {
	all := map[string]status{"wasm.negotiation": met, "immutable": met, "etag/": met, "etag/embed": met, "etag/story.json": met, "etag.content": met}
	for _, c := range []struct {
		name    string
		rewrite func(*http.Request, http.Header)
		want    map[string]status
	}{
		{"as served", nil, all},
		{"no Vary on the wasm", func(r *http.Request, h http.Header) {
			if strings.HasSuffix(r.URL.Path, ".wasm") {
				h.Del("Vary")
			}
		}, map[string]status{"wasm.negotiation": notMet, "immutable": met}},
		{"versioned files not immutable", func(r *http.Request, h http.Header) {
			if r.URL.Query().Has("v") {
				h.Set("Cache-Control", "no-cache")
			}
		}, map[string]status{"immutable": notMet, "wasm.negotiation": met}},
		{"no ETag on the story", func(r *http.Request, h http.Header) {
			if r.URL.Path == "/story.json" {
				h.Del("ETag")
			}
		}, map[string]status{"etag/story.json": notMet, "etag/": met}},
		{"one ETag for every page", func(r *http.Request, h http.Header) {
			if h.Get("ETag") != "" && (r.URL.Path == "/" || r.URL.Path == "/embed") {
				h.Set("ETag", `"same"`)
			}
		}, map[string]status{"etag.content": notMet}},
	} {
		t.Run(c.name, func(t *testing.T) {
			benchRoot(t, 1_435_389, 1_987_157)
			s := testServer(t, func(w http.ResponseWriter, r *http.Request, h http.Handler) {
				if c.rewrite != nil {
					w = headerRewriter{w, func(hd http.Header) { c.rewrite(r, hd) }}
				}
				h.ServeHTTP(w, r)
			})
			r := &report{}
			measureCaching(context.Background(), r, s)
			wantStatus(t, r, c.want)
		})
	}

	t.Run("wire", func(t *testing.T) {
		benchRoot(t, 1_435_389, 1_987_157)
		s := testServer(t, func(w http.ResponseWriter, r *http.Request, h http.Handler) { h.ServeHTTP(w, r) })
		r := &report{}
		measureWireBytes(context.Background(), r, s)
		wantStatus(t, r, map[string]status{"page.gzip": met, "firstload/": info, "firstload/embed": info, "compressed": met})
		if len(r.notes) != 2 || !strings.Contains(r.notes[0], "/web/page.js?v=") {
			t.Errorf("notes = %q", r.notes)
		}
	})
	t.Run("wire, uncompressed", func(t *testing.T) {
		benchRoot(t, 1_435_389, 1_987_157)
		s := testServer(t, func(w http.ResponseWriter, r *http.Request, h http.Handler) {
			r.Header.Del("Accept-Encoding")
			h.ServeHTTP(w, r)
		})
		r := &report{}
		measureWireBytes(context.Background(), r, s)
		wantStatus(t, r, map[string]status{"page.gzip": notMet, "compressed": notMet})
	})
}
