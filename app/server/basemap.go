package server

import (
	"fmt"
	"strings"

	"fivecalls/app/ui"
	"fivecalls/geo"
	"fivecalls/geo/basemap"
)

// BasemapMarkup is the map's static layers as one SVG group: the sphere,
// the graticule, land and borders. The page carries it and the browser
// reuses it from there, so the map data never enters the WebAssembly.
func BasemapMarkup() string {
	f := ui.MapFrame()
	land, borders := basemap.Layers(f)
	var b strings.Builder
	fmt.Fprintf(&b, `<g id="%s">`, ui.BasemapElementID)
	fmt.Fprintf(&b, `<path data-layer="sphere" d="%s"/>`, geo.SpherePath(f))
	fmt.Fprintf(&b, `<path data-layer="graticule" d="%s"/>`, geo.GraticulePath(f, 30))
	fmt.Fprintf(&b, `<path data-layer="land" d="%s"/>`, land)
	fmt.Fprintf(&b, `<path data-layer="borders" d="%s"/>`, borders)
	b.WriteString(`</g>`)
	return b.String()
}
