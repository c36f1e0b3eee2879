package basemap_test

import (
	"bytes"
	"fmt"
	"time"

	"fivecalls/geo"
	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
)

func ExampleLayers() {
	land, borders := basemap.Layers(geo.FitWidth(1000, 10))
	fmt.Println(len(land) > 0, len(borders) > 0, len(land)+len(borders) < 60_000)
	fmt.Println(basemap.Credit)
	// Output:
	// true true true
	// Made with Natural Earth; world-atlas 2.0.2
}

func ExampleRenderSVG() {
	svg := basemap.RenderSVG(basemap.MapSpec{
		Title: "One call",
		Places: []basemap.Place{
			{ID: "washington", Label: "Washington", Lon: -77.0369, Lat: 38.9072},
			{ID: "tokyo", Label: "Tokyo", Lon: 139.6503, Lat: 35.6762},
		},
		Arcs:  []basemap.Arc{{ID: "tokyo", From: orb.Point{-77.0369, 38.9072}, To: orb.Point{139.6503, 35.6762}}},
		Night: time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC),
	})
	fmt.Println(bytes.Count(svg, []byte("<path")), "paths,", bytes.Count(svg, []byte("<text")), "texts")
	// Output:
	// 7 paths, 3 texts
}
