package ui

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"fivecalls/app/story"
	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/paulmach/orb"
)

// Map geometry: a 1000-unit-wide Equal Earth frame.
const (
	mapWidth  = 1000.0
	mapMargin = 6.0
)

// labelTier is one set of place labels, for maps shown at least minPx
// (CSS px) wide: the text size is in viewBox units, so a map shown wider
// draws it larger. Each tier's size gives at least labelMinPx at its
// narrowest, and each tier is placed on its own, so labels never overlap;
// container queries in web/app.css show one tier. Widths below the first
// tier's use it too (a 320 px phone shows the map 288 px wide).
type labelTier struct {
	name  string
	minPx float64
}

// labelMinPx is the smallest on-screen label size, with room for rounding.
const labelMinPx = 12.2

var labelTiers = []labelTier{{"xs", 280}, {"s", 400}, {"m", 620}, {"l", 870}}

// fontSize is the tier's label size in viewBox units.
func (t labelTier) fontSize() float64 { return labelMinPx * mapWidth / t.minPx }

// A label's box, in em of its text: the average advance of a character (the
// labels are semi-bold, with a halo, in whatever sans-serif the reader has),
// and the height a browser gives a line of text, ascent and descent (DejaVu
// Sans, common on Linux, is among the tallest). geo.PlaceLabels makes boxes
// one of its font sizes tall with the baseline at 0.8 of them, so the
// labels are placed at labelLineHeight times their size.
const (
	labelCharWidth  = 0.7
	labelLineHeight = 1.2
)

// Framing: how close the map comes to a call.
const (
	maxZoom = 4.0
	// minZoom is the least zoom worth moving the map for.
	minZoom = 1.15
	// framePad is the room kept around a call's arc and places, in viewBox
	// units of the whole map, before the zoom; labels get room of their own.
	framePad = 60.0
)

// mapFrame is the projection frame of every map, centred on Greenwich; a
// story's map turns it to its own central meridian (storyFrame).
var mapFrame = geo.FitWidth(mapWidth, mapMargin)

// storyFrame is the frame a story's map is drawn in: centred on the
// story's meridian (MapMeridian), so that no arc crosses the map's edge.
func storyFrame(s *story.Story) geo.Frame {
	return mapFrame.WithCentralMeridian(MapMeridian(s))
}

// mapView is the world map. The base map, the night side of the Earth at
// each call's start (the current call's shows), the arcs and the places'
// dots sit in one group that the stylesheet zooms to frame the current
// call, or the whole world for the overview (web/state.css sets the zoom per
// step; web/app.css eases between them). Each dot undoes the zoom, so it
// keeps its size on screen, and strokes do not scale (vector-effect).
//
// The place names are not in that group: a text under a changing transform
// is laid out again at every frame, which costs a phone more than a frame.
// Each step has its own set of labels instead, placed for its framing (no
// two overlap, none covers a dot), which appears once the map has arrived.
// The WebAssembly adds a live night shading that moves between calls (see
// animator).
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
	g := geometryOf(s, cs)
	f := g.frame
	origin := s.Place(s.Origin)

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

	places := make([]app.UI, 0, len(s.Places))
	for i, p := range s.Places {
		pt := f.Project(lonLat(&s.Places[i]))
		place := svg("g").Attr(PlaceAttr, p.ID).Attr("transform", "translate("+fx(pt[0])+" "+fx(pt[1])+")")
		if p.ID == s.Origin {
			place = place.Attr(RoleAttr, "origin")
		}
		places = append(places, place.Body(
			svg("g").Attr("class", "fc-unzoom").Body(
				svg("circle").Attr(PartAttr, "pulse").Attr("r", "5"),
				svg("circle").Attr(PartAttr, "dot").Attr("r", "4.5"),
			),
		))
	}
	frames := make([]app.UI, 0, len(g.labels))
	for step, tiers := range g.labels {
		frames = append(frames, svg("g").Attr(FrameAttr, fmt.Sprint(step)).Body(labelTiersOf(tiers)...))
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
				Attr(MeridianAttr, fmt.Sprint(f.Lon0)).
				Attr("role", "img").
				Attr("aria-labelledby", "fc-map-title fc-map-desc").
				Attr(PartAttr, "map").
				Body(
					svg("title").ID("fc-map-title").Text("Map of the calls from "+origin.Name),
					svg("desc").ID("fc-map-desc").Text(mapSummary(s, cs)),
					svg("g").Attr("class", "fc-zoom").Body(
						base,
						svg("g").Attr(LayerAttr, "night").Body(nights...),
						svg("g").Attr(LayerAttr, "arcs").Body(arcs...),
						svg("g").Attr(LayerAttr, "places").Body(places...),
					),
					svg("g").Attr(LayerAttr, "labels").Aria("hidden", "true").Body(frames...),
				),
			app.Elem("figcaption").Class("fc-map-caption").Text("Shading: night at the time shown. Arcs follow the shortest route on the globe. Map: Natural Earth."),
		)
}

// mapGeometry is what the map draws that depends on the story alone: the
// arcs, the night at each call, both sets of labels and each call's
// framing. It is computed once per story.
type mapGeometry struct {
	frame  geo.Frame // the story's, centred on its meridian
	arcs   []string
	nights []string        // the night side at each call's start
	labels [][][]geo.Label // per step (0: the overview), per tier, per place
	views  []mapZoom       // per call
}

// mapZoom frames a call: the map is scaled by K about its top-left corner,
// then moved by X, Y (viewBox units).
type mapZoom struct{ K, X, Y float64 }

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
	g := mapGeometry{frame: storyFrame(s)}
	g.labels = append(g.labels, placeLabels(g.frame, s, cs, mapZoom{K: 1}, nil))
	for _, ci := range cs {
		from, to := lonLat(ci.Origin), lonLat(ci.Place)
		g.arcs = append(g.arcs, geo.ArcPath(g.frame, from, to))
		g.nights = append(g.nights, geo.NightPath(g.frame, ci.Start))
		// The smallest tier's labels are the largest on the map: frame
		// with room for them.
		view := frameCall(g.frame, s, geo.Arc(from, to), ci, g.labels[0][0])
		g.views = append(g.views, view)
		g.labels = append(g.labels, placeLabels(g.frame, s, cs, view, &ci))
	}
	geometryCache.story, geometryCache.g = s, g
	return g
}

// placeLabels places the labels of every tier for a framing: in the frame
// the zoom makes of the map, where dots keep their size. A place out of the
// framing gets no label.
//
// The places of the call framed (nil: the overview) are placed first, so
// they get the places next to their dots; the others take what is left.
// Labels keep off the call's arc, and off the others where there is room. The labels come back in the story's order of places.
func placeLabels(f geo.Frame, s *story.Story, cs []callInfo, z mapZoom, call *callInfo) [][]geo.Label {
	f.Scale *= z.K
	f.CX, f.CY = f.CX*z.K+z.X, f.CY*z.K+z.Y
	ms := markers(s, cs)
	order := make([]int, 0, len(ms))
	if call != nil {
		for i, m := range ms {
			if m.ID == call.Place.ID {
				order = append(order, i)
			}
		}
		for i, m := range ms {
			if m.ID == call.Origin.ID && m.ID != call.Place.ID {
				order = append(order, i)
			}
		}
	}
	for i, m := range ms {
		if call == nil || (m.ID != call.Place.ID && m.ID != call.Origin.ID) {
			order = append(order, i)
		}
	}
	ordered := make([]geo.Marker, len(ms))
	for j, i := range order {
		ordered[j] = ms[i]
	}
	var lines geo.LabelLines
	for _, c := range cs {
		arc := geo.Arc(lonLat(c.Origin), lonLat(c.Place))
		if call != nil && c.Place.ID == call.Place.ID && c.Origin.ID == call.Origin.ID {
			lines.Keep = append(lines.Keep, arc)
		} else {
			lines.Avoid = append(lines.Avoid, arc)
		}
	}
	var out [][]geo.Label
	for _, t := range labelTiers {
		placed := geo.PlaceLabels(f, ordered, labelLineHeight*t.fontSize(), labelCharWidth*t.fontSize(), lines)
		labels := make([]geo.Label, len(ms))
		for j, i := range order {
			labels[i] = placed[j]
		}
		out = append(out, labels)
	}
	return out
}

// frameCall is the zoom that shows a call whole: its arc, both places and
// their labels, with room around them, as large as the map allows (up to
// maxZoom). Labels keep their size on screen, so the room they need in map
// units shrinks as the zoom grows: the zoom is found by a few rounds.
func frameCall(f geo.Frame, s *story.Story, arc orb.MultiLineString, ci callInfo, labels []geo.Label) mapZoom {
	var pts []orb.Point
	for _, ls := range arc {
		for _, p := range ls {
			pts = append(pts, f.Project(p))
		}
	}
	var boxes []geo.Box
	for i, p := range s.Places {
		if p.ID == ci.Place.ID || p.ID == ci.Origin.ID {
			boxes = append(boxes, labels[i].Box)
			pts = append(pts, orb.Point{labels[i].MX, labels[i].MY})
		}
	}
	w, h := f.Width, f.Height
	k := 1.0
	var x0, y0, x1, y1 float64
	for range 4 {
		x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		add := func(x, y float64) {
			x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
		}
		for _, p := range pts {
			add(p[0], p[1])
		}
		// A label box is placed around its marker for the whole map; at
		// zoom k it keeps its size on screen, so it covers 1/k as much map.
		for i, b := range boxes {
			m := pts[len(pts)-len(boxes)+i]
			add(m[0]+(b.X-m[0])/k, m[1]+(b.Y-m[1])/k)
			add(m[0]+(b.X+b.W-m[0])/k, m[1]+(b.Y+b.H-m[1])/k)
		}
		pad := framePad / k
		x0, y0, x1, y1 = x0-pad, y0-pad, x1+pad, y1+pad
		k = math.Max(1, math.Min(maxZoom, math.Min(w/(x1-x0), h/(y1-y0))))
	}
	// A zoom of a few percent is not worth the movement, and would
	// crowd the labels near the map's edges for nothing: show the world.
	if k < minZoom {
		return mapZoom{K: 1}
	}
	// Centre the box, and keep the map's edges from coming into view.
	x := w/2 - k*(x0+x1)/2
	y := h/2 - k*(y0+y1)/2
	x = math.Min(0, math.Max(w-k*w, x))
	y = math.Min(0, math.Max(h-k*h, y))
	return mapZoom{K: k, X: x, Y: y}
}

// labelTiersOf is one framing's labels, every tier (CSS shows one).
func labelTiersOf(tiers [][]geo.Label) []app.UI {
	var out []app.UI
	for t, labels := range tiers {
		for _, l := range labels {
			if l.Text != "" {
				out = append(out, labelText(l, labelTiers[t].name, labelTiers[t].fontSize()))
			}
		}
	}
	return out
}

// labelText is one place label for one tier, with its leader line when it
// sits away from the dot.
func labelText(l geo.Label, size string, fontSize float64) app.UI {
	text := svg("text").
		Attr("data-size", size).
		Attr(PlaceAttr, l.ID).
		Attr("x", fx(l.X)).
		Attr("y", fx(l.Y)).
		Attr("text-anchor", l.Anchor).
		Attr("font-size", fx(fontSize)).
		Text(l.Text)
	if !l.Leader {
		return text
	}
	return svg("g").Attr("data-size", size).Body(
		svg("line").Attr(PartAttr, "leader").
			Attr("x1", fx(l.MX)).Attr("y1", fx(l.MY)).
			Attr("x2", fx(l.LX)).Attr("y2", fx(l.LY)),
		text,
	)
}

// markers are the places to label: a place that is called is named with
// the order of its call ("2 Berlin"), so the map tells the order at a
// glance, in the overview above all; its short label is the number alone.
func markers(s *story.Story, cs []callInfo) []geo.Marker {
	out := make([]geo.Marker, 0, len(s.Places))
	for i := range s.Places {
		p := &s.Places[i]
		var order []string
		for _, c := range cs {
			if c.Place.ID == p.ID {
				order = append(order, fmt.Sprint(c.Index+1))
			}
		}
		m := geo.Marker{ID: p.ID, Text: p.Name, Point: lonLat(p)}
		if len(order) > 0 {
			// Where a name would cover the call shown, the order
			// number alone still says which call the dot is.
			m.Short = strings.Join(order, ", ")
			m.Text = m.Short + " " + p.Name
		}
		out = append(out, m)
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
