package page

import (
	"math"

	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo"

	"github.com/paulmach/orb"
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
	// ring is the radius of the ring around the places of the step shown,
	// in viewBox units, as web/app.css draws it in the tier (its r and
	// half its stroke, scaled by 2): labels keep off it.
	ring float64
}

// labelMinPx is the smallest on-screen label size, with room for rounding.
const labelMinPx = 12.2

var labelTiers = []labelTier{{"xs", 280, 26}, {"s", 400, 19}, {"m", 620, 13}, {"l", 870, 11}}

// fontSize is the tier's label size in viewBox units.
func (t labelTier) fontSize() float64 { return labelMinPx * ui.MapWidth / t.minPx }

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
	// sphereOutline is the width of the sphere's outline, in viewBox
	// units (web/app.css, [data-layer="sphere"]).
	sphereOutline = 1.0
)

// mapGeometry is what the map draws that depends on the story alone: the
// arcs, the night at each call, and each step's framing and labels. It is
// computed once per story.
//
// A step is framed once per label tier: a tier's labels are smaller on the
// map the wider it is shown, so they need less room around the places, and
// a desktop's map comes closer than a phone's (a story of the North
// Atlantic fills a wide map instead of sitting in a corner of the world).
// Each tier's labels are placed in its own framing.
type mapGeometry struct {
	arcs   []string
	nights []string        // the night side at each call's start
	labels [][][]geo.Label // per step (0: the overview), per tier, per place
	views  [][]mapZoom     // per step (0: the overview), per tier
}

// mapZoom frames a call: the map is scaled by K about its top-left corner,
// then moved by X, Y (viewBox units).
type mapZoom struct{ K, X, Y float64 }

// geometryOf computes the map's geometry in the widget's frame.
func geometryOf(w *Widget) mapGeometry {
	s, cs, f := w.story, w.calls, w.frame
	ms := w.markers()
	var g mapGeometry
	// Each framing is found with room for its tier's labels as the whole
	// world places them.
	world := make([][]geo.Label, len(labelTiers))
	for t := range labelTiers {
		world[t] = placeLabels(f, ms, cs, mapZoom{K: 1}, nil, t)
	}
	var all orb.MultiLineString
	ends := map[string]bool{}
	for _, c := range cs {
		all = append(all, geo.Arc(lonLat(c.From), lonLat(c.To))...)
		ends[c.From.ID], ends[c.To.ID] = true, true
	}
	// frame frames a step in every tier and places its labels there. A
	// tier's labels are smaller on the map than the tier's before, so that
	// one's framing has room for them too: where the whole world places
	// them so that they need more (a full name beside a dot, where the
	// larger labels had only its number), that framing is kept.
	frame := func(arc orb.MultiLineString, ends map[string]bool, call *Call) {
		views := make([]mapZoom, len(labelTiers))
		labels := make([][]geo.Label, len(labelTiers))
		// settle places a tier's labels in a framing and centres it on
		// what it shows. Labels placed again in the moved view may take
		// other sides of their dots, and move what it shows: of a few
		// rounds, the framing that needs the least move is kept.
		settle := func(t int, z mapZoom) (mapZoom, []geo.Label) {
			ring := labelTiers[t].ring
			l := placeLabels(f, ms, cs, z, call, t)
			bestZ, bestL := z, l
			best := offCentre(z, centred(f, s, arc, ends, ring, z, l))
			for range 3 {
				moved := centred(f, s, arc, ends, ring, z, l)
				if offCentre(z, moved) < minRecentre {
					break
				}
				z, l = moved, placeLabels(f, ms, cs, moved, call, t)
				if off := offCentre(z, centred(f, s, arc, ends, ring, z, l)); off < best {
					bestZ, bestL, best = z, l, off
				}
			}
			return bestZ, bestL
		}
		for t := range labelTiers {
			views[t] = frameBox(f, s, arc, ends, world[t], labelTiers[t].ring)
			if t > 0 && views[t-1].K > views[t].K {
				views[t] = views[t-1]
			}
			views[t], labels[t] = settle(t, views[t])
		}
		// A tier frames with room for its labels as the whole world places
		// them, and in a crowded region (a week across Australia) the
		// world puts them far from their dots: a phone's framing came out
		// wide, with a place named by its number and a leader across the
		// continent. Where a tier's framing names a place short or not at
		// all, its labels may fit better as close as the next tier comes,
		// or half way there: the first of those that names more places in
		// full, or as many with fewer leaders, is kept. (Only then: trying
		// them for every leader took a story of fifty items a third longer
		// to load.)
		for t := len(labelTiers) - 2; t >= 0; t-- {
			closest := views[t+1].K
			if closest < views[t].K*minZoom {
				continue
			}
			best := scoreLabels(s, ends, labels[t])
			if best.unnamed == 0 && best.short == 0 {
				continue
			}
			for _, k := range []float64{closest, math.Sqrt(closest * views[t].K)} {
				z, l := settle(t, viewAt(f, s, arc, ends, labelTiers[t].ring, k))
				if sc := scoreLabels(s, ends, l); sc.less(best) {
					views[t], labels[t] = z, l
					break
				}
			}
		}
		g.views = append(g.views, views)
		g.labels = append(g.labels, labels)
	}
	// The overview frames every arc and place: the world for calls across
	// it, the region for a ferry or a tour of one country.
	frame(all, ends, nil)
	for _, c := range cs {
		from, to := lonLat(c.From), lonLat(c.To)
		g.arcs = append(g.arcs, geo.ArcPath(f, from, to))
		g.nights = append(g.nights, geo.NightPath(f, c.Start))
		frame(geo.Arc(from, to), map[string]bool{c.From.ID: true, c.To.ID: true}, &c)
	}
	return g
}

// OverviewFocus are the lon/lat points of every item's arc when the
// overview frames a region on a phone's map, and nil when it shows the
// whole world there (drawn smaller for a place at a pole, or not): for
// pictures of the map drawn elsewhere (the link-preview card), which frame
// those points with room for labels of their own, much as the overview
// does (frameBox). A phone's framing, not
// a desktop's: the card places its labels itself, and the region only a
// desktop frames ran one off the card's edge (Washington, in
// every-optional-field.json's card).
func (w *Widget) OverviewFocus() []orb.Point {
	if w.geo.views[0][0].K <= 1 {
		return nil
	}
	var pts []orb.Point
	for _, c := range w.calls {
		for _, ls := range geo.Arc(lonLat(c.From), lonLat(c.To)) {
			pts = append(pts, ls...)
		}
	}
	return pts
}

// placeLabels places the labels of one tier for a framing: in the frame
// the zoom makes of the map, where dots keep their size. A place out of the
// framing gets no label.
//
// The places of the call framed (nil: the overview) are placed first, so
// they get the places next to their dots; the others take what is left.
// Labels keep off the call's arc, and off the others where there is room. The labels come back in the story's order of places.
func placeLabels(f geo.Frame, ms []geo.Marker, cs []Call, z mapZoom, call *Call, tier int) []geo.Label {
	f.Scale *= z.K
	f.CX, f.CY = f.CX*z.K+z.X, f.CY*z.K+z.Y
	order := make([]int, 0, len(ms))
	if call != nil {
		for i, m := range ms {
			if m.ID == call.To.ID {
				order = append(order, i)
			}
		}
		for i, m := range ms {
			if m.ID == call.From.ID && m.ID != call.To.ID {
				order = append(order, i)
			}
		}
	}
	for i, m := range ms {
		if call == nil || (m.ID != call.To.ID && m.ID != call.From.ID) {
			order = append(order, i)
		}
	}
	// The places ringed in the step (web/state.css): the call's two, or
	// on the overview the origin.
	ringed := map[string]bool{}
	if call != nil {
		ringed[call.From.ID], ringed[call.To.ID] = true, true
	} else if len(cs) > 0 {
		ringed[cs[0].From.ID] = true
	}
	ordered := make([]geo.Marker, len(ms))
	for j, i := range order {
		ordered[j] = ms[i]
		if ringed[ms[i].ID] {
			ordered[j].Ring = labelTiers[tier].ring
		}
	}
	var lines geo.LabelLines
	for _, c := range cs {
		arc := geo.Arc(lonLat(c.From), lonLat(c.To))
		if call != nil && c.To.ID == call.To.ID && c.From.ID == call.From.ID {
			lines.Keep = append(lines.Keep, arc)
		} else {
			lines.Avoid = append(lines.Avoid, arc)
		}
	}
	size := labelTiers[tier].fontSize()
	placed := geo.PlaceLabels(f, ordered, labelLineHeight*size, labelCharWidth*size, lines)
	labels := make([]geo.Label, len(ms))
	for j, i := range order {
		labels[i] = placed[j]
	}
	return labels
}

// labelScore is how well a framing's labels name the places: how many of
// the step's own places it leaves unnamed, how many places it names only
// by a short label, and how many labels sit away from their dots on a
// leader. The first counts most.
type labelScore struct{ unnamed, short, leaders int }

// scoreLabels scores the labels of a framing of the step whose places are
// given (the story's places, in order, as the labels are).
func scoreLabels(s *story.Story, places map[string]bool, ls []geo.Label) labelScore {
	var sc labelScore
	for i, l := range ls {
		if l.Text == "" && i < len(s.Places) && places[s.Places[i].ID] {
			sc.unnamed++
		}
		if l.Short {
			sc.short++
		}
		if l.Leader {
			sc.leaders++
		}
	}
	return sc
}

func (a labelScore) less(b labelScore) bool {
	if a.unnamed != b.unnamed {
		return a.unnamed < b.unnamed
	}
	if a.short != b.short {
		return a.short < b.short
	}
	return a.leaders < b.leaders
}

// viewAt is the framing at zoom k centred on a step's arcs and places,
// within clampView's limits.
func viewAt(f geo.Frame, s *story.Story, arc orb.MultiLineString, places map[string]bool, ring, k float64) mapZoom {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(q orb.Point) {
		x0, y0, x1, y1 = math.Min(x0, q[0]), math.Min(y0, q[1]), math.Max(x1, q[0]), math.Max(y1, q[1])
	}
	for _, ls := range arc {
		for _, p := range ls {
			add(f.Project(p))
		}
	}
	for _, p := range s.Places {
		if places[p.ID] {
			add(f.Project(lonLat(&p)))
		}
	}
	return clampView(f, s, places, ring, mapZoom{K: k, X: f.Width/2 - k*(x0+x1)/2, Y: f.Height/2 - k*(y0+y1)/2})
}

// frameBox is the zoom that shows arcs and places whole (a call's, or
// every call's), with their labels and room around them, as large as the
// map allows (up to maxZoom). Labels keep their size on screen, so the room
// they need in map units shrinks as the zoom grows: the zoom is found by a
// few rounds. ring is the radius of the tier's rings, which keep their
// size on screen too (labelTier.ring).
func frameBox(f geo.Frame, s *story.Story, arc orb.MultiLineString, places map[string]bool, labels []geo.Label, ring float64) mapZoom {
	var pts []orb.Point
	for _, ls := range arc {
		for _, p := range ls {
			pts = append(pts, f.Project(p))
		}
	}
	var boxes []geo.Box
	for i, p := range s.Places {
		if places[p.ID] {
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
		return worldView(f, s, ring)
	}
	// Centre the box, and keep the map's edges from coming into view: the
	// sphere's, not the frame's, whose margin and outline the zoom would
	// show as a blank band and a thick line (the poles are a straight
	// edge, and the outline is sphereOutline wide before the zoom). But
	// the step's places keep their rings' room inside the map: a place at
	// a pole is on the sphere's edge, and shows a band beyond it.
	return clampView(f, s, places, ring, mapZoom{K: k, X: w/2 - k*(x0+x1)/2, Y: h/2 - k*(y0+y1)/2})
}

// clampView keeps a framing's move within what the map can show (frameBox).
func clampView(f geo.Frame, s *story.Story, places map[string]bool, ring float64, z mapZoom) mapZoom {
	w, h, k := f.Width, f.Height, z.K
	b := f.SphereBound()
	z.X = clampMove(z.X, w-k*(b.Max[0]-sphereOutline), -k*(b.Min[0]+sphereOutline))
	z.Y = clampMove(z.Y, h-k*(b.Max[1]-sphereOutline), -k*(b.Min[1]+sphereOutline))
	for _, p := range s.Places {
		if places[p.ID] {
			q := f.Project(lonLat(&p))
			z.X = clampMove(z.X, ring-k*q[0], w-ring-k*q[0])
			z.Y = clampMove(z.Y, ring-k*q[1], h-ring-k*q[1])
		}
	}
	return z
}

// centred is a zoomed framing moved, at its zoom, so that what it shows
// of the step (the arcs, the places and their labels as placed in it) sits
// in the middle of the map, within clampView's limits; z itself when it
// shows the world. frameBox leaves room for the labels as the whole world
// places them, and in a crowded region a label the world map put far from
// its dot sat next to it once zoomed: a desktop's overview of Japan and
// Korea kept an empty third of China on its left.
func centred(f geo.Frame, s *story.Story, arc orb.MultiLineString, places map[string]bool, ring float64, z mapZoom, labels []geo.Label) mapZoom {
	if z.K <= 1 {
		return z
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(x, y float64) {
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	for _, ls := range arc {
		for _, p := range ls {
			q := f.Project(p)
			add(z.K*q[0]+z.X, z.K*q[1]+z.Y)
		}
	}
	for i, p := range s.Places {
		if !places[p.ID] || i >= len(labels) {
			continue
		}
		l := labels[i]
		add(l.MX, l.MY)
		if l.Text != "" {
			add(l.Box.X, l.Box.Y)
			add(l.Box.X+l.Box.W, l.Box.Y+l.Box.H)
		}
	}
	if math.IsInf(x0, 0) {
		return z
	}
	return clampView(f, s, places, ring, mapZoom{K: z.K, X: z.X + f.Width/2 - (x0+x1)/2, Y: z.Y + f.Height/2 - (y0+y1)/2})
}

// minRecentre is the least move, in map units (a hundredth of the map's
// width), worth placing a framing's labels again for: a story of fifty
// items has some two hundred framings, and placing their labels is most of
// the time it takes to load (0.7 s without the centring, 1.1 s with it;
// 1.7 s when every move of a unit placed them again).
const minRecentre = 10.0

// offCentre is how far, in map units, a framing could still move towards
// centring what it shows (centred).
func offCentre(z, c mapZoom) float64 { return math.Hypot(c.X-z.X, c.Y-z.Y) }

// worldView shows the whole world, drawn a little smaller about the map's
// centre where a place is too near its edge for its dot and ring (a pole
// is the map's top or bottom edge): every place keeps a ring's room
// inside the map.
func worldView(f geo.Frame, s *story.Story, ring float64) mapZoom {
	cx, cy := f.Width/2, f.Height/2
	k := 1.0
	for _, p := range s.Places {
		q := f.Project(lonLat(&p))
		if dx := math.Abs(q[0] - cx); dx > 0 {
			k = math.Min(k, (cx-ring)/dx)
		}
		if dy := math.Abs(q[1] - cy); dy > 0 {
			k = math.Min(k, (cy-ring)/dy)
		}
	}
	return mapZoom{K: k, X: cx * (1 - k), Y: cy * (1 - k)}
}

// clampMove keeps a framing's move v between lo and hi; where the zoom is
// too slight for the sphere to fill the view (lo > hi, which minZoom keeps
// the story's frame from), it centres the sphere instead.
func clampMove(v, lo, hi float64) float64 {
	if lo > hi {
		return (lo + hi) / 2
	}
	return math.Min(hi, math.Max(lo, v))
}

// markers are the places to label, each named as PlaceLabel names it
// ("2 Berlin"), with the number alone as its short label: where a name
// would cover the call shown, the number still says which call the dot is.
func (w *Widget) markers() []geo.Marker {
	s := w.story
	out := make([]geo.Marker, 0, len(s.Places))
	for i := range s.Places {
		p := &s.Places[i]
		label, short := w.PlaceLabel(p)
		out = append(out, geo.Marker{ID: p.ID, Text: label, Short: short, Point: lonLat(p)})
	}
	return out
}
