package server

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"fivecalls/app/ui"
)

// renderMu serialises prerendering: go-app's routes and our ui.Content are
// process-wide, and a render takes milliseconds once per page variant.
var renderMu sync.Mutex

// pageCacheBytes bounds the memory the rendered pages keep: the variants
// (pages, parts, calls, themes) of a large story would not all fit.
const pageCacheBytes = 64 << 20

// renderQueue bounds the page variants one cache renders or waits to
// render (renderMu lets one render run at a time, a few tenths of a second
// for the largest story). Past it a request for a variant not in the cache
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
// most recently, up to pageCacheBytes. Renders are lazy, one per variant at
// a time (the requests for a variant being rendered wait for it), and at
// most renderQueue at once.
type pageCache struct {
	s       *srv
	mu      sync.Mutex
	pages   map[string]*list.Element // of *cachedPage, most recent first
	order   *list.List
	bytes   int
	renders map[string]*pageRender // by key, while being rendered
	renderN atomic.Int64           // renders done, for the metrics and tests
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

func newPageCache(s *srv) *pageCache {
	return &pageCache{s: s, pages: map[string]*list.Element{}, order: list.New(), renders: map[string]*pageRender{}}
}

// pageAddress reduces a request to the variants the prerender depends on
// (the page and its parts, a call the story has, a theme).
func pageAddress(r *http.Request, calls int) ui.Address {
	return ui.ParseAddress(r.URL.Path, r.URL.Query(), calls)
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

// get returns the request's page variant: from the cache, from the render
// of it already running, or rendered now. It returns errRenderBusy when too
// many variants are being rendered, and the request's context error if the
// client leaves while waiting.
func (c *pageCache) get(r *http.Request) (*cachedFile, error) {
	a := pageAddress(r, len(c.s.cfg.Story.Calls))
	key := fmt.Sprintf("%v|%s|%d|%s", a.Embed, a.Parts, a.Call, a.Theme)
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
	pr.file, pr.err = c.build(a, key)
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

// build renders a variant into a cached file.
func (c *pageCache) build(a ui.Address, key string) (*cachedFile, error) {
	c.renderN.Add(1)
	body, err := c.render(a)
	if err != nil {
		return nil, err
	}
	f := newCachedFile("text/html; charset=utf-8", body)
	// go-app prints attributes in map order, so two renders of one page
	// differ in bytes. The ETag comes from the version (story, wasm, static
	// files) and the variant instead: replicas of one build agree on it.
	sum := sha256.Sum256([]byte(key))
	f.etag = `"` + c.s.cfg.Version + "-" + hex.EncodeToString(sum[:4]) + `"`
	return f, nil
}

func (c *pageCache) render(a ui.Address) ([]byte, error) {
	renderMu.Lock()
	defer renderMu.Unlock()
	ui.SetContent(c.s.content)
	path := a.Path()
	q := a.Query()
	req := httptest.NewRequest(http.MethodGet, path+"?"+q.Encode(), nil)
	rec := httptest.NewRecorder()
	c.s.goapp.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("prerender %s: status %d", path, rec.Code)
	}
	page, err := withMountPoint(fixBareAttributes(fixPage(rec.Body.Bytes())))
	if err != nil {
		return nil, err
	}
	page = versionAssetURLs(lazyLoaderIcon(page), c.s.cfg.Version)
	page = withLinkPreview(page, c.s, a)
	if base := c.s.cfg.PublicURL; base != nil {
		pageURL := base.JoinPath(strings.TrimPrefix(path, "/"))
		pageURL.RawQuery = q.Encode()
		link := OEmbedDiscoveryLink(base.String(), pageURL.String(), c.s.cfg.Story.Title)
		page = bytes.Replace(page, []byte("</head>"), []byte(link+"\n</head>"), 1)
	}
	return page, nil
}

// lazyLoaderIcon keeps go-app's loader icon from downloading: the loader is
// never shown (the page is readable at once), and a hidden image that is
// lazy is never fetched.
func lazyLoaderIcon(page []byte) []byte {
	return loaderIcon.ReplaceAll(page, []byte(`<img loading="lazy"$1>`))
}

// loaderIcon matches go-app's loader icon, whose attributes come in any order.
var loaderIcon = regexp.MustCompile(`<img([^>]*\sid="app-wasm-loader-icon"[^>]*)>`)

// withMountPoint puts an empty element ahead of the widget as the first
// child of <body>: go-app mounts its component in the browser on the
// body's first element, replacing it, and the widget the server drew must
// stay exactly as it is (see app/ui's package doc).
func withMountPoint(page []byte) ([]byte, error) {
	const body = "<body>"
	if bytes.Count(page, []byte(body)) != 1 {
		return nil, fmt.Errorf("prerender: the page has no single %s", body)
	}
	return bytes.Replace(page, []byte(body), []byte(body+`<div class="`+ui.MountClass+`"></div>`), 1), nil
}

// fixBareAttributes writes ="true" after the aria-* and data-* attributes
// go-app v9 prints bare: it omits a value of "true", which is right for
// boolean attributes such as checked, but an empty aria-hidden is not
// "true" to a browser, nor an empty data-x to the selector [data-x="true"].
// It reads tags only, outside quoted values.
func fixBareAttributes(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page) + 1024)
	inTag, quoted := false, false
	for i := 0; i < len(page); i++ {
		ch := page[i]
		switch {
		case quoted:
			if ch == '"' {
				quoted = false
			}
		case inTag && ch == '"':
			quoted = true
		case inTag && ch == '>':
			inTag = false
		case !inTag && ch == '<' && i+1 < len(page) && isLetter(page[i+1]):
			inTag = true
		case inTag && ch == ' ' && (bytes.HasPrefix(page[i+1:], []byte("aria-")) || bytes.HasPrefix(page[i+1:], []byte("data-"))):
			j := i + 1
			for j < len(page) && (isLetter(page[j]) || page[j] == '-' || (page[j] >= '0' && page[j] <= '9')) {
				j++
			}
			out.Write(page[i:j])
			if j < len(page) && page[j] != '=' {
				out.WriteString(`="true"`)
			}
			i = j - 1
			continue
		}
		out.WriteByte(ch)
	}
	return out.Bytes()
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// metaTag matches a <meta> tag as go-app v9 prints it: attribute values
// quoted with strconv.Quote, so a value may contain \" but never a bare ".
var (
	metaTag  = regexp.MustCompile(`<meta(?:\s+[a-zA-Z:-]+(?:="(?:[^"\\]|\\.)*")?)*>\s*`)
	metaAttr = regexp.MustCompile(`([a-zA-Z:-]+)(?:=("(?:[^"\\]|\\.)*"))?`)
)

// viewport lets readers zoom: go-app v9 hard-codes maximum-scale=1 and
// user-scalable=0, a WCAG 1.4.4 failure. Audits read the first viewport tag,
// so go-app's is replaced rather than overridden.
const viewport = `width=device-width, initial-scale=1, viewport-fit=cover`

// fixPage rewrites the <meta> tags go-app v9 prerenders: it quotes values
// with strconv.Quote instead of HTML escaping (a `"` in a title would end the
// attribute, a non-breaking space shows as \u00a0), prints empty tags, blocks
// zoom in the viewport and builds og:url from the request's Host over plain
// http. Each tag is re-emitted with HTML escaping and sorted attributes.
func fixPage(b []byte) []byte {
	return metaTag.ReplaceAllFunc(b, func(tag []byte) []byte {
		attrs := map[string]string{}
		var names []string
		inner := bytes.TrimSuffix(bytes.TrimSpace(tag), []byte(">"))[len("<meta"):]
		for _, m := range metaAttr.FindAllSubmatch(inner, -1) {
			name, value := string(m[1]), ""
			if len(m[2]) > 0 {
				v, err := strconv.Unquote(string(m[2]))
				if err != nil {
					return nil // not a tag we understand: drop it rather than risk it
				}
				value = v
			}
			attrs[name] = value
			names = append(names, name)
		}
		key := attrs["name"] + attrs["property"]
		switch {
		case key == "viewport":
			attrs["content"] = viewport
		case key == "og:url":
			return nil
		case (attrs["name"] != "" || attrs["property"] != "") && attrs["content"] == "":
			return nil
		}
		sort.Strings(names)
		var out bytes.Buffer
		out.WriteString("<meta")
		for _, n := range names {
			out.WriteString(" " + n + `="` + html.EscapeString(attrs[n]) + `"`)
		}
		out.WriteString(">\n")
		return out.Bytes()
	})
}

// size is the memory the file keeps.
func (f *cachedFile) size() int { return len(f.body) + len(f.gzipped) }

// cachedFile is a response body kept in memory with its gzip form and ETag.
type cachedFile struct {
	contentType string
	body        []byte
	gzipped     []byte
	etag        string
}

func newCachedFile(contentType string, body []byte) *cachedFile {
	sum := sha256.Sum256(body)
	return &cachedFile{
		contentType: contentType,
		body:        body,
		gzipped:     gzipBytes(body),
		etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
	}
}

// serve answers with the file, revalidating by ETag; cacheControl says how
// long clients may keep it.
func (f *cachedFile) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("Vary", "Accept-Encoding")
	etag, body := f.etag, f.body
	if acceptsEncoding(r, "gzip") && len(f.gzipped) < len(f.body) {
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
