package server

import (
	"fivecalls/app/ui/page"
)

// storyThumbnail draws the story's map as SVG, with night at the first
// call, for /thumbnail.svg: framed, titled and labelled as the widget's
// overview is, in the story's language.
func storyThumbnail(w *page.Widget) []byte {
	s, cs := w.Story(), w.Calls()
	places, arcs := mapPlacesAndArcs(w)
	return ThumbnailSVG(w.MapTitle(), places, arcs, cs[0].Start, page.MapMeridian(s), w.OverviewFocus())
}
