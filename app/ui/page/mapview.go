package page

import (
	"slices"
	"strconv"
	"strings"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"github.com/paulmach/orb"
)

// storyFrame is the frame a story's map is drawn in: centred on the
// story's meridian (MapMeridian), so that no arc crosses the map's edge.
func storyFrame(s *story.Story) geo.Frame {
	return ui.MapFrame().WithCentralMeridian(MapMeridian(s))
}

// mapView is the world map. The base map, the night side of the Earth at
// each call's start (the call shown's shows), the arcs and the places'
// dots are in one group that the state stylesheet scales and moves to frame
// the call shown, closer on a wider map (mapGeometry; the overview shows
// every call; web/app.css eases between framings). Each dot undoes the zoom, so it keeps its size on
// screen, and strokes do not scale (vector-effect).
//
// The place names are not in that group: a text under a changing transform
// is laid out again at every frame, which costs a phone more than a frame.
// Each step has its own set of labels instead, placed for its framing in
// each label tier (no two overlap, none covers a dot), which appears once
// the map has arrived.
// The WebAssembly animates a night shading of its own between calls
// (ui.NightID; app/ui/client's motion).
//
// Each arc is drawn twice: the calls made and the call shown in the arcs'
// layer, in the calls' order, and the calls to come dashed in a layer
// below it. SVG paints in the document's order, and a call shown whose leg
// runs where a later one's does (a second call to the same place, a
// tour's way home) would otherwise lie under that call's dashes.
type mapView struct {
	app.Compo

	w *Widget
}

func newMapView(w *Widget) *mapView { return &mapView{w: w} }

func (m *mapView) Render() app.UI {
	s, cs, g, f := m.w.story, m.w.calls, m.w.geo, m.w.frame
	nights := make([]app.UI, 0, len(cs)+1)
	arcs := make([]app.UI, 0, len(cs))
	ahead := make([]app.UI, 0, len(cs))
	for i, c := range cs {
		step := strconv.Itoa(c.Step)
		nights = append(nights, svg("path").Attr("class", ui.StepClass(c.Step)).Attr(ui.StepAttr, step).Attr("d", g.nights[i]))
		arcs = append(arcs, svg("path").
			Attr("class", ui.StepClass(c.Step)).
			Attr("d", g.arcs[i]).
			Attr(ui.ArcAttr, step).
			Attr("pathLength", "1"))
		ahead = append(ahead, svg("path").
			Attr("class", ui.StepClass(c.Step)).
			Attr("d", g.arcs[i]).
			Attr(ui.AheadAttr, step).
			Attr("pathLength", "1"))
	}
	nights = append(nights, svg("path").ID(ui.NightID))

	// Each place's dot group carries the class of every call it is in and,
	// at the origin, the overview's (web/state.css rings them).
	inCalls := make(map[string][]string, len(s.Places))
	inCalls[cs[0].From.ID] = []string{ui.PlaceStepClass(0)}
	for _, c := range cs {
		for _, id := range []string{c.From.ID, c.To.ID} {
			if cl := ui.PlaceStepClass(c.Step); !slices.Contains(inCalls[id], cl) {
				inCalls[id] = append(inCalls[id], cl)
			}
		}
	}
	places := make([]app.UI, 0, len(s.Places))
	for i, p := range s.Places {
		pt := f.Project(lonLat(&s.Places[i]))
		place := svg("g").Attr(ui.PlaceAttr, p.ID).Attr("transform", "translate("+fx(pt[0])+" "+fx(pt[1])+")")
		if p.ID == cs[0].From.ID {
			place = place.Attr(ui.RoleAttr, ui.RoleOrigin)
		}
		places = append(places, place.Body(
			svg("g").Attr("class", strings.Join(append(inCalls[p.ID], ui.UnzoomClass), " ")).Body(
				svg("circle").Attr(ui.PartAttr, ui.PartPulse).Attr("r", "5"),
				svg("circle").Attr(ui.PartAttr, ui.PartDot).Attr("r", "4.5"),
			),
		))
	}
	frames := make([]app.UI, 0, len(g.labels))
	for step, tiers := range g.labels {
		frames = append(frames, svg("g").Attr("class", ui.StepClass(step)).Attr(ui.FrameAttr, strconv.Itoa(step)).Body(labelTiersOf(tiers)...))
	}

	var base app.UI = svg("g")
	if m.w.opts.Basemap != "" {
		base = app.Raw(m.w.opts.Basemap)
	}
	return app.Elem("figure").
		Class(ui.MapClass).
		Body(
			svg("svg").
				Attr("viewBox", f.ViewBox()).
				Attr(ui.MeridianAttr, strconv.FormatFloat(f.Lon0, 'g', -1, 64)).
				Attr("role", "img").
				// Named by its title, described by its summary: once each.
				Attr("aria-labelledby", ui.MapTitleID).
				Attr("aria-describedby", ui.MapDescID).
				Attr(ui.PartAttr, ui.PartMapSVG).
				Body(
					svg("title").ID(ui.MapTitleID).Text(m.w.MapTitle()),
					svg("desc").ID(ui.MapDescID).Text(m.w.MapSummary()),
					svg("g").Attr("class", ui.ZoomClass).Body(
						base,
						svg("g").Attr(ui.LayerAttr, ui.LayerNight).Body(nights...),
						svg("g").Attr(ui.LayerAttr, ui.LayerAhead).Body(ahead...),
						svg("g").Attr(ui.LayerAttr, ui.LayerArcs).Body(arcs...),
						svg("g").Attr(ui.LayerAttr, ui.LayerPlaces).Body(places...),
					),
					svg("g").Attr(ui.LayerAttr, ui.LayerLabels).Aria("hidden", "true").Body(frames...),
				),
			app.Elem("figcaption").Class(ui.MapCaptionClass).Text(m.w.loc.T(locale.MapCaption)),
		)
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
		Attr(ui.SizeAttr, size).
		Attr(ui.PlaceAttr, l.ID).
		Attr("x", fx(l.X)).
		Attr("y", fx(l.Y)).
		Attr("text-anchor", l.Anchor).
		Attr("font-size", fx(fontSize)).
		Text(l.Text)
	if !l.Leader {
		return text
	}
	return svg("g").Attr(ui.SizeAttr, size).Body(
		svg("line").Attr(ui.PartAttr, ui.PartLeader).
			Attr("x1", fx(l.MX)).Attr("y1", fx(l.MY)).
			Attr("x2", fx(l.LX)).Attr("y2", fx(l.LY)),
		text,
	)
}

func lonLat(p *story.Place) orb.Point { return orb.Point{p.Lon, p.Lat} }
