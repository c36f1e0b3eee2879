package server

// oEmbed (https://oembed.com) lets a CMS turn a pasted widget URL into an
// embed: WordPress, Ghost, Drupal and friends fetch GET /oembed?url=… server
// side and paste the returned html into the article. That html ends up in
// other people's pages, so the URL is parsed strictly, only this widget's
// own URLs are answered, and everything echoed back is rebuilt from parsed
// values rather than copied from the request.

import (
	"errors"
	"fivecalls/app/ui"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
)

// OEmbedConfig describes the widget to oEmbed consumers.
type OEmbedConfig struct {
	// PublicURL is the widget's base URL as readers reach it, e.g.
	// https://news.example/interactives/five-calls/. Nil: derived from each
	// request (http, or https under TLS, and its Host), which suits local
	// runs; production should set it, so that a forged Host header cannot
	// decide which URLs count as ours.
	PublicURL *url.URL
	// Path is the widget's path under the request's host when there is no
	// PublicURL ("/ID/" for a story of several); default "/".
	Path string
	// Title names the embed (the iframe's title, the response's title).
	Title string
	// Calls is how many calls the story has: a URL's ?call= must name one.
	Calls int
	// ProviderName is who provides it, e.g. "Five Calls".
	ProviderName string
	// Thumbnail offers an image for the address a URL names, no larger
	// than maxW × maxH pixels (0: no limit), or false when none fits. Nil:
	// no thumbnail is offered.
	Thumbnail func(a ui.Address, maxW, maxH int) (OEmbedThumbnail, bool)
	// Height is the iframe's height for a page of the story, where nothing
	// sizes the frame (page.Widget.EmbedHeight). Nil: the page's own
	// (ui.Page.Height, the default story's).
	Height func(ui.Page) int
	// FrameTitle is the iframe's accessible name for an embed of these
	// parts (page.Widget.FrameTitle: the quiz's is "Quiz: …", so that two
	// frames of one article are told apart). Nil: Title.
	FrameTitle func(ui.Part) string
	// DefaultWidth is the iframe's width when the consumer sets no maximum:
	// 640 when zero, kept within 280–1200, the range the embed layout is
	// designed for. The height is what the embed's parts need on a phone
	// (Height).
	DefaultWidth int
}

// OEmbedThumbnail is an image offered as an oEmbed thumbnail: its path
// relative to the widget's base URL (a leading slash is ignored, so the
// image stays under a sub-path), its query and its size in pixels.
type OEmbedThumbnail struct {
	Path          string
	Query         url.Values
	Width, Height int
}

const (
	// maxWidgetURL bounds the url parameter; real widget URLs are short.
	maxWidgetURL = 2048
	// oembedCacheAge is how long consumers may keep a response, in seconds.
	oembedCacheAge = 3600

	minEmbedWidth, maxEmbedWidth = 280, 1200
)

// ThumbnailWidth and ThumbnailHeight are the size of ThumbnailSVG's image:
// the usual 1.91:1 social-card size, which the whole sphere fits.
const ThumbnailWidth, ThumbnailHeight = 1200, 630

// NewOEmbed returns the handler for GET /oembed?url=…&maxwidth=&maxheight=&format=json.
//
// It answers 200 with a "rich" response whose html is a plain iframe of the
// widget's /embed page (call and theme kept from the url), 404 for a url that
// is not this widget's, 400 for a missing url or a bad maxwidth or
// maxheight, and 501 for a format other than json (xml among them), which
// the spec allows providers to decline. Errors are JSON {"error": "..."}
// like the rest of the API.
func NewOEmbed(cfg OEmbedConfig) http.Handler {
	if cfg.PublicURL != nil {
		cfg.PublicURL = normalizeBase(cfg.PublicURL)
	}
	if cfg.DefaultWidth <= 0 {
		cfg.DefaultWidth = 640
	}
	cfg.DefaultWidth = min(max(cfg.DefaultWidth, minEmbedWidth), maxEmbedWidth)
	cfg.Path = "/" + strings.Trim(cfg.Path, "/") + "/"
	if cfg.Path == "//" {
		cfg.Path = "/"
	}
	if cfg.ProviderName == "" {
		cfg.ProviderName = "Five Calls"
	}
	if cfg.Title == "" {
		cfg.Title = cfg.ProviderName
	}

	// response is the oEmbed 1.0 "rich" type. The thumbnail fields live in
	// an embedded pointer so that they are present together or not at all.
	type thumbnail struct {
		URL    string `json:"thumbnail_url"`
		Width  int    `json:"thumbnail_width"`
		Height int    `json:"thumbnail_height"`
	}
	type response struct {
		Type         string `json:"type"`
		Version      string `json:"version"`
		Title        string `json:"title"`
		ProviderName string `json:"provider_name"`
		ProviderURL  string `json:"provider_url"`
		CacheAge     int    `json:"cache_age"`
		HTML         string `json:"html"`
		Width        int    `json:"width"`
		Height       int    `json:"height"`
		*thumbnail
	}

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Consumers fetch server side, but a browser-side preview may too.
		w.Header().Set("Access-Control-Allow-Origin", "*")
		fail := func(status int, message string) {
			writeJSON(w, status, struct {
				Error string `json:"error"`
			}{message})
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			fail(http.StatusMethodNotAllowed, "Use GET for oEmbed requests.")
			return
		}
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			fail(http.StatusBadRequest, "The query string is not valid.")
			return
		}
		// The spec's answer to any format a provider cannot return, xml
		// the first of them, is 501.
		if f := q.Get("format"); f != "" && !strings.EqualFold(f, "json") {
			fail(http.StatusNotImplemented, "Only format=json is supported.")
			return
		}
		maxW, okW := maxDimension(q.Get("maxwidth"))
		maxH, okH := maxDimension(q.Get("maxheight"))
		if !okW || !okH {
			fail(http.StatusBadRequest, "maxwidth and maxheight must be positive whole numbers of pixels.")
			return
		}
		raw := q.Get("url")
		if raw == "" {
			fail(http.StatusBadRequest, "The url parameter is required.")
			return
		}
		base := cfg.PublicURL
		if base == nil {
			base = requestBase(r)
			base.Path = cfg.Path
		}
		addr, err := parseWidgetURL(raw, base, cfg.Calls)
		if err != nil {
			// Say where the widgets are: a server started without
			// --public-url knows itself as http://localhost:PORT/, which
			// an address typed with 127.0.0.1 is not.
			fail(http.StatusNotFound, fmt.Sprintf("This URL is not a Five Calls widget served from here; this server's widgets are at %s.", normalizeBase(base)))
			return
		}
		// The widget's own page embeds as the default embed; a parts
		// parameter here, or an embed's own address, chooses others.
		if !addr.Embed {
			addr.Embed, addr.Parts = true, ui.EmbedPages[0].Parts
		}
		if v := q.Get("parts"); v != "" {
			if p := ui.ParseAddress(ui.EmbedPages[0].Path, url.Values{"parts": {v}}, cfg.Calls).Parts; p != 0 {
				addr.Parts = p
			}
		}

		// Never larger than asked, as the spec requires, even below the
		// 280 px the layout is designed for: the consumer knows its column.
		// Parts without a page of their own are estimated from the parts.
		pg := ui.HeightPage(addr.Parts)
		width, height := cfg.DefaultWidth, pg.Height
		if cfg.Height != nil {
			height = cfg.Height(pg)
		}
		if maxW > 0 {
			width = min(width, maxW)
		}
		if maxH > 0 {
			height = min(height, maxH)
		}
		frameTitle := cfg.Title
		if cfg.FrameTitle != nil {
			frameTitle = cfg.FrameTitle(addr.Parts)
		}
		res := response{
			Type:         "rich",
			Version:      "1.0",
			Title:        cfg.Title,
			ProviderName: cfg.ProviderName,
			ProviderURL:  base.String(),
			CacheAge:     oembedCacheAge,
			HTML:         embedIframe(embedURL(base, addr), pageURL(base, addr), cfg.Title, frameTitle, height),
			Width:        width,
			Height:       height,
		}
		if cfg.Thumbnail != nil {
			// The spec asks thumbnails to respect maxwidth and maxheight
			// too; the image offered is one drawn at a size that does.
			if t, ok := cfg.Thumbnail(addr, maxW, maxH); ok && t.Width > 0 && t.Height > 0 {
				u := base.JoinPath(strings.TrimLeft(t.Path, "/"))
				u.RawQuery = t.Query.Encode()
				res.thumbnail = &thumbnail{URL: u.String(), Width: t.Width, Height: t.Height}
			}
		}
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(oembedCacheAge))
		writeJSON(w, http.StatusOK, res)
	})
}

// maxDimension parses a maxwidth or maxheight value: 0 when absent, false
// when it is not a positive whole number. Huge values are capped, which
// changes nothing for the sizes we answer.
func maxDimension(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, false
	}
	return min(n, 1<<20), true
}

// embedIframe is the markup a CMS pastes into its page: WordPress's own
// embed shape, so that WordPress sizes it, and a plain iframe to everyone
// else.
//
// WordPress keeps, from a provider it does not trust, a blockquote with a
// link and an iframe with src, width, height, title, frameborder,
// marginwidth, marginheight and scrolling; finding the blockquote, it hides
// the iframe behind it, gives both a secret (#?secret= on the iframe's
// address) and loads wp-embed.js, which shows the iframe and sets its
// height when the widget answers with that secret (web/page.js does).
// The style attributes say "hide the blockquote, no border" to every other
// consumer; WordPress drops them. The width is the column's (100%, which
// every browser reads on an iframe's width attribute), not the response's
// width in pixels: WordPress drops any max-width, and a fixed width would
// make the article scroll sideways on a phone. Scrolling stays on: without
// a sizing script, a fixed height must never cut content off.
func embedIframe(src, page, title, frameTitle string, height int) string {
	e := html.EscapeString
	return fmt.Sprintf(`<blockquote class="wp-embedded-content" style="display:none"><a href="%s">%s</a></blockquote>`+
		`<iframe class="wp-embedded-content" src="%s" width="100%%" height="%d" title="%s" frameborder="0" marginwidth="0" marginheight="0"`+
		` loading="lazy" allow="web-share" style="border:0;margin:0;display:block"></iframe>`,
		e(page), e(title), e(src), height, e(frameTitle))
}

// embedURL is the widget's embed page for an address, and pageURL the
// whole widget at the same call.
func embedURL(base *url.URL, a ui.Address) string {
	a.Embed = true
	u := base.JoinPath(strings.TrimPrefix(a.Path(), "/"))
	u.RawQuery = a.Query().Encode()
	return u.String()
}

func pageURL(base *url.URL, a ui.Address) string {
	u := *base
	u.RawQuery = ui.Address{Parts: ui.AllParts, Step: a.Step, Theme: a.Theme}.Query().Encode()
	return u.String()
}

var errNotWidget = errors.New("not a widget url")

// parseWidgetURL checks that raw is a URL of this widget, whose base is
// base, and returns the address it selects (ui.ParseAddress: a call among
// the story's calls, a theme). The URL must have base's origin (scheme, host and port)
// and the path of one of the widget's pages (ui.PageAt): the base itself,
// with or without its trailing slash, or a page under it, as a server or a
// static host reaches it (embed, embed/, embed/index.html). Other query
// parameters and the fragment are ignored; userinfo, control characters,
// invalid UTF-8 and URLs over 2048 bytes are refused.
func parseWidgetURL(raw string, base *url.URL, calls int) (ui.Address, error) {
	if base == nil {
		return ui.Address{}, errors.New("no widget base url")
	}
	if len(raw) > maxWidgetURL {
		return ui.Address{}, fmt.Errorf("url longer than %d bytes: %w", maxWidgetURL, errNotWidget)
	}
	if !utf8.ValidString(raw) {
		return ui.Address{}, fmt.Errorf("url is not valid utf-8: %w", errNotWidget)
	}
	if strings.ContainsFunc(raw, unicode.IsControl) {
		return ui.Address{}, fmt.Errorf("url contains control characters: %w", errNotWidget)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ui.Address{}, fmt.Errorf("parse url: %w", errNotWidget)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ui.Address{}, fmt.Errorf("url scheme %q: %w", u.Scheme, errNotWidget)
	}
	if u.Opaque != "" || u.User != nil || u.Host == "" {
		return ui.Address{}, fmt.Errorf("url is not a plain web address: %w", errNotWidget)
	}
	b := normalizeBase(base)
	if !sameOrigin(u, b) {
		return ui.Address{}, fmt.Errorf("url is on another site: %w", errNotWidget)
	}
	if !isWidgetPath(u.Path, b.Path) {
		return ui.Address{}, fmt.Errorf("url is not a widget page: %w", errNotWidget)
	}
	// A malformed parameter elsewhere in the query is ignored like an
	// unknown one: ParseQuery still returns the ones it understood.
	q, _ := url.ParseQuery(u.RawQuery)
	return ui.ParseAddress("/"+strings.TrimPrefix(u.Path, b.Path), q, calls), nil
}

// isWidgetPath reports whether path is one of the widget's pages under the
// base path (which ends in a slash).
func isWidgetPath(path, basePath string) bool {
	rest, ok := strings.CutPrefix(path, basePath)
	if !ok {
		return path == strings.TrimSuffix(basePath, "/")
	}
	_, ok = ui.PageAt(rest)
	return ok
}

// sameOrigin compares scheme, host name (case-insensitively) and port, with
// default ports made explicit, so http://w.example:80/ is http://w.example/.
func sameOrigin(u, base *url.URL) bool {
	port := func(u *url.URL) string {
		if p := u.Port(); p != "" {
			return p
		}
		if u.Scheme == "https" {
			return "443"
		}
		return "80"
	}
	return u.Scheme == base.Scheme &&
		strings.EqualFold(u.Hostname(), base.Hostname()) &&
		port(u) == port(base)
}

// normalizeBase returns a copy of base reduced to scheme, host and a path
// ending in a slash.
func normalizeBase(base *url.URL) *url.URL {
	b := &url.URL{Scheme: strings.ToLower(base.Scheme), Host: base.Host, Path: base.Path}
	if !strings.HasSuffix(b.Path, "/") {
		b.Path += "/"
	}
	return b
}

// requestBase is the widget's base as the request reached it, for when no
// public URL is configured.
func requestBase(r *http.Request) *url.URL {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return &url.URL{Scheme: scheme, Host: r.Host, Path: "/"}
}

// OEmbedDiscoveryLink returns the <link> that tells consumers where the
// oEmbed endpoint for pageURL is, for the page head. base is the widget's
// public base URL; title, when not empty, names the link. Everything is
// HTML-escaped; an unparsable base gives "".
func OEmbedDiscoveryLink(base, pageURL, title string) string {
	b, err := url.Parse(base)
	if err != nil || b.Host == "" {
		return ""
	}
	endpoint := normalizeBase(b).JoinPath("oembed")
	endpoint.RawQuery = "url=" + url.QueryEscape(pageURL) + "&format=json"
	link := `<link rel="alternate" type="application/json+oembed" href="` + html.EscapeString(endpoint.String()) + `"`
	if title != "" {
		link += ` title="` + html.EscapeString(title) + `"`
	}
	return link + ">"
}

// ThumbnailSVG renders /thumbnail.svg: the map in the light palette, titled
// title, with the story's places and arcs, and the night at the given
// instant (zero: no night), ThumbnailWidth×ThumbnailHeight pixels, for
// tools that take a vector image; the whole world, or the region the focus
// points span (basemap.MapSpec.Focus). oEmbed and link previews offer the
// PNG card (preview.go) instead: their consumers show no SVG.
func ThumbnailSVG(title string, places []basemap.Place, arcs []basemap.Arc, at time.Time, lon0 float64, focus []orb.Point) []byte {
	return basemap.RenderSVG(basemap.MapSpec{
		Title:           title,
		Width:           ThumbnailWidth,
		Height:          ThumbnailHeight,
		Places:          places,
		Arcs:            arcs,
		Night:           at,
		Colors:          basemap.LightColors,
		CentralMeridian: lon0,
		Focus:           focus,
	})
}

// handleThumbnail serves the thumbnail image from memory, gzipped when the
// client accepts it, to any origin.
func handleThumbnail(svg []byte) http.Handler {
	f := newCachedFile("image/svg+xml", svg)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		f.serve(w, r, "public, max-age="+strconv.Itoa(oembedCacheAge))
	})
}
