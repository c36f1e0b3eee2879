// Package basemap holds the world map the widget draws under the calls:
// Natural Earth 1:110m land and country borders, generated from the
// world-atlas npm package into a small embedded file, and two renderers of
// whole maps: RenderSVG, a standalone SVG, and RenderPNG, a link-preview
// card drawn in pure Go (golang.org/x/image's vector rasterizer and the Go
// fonts), because Slack, Facebook and X show no SVG.
//
// It is separate from package geo because the data is only needed on the
// server (prerendered pages, oEmbed thumbnails, link previews): the
// WebAssembly client gets the map's paths from the prerendered HTML and
// stays small.
//
// Regenerate the data with `go generate ./geo/...` (needs npm the first time).
package basemap

//go:generate go run ./internal/gen -out ne110m.bin -cache .cache

import (
	_ "embed"
	"sync"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

// Sources names the basemap's data and its packaging: Natural Earth is in
// the public domain; world-atlas (ISC licence) packages it. Credit says it
// in English; a card in another language says it in its own (CardText).
const (
	Sources = "Natural Earth; world-atlas 2.0.2"
	Credit  = "Made with " + Sources
)

//go:embed ne110m.bin
var data []byte

var (
	once    sync.Once
	land    orb.MultiPolygon
	borders orb.MultiLineString
	// wholeLand and wholeBorders are the data as world-atlas keeps it,
	// uncut: what frames with any central meridian cut at their own seam.
	wholeLand    orb.MultiPolygon
	wholeBorders orb.MultiLineString
)

func load() {
	once.Do(func() {
		l, b, err := decode(data)
		if err != nil {
			// The file is generated and tested; a bad one is a build bug.
			panic(err)
		}
		wholeLand, wholeBorders = l, b
		// world-atlas keeps Fiji, Chukotka and Wrangel Island whole across
		// the antimeridian and Antarctica round the pole, for spherical
		// renderers; cut them so vertex-by-vertex projection draws them.
		for _, p := range l {
			land = append(land, geo.CutPolygonAtAntimeridian(p)...)
		}
		for _, ls := range b {
			borders = append(borders, geo.CutLineAtAntimeridian(ls)...)
		}
	})
}

// Land returns the world's land as lon/lat polygons, cut at the antimeridian
// as Natural Earth is, for maps centred on Greenwich (Layers draws any
// frame). The result is shared: do not modify it.
func Land() orb.MultiPolygon {
	load()
	return land
}

// Borders returns the land borders between countries as lon/lat lines
// (coastlines excluded), cut at the antimeridian. The result is shared: do
// not modify it.
func Borders() orb.MultiLineString {
	load()
	return borders
}

// layerCacheMax bounds the per-frame cache of Layers, since frames come from
// request parameters such as oEmbed's maxwidth and from stories' central
// meridians. The whole frame is the key.
const layerCacheMax = 16

// frameLayers are the path data that depend on the frame only.
type frameLayers struct {
	land, borders, sphere, graticule string
}

var (
	layersMu    sync.Mutex
	layersCache = map[geo.Frame]*frameLayers{}
)

// graticuleStepDeg is the graticule spacing of rendered maps: 30° keeps the
// grid a quiet reference at thumbnail size.
const graticuleStepDeg = 30

func cachedLayers(f geo.Frame) *frameLayers {
	layersMu.Lock()
	c, ok := layersCache[f]
	layersMu.Unlock()
	if ok {
		return c
	}
	load()
	// The uncut data, so that each frame cuts it at its own seam alone;
	// for a frame centred on Greenwich this draws exactly Land and Borders.
	c = &frameLayers{
		land:      geo.PathData(f, wholeLand),
		borders:   geo.PathData(f, wholeBorders),
		sphere:    geo.SpherePath(f),
		graticule: geo.GraticulePath(f, graticuleStepDeg),
	}
	layersMu.Lock()
	if len(layersCache) >= layerCacheMax {
		for k := range layersCache {
			delete(layersCache, k)
			break
		}
	}
	layersCache[f] = c
	layersMu.Unlock()
	return c
}

// Layers returns the SVG path data of the land and of the borders projected
// into the frame, cut at the frame's seam only: Fiji and Chukotka stay whole
// when the seam is elsewhere, and Antarctica is closed round the pole along
// the seam. Both are computed once
// per frame and cached, because they are the bulk of every map and never
// change.
func Layers(f geo.Frame) (landPath, bordersPath string) {
	c := cachedLayers(f)
	return c.land, c.borders
}
