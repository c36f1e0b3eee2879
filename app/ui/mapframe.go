package ui

import "fivecalls/geo"

// The map's frame: an Equal Earth map 1000 units wide, with a margin.
const (
	MapWidth  = 1000.0
	mapMargin = 6.0
)

// MapFrame is the projection frame every map of the widget is drawn in,
// centred on Greenwich; a story's map turns it to the story's own central
// meridian (page.MapMeridian), which the page writes on the map
// (MeridianAttr) for the WebAssembly's night shading.
func MapFrame() geo.Frame { return geo.FitWidth(MapWidth, mapMargin) }
