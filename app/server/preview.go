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

	"fivecalls/app/locale"
	"fivecalls/app/ui"
	"fivecalls/app/ui/page"
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
	widget  *page.Widget
	version string
	mu      sync.Mutex
	images  map[previewKey]*previewImage
	renders atomic.Int64 // images drawn, for tests
}

// previewKey names one image: the step shown (0: the overview) and the
// width.
type previewKey struct{ step, width int }

type previewImage struct {
	once sync.Once
	png  []byte
	etag string
	err  error
}

func newPreviewCache(w *page.Widget, version string) *previewCache {
	return &previewCache{widget: w, version: version, images: map[previewKey]*previewImage{}}
}

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
		spec, text := previewSpec(c.widget, step, width)
		img.png, img.err = basemap.RenderPNG(spec, text)
		sum := sha256.Sum256(img.png)
		img.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
	})
	return img, img.err
}

// handler serves GET /preview.png?call=N&width=W: call N's card (the
// overview, step 0, for a missing or unknown call, as the page opens), for a year when the URL
// carries the current version (as the page links it), otherwise
// revalidated by its content ETag. Any origin may use it.
func (c *previewCache) handler(logger zerolog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		a := ui.ParseAddress("/", q, len(c.widget.Calls()))
		img, err := c.get(a.Step, previewWidth(q))
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

// previewSpec is the card of one step at one width: every call's arc,
// with the step's call marked and the night at its start, and a caption
// naming it (the overview has every arc in the accent colour, no night).
// Every card frames what the widget's overview frames: the world, or the
// region of a story that keeps to one.
func previewSpec(w *page.Widget, step, width int) (basemap.MapSpec, basemap.CardText) {
	s, cs := w.Story(), w.Calls()
	places, arcs := mapPlacesAndArcs(w)
	spec := basemap.MapSpec{
		Width:        float64(width),
		Height:       float64(previewHeight(width)),
		DisplayWidth: previewDisplayWidth,
		Places:       places,
		Arcs:         arcs,
		Origin:       cs[0].From.ID,
		Colors:       previewColors,
		// The widget's own meridian, so the card shows every arc whole too,
		// and its overview's region, for a story that keeps to one.
		CentralMeridian: page.MapMeridian(s),
		Focus:           w.OverviewFocus(),
	}
	text := basemap.CardText{Title: s.Title, Caption: w.OverviewCaption(), Credit: w.Locale().T(locale.MapCredit, basemap.Sources)}
	if step >= 1 && step <= len(cs) {
		c := cs[step-1]
		spec.Current = c.ID
		spec.Night = c.Start
		text.Caption = c.Caption(len(cs))
	}
	return spec, text
}

// mapPlacesAndArcs are the story's places, labelled as the page's map
// labels them (with the steps alone to fall back on where a name does not
// fit), and its calls' arcs: what the card and the thumbnail draw.
func mapPlacesAndArcs(w *page.Widget) ([]basemap.Place, []basemap.Arc) {
	s, cs := w.Story(), w.Calls()
	places := make([]basemap.Place, 0, len(s.Places))
	for i := range s.Places {
		p := &s.Places[i]
		label, short := w.PlaceLabel(p)
		places = append(places, basemap.Place{ID: p.ID, Label: label, Short: short, Lon: p.Lon, Lat: p.Lat})
	}
	arcs := make([]basemap.Arc, 0, len(cs))
	for _, c := range cs {
		arcs = append(arcs, basemap.Arc{ID: c.ID, From: orb.Point{c.From.Lon, c.From.Lat}, To: orb.Point{c.To.Lon, c.To.Lat}})
	}
	return places, arcs
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
func linkPreviewTags(base *url.URL, version string, w *page.Widget, a ui.Address) string {
	var b strings.Builder
	meta := func(attr, name, content string) {
		fmt.Fprintf(&b, "<meta %s=\"%s\" content=\"%s\">\n", attr, name, html.EscapeString(content))
	}
	meta("property", "og:site_name", w.SiteName())
	if base == nil {
		return b.String()
	}
	base = normalizeBase(base)
	call := url.Values{}
	if a.Step > 0 {
		call.Set(ui.CallParam, strconv.Itoa(a.Step))
	}
	widget := *base
	widget.RawQuery = call.Encode()
	self := widget
	if a.Embed {
		// The embed itself, at its call: its page, and its parts
		// where they are not the page's own (the theme left out).
		own := ui.Address{Embed: true, Parts: a.Parts, Step: a.Step}
		self = *base.JoinPath(strings.TrimPrefix(own.Path(), "/"))
		self.RawQuery = own.Query().Encode()
	}
	img := base.JoinPath(previewPath)
	q := url.Values{versionParm: {version}}
	if a.Step > 0 {
		q.Set(ui.CallParam, strconv.Itoa(a.Step))
	}
	img.RawQuery = q.Encode()

	fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", html.EscapeString(self.String()))
	meta("property", "og:url", widget.String())
	meta("property", "og:image", img.String())
	meta("property", "og:image:type", "image/png")
	meta("property", "og:image:width", strconv.Itoa(basemap.CardWidth))
	meta("property", "og:image:height", strconv.Itoa(basemap.CardHeight))
	alt := w.CardAlt(a.Step)
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
			if a.Step > 0 {
				q.Set(ui.CallParam, strconv.Itoa(a.Step))
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
		out[fmt.Sprintf("/%s?%s=%d", previewPath, ui.CallParam, n)] = fmt.Sprintf("preview-call-%d.png", n)
	}
	return out
}
