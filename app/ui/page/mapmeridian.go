package page

import (
	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo"

	"github.com/paulmach/orb"
)

// MapMeridian returns the central meridian of a story's map, in degrees east:
// the story's own map.center when it sets one; otherwise the meridian
// geo.CentralMeridian chooses from the calls' arcs and the places, so that
// no arc crosses the map's edge (90°W for the default story); otherwise, when
// the arcs go round every longitude, 0, and the arcs that must are cut at the
// edge. The widget's map, its base map and the oEmbed thumbnail take their
// frame's meridian from here, so they agree:
// MapFrame().WithCentralMeridian(MapMeridian(s)), and
// basemap.MapSpec{CentralMeridian: MapMeridian(s)}.
func MapMeridian(s *story.Story) float64 {
	if lon, ok := s.MapCenter(); ok {
		return lon
	}
	arcs := make([][2]orb.Point, 0, len(s.Calls))
	for i := range s.Calls {
		if from, to := callPlaces(s, &s.Calls[i]); from != nil && to != nil {
			arcs = append(arcs, [2]orb.Point{lonLat(from), lonLat(to)})
		}
	}
	places := make([]orb.Point, 0, len(s.Places))
	for i := range s.Places {
		places = append(places, lonLat(&s.Places[i]))
	}
	lon0, _ := geo.CentralMeridian(arcs, places) // 0 when no meridian keeps every arc whole
	return lon0
}

// CutArcs lists the steps (1-based) of the calls whose arcs the map
// centred on lon0 cuts at its edge, each drawn in two pieces: what a
// story's own map.center costs, which fivecalls check tells the author.
func CutArcs(s *story.Story, lon0 float64) []int {
	f := ui.MapFrame().WithCentralMeridian(lon0)
	var cut []int
	for i := range s.Calls {
		if from, to := callPlaces(s, &s.Calls[i]); from != nil && to != nil && geo.ArcCut(f, lonLat(from), lonLat(to)) {
			cut = append(cut, i+1)
		}
	}
	return cut
}
