package server

import (
	"context"
	"fivecalls/app/ui"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

// newTestServer is a server of the default story without a store, on the
// checkout's web files and a stand-in wasm.
func newTestServer(tb testing.TB) *Server {
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
	h, err := New(zerolog.Nop(), Config{Story: story.Default(), WebDir: dir}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func getPage(h http.Handler, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// TestPageVariantsRenderOnceAtATime: readers asking at once for a variant
// not yet in the cache share one render of it.
func TestPageVariantsRenderOnceAtATime(t *testing.T) {
	h := newTestServer(t)
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			if rec := getPage(h, "/?call=2&theme=dark"); rec.Code != http.StatusOK {
				t.Errorf("status %d", rec.Code)
			}
		})
	}
	wg.Wait()
	if n := h.srv.pages.renderN.Load(); n != 1 {
		t.Errorf("12 readers of one variant caused %d renders, want 1", n)
	}
	getPage(h, "/?theme=dark&call=2&utm_source=x") // the same variant, said otherwise
	if n := h.srv.pages.renderN.Load(); n != 1 {
		t.Errorf("%d renders after the same variant again, want 1", n)
	}
}

// TestPageRendersAreBounded: with renderQueue variants in the works, a
// request for another uncached variant is answered 503 with Retry-After at
// once, while variants in the cache are still served; the queued ones are
// served when their turn comes.
func TestPageRendersAreBounded(t *testing.T) {
	h := newTestServer(t)
	if rec := getPage(h, "/"); rec.Code != http.StatusOK {
		t.Fatalf("GET /: %d", rec.Code)
	}
	h.srv.pages.rendering.Lock() // every render now waits
	locked := true
	defer func() {
		if locked {
			h.srv.pages.rendering.Unlock()
		}
	}()
	var wg sync.WaitGroup
	codes := make([]int, renderQueue)
	for i := range renderQueue {
		wg.Go(func() { codes[i] = getPage(h, fmt.Sprintf("/?call=%d", i%5+1)+[]string{"", "&theme=dark"}[i/5]).Code })
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		h.srv.pages.mu.Lock()
		n := len(h.srv.pages.renders)
		h.srv.pages.mu.Unlock()
		if n == renderQueue {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d renders waiting, want %d", n, renderQueue)
		}
		time.Sleep(time.Millisecond)
	}
	rec := getPage(h, "/embed?theme=light")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("a variant past the queue: %d, Retry-After %q; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := getPage(h, "/"); rec.Code != http.StatusOK {
		t.Errorf("a cached variant while renders wait: %d, want 200", rec.Code)
	}
	h.srv.pages.rendering.Unlock()
	locked = false
	wg.Wait()
	for i, code := range codes {
		if code != http.StatusOK {
			t.Errorf("queued variant %d: status %d, want 200", i, code)
		}
	}
}

// TestPageRenderPanicFreesItsSlot: a render that panics (a bug in a
// component) is answered 500 by the recover middleware, and leaves no trace
// in the render queue: more than renderQueue such renders, and a second
// request for a variant whose render panicked, still get a clean 500 rather
// than a wait without end or 503 for every uncached variant; once renders
// work again, every variant is served.
func TestPageRenderPanicFreesItsSlot(t *testing.T) {
	h := newTestServer(t)
	render := h.srv.pages.render
	var broken atomic.Bool
	var waiting sync.Mutex // held: renders wait
	h.srv.pages.render = func(st *site, a ui.Address) ([]byte, error) {
		waiting.Lock()
		waiting.Unlock()
		if broken.Load() {
			panic("a component's bug")
		}
		return render(st, a)
	}
	get := func(target string) *httptest.ResponseRecorder {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, target, nil))
		if ctx.Err() != nil {
			t.Errorf("GET %s: no answer within 5 s", target)
		}
		return rec
	}
	var variants []string
	for i := range renderQueue + 2 {
		variants = append(variants, fmt.Sprintf("/?call=%d", i%5+1)+[]string{"", "&theme=dark", "&theme=light"}[i/5])
	}

	broken.Store(true)
	for _, v := range append(variants, variants[0]) {
		if rec := get(v); rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "went wrong") {
			t.Errorf("GET %s with a panicking render: %d %q, want the recover middleware's 500", v, rec.Code, rec.Body.String())
		}
	}
	// Readers waiting for a render that panics get an error too.
	waiting.Lock() // the render waits until both readers ask
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Go(func() { codes[i] = get("/embed?theme=dark").Code })
	}
	time.Sleep(100 * time.Millisecond)
	waiting.Unlock()
	wg.Wait()
	for i, code := range codes {
		if code != http.StatusInternalServerError {
			t.Errorf("reader %d of a variant whose render panicked: %d, want 500", i, code)
		}
	}
	h.srv.pages.mu.Lock()
	if n := len(h.srv.pages.renders); n != 0 {
		t.Errorf("%d renders still registered after they panicked, want 0", n)
	}
	h.srv.pages.mu.Unlock()

	broken.Store(false)
	for _, v := range variants {
		if rec := get(v); rec.Code != http.StatusOK {
			t.Errorf("GET %s once renders work: %d, want 200", v, rec.Code)
		}
	}
}
