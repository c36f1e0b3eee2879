package server

// Link previews. Slack, Facebook, X, LinkedIn and messengers show a pasted
// link as a card with a picture, which they read from the page's og:image
// (and never as SVG). The server draws that picture itself, in pure Go, from
// the map the widget shows (geo/basemap's RenderPNG): one image per call,
// with that call's arc and places marked and the night at its start, the
// story's title and a caption naming the call, and one of the overview
// (every arc) that a page without a call opens on. Each is drawn on first
// request and kept: at most (calls + 1) × len(previewWidths) images.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
	"github.com/rs/zerolog"
)

// previewPath is the preview image's route, relative to the widget's base.
const previewPath = "preview.png"

// previewWidths are the widths the preview is drawn at, largest first: the
// 1200×630 card every platform asks for, and two smaller ones for oEmbed
// consumers whose maxwidth is narrower (a PNG cannot be scaled by the URL,
// so oEmbed offers the largest that fits). Each is the same card drawn
// smaller, not a blurred copy.
var previewWidths = []int{basemap.CardWidth, basemap.CardWidth / 2, basemap.CardWidth / 4}

// previewHeight is the card's height at a width: 630, 315, 158.
func previewHeight(width int) int {
	return (width*basemap.CardHeight + basemap.CardWidth/2) / basemap.CardWidth
}

// previewDisplayWidth is the width, in CSS pixels, that the card is drawn
// to be read at: X, Facebook and LinkedIn show large cards about 500–550 px
// wide and Slack narrower, so the map's labels are 12 px there, as in the
// widget. The smaller widths are the same card scaled down.
const previewDisplayWidth = 540

// previewColors are the widget's light theme (web/app.css): the card should
// look like the map it links to. TestPreviewColorsAreTheWidgets compares them.
var previewColors = basemap.Colors{
	Ocean:     "#e8f0f7", // --ocean
	Land:      "#d9dccf", // --land
	Border:    "#ffffff", // --border
	Graticule: "#c9d6e3", // --graticule
	Edge:      "#d0d4da", // --line
	Night:     "#0a1a33", // --night
	Arc:       "#b3261e", // --arc
	PastArc:   "#7d8896", // --arc-past
	Marker:    "#1a1a1a", // --place
	Text:      "#1a1a1a", // --fg
	Halo:      "#ffffff", // --bg
}

// previewCache draws each preview once and keeps it.
type previewCache struct {
	story   *story.Story
	version string
	mu      sync.Mutex
	images  map[previewKey]*previewImage
	renders atomic.Int64 // images drawn, for tests
}

// previewKey names one image: the call shown (0-based) and the width.
type previewKey struct{ step, width int }

type previewImage struct {
	once sync.Once
	png  []byte
	etag string
	err  error
}

func newPreviewCache(s *story.Story, version string) *previewCache {
	return &previewCache{story: s, version: version, images: map[previewKey]*previewImage{}}
}

// previewOverview is the step of the overview, which a page opens on when
// its address names no call (ui.ParseAddress leaves Call 0 for a missing or
// unknown call): every arc in the accent colour, no night.
const previewOverview = -1

// previewStep is the 0-based call an address shows, or previewOverview.
func previewStep(a ui.Address) int { return a.Call - 1 }

// previewWidth reads the width parameter: one of previewWidths, anything
// else the full card.
func previewWidth(q url.Values) int {
	if n, err := strconv.Atoi(q.Get("width")); err == nil {
		for _, w := range previewWidths {
			if n == w {
				return w
			}
		}
	}
	return previewWidths[0]
}

// get returns the image, drawing it on first use; concurrent requests for
// one image wait for a single drawing.
func (c *previewCache) get(step, width int) (*previewImage, error) {
	key := previewKey{step, width}
	c.mu.Lock()
	img, ok := c.images[key]
	if !ok {
		img = &previewImage{}
		c.images[key] = img
	}
	c.mu.Unlock()
	img.once.Do(func() {
		c.renders.Add(1)
		spec, text := previewSpec(c.story, step, width)
		img.png, img.err = basemap.RenderPNG(spec, text)
		sum := sha256.Sum256(img.png)
		img.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
	})
	return img, img.err
}

// handler serves GET /preview.png?call=N&width=W: the call's card (the
// overview for a missing or unknown call, as the page opens), for a year when the URL
// carries the current version (as the page links it), otherwise
// revalidated by its content ETag. Any origin may use it.
func (c *previewCache) handler(logger zerolog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		a := ui.ParseAddress("/", q, len(c.story.Calls))
		img, err := c.get(previewStep(a), previewWidth(q))
		if err != nil {
			requestLogger(r, logger).Error().Err(err).Msg("preview image failed")
			http.Error(w, "The preview image could not be drawn.", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "image/png")
		h.Set("Cache-Control", cacheControlFor(r, c.version))
		h.Set("Access-Control-Allow-Origin", "*")
		writeBody(w, r, img.etag, img.png)
	})
}

// previewSpec is the card of one call at one width.
func previewSpec(s *story.Story, step, width int) (basemap.MapSpec, basemap.CardText) {
	places := make([]basemap.Place, 0, len(s.Places))
	for _, p := range s.Places {
		places = append(places, basemap.Place{ID: p.ID, Label: placeLabel(s, p), Lon: p.Lon, Lat: p.Lat})
	}
	arcs := make([]basemap.Arc, 0, len(s.Calls))
	for _, c := range s.Calls {
		from, to := callEnds(s, &c)
		if from == nil || to == nil {
			continue // validated stories always resolve
		}
		arcs = append(arcs, basemap.Arc{ID: c.ID, From: orb.Point{from.Lon, from.Lat}, To: orb.Point{to.Lon, to.Lat}})
	}
	spec := basemap.MapSpec{
		Width:        float64(width),
		Height:       float64(previewHeight(width)),
		DisplayWidth: previewDisplayWidth,
		Places:       places,
		Arcs:         arcs,
		Origin:       s.Origin,
		Colors:       previewColors,
		// The widget's own meridian, so the card shows every arc whole too.
		CentralMeridian: ui.MapMeridian(s),
	}
	text := basemap.CardText{Title: s.Title}
	if step >= 0 && step < len(s.Calls) {
		c := &s.Calls[step]
		spec.Current = c.ID
		spec.Night, _ = c.StartTime()
		text.Caption = callCaption(s, step)
	} else {
		text.Caption = overviewCaption(s)
	}
	return spec, text
}

// placeLabel names a place as the widget's map does: a place called is
// named with the order of its calls, "2 Berlin" (app/ui's markers, which
// is not exported).
func placeLabel(s *story.Story, p story.Place) string {
	var order []string
	for i, c := range s.Calls {
		if _, to := callEnds(s, &c); to != nil && to.ID == p.ID {
			order = append(order, strconv.Itoa(i+1))
		}
	}
	if len(order) == 0 {
		return p.Name
	}
	return strings.Join(order, ", ") + " " + p.Name
}

// overviewCaption says what the overview shows, as the widget's overview
// card does: "5 calls from Washington, 9:05 a.m. EST to 5:05 p.m. EST".
func overviewCaption(s *story.Story) string {
	if len(s.Calls) == 0 {
		return ""
	}
	first, last := &s.Calls[0], &s.Calls[len(s.Calls)-1]
	from, _ := callEnds(s, first)
	out := fmt.Sprintf("%d calls", len(s.Calls))
	if len(s.Calls) == 1 {
		out = "1 call"
	}
	if from != nil {
		out += " from " + from.Name
	}
	span := callStartText(s, first)
	if len(s.Calls) > 1 {
		span += " to " + callStartText(s, last)
	}
	return out + ", " + span
}

// callEnds returns the places a call links: the caller (the story's
// origin when the call names none) and the place called.
func callEnds(s *story.Story, c *story.Call) (from, to *story.Place) {
	from = s.Place(c.From)
	if from == nil {
		from = s.Place(s.Origin)
	}
	return from, s.Place(c.To)
}

// callCaption names a call as the card's caption does: "Call 2 of 5:
// Angela Merkel, Chancellor of Germany, 11:00 a.m. EST".
func callCaption(s *story.Story, step int) string {
	c := &s.Calls[step]
	out := fmt.Sprintf("Call %d of %d: %s", step+1, len(s.Calls), c.Leader.Name)
	if c.Leader.Title != "" {
		out += ", " + c.Leader.Title
	}
	if t := callStartText(s, c); t != "" {
		out += ", " + t
	}
	return out
}

// callStartText is a call's start in its caller's time zone, as the
// widget writes it: "9:05 a.m. EST", "about 11:00 a.m. EST" (the same rule
// as app/ui's originText, which is not exported).
func callStartText(s *story.Story, c *story.Call) string {
	start, err := c.StartTime()
	from, _ := callEnds(s, c)
	if err != nil || from == nil {
		return ""
	}
	if loc, err := time.LoadLocation(from.TimeZone); err == nil {
		start = start.In(loc)
	}
	h, suffix := start.Hour()%12, "a.m."
	if start.Hour() >= 12 {
		suffix = "p.m."
	}
	if h == 0 {
		h = 12
	}
	out := fmt.Sprintf("%d:%02d %s %s", h, start.Minute(), suffix, start.Format("MST"))
	if c.StartApprox {
		out = "about " + out
	}
	return out
}

// previewAlt describes a call's card for og:image:alt: what the picture
// shows, for readers who cannot see it.
func previewAlt(s *story.Story, step int) string {
	origin := s.Place(s.Origin)
	dests := make([]string, 0, len(s.Calls))
	for _, c := range s.Calls {
		if _, to := callEnds(s, &c); to != nil {
			dests = append(dests, to.Name)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "“%s” above a world map of the %s", s.Title, countedCalls(len(s.Calls)))
	if origin != nil && len(dests) > 0 {
		fmt.Fprintf(&b, ", drawn as arcs from %s to %s", origin.Name, listText(dests))
	}
	b.WriteString(".")
	if step >= 0 && step < len(s.Calls) {
		c := &s.Calls[step]
		if _, to := callEnds(s, c); to != nil {
			fmt.Fprintf(&b, " Call %d of %d, to %s in %s", step+1, len(s.Calls), c.Leader.Name, to.Name)
			if t := callStartText(s, c); t != "" {
				b.WriteString(" at " + t)
			}
			b.WriteString(", is marked in red, with the night side of the Earth shaded as it was then.")
		}
	} else if len(s.Calls) > 0 {
		b.WriteString(" Every arc is drawn in red and each place called is numbered in the order of its call.")
	}
	return b.String()
}

func countedCalls(n int) string {
	if n == 1 {
		return "story's call"
	}
	return "story's " + strconv.Itoa(n) + " calls"
}

// listText joins names as prose: "A", "A and B", "A, B and C".
func listText(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// linkPreviewTags returns the tags a page's head needs for link previews:
// og:url, the address platforms link a shared page to (the full widget at
// the address's call, so a shared embed opens with its page around it);
// the canonical link (the page itself at its call: an embed's pointing at
// the widget's root is what Lighthouse's SEO audit flags as the common
// "every page points at the homepage" mistake); og:image with its type,
// size and description (the address's call); og:site_name and
// twitter:card. ?theme changes colours only and is left out of both URLs.
//
// base is the widget's public URL. Without one (tests, static exports)
// there is no absolute address, and og:url, og:image and the canonical link
// must be absolute (Open Graph takes no relative URLs, and a relative
// canonical is left to guesswork), so they are left out, and twitter:card,
// which asks for a large image, with them; only og:site_name remains.
func linkPreviewTags(base *url.URL, version string, s *story.Story, a ui.Address) string {
	var b strings.Builder
	meta := func(attr, name, content string) {
		fmt.Fprintf(&b, "<meta %s=\"%s\" content=\"%s\">\n", attr, name, html.EscapeString(content))
	}
	meta("property", "og:site_name", "Five Calls")
	if base == nil {
		return b.String()
	}
	base = normalizeBase(base)
	call := url.Values{}
	if a.Call > 0 {
		call.Set("call", strconv.Itoa(a.Call))
	}
	widget := *base
	widget.RawQuery = call.Encode()
	self := widget
	if a.Embed {
		self = *base.JoinPath(strings.TrimPrefix(ui.PathEmbed, "/"))
		self.RawQuery = call.Encode()
	}
	img := base.JoinPath(previewPath)
	q := url.Values{versionParm: {version}}
	if a.Call > 0 {
		q.Set("call", strconv.Itoa(a.Call))
	}
	img.RawQuery = q.Encode()

	fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", html.EscapeString(self.String()))
	meta("property", "og:url", widget.String())
	meta("property", "og:image", img.String())
	meta("property", "og:image:type", "image/png")
	meta("property", "og:image:width", strconv.Itoa(basemap.CardWidth))
	meta("property", "og:image:height", strconv.Itoa(basemap.CardHeight))
	alt := previewAlt(s, previewStep(a))
	meta("property", "og:image:alt", alt)
	meta("name", "twitter:card", "summary_large_image")
	// X reads its own alt tag, not og:image:alt, and takes 420 characters.
	meta("name", "twitter:image:alt", shorten(alt, twitterAltMax))
	return b.String()
}

// twitterAltMax is the length X allows twitter:image:alt, in characters.
const twitterAltMax = 420

// shorten returns s, or its first words within max characters followed by
// "…".
func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := string(r[:max-1])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}

// withLinkPreview adds linkPreviewTags to a prerendered page's head.
func withLinkPreview(page []byte, s *srv, a ui.Address) []byte {
	tags := linkPreviewTags(s.cfg.PublicURL, s.cfg.Version, s.cfg.Story, a)
	return bytes.Replace(page, []byte("</head>"), []byte(tags+"</head>"), 1)
}

// PreviewThumbnail offers the preview of an address's call as an oEmbed
// thumbnail (OEmbedConfig.Thumbnail) for a server of the given version: the
// largest of the widths it is drawn at that fits maxW × maxH (0: no limit),
// or none when even the smallest does not.
func PreviewThumbnail(version string) func(a ui.Address, maxW, maxH int) (OEmbedThumbnail, bool) {
	return func(a ui.Address, maxW, maxH int) (OEmbedThumbnail, bool) {
		for _, w := range previewWidths {
			h := previewHeight(w)
			if (maxW > 0 && w > maxW) || (maxH > 0 && h > maxH) {
				continue
			}
			q := url.Values{versionParm: {version}}
			if a.Call > 0 {
				q.Set("call", strconv.Itoa(a.Call))
			}
			if w != previewWidths[0] {
				q.Set("width", strconv.Itoa(w))
			}
			return OEmbedThumbnail{Path: previewPath, Query: q, Width: w, Height: h}, true
		}
		return OEmbedThumbnail{}, false
	}
}

// withPreviewFiles adds the preview images to a static export's files: the
// page's own (preview.png, the overview, as the page opens) and one per
// call, preview-call-N.png, since a static host cannot tell ?call=N apart.
// The exported pages do not name them (without a public URL there is no
// absolute address for og:image); they are there for the newsroom to use
// as its article's social image.
func withPreviewFiles(files map[string]string, calls int) map[string]string {
	out := make(map[string]string, len(files)+calls+1)
	for k, v := range files {
		out[k] = v
	}
	out["/"+previewPath] = previewPath
	for n := 1; n <= calls; n++ {
		out[fmt.Sprintf("/%s?call=%d", previewPath, n)] = fmt.Sprintf("preview-call-%d.png", n)
	}
	return out
}
