package geo_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

func defaultMarkers() []geo.Marker {
	return []geo.Marker{
		{ID: "washington", Text: "Washington", Short: "US", Point: washington},
		{ID: "tokyo", Text: "Tokyo", Short: "JP", Point: tokyo},
		{ID: "berlin", Text: "Berlin", Short: "DE", Point: berlin},
		{ID: "moscow", Text: "Moscow", Short: "RU", Point: moscow},
		{ID: "paris", Text: "Paris", Short: "FR", Point: paris},
		{ID: "canberra", Text: "Canberra", Short: "AU", Point: canberra},
	}
}

func TestPlaceLabels(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	for _, tc := range []struct {
		name     string
		markers  []geo.Marker
		fontSize float64 // 12 px text on a 1000-unit viewBox shown at a width
	}{
		{"default places at 320 px", defaultMarkers(), 12 * 1000 / 320.0},
		{"default places at 1280 px", defaultMarkers(), 12 * 1000 / 1280.0},
		{"default places at 640 px", defaultMarkers(), 12 * 1000 / 640.0},
		{"on the map edges and poles", []geo.Marker{
			{ID: "a", Text: "Date line east", Short: "E", Point: orb.Point{180, 0}},
			{ID: "b", Text: "Date line west", Short: "W", Point: orb.Point{-180, 0}},
			{ID: "n", Text: "North Pole", Short: "N", Point: orb.Point{0, 90}},
			{ID: "s", Text: "South Pole", Short: "S", Point: orb.Point{0, -90}},
		}, 37.5},
		{"identical places", []geo.Marker{
			{ID: "a", Text: "Tokyo", Short: "JP", Point: tokyo},
			{ID: "b", Text: "Tokyo again", Short: "JP", Point: tokyo},
		}, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			labels := geo.PlaceLabels(f, tc.markers, tc.fontSize, 0, geo.LabelLines{})
			if len(labels) != len(tc.markers) {
				t.Fatalf("%d labels for %d markers", len(labels), len(tc.markers))
			}
			r := geo.MarkerRadius(tc.fontSize)
			for i, l := range labels {
				if l.ID != tc.markers[i].ID {
					t.Errorf("label %d is for %q, want %q", i, l.ID, tc.markers[i].ID)
				}
				if l.Text == "" {
					t.Errorf("%s: no label placed", l.ID)
					continue
				}
				b := l.Box
				if b.X < 0 || b.Y < 0 || b.X+b.W > f.Width || b.Y+b.H > f.Height {
					t.Errorf("%s: box %+v outside the %vx%v frame", l.ID, b, f.Width, f.Height)
				}
				for j, o := range labels[:i] {
					if o.Text != "" && overlaps(b, o.Box) {
						t.Errorf("%s overlaps %s: %+v %+v", l.ID, labels[j].ID, b, o.Box)
					}
				}
				for _, m := range labels {
					if overlaps(b, geo.Box{X: m.MX - r, Y: m.MY - r, W: 2 * r, H: 2 * r}) {
						t.Errorf("%s covers the marker of %s", l.ID, m.ID)
					}
				}
				for j, o := range labels {
					if j == i || o.Text == "" {
						continue
					}
					if gap := boxGap(b, o.Box); gap < tc.fontSize/4 {
						t.Errorf("%s is %.1f from %s, less than a quarter of the text size", l.ID, gap, o.ID)
					}
					if l.Leader && segmentCrossesBox(l.MX, l.MY, l.LX, l.LY, o.Box) {
						t.Errorf("%s's leader line crosses the label of %s", l.ID, o.ID)
					}
				}
				if l.Leader {
					for _, m := range labels {
						if m.ID == l.ID || math.Hypot(m.MX-l.MX, m.MY-l.MY) < 2*r {
							continue
						}
						if d := distToSegment(m.MX, m.MY, l.MX, l.MY, l.LX, l.LY); d < 2*r {
							t.Errorf("%s's leader line passes %.1f from the marker of %s", l.ID, d, m.ID)
						}
					}
				}
				if l.Anchor != "start" && l.Anchor != "middle" && l.Anchor != "end" {
					t.Errorf("%s: anchor %q", l.ID, l.Anchor)
				}
			}
			t.Logf("%v", summary(labels))
		})
	}
}

// At 1280 px every default place has its full name.
func TestPlaceLabelsFullNamesAt1280(t *testing.T) {
	for _, l := range geo.PlaceLabels(geo.FitWidth(1000, 10), defaultMarkers(), 12*1000/1280.0, 0, geo.LabelLines{}) {
		if l.Short || l.Text == "" {
			t.Errorf("%s: label %q, want the full name", l.ID, l.Text)
		}
	}
}

func overlaps(a, b geo.Box) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

func summary(labels []geo.Label) []string {
	var out []string
	for _, l := range labels {
		s := l.Text + ":" + l.Anchor
		if l.Leader {
			s += "+leader"
		}
		out = append(out, s)
	}
	return out
}

// When the full texts do not fit, labels fall back to the short texts, and
// when those do not fit either, to none: never to an overlap.
func TestPlaceLabelsCrowded(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	for _, tc := range []struct {
		name               string
		n                  int
		fontSize           float64
		wantAll, wantShort bool
	}{
		// Eight markers 1° apart: any leader from the middle of the row
		// would cross a neighbour's label, so eight is about what fits.
		{"short labels fit", 8, 60, true, true},
		{"not even short labels fit", 60, 120, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var markers []geo.Marker
			for i := range tc.n {
				markers = append(markers, geo.Marker{ID: fmt.Sprint(i), Text: "A long place name", Short: "AB", Point: orb.Point{float64(i % 12), float64(i / 12)}})
			}
			labels := geo.PlaceLabels(f, markers, tc.fontSize, 0, geo.LabelLines{})
			var placed, short int
			for i, l := range labels {
				if l.Text == "" {
					continue
				}
				placed++
				if l.Short {
					short++
				}
				for _, o := range labels[:i] {
					if o.Text != "" && overlaps(l.Box, o.Box) {
						t.Errorf("%s overlaps %s", l.ID, o.ID)
					}
				}
			}
			if (placed == len(labels)) != tc.wantAll || placed == 0 {
				t.Errorf("%d of %d labels placed", placed, len(labels))
			}
			if (short > 0) != tc.wantShort {
				t.Errorf("%d short labels", short)
			}
		})
	}
}

// A place outside the frame (a zoomed map shows part of the world) gets no
// label: a name at the edge pointing off the map names nothing in view.
func TestPlaceLabelsOutsideTheFrame(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	// Zoom 3× on Washington: Moscow and Tokyo fall outside.
	w := f.Project(washington)
	f.Scale *= 3
	f.CX, f.CY = 3*f.CX+f.Width/2-3*w[0], 3*f.CY+f.Height/2-3*w[1]
	for _, l := range geo.PlaceLabels(f, defaultMarkers(), 12*1000/360.0, 0, geo.LabelLines{}) {
		in := l.MX >= 0 && l.MY >= 0 && l.MX <= f.Width && l.MY <= f.Height
		if in != (l.Text != "") {
			t.Errorf("%s at (%.0f, %.0f) in a %vx%v frame: label %q", l.ID, l.MX, l.MY, f.Width, f.Height, l.Text)
		}
	}
}

// Labels leave the lines drawn on the map visible when there is room: a line
// leaving a marker to the right (an arc) moves its label from the preferred
// right-hand place, and with no line it stays there.
func TestPlaceLabelsAvoidLines(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	m := []geo.Marker{{ID: "berlin", Text: "Berlin", Point: berlin}}
	fs := 12 * 1000 / 360.0
	if l := geo.PlaceLabels(f, m, fs, 0, geo.LabelLines{})[0]; l.Anchor != "start" || l.Leader {
		t.Fatalf("without a line the label is not to the right: %+v", l)
	}
	east := orb.MultiLineString{{berlin, moscow}}
	l := geo.PlaceLabels(f, m, fs, 0, geo.LabelLines{Keep: []orb.MultiLineString{east}})[0]
	if l.Text == "" {
		t.Fatal("no label")
	}
	p := geo.ProjectGeometry(f, east).(orb.MultiLineString)[0]
	if segmentCrossesBox(p[0][0], p[0][1], p[1][0], p[1][1], l.Box) {
		t.Errorf("the label %+v covers the line %v", l.Box, p)
	}
}

// boxGap is the distance between two boxes (0 when they touch or overlap).
func boxGap(a, b geo.Box) float64 {
	dx := math.Max(0, math.Max(b.X-(a.X+a.W), a.X-(b.X+b.W)))
	dy := math.Max(0, math.Max(b.Y-(a.Y+a.H), a.Y-(b.Y+b.H)))
	return math.Hypot(dx, dy)
}

// segmentCrossesBox samples the segment finely: slower than clipping, and
// independent of the code under test.
func segmentCrossesBox(x0, y0, x1, y1 float64, b geo.Box) bool {
	for i := range 1001 {
		t := float64(i) / 1000
		x, y := x0+t*(x1-x0), y0+t*(y1-y0)
		if x > b.X && x < b.X+b.W && y > b.Y && y < b.Y+b.H {
			return true
		}
	}
	return false
}

func distToSegment(px, py, x0, y0, x1, y1 float64) float64 {
	d := math.Inf(1)
	for i := range 1001 {
		t := float64(i) / 1000
		d = math.Min(d, math.Hypot(x0+t*(x1-x0)-px, y0+t*(y1-y0)-py))
	}
	return d
}

// TestPlaceLabelsBoxWideCharacters: a Japanese label's box gives each of
// its characters the full text size, as they are drawn about 1 em wide,
// and a Latin one charWidth; so a Japanese name with another place close
// on its right, where a box of Latin width would fit, is set elsewhere
// rather than over that place.
func TestPlaceLabelsBoxWideCharacters(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	const size, charWidth = 20.0, 12.0
	labels := geo.PlaceLabels(f, []geo.Marker{{ID: "osaka", Text: "1 新大阪", Point: orb.Point{135.5, 34.7}}}, size, charWidth, geo.LabelLines{})
	if want := 2*charWidth + 3*size; math.Abs(labels[0].Box.W-want) > 1e-9 {
		t.Errorf("the box of %q is %.1f wide, want %.1f (2 Latin, 3 wide)", labels[0].Text, labels[0].Box.W, want)
	}
	// 東京都庁 is 80 units wide as drawn, 48 at Latin width; the other
	// place is about 62 units to its right.
	placed := geo.PlaceLabels(f, []geo.Marker{
		{ID: "a", Text: "東京都庁", Point: orb.Point{0, 0}},
		{ID: "b", Text: "B", Point: orb.Point{23, 0}},
	}, size, charWidth, geo.LabelLines{})
	a, b := placed[0], placed[1]
	if a.Text == "" {
		t.Fatal("東京都庁 has no label")
	}
	x := a.X // what is drawn: 4 em from the anchor
	switch a.Anchor {
	case "middle":
		x -= 2 * size
	case "end":
		x -= 4 * size
	}
	r := geo.MarkerRadius(size)
	if x < b.MX+r && b.MX-r < x+4*size && a.Y-0.8*size < b.MY+r && b.MY-r < a.Y+0.2*size {
		t.Errorf("東京都庁, drawn from x %.1f to %.1f, covers the place at x %.1f", x, x+4*size, b.MX)
	}
}

// TestWide: the letters set a full em wide, by Unicode block: kana with
// their marks (ー and ・ are "Common" by script), kanji, hangul and the
// full-width forms; not Latin, accented or Cyrillic letters.
func TestWide(t *testing.T) {
	for _, r := range "東京ソウルシドニー・ひらがな한국（：）" {
		if !geo.Wide(r) {
			t.Errorf("%q (U+%04X) is not wide", r, r)
		}
	}
	for _, r := range "Tokyo é Ж 1,/-" {
		if geo.Wide(r) {
			t.Errorf("%q (U+%04X) is wide", r, r)
		}
	}
}

// TestPlaceLabelsWithin: a marker in the frame but outside the area the
// labels must keep to (a margin at the frame's side) is still labelled,
// from inside the area.
func TestPlaceLabelsWithin(t *testing.T) {
	f := geo.FitWidth(1000, 0)
	const size = 20.0
	edge := orb.Point{-179, 0} // a few units from the frame's left side
	q := f.Project(edge)
	margin := q[0] + 5
	area := geo.Box{X: margin, W: f.Width - 2*margin, H: f.Height}
	labels := geo.PlaceLabelsWithin(f, area, []geo.Marker{{ID: "edge", Text: "Edge", Point: edge}}, size, 0, geo.LabelLines{})
	l := labels[0]
	if l.Text == "" {
		t.Fatalf("the marker at x %.1f, inside the frame, has no label", q[0])
	}
	if l.Box.X < area.X || l.Box.X+l.Box.W > area.X+area.W {
		t.Errorf("the label's box %+v leaves the area %+v", l.Box, area)
	}
}

// TestPlaceLabelsLeadersDoNotCross: two leader lines that cross point each
// label at the other's place (the week-long tour's "5 Perth" sat east of
// Darwin, its leader across Adelaide's). Clusters of places, drawn from a
// fixed seed, at a phone's label size: no two leaders chosen cross. Fails
// with the crossing test taken out of geo's placer (free).
func TestPlaceLabelsLeadersDoNotCross(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"Perth", "Darwin", "Adelaide", "Canberra", "Sydney", "Brisbane", "Hobart", "Alice Springs"}
	leaders := 0
	for round := range 300 {
		// Up to eight places within about 15° of a point.
		lon, lat := rng.Float64()*300-150, rng.Float64()*100-50
		var markers []geo.Marker
		for i := range 3 + rng.IntN(6) {
			markers = append(markers, geo.Marker{
				ID:    fmt.Sprint(i),
				Text:  fmt.Sprintf("%d %s", i+1, names[i]),
				Short: fmt.Sprint(i + 1),
				Point: orb.Point{lon + rng.Float64()*30 - 15, lat + rng.Float64()*30 - 15},
			})
		}
		labels := geo.PlaceLabels(f, markers, 12*1000/360.0, 0, geo.LabelLines{})
		for i, a := range labels {
			if a.Text == "" || !a.Leader {
				continue
			}
			leaders++
			for _, b := range labels[:i] {
				if b.Text != "" && b.Leader && segmentsCross(a.MX, a.MY, a.LX, a.LY, b.MX, b.MY, b.LX, b.LY) {
					t.Errorf("round %d: the leaders of %q and %q cross", round, a.Text, b.Text)
				}
			}
		}
	}
	if leaders < 100 {
		t.Errorf("only %d leaders in all: the test wants places crowded enough to need them", leaders)
	}
}

// segmentsCross reports whether segments ab and cd cross.
func segmentsCross(ax, ay, bx, by, cx, cy, dx, dy float64) bool {
	side := func(px, py, qx, qy, x, y float64) float64 { return (qx-px)*(y-py) - (qy-py)*(x-px) }
	return side(cx, cy, dx, dy, ax, ay)*side(cx, cy, dx, dy, bx, by) < 0 &&
		side(ax, ay, bx, by, cx, cy)*side(ax, ay, bx, by, dx, dy) < 0
}

// A marker drawn with a ring keeps every label off the ring, its own
// included, and leader lines clear of it: on a phone the rings around the
// call's two places are twice a dot's size, and a label placed for the dot
// alone touched Washington's ring (Berlin's, at the fifth call, 320 px).
func TestPlaceLabelsKeepOffRings(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	size := 1.2 * 12.2 * 1000 / 280 // the phone tier's label box height
	ring := 25.0                    // the phone's ring, half its stroke included
	for _, ringed := range [][]string{{"washington"}, {"washington", "canberra"}, {"berlin", "paris"}, {"moscow", "washington", "tokyo"}} {
		t.Run(fmt.Sprint(ringed), func(t *testing.T) {
			ms := defaultMarkers()
			rings := map[string]bool{}
			for _, id := range ringed {
				rings[id] = true
			}
			for i := range ms {
				if rings[ms[i].ID] {
					ms[i].Ring = ring
				}
			}
			labels := geo.PlaceLabels(f, ms, size, 0, geo.LabelLines{})
			for _, l := range labels {
				if l.Text == "" {
					continue
				}
				for _, m := range labels {
					if !rings[m.ID] {
						continue
					}
					if d := distToBox(m.MX, m.MY, l.Box); d < ring {
						t.Errorf("%s's label comes %.1f from the centre of %s's ring (radius %v)", l.ID, d, m.ID, ring)
					}
					if l.Leader && m.ID != l.ID {
						if d := distToSegment(m.MX, m.MY, l.MX, l.MY, l.LX, l.LY); d < ring {
							t.Errorf("%s's leader line passes %.1f from the centre of %s's ring", l.ID, d, m.ID)
						}
					}
				}
			}
			t.Logf("%v", summary(labels))
		})
	}
}

// distToBox is the distance from (x, y) to the nearest point of b.
func distToBox(x, y float64, b geo.Box) float64 {
	dx := math.Max(0, math.Max(b.X-x, x-(b.X+b.W)))
	dy := math.Max(0, math.Max(b.Y-y, y-(b.Y+b.H)))
	return math.Hypot(dx, dy)
}

// A label beside its dot that would sit nearer another place's dot reads
// as that place's name: the label takes another side of its own dot when
// one is free. Here a place's name on its preferred side, the right, would
// end just short of the next place's dot. Break it: drop the ambiguity
// from the candidates' order (nearerOther), and the name stays on the
// right, against the other dot.
func TestPlaceLabelsBesideTheirOwnDot(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	size := 12 * 1000 / 360.0
	a := geo.Marker{ID: "a", Text: "Melbourne", Point: orb.Point{20, 0}}
	alone := geo.PlaceLabels(f, []geo.Marker{a}, size, 0, geo.LabelLines{})[0]
	if alone.Anchor != "start" || alone.Leader {
		t.Fatalf("alone, the label is not on the right of its dot: %+v", alone)
	}
	// The other dot just past the label's end: nearer the label than its
	// own dot is, but not under it.
	r := geo.MarkerRadius(size)
	x := alone.Box.X + alone.Box.W + r + 0.5*(alone.Box.X-alone.MX-r)
	lon := 20.0
	for range 50 { // the projection is near linear along the equator
		q := f.Project(orb.Point{lon, 0})
		p1 := f.Project(orb.Point{lon + 1, 0})
		lon += (x - q[0]) / (p1[0] - q[0])
	}
	b := geo.Marker{ID: "b", Text: "Hobart", Point: orb.Point{lon, 0}}
	got := geo.PlaceLabels(f, []geo.Marker{a, b}, size, 0, geo.LabelLines{})
	if got[0].Text == "" || got[0].Leader {
		t.Fatalf("Melbourne has no label beside its dot: %+v", got[0])
	}
	if got[0].Anchor == "start" && got[0].Box.Y == alone.Box.Y {
		t.Errorf("Melbourne's name ends %.1f from Hobart's dot and %.1f from its own: want it on another side",
			got[1].MX-r-(got[0].Box.X+got[0].Box.W), got[0].Box.X-got[0].MX-r)
	}
}
