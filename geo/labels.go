package geo

import (
	"math"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Marker is a place to label on the map.
type Marker struct {
	ID    string
	Text  string    // the label, e.g. "Washington"
	Short string    // a shorter label used when Text cannot be placed, e.g. "US"; optional
	Point orb.Point // lon/lat degrees
}

// Box is an axis-aligned rectangle in viewBox units, y down.
type Box struct{ X, Y, W, H float64 }

func (b Box) overlaps(o Box) bool {
	return b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H
}

func (b Box) inside(f Frame) bool {
	return b.X >= 0 && b.Y >= 0 && b.X+b.W <= f.Width && b.Y+b.H <= f.Height
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
// boxes overlap each other or any marker, and every box stays inside the
// frame. fontSize is the text size and charWidth the average advance of one
// character, both in viewBox units (0 takes 0.6 em, about right for sans-serif
// capitals and lower case mixed).
//
// Candidates around each marker are tried in cartographers' order of
// preference — right, left, above, below, then the four diagonals — first
// next to the marker, then at two further distances with a leader line. The
// search backtracks over all markers, earlier markers getting the better
// positions. If the full texts cannot all be placed, markers fall back to
// their Short text (a country code, say), some and then all of them; a label
// that still finds no room is returned with an empty Text rather than drawn
// over another. The six places of the default story (with Berlin, Paris and
// Moscow close together) all get their full names with 12 px text at 320 px
// and at 1280 px wide; Short is for denser maps. Leader lines are not checked
// against other labels. The result has one Label per marker, in order.
func PlaceLabels(f Frame, markers []Marker, fontSize, charWidth float64) []Label {
	if charWidth <= 0 {
		charWidth = 0.6 * fontSize
	}
	p := placer{f: f, fontSize: fontSize, charWidth: charWidth, r: MarkerRadius(fontSize)}
	p.pts = make([]orb.Point, len(markers))
	for i, m := range markers {
		p.pts[i] = f.Project(normalize(m.Point))
	}
	// Complete placements, from the most to the least preferred: full texts
	// only; full or short per marker; short texts only.
	stages := []func(i int, m Marker) []Label{
		func(i int, m Marker) []Label { return p.candidates(i, m, m.Text, false) },
		func(i int, m Marker) []Label {
			return append(p.candidates(i, m, m.Text, false), p.shortCandidates(i, m)...)
		},
		func(i int, m Marker) []Label {
			if c := p.shortCandidates(i, m); c != nil {
				return c
			}
			return p.candidates(i, m, m.Text, false)
		},
	}
	cands := make([][]Label, len(markers))
	for _, stage := range stages {
		for i, m := range markers {
			cands[i] = stage(i, m)
		}
		p.nodes = 0
		if res, ok := p.search(cands, make([]Label, 0, len(markers))); ok {
			return res
		}
	}
	// No complete placement: greedy, in order, short texts first so that as
	// many places as possible are named, skipping labels without room.
	out := make([]Label, 0, len(markers))
	for i, m := range markers {
		lab := Label{ID: m.ID, MX: p.pts[i][0], MY: p.pts[i][1]}
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
	fontSize, charWidth float64
	r                   float64 // marker radius
	pts                 []orb.Point
	nodes               int
}

func (p *placer) search(cands [][]Label, chosen []Label) ([]Label, bool) {
	i := len(chosen)
	if i == len(cands) {
		return append([]Label(nil), chosen...), true
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

// free reports whether c fits: inside the frame, off every marker and off
// the labels already chosen.
func (p *placer) free(c Label, chosen []Label) bool {
	if !c.Box.inside(p.f) {
		return false
	}
	for _, q := range p.pts {
		if c.Box.overlaps(Box{q[0] - p.r, q[1] - p.r, 2 * p.r, 2 * p.r}) {
			return false
		}
	}
	for _, o := range chosen {
		if o.Text != "" && c.Box.overlaps(o.Box) {
			return false
		}
	}
	return true
}

// candidates returns the label positions for one marker in order of
// preference. dx, dy are unit directions; distances grow with each ring.
func (p *placer) candidates(i int, m Marker, text string, short bool) []Label {
	if text == "" {
		return nil
	}
	mx, my := p.pts[i][0], p.pts[i][1]
	w := float64(utf8.RuneCountInString(text)) * p.charWidth
	h := p.fontSize
	pad := p.fontSize / 8
	dirs := [...][2]float64{{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}}
	gaps := [...]float64{p.r + pad, p.r + pad + 1.2*h, p.r + pad + 2.4*h}
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
	return out
}
