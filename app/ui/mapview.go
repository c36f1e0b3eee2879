package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

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

// mapView is the world map: the static base map (one unchanging element),
// night at the current instant, the arcs of the calls and the places.
// The night shading and pulses animate without re-rendering: see animator.
type mapView struct {
	app.Compo

	IStep   int
	nightAt time.Time // the instant first drawn; the animator owns it after
}

func newMapView() *mapView { return &mapView{} }

// Step sets the index of the current call.
func (m *mapView) Step(i int) *mapView { m.IStep = i; return m }

func (m *mapView) Render() app.UI {
	c := current()
	s := c.Story
	cs := calls(s)
	if len(cs) == 0 {
		return app.Div()
	}
	if c.Prerendered["map"] != nil { // the server's, taken in by page.adopt
		return app.Div().Class("fc-slot").Attr(slotAttr, "map")
	}
	step := clampStep(m.IStep, len(cs))
	if m.nightAt.IsZero() || app.IsServer {
		m.nightAt = cs[step].Start
	}
	f := mapFrame
	origin := s.Place(s.Origin)
	g := geometryOf(s, cs)

	arcs := make([]app.UI, 0, len(cs))
	for i, ci := range cs {
		arcs = append(arcs, svg("path").
			Attr("d", g.arcs[i]).
			Attr("data-call", ci.Call.ID).
			Attr("data-state", stepState(ci.Index, step)).
			Attr("pathLength", "1"))
	}

	wide, narrow := g.wide, g.narrow
	places := make([]app.UI, 0, len(s.Places))
	for i, p := range s.Places {
		pt := f.Project(lonLat(&s.Places[i]))
		places = append(places, svg("g").
			Attr("data-place", p.ID).
			Attr("data-state", placeState(s, cs, step, p.ID)).
			Body(
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
					svg("path").ID("fc-night").Attr("data-layer", "night").Attr("d", geo.NightPath(f, m.nightAt)),
					svg("g").Attr("data-layer", "arcs").Body(arcs...),
					svg("g").Attr("data-layer", "places").Body(places...),
				),
			app.Elem("figcaption").Class("fc-map-caption").Text("Shading: night at the time shown. Arcs follow the shortest route on the globe. Map: Natural Earth."),
		)
}

// OnUpdate marks the new step on the server's map.
func (m *mapView) OnUpdate(ctx app.Context) { markMap(m.IStep) }

// markMap marks the step on the server's map, when the browser took that in
// rather than render its own: a step changes only which arc and which place
// are current, so a few attributes say it all.
func markMap(step int) {
	c := current()
	cs := calls(c.Story)
	if c.Prerendered["map"] == nil || len(cs) == 0 {
		return
	}
	step = clampStep(step, len(cs))
	markStates(".fc-map [data-call]", "data-call", callStates(cs, step))
	markStates(".fc-map [data-place]", "data-place", func(id string) string {
		return placeState(c.Story, cs, step, id)
	})
}

// markStates sets data-state on the elements the selector finds, to what
// state says for the element's key attribute; "" leaves it alone.
func markStates(selector, key string, state func(id string) string) {
	els := app.Window().Get("document").Call("querySelectorAll", selector)
	for i := 0; i < els.Length(); i++ {
		el := els.Index(i)
		want := state(el.Call("getAttribute", key).String())
		if want != "" && el.Call("getAttribute", "data-state").String() != want {
			el.Call("setAttribute", "data-state", want)
		}
	}
}

// callStates returns each call's state at the step, by call id: past,
// current or future ("" for an id not in the story).
func callStates(cs []callInfo, step int) func(id string) string {
	index := make(map[string]int, len(cs))
	for i, ci := range cs {
		index[ci.Call.ID] = i
	}
	return func(id string) string {
		if i, ok := index[id]; ok {
			return stepState(i, step)
		}
		return ""
	}
}

// placeState is a place's role at the step: current, origin or idle.
func placeState(s *story.Story, cs []callInfo, step int, id string) string {
	switch {
	case id == cs[step].Place.ID:
		return "current"
	case s.Origin == id:
		return "origin"
	default:
		return "idle"
	}
}

// mapGeometry is what the map draws that depends on the story alone: the
// arcs and both sets of labels. It is computed once per story, not on each
// step (a great-circle path and a label search per render add up on a phone).
type mapGeometry struct {
	arcs         []string
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

func stepState(i, step int) string {
	switch {
	case i == step:
		return "current"
	case i < step:
		return "past"
	default:
		return "future"
	}
}

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
