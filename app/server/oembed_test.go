package server_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/ui"
	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
)

func mustURL(tb testing.TB, s string) *url.URL {
	tb.Helper()
	u, err := url.Parse(s)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// testOEmbedConfig is a widget at https://widget.example/ offering the
// server's preview images (version "test") as thumbnails.
func testOEmbedConfig(tb testing.TB) server.OEmbedConfig {
	return server.OEmbedConfig{
		PublicURL:    mustURL(tb, "https://widget.example/"),
		Title:        `Five calls that "changed" a week`,
		Calls:        5,
		ProviderName: "Five Calls",
		Thumbnail:    server.PreviewThumbnail("test"),
	}
}

// oembedResult is one answer of the oEmbed handler, its body decoded
// loosely so that JSON types can be checked.
type oembedResult struct {
	status int
	header http.Header
	body   map[string]any
}

// mustOEmbed asks h for the oEmbed of the query, as a request to host.
func mustOEmbed(tb testing.TB, h http.Handler, method, host string, q url.Values) oembedResult {
	tb.Helper()
	req := httptest.NewRequest(method, "http://"+host+"/oembed?"+q.Encode(), nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := oembedResult{status: rec.Code, header: rec.Header()}
	if method == http.MethodHead {
		return res
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &res.body); err != nil {
		tb.Fatalf("body is not a JSON object: %v\n%s", err, rec.Body)
	}
	return res
}

// jsonInt returns v as an int when it is a JSON integer.
func jsonInt(tb testing.TB, body map[string]any, key string) int {
	tb.Helper()
	f, ok := body[key].(float64)
	if !ok || f != math.Trunc(f) {
		tb.Fatalf("%s = %#v, want a JSON integer", key, body[key])
	}
	return int(f)
}

func jsonString(tb testing.TB, body map[string]any, key string) string {
	tb.Helper()
	s, ok := body[key].(string)
	if !ok {
		tb.Fatalf("%s = %#v, want a JSON string", key, body[key])
	}
	return s
}

var (
	// WordPress's embed shape: a blockquote with a link to the page, then
	// the iframe, both of class wp-embedded-content.
	embedShape = regexp.MustCompile(`^<blockquote class="wp-embedded-content" style="display:none"><a href="[^"<>]*">[^<>]*</a></blockquote>(<iframe\s[^<>]*></iframe>)$`)
	iframeAttr = regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`)
)

// iframeAttrs checks that markup is WordPress's embed shape, a blockquote
// fallback and one iframe, and returns the iframe's attributes, unescaped.
func iframeAttrs(tb testing.TB, markup string) map[string]string {
	tb.Helper()
	m := embedShape.FindStringSubmatch(markup)
	if m == nil {
		tb.Fatalf("html is not a blockquote and an iframe: %s", markup)
	}
	markup = m[1]
	attrs := map[string]string{}
	for _, m := range iframeAttr.FindAllStringSubmatch(markup, -1) {
		attrs[m[1]] = html.UnescapeString(m[2])
	}
	return attrs
}

func TestOEmbedAnswersTheSpecFields(t *testing.T) {
	h := server.NewOEmbed(testOEmbedConfig(t))
	res := mustOEmbed(t, h, http.MethodGet, "widget.example", url.Values{
		"url":    {"https://widget.example/embed?call=2&theme=dark&utm_source=cms#top"},
		"format": {"json"},
	})
	if res.status != http.StatusOK {
		t.Fatalf("status %d: %v", res.status, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if got := res.header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin %q, want *", got)
	}
	b := res.body
	if got := jsonString(t, b, "type"); got != "rich" {
		t.Errorf("type %q, want rich", got)
	}
	if got := jsonString(t, b, "version"); got != "1.0" {
		t.Errorf("version %q, want 1.0", got)
	}
	if got := jsonString(t, b, "title"); got != `Five calls that "changed" a week` {
		t.Errorf("title %q", got)
	}
	if got := jsonString(t, b, "provider_name"); got != "Five Calls" {
		t.Errorf("provider_name %q", got)
	}
	if got := jsonString(t, b, "provider_url"); got != "https://widget.example/" {
		t.Errorf("provider_url %q", got)
	}
	if got := jsonInt(t, b, "cache_age"); got <= 0 {
		t.Errorf("cache_age %d", got)
	}
	width, height := jsonInt(t, b, "width"), jsonInt(t, b, "height")
	if want := ui.EmbedPages[0].Height; width != 640 || height != want {
		t.Errorf("size %d×%d, want the default 640×%d", width, height, want)
	}

	markup := jsonString(t, b, "html")
	attrs := iframeAttrs(t, markup)
	src := mustURL(t, attrs["src"])
	if src.Scheme != "https" || src.Host != "widget.example" || src.Path != "/embed" {
		t.Errorf("iframe src %s, want this widget's /embed", src)
	}
	if got := src.Query().Encode(); got != "call=2&theme=dark" {
		t.Errorf("iframe query %q, want call=2&theme=dark and nothing else", got)
	}
	if src.Fragment != "" {
		t.Errorf("iframe src keeps the fragment %q", src.Fragment)
	}
	for name, want := range map[string]string{
		"title":       `Five calls that "changed" a week`,
		"width":       "100%",
		"height":      fmt.Sprint(ui.EmbedPages[0].Height),
		"loading":     "lazy",
		"allow":       "web-share",
		"frameborder": "0",
	} {
		if attrs[name] != want {
			t.Errorf("iframe %s=%q, want %q", name, attrs[name], want)
		}
	}
	if style := attrs["style"]; !strings.Contains(style, "border:0") || !strings.Contains(style, "margin:0") {
		t.Errorf("iframe style %q, want no border and no margin", style)
	}

	// The thumbnail is the PNG card of the call the URL names, versioned.
	thumb := mustURL(t, jsonString(t, b, "thumbnail_url"))
	if thumb.String() != "https://widget.example/preview.png?call=2&v=test" {
		t.Errorf("thumbnail_url %s, want the preview of call 2", thumb)
	}
	if tw, th := jsonInt(t, b, "thumbnail_width"), jsonInt(t, b, "thumbnail_height"); tw != 1200 || th != 630 {
		t.Errorf("thumbnail %d×%d, want 1200×630", tw, th)
	}
}

func TestOEmbedHonoursMaxWidthAndMaxHeight(t *testing.T) {
	h := server.NewOEmbed(testOEmbedConfig(t))
	compact := ui.EmbedPages[0].Height // more than 900, so the 900 cap shows
	tests := []struct {
		name                string
		maxWidth, maxHeight string
		width, height       int
		thumbWidth          int // the largest preview that fits; 0: none does
	}{
		{"no limits", "", "", 640, compact, 1200},
		{"generous limits", "2000", "5000", 640, compact, 1200},
		{"WordPress's 600 px column", "600", "900", 600, 900, 600},
		{"narrow column", "400", "", 400, compact, 300},
		{"short slot", "", "300", 640, 300, 300},
		{"both", "320", "480", 320, 480, 300},
		{"tiny", "1", "1", 1, 1, 0},
		{"huge numbers", "9223372036854775807", "4000000000", 640, compact, 1200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := url.Values{"url": {"https://widget.example/"}}
			if tt.maxWidth != "" {
				q.Set("maxwidth", tt.maxWidth)
			}
			if tt.maxHeight != "" {
				q.Set("maxheight", tt.maxHeight)
			}
			res := mustOEmbed(t, h, http.MethodGet, "widget.example", q)
			if res.status != http.StatusOK {
				t.Fatalf("status %d: %v", res.status, res.body)
			}
			w, hh := jsonInt(t, res.body, "width"), jsonInt(t, res.body, "height")
			if w != tt.width || hh != tt.height {
				t.Errorf("size %d×%d, want %d×%d", w, hh, tt.width, tt.height)
			}
			attrs := iframeAttrs(t, jsonString(t, res.body, "html"))
			if attrs["width"] != "100%" || attrs["height"] != jsonNumber(hh) {
				t.Errorf("iframe %s×%s, want the column's width and the response's height, 100%%×%d", attrs["width"], attrs["height"], hh)
			}

			// The thumbnail fits the limits too, keeps its shape, and its
			// three fields come together or not at all.
			_, hasURL := res.body["thumbnail_url"]
			_, hasW := res.body["thumbnail_width"]
			_, hasH := res.body["thumbnail_height"]
			if hasURL != hasW || hasW != hasH {
				t.Fatalf("thumbnail fields not all or none: %v", res.body)
			}
			if !hasURL {
				if tt.thumbWidth != 0 {
					t.Errorf("no thumbnail, want the %d px preview", tt.thumbWidth)
				}
				return
			}
			tw, th := jsonInt(t, res.body, "thumbnail_width"), jsonInt(t, res.body, "thumbnail_height")
			if tw != tt.thumbWidth {
				t.Errorf("thumbnail %d px wide, want %d", tw, tt.thumbWidth)
			}
			// The URL asks for the size the response announces.
			thumb := mustURL(t, jsonString(t, res.body, "thumbnail_url"))
			if w := thumb.Query().Get("width"); (tw == 1200 && w != "") || (tw != 1200 && w != jsonNumber(tw)) {
				t.Errorf("thumbnail_url %s for a %d px thumbnail", thumb, tw)
			}
			if tw < 1 || th < 1 {
				t.Errorf("thumbnail %d×%d", tw, th)
			}
			if mw := atoiOr(tt.maxWidth, math.MaxInt); tw > mw {
				t.Errorf("thumbnail width %d over maxwidth %d", tw, mw)
			}
			if mh := atoiOr(tt.maxHeight, math.MaxInt); th > mh {
				t.Errorf("thumbnail height %d over maxheight %d", th, mh)
			}
			want := 1200.0 / 630
			if got := float64(tw) / float64(th); tw > 50 && math.Abs(got-want) > 0.02*want {
				t.Errorf("thumbnail %d×%d has ratio %.3f, want %.3f", tw, th, got, want)
			}
		})
	}
}

func jsonNumber(n int) string { b, _ := json.Marshal(n); return string(b) }

func atoiOr(s string, def int) int {
	var n int
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		return def
	}
	return n
}

func TestOEmbedAcceptsThisWidgetsURLs(t *testing.T) {
	h := server.NewOEmbed(testOEmbedConfig(t))
	tests := []struct {
		url, query string // query: the iframe's
	}{
		{"https://widget.example", ""},
		{"https://widget.example/", ""},
		{"https://WIDGET.example:443/?call=3", "call=3"},
		{"https://widget.example/embed?theme=light&call=5", "call=5&theme=light"},
		{"https://widget.example/index.html?call=1", "call=1"},
		{"https://widget.example/?embed=1&call=2&utm_campaign=x", "call=2"},
		// Values the widget would ignore are ignored here too.
		{"https://widget.example/?call=0&theme=neon", ""},
		{"https://widget.example/?call=100", ""},
		{"https://widget.example/?call=2%zz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			res := mustOEmbed(t, h, http.MethodGet, "widget.example", url.Values{"url": {tt.url}})
			if res.status != http.StatusOK {
				t.Fatalf("status %d: %v", res.status, res.body)
			}
			src := mustURL(t, iframeAttrs(t, jsonString(t, res.body, "html"))["src"])
			if src.Host != "widget.example" || src.Path != "/embed" || src.RawQuery != tt.query {
				t.Errorf("iframe src %s, want https://widget.example/embed?%s", src, tt.query)
			}
		})
	}
}

func TestOEmbedRefusesOtherURLs(t *testing.T) {
	h := server.NewOEmbed(testOEmbedConfig(t))
	for _, raw := range []string{
		"https://other.example/embed",
		"https://widget.example.evil.example/embed",
		"https://evil.example/?u=https://widget.example/",
		"https://widget.example@evil.example/embed",
		"https://user:pass@widget.example/embed",
		"http://widget.example/embed",
		"https://widget.example:8443/embed",
		"https://sub.widget.example/embed",
		"https://widget.example/api/answers",
		"https://widget.example/embed/extra",
		"https://widget.example/web/app.wasm",
		"https://widget.example/../embed",
		"javascript:alert(1)//https://widget.example/",
		"JAVASCRIPT:alert(document.domain)",
		"data:text/html,<script>alert(1)</script>",
		"//widget.example/embed",
		"/embed",
		"widget.example/embed",
		"ftp://widget.example/embed",
		"https:widget.example/embed",
		"https://widget.example/embed\n<script>",
		"https://widget.example/\x00",
		"https://widget.example/\u0085",
		"https://widget.example/\xff",
		"https://widget.example/?call=1&x=" + strings.Repeat("a", 2048),
	} {
		t.Run(raw, func(t *testing.T) {
			res := mustOEmbed(t, h, http.MethodGet, "widget.example", url.Values{"url": {raw}})
			if res.status != http.StatusNotFound {
				t.Fatalf("status %d, want 404: %v", res.status, res.body)
			}
			if msg, _ := res.body["error"].(string); !strings.HasSuffix(msg, "this server's widgets are at https://widget.example/.") {
				t.Errorf("the error does not say where the widgets are: %v", res.body)
			}
		})
	}
}

func TestOEmbedRefusesBadRequests(t *testing.T) {
	h := server.NewOEmbed(testOEmbedConfig(t))
	ok := "https://widget.example/embed"
	tests := []struct {
		name   string
		query  string
		status int
	}{
		{"no url", "format=json", http.StatusBadRequest},
		{"empty url", "url=", http.StatusBadRequest},
		{"xml", "url=" + url.QueryEscape(ok) + "&format=xml", http.StatusNotImplemented},
		{"other format", "url=" + url.QueryEscape(ok) + "&format=yaml", http.StatusNotImplemented},
		{"maxwidth not a number", "url=" + url.QueryEscape(ok) + "&maxwidth=wide", http.StatusBadRequest},
		{"maxwidth negative", "url=" + url.QueryEscape(ok) + "&maxwidth=-5", http.StatusBadRequest},
		{"maxwidth zero", "url=" + url.QueryEscape(ok) + "&maxwidth=0", http.StatusBadRequest},
		{"maxheight fraction", "url=" + url.QueryEscape(ok) + "&maxheight=1.5", http.StatusBadRequest},
		{"maxheight percent", "url=" + url.QueryEscape(ok) + "&maxheight=100%25", http.StatusBadRequest},
		{"broken query", "url=" + url.QueryEscape(ok) + "&maxwidth=%zz", http.StatusBadRequest},
		{"json in capitals", "url=" + url.QueryEscape(ok) + "&format=JSON", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "https://widget.example/oembed?"+tt.query, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			if _, isErr := body["error"]; isErr == (tt.status == http.StatusOK) {
				t.Errorf("body %v", body)
			}
		})
	}

	t.Run("POST", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "https://widget.example/oembed?url="+url.QueryEscape(ok), nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") == "" {
			t.Errorf("status %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
		}
	})
}

func TestOEmbedUnderASubPath(t *testing.T) {
	cfg := testOEmbedConfig(t)
	cfg.PublicURL = mustURL(t, "https://news.example/interactives/five-calls") // no trailing slash
	h := server.NewOEmbed(cfg)

	res := mustOEmbed(t, h, http.MethodGet, "news.example", url.Values{
		"url": {"https://news.example/interactives/five-calls/?call=4"},
	})
	if res.status != http.StatusOK {
		t.Fatalf("status %d: %v", res.status, res.body)
	}
	src := iframeAttrs(t, jsonString(t, res.body, "html"))["src"]
	if src != "https://news.example/interactives/five-calls/embed?call=4" {
		t.Errorf("iframe src %s", src)
	}
	if got := jsonString(t, res.body, "thumbnail_url"); got != "https://news.example/interactives/five-calls/preview.png?call=4&v=test" {
		t.Errorf("thumbnail_url %s", got)
	}
	if got := jsonString(t, res.body, "provider_url"); got != "https://news.example/interactives/five-calls/" {
		t.Errorf("provider_url %s", got)
	}
	for _, raw := range []string{
		"https://news.example/interactives/five-calls",
		"https://news.example/interactives/five-calls/embed",
	} {
		if res := mustOEmbed(t, h, http.MethodGet, "news.example", url.Values{"url": {raw}}); res.status != http.StatusOK {
			t.Errorf("%s: status %d", raw, res.status)
		}
	}
	for _, raw := range []string{
		"https://news.example/",
		"https://news.example/embed",
		"https://news.example/interactives/five-calls-2/embed",
		"https://news.example/interactives/embed",
	} {
		if res := mustOEmbed(t, h, http.MethodGet, "news.example", url.Values{"url": {raw}}); res.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", raw, res.status)
		}
	}
}

// Without a public URL, the widget is wherever the request found it:
// enough for a local run on a loopback port.
func TestOEmbedWithoutPublicURLUsesTheRequestHost(t *testing.T) {
	cfg := testOEmbedConfig(t)
	cfg.PublicURL = nil
	h := server.NewOEmbed(cfg)
	for raw, want := range map[string]int{
		"http://127.0.0.1:8080/embed?call=1": http.StatusOK,
		"http://127.0.0.1:8080/":             http.StatusOK,
		"https://127.0.0.1:8080/embed":       http.StatusNotFound,
		"http://127.0.0.1:9090/embed":        http.StatusNotFound,
		"http://localhost:8080/embed":        http.StatusNotFound,
	} {
		res := mustOEmbed(t, h, http.MethodGet, "127.0.0.1:8080", url.Values{"url": {raw}})
		if res.status != want {
			t.Errorf("%s: status %d, want %d", raw, res.status, want)
			continue
		}
		if want == http.StatusOK {
			src := mustURL(t, iframeAttrs(t, jsonString(t, res.body, "html"))["src"])
			if src.Scheme != "http" || src.Host != "127.0.0.1:8080" {
				t.Errorf("%s: iframe src %s", raw, src)
			}
		}
	}
}

func TestOEmbedWithoutThumbnailOmitsAllThreeFields(t *testing.T) {
	cfg := testOEmbedConfig(t)
	cfg.Thumbnail = nil
	res := mustOEmbed(t, server.NewOEmbed(cfg), http.MethodGet, "widget.example", url.Values{"url": {"https://widget.example/"}})
	for _, k := range []string{"thumbnail_url", "thumbnail_width", "thumbnail_height"} {
		if v, ok := res.body[k]; ok {
			t.Errorf("%s = %v without a thumbnail", k, v)
		}
	}
}

func TestOEmbedDiscoveryLink(t *testing.T) {
	page := `https://widget.example/?call=2&theme=dark&q="><script>`
	link := server.OEmbedDiscoveryLink("https://widget.example", page, `Five "calls" <live>`)

	m := regexp.MustCompile(`^<link rel="alternate" type="application/json\+oembed" href="([^"<>]*)" title="([^"<>]*)">$`).FindStringSubmatch(link)
	if m == nil {
		t.Fatalf("not a well-formed, escaped link tag: %s", link)
	}
	href := mustURL(t, html.UnescapeString(m[1]))
	if href.Scheme != "https" || href.Host != "widget.example" || href.Path != "/oembed" {
		t.Errorf("href %s, want https://widget.example/oembed", href)
	}
	if got := href.Query().Get("url"); got != page {
		t.Errorf("href url=%q, want the page URL %q", got, page)
	}
	if got := href.Query().Get("format"); got != "json" {
		t.Errorf("href format=%q, want json", got)
	}
	if got := html.UnescapeString(m[2]); got != `Five "calls" <live>` {
		t.Errorf("title %q", got)
	}

	if got := server.OEmbedDiscoveryLink("https://news.example/five-calls/", "https://news.example/five-calls/", ""); !strings.Contains(got, `href="https://news.example/five-calls/oembed?url=`) || strings.Contains(got, "title=") {
		t.Errorf("under a sub-path, no title: %s", got)
	}
	if got := server.OEmbedDiscoveryLink("not a base", "https://widget.example/", "x"); got != "" {
		t.Errorf("with no usable base: %q, want nothing", got)
	}
}

// The discovery link points at an endpoint that accepts the page it was made for.
func TestOEmbedDiscoveryLinkRoundTrips(t *testing.T) {
	page := "https://widget.example/embed?call=3&theme=light"
	link := server.OEmbedDiscoveryLink("https://widget.example/", page, "")
	href := html.UnescapeString(regexp.MustCompile(`href="([^"]*)"`).FindStringSubmatch(link)[1])
	req := httptest.NewRequest(http.MethodGet, href, nil)
	rec := httptest.NewRecorder()
	server.NewOEmbed(testOEmbedConfig(t)).ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d for %s: %s", rec.Code, href, rec.Body)
	}
}

func TestThumbnailSVGIsAWellFormedMap(t *testing.T) {
	places := []basemap.Place{
		{ID: "tokyo", Label: "Tokyo", Lon: 139.69, Lat: 35.69},
		{ID: "sf", Label: `San Francisco & "the Bay"`, Lon: -122.42, Lat: 37.77},
	}
	arcs := []basemap.Arc{{ID: "1", From: orb.Point{139.69, 35.69}, To: orb.Point{-122.42, 37.77}}}
	svg := server.ThumbnailSVG("Map of the calls", places, arcs, time.Date(2024, 6, 21, 12, 0, 0, 0, time.UTC), 0, nil)

	s := string(svg)
	for _, want := range []string{`width="1200"`, `height="630"`, `class="arc"`, `class="night"`, "Tokyo"} {
		if !strings.Contains(s, want) {
			t.Errorf("thumbnail lacks %s", want)
		}
	}
	if strings.Contains(s, "http://") && strings.Count(s, "http://") != strings.Count(s, "http://www.w3.org/2000/svg") {
		t.Errorf("thumbnail references an external resource")
	}
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("thumbnail is not well-formed XML: %v", err)
		}
	}
}

// TestOEmbedHeightOfOtherParts: parts without a page of their own ask for
// their own estimate (ui.HeightPage), given as parts= or in the address:
// a map and a timeline asked for the default embed's 950 px and measure
// 525 to 655.
func TestOEmbedHeightOfOtherParts(t *testing.T) {
	h := server.NewOEmbed(testOEmbedConfig(t))
	want := ui.HeightPage(ui.PartMap | ui.PartTimeline).Height
	if want >= ui.EmbedPages[0].Height {
		t.Fatalf("HeightPage(map,timeline) = %d px, not less than the default embed's %d", want, ui.EmbedPages[0].Height)
	}
	for _, q := range []url.Values{
		{"url": {"https://widget.example/"}, "parts": {"map,timeline"}},
		{"url": {"https://widget.example/embed?parts=timeline,map"}},
	} {
		res := mustOEmbed(t, h, http.MethodGet, "widget.example", q)
		if res.status != http.StatusOK {
			t.Fatalf("%v: status %d: %v", q, res.status, res.body)
		}
		if got := jsonInt(t, res.body, "height"); got != want {
			t.Errorf("%v: height %d, want %d", q, got, want)
		}
	}
}
