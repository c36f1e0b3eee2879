package server

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"fivecalls/app/ui"
)

// pageCacheBytes bounds the memory the rendered pages keep: the variants
// (pages, parts, calls, themes) of a large story would not all fit.
const pageCacheBytes = 64 << 20

// renderQueue bounds the page variants one cache renders or waits to
// render (a few tenths of a second each for the largest story, on a
// machine's few cores). Past it a request for a variant not in the cache
// is answered 503 at once: a crawler walking the thousands of variants of a
// large story must not pile up goroutines and hold readers up for minutes.
const renderQueue = 8

// errRenderBusy is get's answer when renderQueue variants are in the works.
var errRenderBusy = errors.New("too many page variants are being rendered")

// errRenderPanicked is the answer of the requests that waited for a render
// that panicked.
var errRenderPanicked = errors.New("the page variant's render panicked")

// pageCache renders each page variant once per story and version and serves
// it from memory, gzipped, with a content ETag. It keeps the variants used
// most recently, up to pageCacheBytes, one cache for every story the server
// tells. Renders are lazy, one per variant at a time (the requests for a
// variant being rendered wait for it), and at most renderQueue at once.
type pageCache struct {
	// render renders a variant: renderPage, which tests replace.
	render func(*site, ui.Address) ([]byte, error)
	// rendering lets one variant be rendered and compressed at a time:
	// the largest story's take a tenth of a second and tens of megabytes
	// each, and the rest of the server (the variants in the cache, the
	// API) must keep a core.
	rendering sync.Mutex
	mu        sync.Mutex
	pages     map[string]*list.Element // of *cachedPage, most recent first
	order     *list.List
	bytes     int
	renders   map[string]*pageRender // by key, while being rendered
	renderN   atomic.Int64           // renders done, for the metrics and tests
}

// pageRender is one variant's render; done is closed when file or err is set.
type pageRender struct {
	done chan struct{}
	file *cachedFile
	err  error
}

type cachedPage struct {
	key  string
	file *cachedFile
}

func newPageCache() *pageCache {
	return &pageCache{render: renderPage, pages: map[string]*list.Element{}, order: list.New(), renders: map[string]*pageRender{}}
}

// pageAddress reduces a request to the variants the prerender depends on
// (the page and its parts, a call the story has, a theme).
func pageAddress(r *http.Request, st *site) ui.Address {
	return ui.ParseAddress(st.path(r), r.URL.Query(), len(st.story.Calls))
}

// keep adds a rendered page, evicting the least recently used past
// pageCacheBytes. c.mu must be held.
func (c *pageCache) keep(key string, f *cachedFile) {
	if _, ok := c.pages[key]; ok {
		return
	}
	c.pages[key] = c.order.PushFront(&cachedPage{key, f})
	c.bytes += f.size()
	for c.bytes > pageCacheBytes && c.order.Len() > 1 {
		old := c.order.Remove(c.order.Back()).(*cachedPage)
		delete(c.pages, old.key)
		c.bytes -= old.file.size()
	}
}

// get returns the request's page variant of a story: from the cache, from
// the render of it already running, or rendered now. It returns
// errRenderBusy when too many variants are being rendered, and the
// request's context error if the client leaves while waiting.
func (c *pageCache) get(r *http.Request, st *site) (*cachedFile, error) {
	a := pageAddress(r, st)
	variant := fmt.Sprintf("%v|%s|%d|%s", a.Embed, a.Parts, a.Step, a.Theme)
	key := st.prefix + "|" + st.version + "|" + variant
	c.mu.Lock()
	if e, ok := c.pages[key]; ok {
		c.order.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*cachedPage).file, nil
	}
	if pr, ok := c.renders[key]; ok {
		c.mu.Unlock()
		select {
		case <-pr.done:
			return pr.file, pr.err
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	if len(c.renders) >= renderQueue {
		c.mu.Unlock()
		return nil, errRenderBusy
	}
	pr := &pageRender{done: make(chan struct{})}
	c.renders[key] = pr
	c.mu.Unlock()

	// Rendered to the end even if this client leaves: others may wait.
	// Ended in a defer, so that a render that panics (a component's bug)
	// still frees its place in the queue and answers its waiters with an
	// error: otherwise they would wait forever, and after renderQueue
	// panics every uncached variant would be refused. The panic goes on to
	// the recover middleware, which logs it with its stack.
	rendered := false
	defer func() {
		if !rendered {
			pr.file, pr.err = nil, errRenderPanicked
		}
		c.mu.Lock()
		delete(c.renders, key)
		if pr.err == nil {
			c.keep(key, pr.file)
		}
		c.mu.Unlock()
		close(pr.done)
	}()
	pr.file, pr.err = c.build(st, a, variant)
	rendered = true
	return pr.file, pr.err
}

// size is the bytes the cache keeps, for the metrics.
func (c *pageCache) size() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return float64(c.bytes)
}

// rendered is the number of renders so far, for the metrics.
func (c *pageCache) rendered() float64 { return float64(c.renderN.Load()) }

// build renders a story's variant into a cached file.
func (c *pageCache) build(st *site, a ui.Address, variant string) (*cachedFile, error) {
	c.rendering.Lock()
	defer c.rendering.Unlock()
	c.renderN.Add(1)
	body, err := c.render(st, a)
	if err != nil {
		return nil, err
	}
	f := newCachedFile("text/html; charset=utf-8", body)
	// go-app prints attributes in map order, so two renders of one page
	// differ in bytes. The ETag comes from the version (story, wasm, static
	// files) and the variant instead: replicas of one build agree on it.
	sum := sha256.Sum256([]byte(variant))
	f.etag = `"` + st.version + "-" + hex.EncodeToString(sum[:4]) + `"`
	return f, nil
}

// renderPage renders a story's variant, with the server's own tags in its
// head: link previews, and with a public URL, oEmbed discovery.
func renderPage(st *site, a ui.Address) ([]byte, error) {
	head := linkPreviewTags(st.public, st.version, st.widget, a)
	if base := st.public; base != nil {
		pageURL := base.JoinPath(strings.TrimPrefix(a.Path(), "/"))
		pageURL.RawQuery = a.Query().Encode()
		head += OEmbedDiscoveryLink(base.String(), pageURL.String(), st.story.Title) + "\n"
	}
	return st.widget.Render(a, template.HTML(head))
}

// size is the memory the file keeps.
func (f *cachedFile) size() int { return len(f.body) + len(f.gzipped) + len(f.brotli) }

// cachedFile is a response body kept in memory with its gzip and brotli
// forms and ETag.
type cachedFile struct {
	contentType string
	body        []byte
	gzipped     []byte
	brotli      []byte
	etag        string
}

func newCachedFile(contentType string, body []byte) *cachedFile {
	return &cachedFile{
		contentType: contentType,
		body:        body,
		gzipped:     gzipBytes(body),
		brotli:      brotliBytes(body),
		etag:        contentETag(body),
	}
}

// contentETag is a strong ETag of a body's content.
func contentETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// serve answers with the file, revalidating by ETag; cacheControl says how
// long clients may keep it.
func (f *cachedFile) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("Vary", "Accept-Encoding")
	etag, body := f.etag, f.body
	switch {
	case len(f.brotli) > 0 && acceptsEncoding(r, "br") && len(f.brotli) < len(f.body):
		h.Set("Content-Encoding", "br")
		etag, body = etagWith(f.etag, "br"), f.brotli
	case acceptsEncoding(r, "gzip") && len(f.gzipped) < len(f.body):
		h.Set("Content-Encoding", "gzip")
		etag, body = etagWith(f.etag, "gz"), f.gzipped
	}
	writeBody(w, r, etag, body)
}

// writeBody sends a body under its ETag, or 304 when the client has it.
// Headers other than ETag and Content-Length must be set already.
func writeBody(w http.ResponseWriter, r *http.Request, etag string, body []byte) {
	w.Header().Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagWith names an encoded variant of a representation: "abc" → "abc-gz".
func etagWith(etag, encoding string) string {
	return strings.TrimSuffix(etag, `"`) + "-" + encoding + `"`
}

// etagMatches implements If-None-Match for a strong or weak list.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, part := range bytes.Split([]byte(header), []byte(",")) {
		t := string(bytes.TrimSpace(part))
		t = string(bytes.TrimPrefix([]byte(t), []byte("W/")))
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
