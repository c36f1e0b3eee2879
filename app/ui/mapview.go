package ui

import (
	"fmt"
	"strings"
	"sync"

	"fivecalls/app/story"
	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/paulmach/orb"
)

// Map geometry: a 1000-unit-wide Equal Earth frame. Label sizes are in
// viewBox units for two display widths, switched by a container query in
// CSS, so labels never overlap on a phone or on a desktop.
const (
	mapWidth        = 1000.0
	mapMargin       = 6.0
	labelSizeWide   = 15.0 // ≈ 13 px when the map is 870 px wide or more
	labelSizeNarrow = 36.0 // ≈ 12 px when the map is 330 px wide
)

// mapFrame is the projection frame every map element shares.
var mapFrame = geo.FitWidth(mapWidth, mapMargin)

// mapView is the world map: the static base map, the night side of the
// Earth at each call's start (the current call's shows), the arcs of the
// calls and the places. The stylesheet marks the current call's arc and
// place (web/state.css); the WebAssembly adds a live night shading that
// moves between calls (see animator).
type mapView struct {
	app.Compo
}

func newMapView() *mapView { return &mapView{} }

func (m *mapView) Render() app.UI {
	c := current()
	s := c.Story
	cs := calls(s)
	if len(cs) == 0 {
		return app.Div()
	}
	f := mapFrame
	origin := s.Place(s.Origin)
	g := geometryOf(s, cs)

	nights := make([]app.UI, 0, len(cs)+1)
	arcs := make([]app.UI, 0, len(cs))
	for i, ci := range cs {
		n := fmt.Sprint(ci.Index + 1)
		nights = append(nights, svg("path").Attr(StepAttr, n).Attr("d", g.nights[i]))
		arcs = append(arcs, svg("path").
			Attr("d", g.arcs[i]).
			Attr(ArcAttr, n).
			Attr("pathLength", "1"))
	}
	nights = append(nights, svg("path").ID(NightID))

	wide, narrow := g.wide, g.narrow
	places := make([]app.UI, 0, len(s.Places))
	for i, p := range s.Places {
		pt := f.Project(lonLat(&s.Places[i]))
		place := svg("g").Attr(PlaceAttr, p.ID)
		if p.ID == s.Origin {
			place = place.Attr(RoleAttr, "origin")
		}
		places = append(places, place.Body(
			svg("circle").Attr("data-part", "pulse").Attr("cx", fx(pt[0])).Attr("cy", fx(pt[1])).Attr("r", "5"),
			svg("circle").Attr("data-part", "dot").Attr("cx", fx(pt[0])).Attr("cy", fx(pt[1])).Attr("r", "4.5"),
			labelText(wide[i], "wide", labelSizeWide),
			labelText(narrow[i], "narrow", labelSizeNarrow),
		))
	}

	var base app.UI = svg("g").Attr("id", BasemapElementID)
	if c.Basemap != "" {
		base = app.Raw(c.Basemap)
	}
	return app.Elem("figure").
		Class("fc-map").
		Body(
			svg("svg").
				Attr("viewBox", f.ViewBox()).
				Attr("role", "img").
				Attr("aria-labelledby", "fc-map-title fc-map-desc").
				Attr("data-part", "map").
				Body(
					svg("title").ID("fc-map-title").Text("Map of the calls from "+origin.Name),
					svg("desc").ID("fc-map-desc").Text(mapSummary(s, cs)),
					base,
					svg("g").Attr("data-layer", "night").Body(nights...),
					svg("g").Attr("data-layer", "arcs").Body(arcs...),
					svg("g").Attr("data-layer", "places").Body(places...),
				),
			app.Elem("figcaption").Class("fc-map-caption").Text("Shading: night at the time shown. Arcs follow the shortest route on the globe. Map: Natural Earth."),
		)
}

// mapGeometry is what the map draws that depends on the story alone: the
// arcs and both sets of labels. It is computed once per story, not on each
// step (a great-circle path and a label search per render add up on a phone).
type mapGeometry struct {
	arcs         []string
	nights       []string // the night side at each call's start
	wide, narrow []geo.Label
}

var geometryCache struct {
	sync.Mutex
	story *story.Story
	g     mapGeometry
}

func geometryOf(s *story.Story, cs []callInfo) mapGeometry {
	geometryCache.Lock()
	defer geometryCache.Unlock()
	if geometryCache.story == s {
		return geometryCache.g
	}
	g := mapGeometry{
		wide:   geo.PlaceLabels(mapFrame, markers(s), labelSizeWide, 0),
		narrow: geo.PlaceLabels(mapFrame, markers(s), labelSizeNarrow, 0),
	}
	for _, ci := range cs {
		g.arcs = append(g.arcs, geo.ArcPath(mapFrame, lonLat(ci.Origin), lonLat(ci.Place)))
		g.nights = append(g.nights, geo.NightPath(mapFrame, ci.Start))
	}
	geometryCache.story, geometryCache.g = s, g
	return g
}

// labelText is one place label for one display width; CSS shows one set.
func labelText(l geo.Label, size string, fontSize float64) app.UI {
	if l.Text == "" {
		return svg("g")
	}
	return svg("text").
		Attr("data-size", size).
		Attr("x", fx(l.X)).
		Attr("y", fx(l.Y)).
		Attr("text-anchor", l.Anchor).
		Attr("font-size", fx(fontSize)).
		Text(l.Text)
}

func markers(s *story.Story) []geo.Marker {
	out := make([]geo.Marker, 0, len(s.Places))
	for i := range s.Places {
		p := &s.Places[i]
		out = append(out, geo.Marker{ID: p.ID, Text: p.Name, Point: lonLat(p)})
	}
	return out
}

func lonLat(p *story.Place) orb.Point { return orb.Point{p.Lon, p.Lat} }

// mapSummary is the map's text alternative: where the arcs go.
func mapSummary(s *story.Story, cs []callInfo) string {
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		names = append(names, c.Place.Name)
	}
	return fmt.Sprintf("World map with arcs from %s to %s, in the order of the calls, and the night side of the Earth shaded.",
		s.Place(s.Origin).Name, strings.Join(names, ", "))
}

// MapFrame is the frame the map is drawn in, for the server's base map.
func MapFrame() geo.Frame { return mapFrame }
