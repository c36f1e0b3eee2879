package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Marker is a place to label on the map.
type Marker struct {
	ID    string
	Text  string    // the label, e.g. "Washington"
	Short string    // a shorter label used when Text cannot be placed, e.g. "US"; optional
	Point orb.Point // lon/lat degrees
	// Ring is the radius kept free around the marker, in viewBox units,
	// when it is drawn larger than MarkerRadius (a ring marks the places
	// of the call shown): no label covers it and its own label sits
	// outside it. Smaller values keep MarkerRadius.
	Ring float64
}

// LabelLines are lines drawn on the map (lon/lat) that labels should leave
// visible. A label covers a Keep line only when every position for it, even
// one away from its marker with a leader line, would; it covers an Avoid
// line only when every position at the same distance from its marker would.
type LabelLines struct {
	Keep  []orb.MultiLineString // the call being shown
	Avoid []orb.MultiLineString // the other calls
}

// Box is an axis-aligned rectangle in viewBox units, y down.
type Box struct{ X, Y, W, H float64 }

func (b Box) overlaps(o Box) bool {
	return b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H
}

func (b Box) within(o Box) bool {
	return b.X >= o.X && b.Y >= o.Y && b.X+b.W <= o.X+o.W && b.Y+b.H <= o.Y+o.H
}

// Label is where to draw a marker's label: an SVG <text> at (X, Y) (the
// baseline) with text-anchor Anchor. Box is the area the text is assumed to
// cover. When the label is away from its marker, Leader is true and a short
// line from the marker (MX, MY) to LX, LY connects the two.
type Label struct {
	ID     string
	Text   string // Marker.Text, Marker.Short, or "" when no position was free
	Short  bool   // Text is the marker's Short label
	X, Y   float64
	Anchor string // "start", "middle" or "end"
	Box    Box
	MX, MY float64 // the projected marker
	Leader bool
	LX, LY float64 // end of the leader line, on the label box's edge
}

// MarkerRadius returns the radius, in viewBox units, that PlaceLabels keeps
// free around each marker for a given font size: draw markers no larger.
func MarkerRadius(fontSize float64) float64 { return fontSize / 4 }

// labelMaxNodes bounds the placement search, so a crowded map costs at most
// about a millisecond; past it the best partial placement is returned.
const labelMaxNodes = 20000

// PlaceLabels chooses a position for each marker's label so that no two label
// boxes come closer than a quarter of the text size to each other, none covers
// a marker, every box stays inside the frame, and a leader line passes by no
// other marker and through no other label. A marker outside the frame gets no
// label: a name at the map's edge pointing off it names nothing the reader
// sees. fontSize is the text size (the height of a label's box) and
// charWidth the average advance of one character, both in viewBox units (0
// takes 0.6 em, about right for sans-serif capitals and lower case mixed);
// a wide character (Wide) is taken as fontSize, a little over its advance
// where fontSize is a line's height.
//
// lines are drawn on the map (such as the calls' arcs) and should stay
// visible: see LabelLines. Otherwise candidates around each marker are tried
// in cartographers' order of preference — right, left, above, below, then the
// four diagonals — first next to the marker, then at two further distances
// with a leader line; a place beside the marker that is much nearer another
// marker's dot, and would read as its name, comes after all the others,
// even those further out on a leader. The search backtracks over all markers, earlier
// markers getting the better positions. If the full texts cannot all be
// placed, markers fall back to their Short text (a country code, say), some
// and then all of them; a label that still finds no room is returned with an
// empty Text rather than drawn over another. The six places of the default
// story (with Berlin, Paris and Moscow close together) all get their full
// names with 12 px text at 320 px and at 1280 px wide; Short is for denser
// maps. The result has one Label per marker, in order.
func PlaceLabels(f Frame, markers []Marker, fontSize, charWidth float64, lines LabelLines) []Label {
	return PlaceLabelsWithin(f, Box{0, 0, f.Width, f.Height}, markers, fontSize, charWidth, lines)
}

// PlaceLabelsWithin is PlaceLabels with every label box inside area, a part
// of the frame, such as the frame less a margin at its sides: a marker in
// the frame but outside area is still on the map, and labelled from inside
// area.
func PlaceLabelsWithin(f Frame, area Box, markers []Marker, fontSize, charWidth float64, lines LabelLines) []Label {
	if charWidth <= 0 {
		charWidth = 0.6 * fontSize
	}
	p := placer{f: f, area: area, fontSize: fontSize, charWidth: charWidth, r: MarkerRadius(fontSize), gap: fontSize / 4}
	p.pts = make([]orb.Point, len(markers))
	p.seen = make([]bool, len(markers))
	p.ids = make([]string, len(markers))
	p.rs = make([]float64, len(markers))
	for i, m := range markers {
		p.ids[i] = m.ID
		p.rs[i] = max(p.r, m.Ring)
		p.pts[i] = f.Project(normalize(m.Point))
		q := p.pts[i]
		p.seen[i] = q[0] >= 0 && q[1] >= 0 && q[0] <= f.Width && q[1] <= f.Height
	}
	for _, mls := range lines.Keep {
		p.keep = append(p.keep, indexLine(projectAcrossSeam(f, mls)))
	}
	for _, mls := range lines.Avoid {
		p.avoid = append(p.avoid, indexLine(projectAcrossSeam(f, mls)))
	}
	// Each marker's candidates, once: the full text's and the short one's.
	full := make([][]Label, len(markers))
	short := make([][]Label, len(markers))
	for i, m := range markers {
		if p.seen[i] {
			full[i] = p.candidates(i, m, m.Text, false)
			short[i] = p.shortCandidates(i, m)
		}
	}
	// Complete placements, from the most to the least preferred: full texts
	// clear of the Keep lines; full or short per marker, clear of them; full
	// texts only; full or short per marker; short texts only.
	clear := func(c []Label) []Label {
		return slices.DeleteFunc(c, func(l Label) bool { return crossings(p.keep, p.roomy(l.Box)) > 0 })
	}
	stages := []func(i int) []Label{
		func(i int) []Label { return clear(slices.Clone(full[i])) },
		func(i int) []Label { return clear(slices.Concat(full[i], short[i])) },
		func(i int) []Label { return full[i] },
		func(i int) []Label { return slices.Concat(full[i], short[i]) },
		func(i int) []Label {
			if short[i] != nil {
				return short[i]
			}
			return full[i]
		},
	}
	cands := make([][]Label, len(markers))
	for si, stage := range stages {
		if si < 2 && len(p.keep) == 0 {
			continue // the same as the next two
		}
		for i := range markers {
			cands[i] = stage(i)
		}
		p.nodes = 0
		if res, ok := p.search(cands, make([]Label, 0, len(markers))); ok {
			return res
		}
	}
	// No complete placement: greedy, in order, short texts first so that as
	// many places as possible are named, skipping labels without room.
	out := make([]Label, 0, len(markers))
	for i := range markers {
		lab := p.unlabelled(i)
		if !p.seen[i] {
			out = append(out, lab)
			continue
		}
		for _, c := range cands[i] {
			if p.free(c, out) {
				lab = c
				break
			}
		}
		out = append(out, lab)
	}
	return out
}

// shortCandidates returns the candidates of the marker's short text, if it
// has one that differs from its text.
func (p *placer) shortCandidates(i int, m Marker) []Label {
	if m.Short == "" || m.Short == m.Text {
		return nil
	}
	return p.candidates(i, m, m.Short, true)
}

type placer struct {
	f                   Frame
	area                Box // where label boxes go
	fontSize, charWidth float64
	r                   float64   // marker radius
	rs                  []float64 // each marker's radius kept free: r, or its Ring
	gap                 float64   // the least room between two labels
	ids                 []string
	pts                 []orb.Point
	seen                []bool        // the marker is inside the frame
	keep, avoid         []indexedLine // LabelLines, projected
	nodes               int
}

// unlabelled is the Label of a marker left without a name.
func (p *placer) unlabelled(i int) Label {
	return Label{ID: p.ids[i], MX: p.pts[i][0], MY: p.pts[i][1]}
}

func (p *placer) search(cands [][]Label, chosen []Label) ([]Label, bool) {
	i := len(chosen)
	if i == len(cands) {
		return append([]Label(nil), chosen...), true
	}
	if !p.seen[i] {
		return p.search(cands, append(chosen, p.unlabelled(i)))
	}
	for _, c := range cands[i] {
		p.nodes++
		if p.nodes > labelMaxNodes {
			return nil, false
		}
		if !p.free(c, chosen) {
			continue
		}
		if res, ok := p.search(cands, append(chosen, c)); ok {
			return res, true
		}
	}
	return nil, false
}

// free reports whether c fits: inside the frame, off every marker, clear of
// the labels already chosen, and with a leader line that passes by other
// markers and labels (and is crossed by no chosen leader).
func (p *placer) free(c Label, chosen []Label) bool {
	if !c.Box.within(p.area) {
		return false
	}
	for k, q := range p.pts {
		r := p.rs[k]
		if c.Box.overlaps(Box{q[0] - r, q[1] - r, 2 * r, 2 * r}) {
			return false
		}
	}
	if c.Leader {
		for k, q := range p.pts {
			// Markers touching this one's dot cannot be kept clear of.
			if math.Hypot(q[0]-c.MX, q[1]-c.MY) < 2*p.r {
				continue
			}
			if segmentNear(c.MX, c.MY, c.LX, c.LY, q, p.r+p.rs[k]) {
				return false
			}
		}
	}
	roomy := p.roomy(c.Box)
	for _, o := range chosen {
		if o.Text == "" {
			continue
		}
		if roomy.overlaps(o.Box) {
			return false
		}
		if o.Leader && segmentHitsBox(o.MX, o.MY, o.LX, o.LY, c.Box) {
			return false
		}
		if c.Leader && segmentHitsBox(c.MX, c.MY, c.LX, c.LY, o.Box) {
			return false
		}
		// Two leaders that cross point each label at the other's place.
		if c.Leader && o.Leader && segmentsCross(c.MX, c.MY, c.LX, c.LY, o.MX, o.MY, o.LX, o.LY) {
			return false
		}
	}
	return true
}

// segmentsCross reports whether segments ab and cd cross, each passing
// from one side of the other to the other side.
func segmentsCross(ax, ay, bx, by, cx, cy, dx, dy float64) bool {
	side := func(px, py, qx, qy, x, y float64) float64 { return (qx-px)*(y-py) - (qy-py)*(x-px) }
	return side(cx, cy, dx, dy, ax, ay)*side(cx, cy, dx, dy, bx, by) < 0 &&
		side(ax, ay, bx, by, cx, cy)*side(ax, ay, bx, by, dx, dy) < 0
}

// projectAcrossSeam projects lon/lat lines, breaking them where they cross the
// frame's seam (a step of more than half the map's width) rather than drawing
// a segment across the whole map.
func projectAcrossSeam(f Frame, mls orb.MultiLineString) orb.MultiLineString {
	var out orb.MultiLineString
	for _, ls := range mls {
		var cur orb.LineString
		for _, pt := range ls {
			q := f.Project(normalize(pt))
			if !finitePoint(q) {
				continue
			}
			if n := len(cur); n > 0 && math.Abs(q[0]-cur[n-1][0]) > f.Width/2 {
				out = append(out, cur)
				cur = nil
			}
			cur = append(cur, q)
		}
		if len(cur) > 1 {
			out = append(out, cur)
		}
	}
	return out
}

// nearerOther reports whether a label box is much nearer another marker's
// dot than its own marker i's, under 60% as far, and so reads as that
// one's name (a label below-left of Melbourne, beside Hobart's dot; week's
// "4 Adelaide" with Perth's dot on its edge). A label about as near two
// dots is told by its side of them, and one beside its own dot is better
// than one on a leader across the map. Markers touching i's dot cannot be
// told apart by any place beside them and do not count.
func (p *placer) nearerOther(i int, b Box) bool {
	own := boxDistance(b, p.pts[i]) - p.rs[i]
	for k, q := range p.pts {
		if k == i || !p.seen[k] || math.Hypot(q[0]-p.pts[i][0], q[1]-p.pts[i][1]) < 2*p.r {
			continue
		}
		if boxDistance(b, q)-p.rs[k] < 0.6*own {
			return true
		}
	}
	return false
}

// boxDistance is the distance from a point to the nearest point of b.
func boxDistance(b Box, q orb.Point) float64 {
	dx := math.Max(0, math.Max(b.X-q[0], q[0]-(b.X+b.W)))
	dy := math.Max(0, math.Max(b.Y-q[1], q[1]-(b.Y+b.H)))
	return math.Hypot(dx, dy)
}

// roomy is b with the least room between labels around it.
func (p *placer) roomy(b Box) Box {
	return Box{b.X - p.gap, b.Y - p.gap, b.W + 2*p.gap, b.H + 2*p.gap}
}

// indexedLine is a projected line in chunks of a few segments, each with
// its bounding box, so that a label box far from most of a line costs a
// few box tests, not one per segment: a story of 50 calls has 50 arcs of
// about a hundred segments each, for every candidate of every label.
type indexedLine struct {
	box    Box
	pieces []orb.LineString
	boxes  []Box
}

const segmentsPerChunk = 8

func indexLine(mls orb.MultiLineString) indexedLine {
	var l indexedLine
	for _, ls := range mls {
		for k := 0; k+1 < len(ls); k += segmentsPerChunk {
			piece := ls[k:min(k+segmentsPerChunk+1, len(ls))]
			l.pieces = append(l.pieces, piece)
			l.boxes = append(l.boxes, boundsOf(piece))
		}
	}
	if len(l.boxes) > 0 {
		l.box = l.boxes[0]
		for _, b := range l.boxes[1:] {
			l.box = l.box.union(b)
		}
	}
	return l
}

func boundsOf(ls orb.LineString) Box {
	b := ls.Bound()
	return Box{b.Min[0], b.Min[1], b.Max[0] - b.Min[0], b.Max[1] - b.Min[1]}
}

func (b Box) union(o Box) Box {
	x0, y0 := math.Min(b.X, o.X), math.Min(b.Y, o.Y)
	x1, y1 := math.Max(b.X+b.W, o.X+o.W), math.Max(b.Y+b.H, o.Y+o.H)
	return Box{x0, y0, x1 - x0, y1 - y0}
}

// touches is overlaps counting shared edges, for boxes of lines (a
// horizontal segment's box has no height).
func (b Box) touches(o Box) bool {
	return b.X <= o.X+o.W && o.X <= b.X+b.W && b.Y <= o.Y+o.H && o.Y <= b.Y+b.H
}

// crossings counts the lines that pass through b.
func crossings(lines []indexedLine, b Box) int {
	n := 0
	for _, l := range lines {
		if !l.box.touches(b) {
			continue
		}
	line:
		for c, ls := range l.pieces {
			if !l.boxes[c].touches(b) {
				continue
			}
			for k := 1; k < len(ls); k++ {
				if segmentHitsBox(ls[k-1][0], ls[k-1][1], ls[k][0], ls[k][1], b) {
					n++
					break line
				}
			}
		}
	}
	return n
}

// segmentHitsBox reports whether the segment from (x0, y0) to (x1, y1)
// passes through b (Liang–Barsky clipping).
func segmentHitsBox(x0, y0, x1, y1 float64, b Box) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, e := range [4][2]float64{{-dx, x0 - b.X}, {dx, b.X + b.W - x0}, {-dy, y0 - b.Y}, {dy, b.Y + b.H - y0}} {
		pp, q := e[0], e[1]
		if pp == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / pp
		if pp < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// segmentNear reports whether the segment from (x0, y0) to (x1, y1) comes
// within d of q.
func segmentNear(x0, y0, x1, y1 float64, q orb.Point, d float64) bool {
	dx, dy := x1-x0, y1-y0
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((q[0]-x0)*dx+(q[1]-y0)*dy)/l))
	}
	return math.Hypot(x0+t*dx-q[0], y0+t*dy-q[1]) < d
}

// textWidth is the width a label's box gives text: charWidth a character,
// but fontSize a wide one (Wide), which is about 1 em where most are about
// 0.6, so that "1 新大阪" and "3 釜山" side by side are not boxed as if they
// were Latin letters, and drawn over each other.
func (p *placer) textWidth(text string) float64 {
	w := 0.0
	for _, r := range text {
		if Wide(r) {
			w += math.Max(p.fontSize, p.charWidth)
		} else {
			w += p.charWidth
		}
	}
	return w
}

// Wide reports whether r is set a full em wide: the Chinese, Japanese and
// Korean scripts, their kana and marks (ー, ・), punctuation and full-width
// forms, by Unicode block rather than by script, which leaves the
// prolonged sound mark and the middle dot to "Common".
func Wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115f, // Hangul Jamo (leading)
		r >= 0x2e80 && r <= 0x303e, // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
		r >= 0x3040 && r <= 0x33ff, // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed, compatibility
		r >= 0x3400 && r <= 0x4dbf, // CJK extension A
		r >= 0x4e00 && r <= 0x9fff, // CJK unified ideographs
		r >= 0xa960 && r <= 0xa97f, // Hangul Jamo extended A
		r >= 0xac00 && r <= 0xd7a3, // Hangul syllables
		r >= 0xf900 && r <= 0xfaff, // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f, // CJK compatibility forms
		r >= 0xff01 && r <= 0xff60, // full-width forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions B and beyond
		return true
	}
	return false
}

// candidates returns the label positions for one marker in order of
// preference. dx, dy are unit directions; distances grow with each ring.
func (p *placer) candidates(i int, m Marker, text string, short bool) []Label {
	if text == "" {
		return nil
	}
	mx, my := p.pts[i][0], p.pts[i][1]
	w := p.textWidth(text)
	h := p.fontSize
	pad := p.fontSize / 8
	dirs := [...][2]float64{{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}}
	r := p.rs[i]
	gaps := [...]float64{r + pad, r + pad + 1.2*h, r + pad + 2.4*h}
	out := make([]Label, 0, len(dirs)*len(gaps))
	for gi, gap := range gaps {
		for _, d := range dirs {
			// The box corner or edge nearest the marker sits gap away.
			cx := mx + d[0]*(gap+w/2)
			cy := my + d[1]*(gap+h/2)
			if d[0] != 0 && d[1] != 0 {
				// Diagonals: pull in so the corner, not the centre
				// line, keeps the gap.
				cx = mx + d[0]*(gap*math.Sqrt2/2+w/2)
				cy = my + d[1]*(gap*math.Sqrt2/2+h/2)
			}
			b := Box{cx - w/2, cy - h/2, w, h}
			lab := Label{
				ID: m.ID, Text: text, Short: short, Box: b, MX: mx, MY: my,
				Y: b.Y + 0.8*h, // alphabetic baseline of a typical sans-serif
			}
			switch {
			case d[0] > 0:
				lab.Anchor, lab.X = "start", b.X
			case d[0] < 0:
				lab.Anchor, lab.X = "end", b.X+b.W
			default:
				lab.Anchor, lab.X = "middle", b.X+b.W/2
			}
			if gi > 0 {
				lab.Leader = true
				lab.LX = math.Max(b.X, math.Min(b.X+b.W, mx))
				lab.LY = math.Max(b.Y, math.Min(b.Y+b.H, my))
			}
			out = append(out, lab)
		}
	}
	// Sorted by the Keep lines covered, whether a label beside its dot is
	// much nearer another's (a name read as another place's is worse than
	// a leader), the distance from the marker (the ring), then the Avoid
	// lines covered; stable, so the cartographers' order stays among
	// equals.
	type costed struct {
		l                            Label
		keep, ring, ambiguous, avoid int
	}
	cs := make([]costed, len(out))
	for k, l := range out {
		cs[k] = costed{l, crossings(p.keep, p.roomy(l.Box)), k / len(dirs), 0, crossings(p.avoid, l.Box)}
		if !l.Leader && p.nearerOther(i, l.Box) {
			cs[k].ambiguous = 1
		}
	}
	slices.SortStableFunc(cs, func(a, b costed) int {
		return cmp.Or(a.keep-b.keep, a.ambiguous-b.ambiguous, a.ring-b.ring, a.avoid-b.avoid)
	})
	for k := range cs {
		out[k] = cs[k].l
	}
	return out
}
