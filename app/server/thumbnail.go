package server

import (
	"fivecalls/app/ui/page"
	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
)

// storyThumbnail draws the story's map as SVG, with night at the first
// call, for /thumbnail.svg: framed, titled and labelled as the widget's
// overview is, in the story's language.
func storyThumbnail(w *page.Widget) []byte {
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
	return ThumbnailSVG(w.MapTitle(), places, arcs, cs[0].Start, page.MapMeridian(s), w.OverviewFocus())
}
