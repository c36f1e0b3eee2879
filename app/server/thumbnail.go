package server

import (
	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
)

// storyThumbnail draws the story's map as SVG, with night at the first
// call, for /thumbnail.svg.
func storyThumbnail(s *story.Story) []byte {
	places := make([]basemap.Place, 0, len(s.Places))
	for _, p := range s.Places {
		places = append(places, basemap.Place{ID: p.ID, Label: p.Name, Lon: p.Lon, Lat: p.Lat})
	}
	arcs := make([]basemap.Arc, 0, len(s.Calls))
	for _, c := range s.Calls {
		from, to := s.Place(c.From), s.Place(c.To)
		if from == nil || to == nil {
			continue
		}
		arcs = append(arcs, basemap.Arc{ID: c.ID, From: orb.Point{from.Lon, from.Lat}, To: orb.Point{to.Lon, to.Lat}})
	}
	var first story.Call
	if len(s.Calls) > 0 {
		first = s.Calls[0]
	}
	at, _ := first.StartTime()
	return ThumbnailSVG(places, arcs, at, ui.MapMeridian(s))
}
