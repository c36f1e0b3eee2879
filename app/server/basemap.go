package server

import (
	"fmt"
	"strings"

	"fivecalls/app/ui"
	"fivecalls/geo"
	"fivecalls/geo/basemap"
)

// BasemapMarkup is the map's static layers as one SVG element, centred on
// the meridian lon0 (page.MapMeridian of the story): the sphere, the
// graticule, land and borders. The page carries it and the browser reuses
// it from there, so the map data never enters the WebAssembly.
func BasemapMarkup(lon0 float64) string {
	f := ui.MapFrame().WithCentralMeridian(lon0)
	land, borders := basemap.Layers(f)
	var b strings.Builder
	// A nested <svg>, not a <g>: the browser re-parses this markup through
	// innerHTML in an HTML context (go-app's Raw), where only an <svg> root
	// gets the SVG namespace.
	fmt.Fprintf(&b, `<svg x="0" y="0" width="%g" height="%g" viewBox="%s">`, f.Width, f.Height, f.ViewBox())
	fmt.Fprintf(&b, `<path %s="sphere" d="%s"/>`, ui.LayerAttr, geo.SpherePath(f))
	fmt.Fprintf(&b, `<path %s="graticule" d="%s"/>`, ui.LayerAttr, geo.GraticulePath(f, 30))
	fmt.Fprintf(&b, `<path %s="land" d="%s"/>`, ui.LayerAttr, land)
	fmt.Fprintf(&b, `<path %s="borders" d="%s"/>`, ui.LayerAttr, borders)
	b.WriteString(`</svg>`)
	return b.String()
}
