package geo_test

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fivecalls/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// centralMeridians are the frames' central meridians the tests turn the map
// to: the default story's, one off the 5° grid, Pacific-centred, and values
// next to the wrap.
var centralMeridians = []float64{-90, -100, 37.5, 150, 180, -179.5, 0.25}

func TestWithCentralMeridian(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	for _, tc := range []struct {
		in, want float64
	}{
		{0, 0}, {-90, -90}, {180, 180}, {-180, 180}, {540, 180}, {-270, 90}, {359.5, -0.5},
		{math.NaN(), 0}, {math.Inf(1), 0}, {math.Inf(-1), 0},
	} {
		g := f.WithCentralMeridian(tc.in)
		if g.Lon0 != tc.want {
			t.Errorf("WithCentralMeridian(%v).Lon0 = %v, want %v", tc.in, g.Lon0, tc.want)
		}
		g.Lon0 = 0
		if g != f {
			t.Errorf("WithCentralMeridian(%v) changed more than Lon0: %+v", tc.in, g)
		}
	}
}

// Project then invert returns the input in every frame, the central
// meridian projects to the middle and its opposite to the edges.
func TestRoundTripCentralMeridian(t *testing.T) {
	for _, lon0 := range centralMeridians {
		f := geo.Fit(1000, 500, 10).WithCentralMeridian(lon0)
		for lat := -90.0; lat <= 90; lat += 5 {
			for lon := -180.0; lon <= 180; lon += 5 {
				p := orb.Point{lon, lat}
				q := f.Project(p)
				if !f.Contains(q) {
					t.Fatalf("λ0 %v: %v projects to %v, off the sphere", lon0, p, q)
				}
				back := f.Invert(q)
				if !near(back[1], lat, 1e-9) || math.Abs(lat) < 90 && !near(lonDiff(back[0], lon), 0, 1e-9) {
					t.Fatalf("λ0 %v: %v came back as %v", lon0, p, back)
				}
				if back[0] < -180 || back[0] > 180 {
					t.Fatalf("λ0 %v: %v came back with longitude %v", lon0, p, back[0])
				}
			}
		}
		if c := f.Project(orb.Point{lon0, 0}); !near(c[0], f.CX, 1e-9) || !near(c[1], f.CY, 1e-9) {
			t.Errorf("λ0 %v: the central meridian projects to %v, want the middle", lon0, c)
		}
		left, right := geo.Fit(1000, 500, 10).Project(orb.Point{-180, 0}), geo.Fit(1000, 500, 10).Project(orb.Point{180, 0})
		east, west := f.Project(orb.Point{lon0 + 180 - 1e-9, 0}), f.Project(orb.Point{lon0 - 180 + 1e-9, 0})
		if !near(east[0], right[0], 1e-6) || !near(west[0], left[0], 1e-6) {
			t.Errorf("λ0 %v: the seam's sides project to %v and %v, want the edges %v and %v", lon0, west, east, left, right)
		}
	}
}

func TestContainsCentralMeridian(t *testing.T) {
	f := geo.FitWidth(1000, 10).WithCentralMeridian(-90)
	for _, tc := range []struct {
		name string
		p    orb.Point
		want bool
	}{
		{"centre", orb.Point{500, 248}, true},
		{"Tokyo", f.Project(tokyo), true},
		{"just inside the east edge", f.Project(orb.Point{89.9, 0}), true},
		{"just inside the west edge", f.Project(orb.Point{90.1, 0}), true},
		{"beyond the east edge", orb.Point{f.Project(orb.Point{89.9, 0})[0] + 1, f.CY}, false},
		{"corner", orb.Point{2, 2}, false},
		{"beyond the pole line", orb.Point{500, 1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := f.Contains(tc.p); got != tc.want {
				t.Errorf("Contains(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

// In a turned frame, PathData draws what a Greenwich frame draws of the
// same geometry turned and cut by hand: the cut is at the frame's seam, and
// the old antimeridian is no cut at all.
func TestPathDataCutsAtSeam(t *testing.T) {
	f := geo.Frame{Width: 1000, Height: 500, Scale: 100, CX: 500, CY: 250}
	turned := f.WithCentralMeridian(-90) // seam at 90°E
	for _, tc := range []struct {
		name   string
		g      orb.Geometry
		byHand orb.Geometry // in the turned frame's own lon/lat, cut
		pieces int
	}{
		{"line across the seam", orb.LineString{{85, 0}, {95, 10}},
			orb.MultiLineString{{{175, 0}, {180, 5}}, {{-180, 5}, {-175, 10}}}, 2},
		{"line across the antimeridian", orb.LineString{{175, 0}, {-175, 10}},
			orb.MultiLineString{{{-95, 0}, {-85, 10}}}, 1},
		{"island across the seam", orb.Polygon{{{88, -2}, {92, -2}, {92, 2}, {88, 2}, {88, -2}}},
			orb.MultiPolygon{
				{{{-180, -2}, {-178, -2}, {-178, 2}, {-180, 2}, {-180, 1}, {-180, 0}, {-180, -1}, {-180, -2}}},
				{{{180, 2}, {178, 2}, {178, -2}, {180, -2}, {180, -1}, {180, 0}, {180, 1}, {180, 2}}},
			}, 2},
		{"island across the antimeridian", orb.Polygon{{{178, -16}, {-178, -16}, {-178, -18}, {178, -18}, {178, -16}}},
			orb.Polygon{{{-92, -16}, {-88, -16}, {-88, -18}, {-92, -18}, {-92, -16}}}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, want := geo.PathData(turned, tc.g), geo.PathData(f, tc.byHand)
			if got != want {
				t.Errorf("PathData =\n%s\nwant\n%s", got, want)
			}
			if n := strings.Count(got, "M"); n != tc.pieces {
				t.Errorf("%d pieces, want %d", n, tc.pieces)
			}
		})
	}
}

// Geometry already cut at ±180 (Night, Sphere, the graticule, cut land) is
// drawn unchanged in a frame centred on Greenwich: cutting it again cuts
// nothing, pole lines included.
func TestPathDataGreenwichKeepsCutGeometry(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	at := mustTime(t, "2017-01-28T14:05:00Z")
	antarctica := geo.CutPolygonAtAntimeridian(orb.Polygon{{{-180, -70}, {-90, -65}, {0, -70}, {90, -65}, {180, -70}, {-180, -70}}})
	for name, tc := range map[string]struct {
		got, want string
	}{
		"night":      {geo.PathData(f, geo.Night(at)), geo.NightPath(f, at)},
		"sphere":     {geo.PathData(f, geo.Sphere()), geo.SpherePath(f)},
		"arc":        {geo.PathData(f, geo.Arc(washington, tokyo)), geo.ArcPath(f, washington, tokyo)},
		"antarctica": {geo.PathData(f, antarctica), geo.PathData(f, antarctica[0])},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: PathData of the cut geometry differs from what is drawn", name)
		}
	}
	// Graticule's parallels are sampled so that they survive the cut: one
	// piece each at Greenwich, two (either side of the seam) elsewhere.
	for lon0, want := range map[float64]int{0: 11 + 5, -100: 11 + 2*5} {
		if n := strings.Count(geo.PathData(f.WithCentralMeridian(lon0), geo.Graticule(30)), "M"); n != want {
			t.Errorf("λ0 %v: PathData(Graticule(30)) has %d pieces, want %d", lon0, n, want)
		}
	}
}

// A polar cap, whole on the sphere, crosses every seam once: it is closed
// round its pole along the seam and the pole line, and keeps its area.
func TestPolarCapCentralMeridian(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lat     float64
		in, out float64 // latitudes inside and outside the cap
	}{
		{"south", -70, -85, -60},
		{"north", 70, 85, 60},
	} {
		var ring orb.Ring
		for lon := -175.0; lon <= 175; lon += 10 {
			ring = append(ring, orb.Point{lon, tc.lat + 3*math.Sin(lon*math.Pi/60)})
		}
		ring = append(ring, ring[0])
		polarCap := orb.Polygon{ring}
		var area0 float64
		for _, lon0 := range append([]float64{0}, centralMeridians...) {
			t.Run(fmt.Sprintf("%s λ0 %v", tc.name, lon0), func(t *testing.T) {
				f := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
				mp, ok := geo.ProjectGeometry(f, polarCap).(orb.MultiPolygon)
				if !ok || len(mp) != 1 {
					t.Fatalf("λ0 %v: %d pieces, want 1", lon0, len(mp))
				}
				if d := geo.PathData(f, polarCap); strings.Count(d, "M") != 1 {
					t.Errorf("λ0 %v: path of %d pieces", lon0, strings.Count(d, "M"))
				}
				area := math.Abs(planar.Area(mp[0][0])) / (f.Scale * f.Scale)
				if lon0 == 0 {
					area0 = area
				} else if !near(area, area0, 1e-3*area0) {
					t.Errorf("λ0 %v: area %.6f, at Greenwich %.6f", lon0, area, area0)
				}
				for _, lon := range []float64{lon0, lon0 + 90, lon0 - 179} {
					if !planar.PolygonContains(mp[0], f.Project(orb.Point{lon, tc.in})) {
						t.Errorf("λ0 %v: %v,%v should be in the cap", lon0, lon, tc.in)
					}
					if planar.PolygonContains(mp[0], f.Project(orb.Point{lon, tc.out})) {
						t.Errorf("λ0 %v: %v,%v should not be in the cap", lon0, lon, tc.out)
					}
				}
			})
		}
	}
}

// namedArc is one call of a story: its name and its ends.
type namedArc struct {
	name     string
	from, to orb.Point
}

// defaultArcs are the five calls of the default story, in order.
func defaultArcs() []namedArc {
	return []namedArc{
		{"tokyo", washington, tokyo}, {"berlin", washington, berlin}, {"moscow", washington, moscow},
		{"paris", washington, paris}, {"canberra", washington, canberra},
	}
}

// Arcs are cut where they cross the frame's seam and nowhere else; a cut
// arc's pieces meet on the two edges at one height; every point drawn lies
// on the true great circle.
func TestArcPathCentralMeridian(t *testing.T) {
	for _, tc := range []struct {
		lon0 float64
		cut  []string // the arcs that cross the seam
	}{
		{0, []string{"tokyo", "canberra"}},
		{-90, nil},
		{-100, nil},
		{150, []string{"berlin", "moscow", "paris"}},
		{-150, []string{"moscow"}}, // seam at 30°E, between Berlin and Moscow
	} {
		f := geo.FitWidth(1000, 10).WithCentralMeridian(tc.lon0)
		for _, a := range defaultArcs() {
			want := 1
			for _, c := range tc.cut {
				if c == a.name {
					want = 2
				}
			}
			if n := strings.Count(geo.ArcPath(f, a.from, a.to), "M"); n != want {
				t.Errorf("λ0 %v: the %s arc has %d pieces, want %d", tc.lon0, a.name, n, want)
			}
			checkProjectedArc(t, f, a.from, a.to, want)
		}
	}
}

// checkProjectedArc checks the arc as drawn in the frame: its pieces, its
// ends, where the pieces meet, and that it follows the great circle.
func checkProjectedArc(t *testing.T, f geo.Frame, from, to orb.Point, pieces int) {
	t.Helper()
	arc := geo.ProjectedArc(f, from, to)
	if len(arc) != pieces {
		t.Fatalf("λ0 %v: %v → %v has %d pieces, want %d", f.Lon0, from, to, len(arc), pieces)
	}
	first, last := arc[0][0], arc[len(arc)-1][len(arc[len(arc)-1])-1]
	if !nearPoint(first, f.Project(from), 1e-6) || !nearPoint(last, f.Project(to), 1e-6) {
		t.Errorf("λ0 %v: arc runs %v → %v, want %v → %v", f.Lon0, first, last, f.Project(from), f.Project(to))
	}
	if pieces == 2 {
		end, start := arc[0][len(arc[0])-1], arc[1][0]
		if !near(end[1], start[1], 1e-9) || !near(end[0]-f.CX, f.CX-start[0], 1e-9) || !f.Contains(end) || !f.Contains(start) {
			t.Errorf("λ0 %v: pieces meet at %v and %v, want opposite edges at one height", f.Lon0, end, start)
		}
	}
	whole := geo.DistanceKm(from, to)
	for _, ls := range arc {
		for _, q := range ls {
			p := f.Invert(q)
			if d := geo.DistanceKm(from, p) + geo.DistanceKm(p, to) - whole; d > 1e-3 {
				t.Fatalf("λ0 %v: %v is %.6f km off the great circle %v → %v", f.Lon0, p, d, from, to)
			}
		}
	}
}

func nearPoint(a, b orb.Point, tol float64) bool {
	return near(a[0], b[0], tol) && near(a[1], b[1], tol)
}

// The night turns with the map: in every frame it covers half the sphere,
// and it covers exactly the places where the Sun is down.
func TestNightCentralMeridian(t *testing.T) {
	places := []orb.Point{washington, tokyo, berlin, moscow, paris, canberra,
		{0, 89}, {0, -89}, {179.9, 0}, {-179.9, 0}, {90, 60}, {-90, -60}}
	for _, at := range []string{"2017-01-28T14:05:00Z", "2024-03-20T03:06:00Z", "2024-06-20T20:51:00Z", "2024-12-21T09:21:00Z"} {
		tm := mustTime(t, at)
		for _, lon0 := range centralMeridians {
			f := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
			night := geo.ProjectedNight(f, tm)
			if len(night) != 1 {
				t.Fatalf("%s λ0 %v: %d rings", at, lon0, len(night))
			}
			if d := geo.NightPath(f, tm); strings.Count(d, "M") != 1 {
				t.Errorf("%s λ0 %v: night path of %d pieces", at, lon0, strings.Count(d, "M"))
			}
			area := math.Abs(planar.Area(night[0])) / (f.Scale * f.Scale)
			if !near(area, 2*math.Pi, 0.01*2*math.Pi) {
				t.Errorf("%s λ0 %v: night covers %.4f, want half the sphere %.4f", at, lon0, area, 2*math.Pi)
			}
			for _, p := range places {
				if math.Abs(geo.SolarElevation(p, tm)) < 1 {
					continue // on the terminator, where sampling decides
				}
				if got, want := planar.PolygonContains(night, f.Project(p)), geo.IsNight(p, tm); got != want {
					t.Errorf("%s λ0 %v: night contains %v: %v, want %v", at, lon0, p, got, want)
				}
			}
		}
	}
}

// The graticule's meridians stay on whole multiples of the step in true
// longitude, the true antimeridian among them; only the seam is left out.
func TestGraticuleCentralMeridian(t *testing.T) {
	for _, tc := range []struct {
		lon0      float64
		meridians int
	}{
		{0, 11},    // ±180 is the seam
		{-90, 11},  // 90°E is the seam
		{-100, 12}, // the seam, 80°E, is no grid line
	} {
		f := geo.FitWidth(1000, 10).WithCentralMeridian(tc.lon0)
		g := geo.ProjectedGraticule(f, 30)
		if n := strings.Count(geo.GraticulePath(f, 30), "M"); n != len(g) || n != tc.meridians+5 {
			t.Errorf("λ0 %v: %d lines drawn, %d projected, want %d meridians and 5 parallels", tc.lon0, n, len(g), tc.meridians)
		}
		for _, ls := range g[:tc.meridians] {
			lon := f.Invert(ls[len(ls)/2])[0] // on the equator
			if k := (lon + 180) / 30; !near(k, math.Round(k), 1e-6) {
				t.Errorf("λ0 %v: meridian at %v°, not a multiple of 30°", tc.lon0, lon)
			}
		}
	}
}

// Labels honour the frame: every default place gets its full name, next to
// where the frame puts it, inside the frame and clear of the others.
func TestPlaceLabelsCentralMeridian(t *testing.T) {
	for _, lon0 := range []float64{-90, 150} {
		for _, px := range []float64{320, 1280} {
			f := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
			fs := 12 * 1000 / px
			labels := geo.PlaceLabels(f, defaultMarkers(), fs, 0, geo.LabelLines{})
			for i, l := range labels {
				m := f.Project(defaultMarkers()[i].Point)
				if l.Text == "" || !near(l.MX, m[0], 1e-9) || !near(l.MY, m[1], 1e-9) {
					t.Errorf("λ0 %v at %v px: %s labelled %q at marker %v,%v, want the name at %v", lon0, px, l.ID, l.Text, l.MX, l.MY, m)
				}
				b := l.Box
				if b.X < 0 || b.Y < 0 || b.X+b.W > f.Width || b.Y+b.H > f.Height {
					t.Errorf("λ0 %v at %v px: %s outside the frame", lon0, px, l.ID)
				}
				for _, o := range labels[:i] {
					if overlaps(b, o.Box) {
						t.Errorf("λ0 %v at %v px: %s overlaps %s", lon0, px, l.ID, o.ID)
					}
				}
			}
		}
	}
}

// ProjectGeometry is PathData unrounded: the same pieces, the same points.
func TestProjectGeometryMatchesPathData(t *testing.T) {
	f := geo.Frame{Width: 1000, Height: 500, Scale: 100, CX: 500, CY: 250}.WithCentralMeridian(-90)
	for name, g := range map[string]orb.Geometry{
		"line":       orb.LineString{{85, 0}, {95, 10}},
		"polygon":    orb.Polygon{{{88, -2}, {92, -2}, {92, 2}, {88, 2}, {88, -2}}},
		"collection": orb.Collection{orb.LineString{{85, 0}, {95, 10}}, orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 0}}},
		"wide box":   orb.Bound{Min: orb.Point{-170, -10}, Max: orb.Point{170, 10}},
	} {
		t.Run(name, func(t *testing.T) {
			got, want := rounded(geo.ProjectGeometry(f, g)), parsePath(t, geo.PathData(f, g))
			if fmt.Sprint(got) != fmt.Sprint(want) || len(want) == 0 {
				t.Errorf("ProjectGeometry gives\n%v\nPathData draws\n%v", got, want)
			}
		})
	}
	if p := geo.ProjectGeometry(f, orb.Point{-90, 0}); p != (orb.Point{500, 250}) {
		t.Errorf("ProjectGeometry of the central meridian = %v", p)
	}
	// The wide box is not taken the short way round: it spans the map.
	if d := geo.PathData(geo.Frame{Width: 1000, Height: 500, Scale: 100, CX: 500, CY: 250}, orb.Bound{Min: orb.Point{-170, -10}, Max: orb.Point{170, 10}}); strings.Count(d, "M") != 1 {
		t.Errorf("a box from -170 to 170 at Greenwich is drawn in %d pieces", strings.Count(d, "M"))
	}
}

// rounded lists the pieces of projected lines and polygons as PathData
// writes them: in tenths of a unit, repeated points and closing points
// dropped.
func rounded(g orb.Geometry) [][][2]int64 {
	var out [][][2]int64
	add := func(ls []orb.Point, closed bool) {
		if closed && len(ls) > 1 && ls[0] == ls[len(ls)-1] {
			ls = ls[:len(ls)-1]
		}
		var piece [][2]int64
		for _, p := range ls {
			q := [2]int64{int64(math.Round(p[0] * 10)), int64(math.Round(p[1] * 10))}
			if len(piece) == 0 || piece[len(piece)-1] != q {
				piece = append(piece, q)
			}
		}
		out = append(out, piece)
	}
	var walk func(g orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.MultiLineString:
			for _, ls := range g {
				add(ls, false)
			}
		case orb.MultiPolygon:
			for _, p := range g {
				for _, r := range p {
					add(r, true)
				}
			}
		case orb.Collection:
			for _, c := range g {
				walk(c)
			}
		}
	}
	walk(g)
	return out
}

var pathTokenRE = regexp.MustCompile(`[Mlz]|-?\d*\.?\d+`)

// parsePath reads path data as PathData writes it (M, relative l, z) into
// its pieces' absolute points, in tenths of a unit.
func parsePath(tb testing.TB, d string) [][][2]int64 {
	tb.Helper()
	var out [][][2]int64
	var nums []int64
	var x, y int64
	flush := func() {
		for i := 0; i+1 < len(nums); i += 2 {
			x, y = x+nums[i], y+nums[i+1]
			out[len(out)-1] = append(out[len(out)-1], [2]int64{x, y})
		}
		nums = nums[:0]
	}
	for _, tok := range pathTokenRE.FindAllString(d, -1) {
		switch tok {
		case "M":
			flush()
			out = append(out, nil)
			x, y = 0, 0
		case "l", "z":
			flush()
		default:
			v, err := strconv.ParseFloat(tok, 64)
			if err != nil {
				tb.Fatalf("bad number %q in %q", tok, d)
			}
			nums = append(nums, int64(math.Round(v*10)))
		}
	}
	flush()
	return out
}

// A story whose arcs go round every longitude cannot be drawn without a cut:
// CentralMeridian says so, and at Greenwich the arc across ±180 is cut and
// drawn right.
func TestArcsThatMustBeCut(t *testing.T) {
	a, b, c := orb.Point{0, 0}, orb.Point{120, 10}, orb.Point{-120, -10}
	arcs := [][2]orb.Point{{a, b}, {b, c}, {c, a}}
	lon0, ok := geo.CentralMeridian(arcs, []orb.Point{a, b, c})
	if ok || lon0 != 0 {
		t.Fatalf("CentralMeridian = %v, %v; want 0, false", lon0, ok)
	}
	f := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
	checkProjectedArc(t, f, a, b, 1)
	checkProjectedArc(t, f, b, c, 2)
	checkProjectedArc(t, f, c, a, 1)
	// No step of a piece streaks across the map.
	for _, ls := range geo.ProjectedArc(f, b, c) {
		for i := 1; i < len(ls); i++ {
			if d := ls[i].X() - ls[i-1].X(); math.Abs(d) > 10 {
				t.Errorf("step of %.1f units from %v to %v", d, ls[i-1], ls[i])
			}
		}
	}
}

// Golden maps in turned frames: the default story centred on 90°W, where
// every arc is whole, and the edge cases centred on the Pacific, where the
// arcs over the poles and across the antimeridian are whole and the seam
// cuts others.
func TestGoldenCentralMeridian(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lon0  float64
		arcs  [][2]orb.Point
		night string
	}{
		{"default_story_centred", -90, defaultArcPairs(), "2017-01-28T14:05:00Z"},
		{"edge_cases_pacific", 150, [][2]orb.Point{
			{washington, tokyo}, {washington, paris}, {{179.5, -16}, {-179.5, -17}}, {{-150, 60}, {150, 50}},
			{{0, 80}, {180, 80}}, {{0, 90}, {100, 0}}, {{10, 20}, {-170, -20}}, {{30, 90}, {0, -90}},
		}, "2024-03-20T03:06:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := geo.FitWidth(1000, 10).WithCentralMeridian(tc.lon0)
			var b strings.Builder
			fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" width="%g" height="%g">`+"\n", f.ViewBox(), f.Width, f.Height)
			fmt.Fprintf(&b, `<path d="%s" fill="#eef4f8"/>`+"\n", geo.SpherePath(f))
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#c6dbe8" stroke-width=".6"/>`+"\n", geo.GraticulePath(f, 15))
			fmt.Fprintf(&b, `<path d="%s" fill="#0b1d3a" fill-opacity=".3"/>`+"\n", geo.NightPath(f, mustTime(t, tc.night)))
			for _, a := range tc.arcs {
				fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#c0392b" stroke-width="2"/>`+"\n", geo.ArcPath(f, a[0], a[1]))
			}
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#8fb0c4"/>`+"\n</svg>\n", geo.SpherePath(f))
			checkGolden(t, tc.name, []byte(b.String()))
		})
	}
}

// NightBuffer at a point a degree is NightPath, byte for byte, however its
// memory was used before; with fewer points it is the same night, lighter
// (the animation's, while it moves); and once its memory has grown it
// draws without allocating. (Making Path start a new writer each call, or
// sampling the edge at another step than the terminator, turns this red.)
func TestNightBuffer(t *testing.T) {
	var nb geo.NightBuffer
	for _, at := range []string{"2017-01-28T14:05:00Z", "2017-01-28T22:05:00Z", "2024-03-20T03:06:00Z", "2024-06-20T20:51:00Z", "2024-12-21T09:21:00Z"} {
		tm := mustTime(t, at)
		for _, lon0 := range centralMeridians {
			f := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
			coarse := string(nb.Path(f, tm, 120))
			full := string(nb.Path(f, tm, 360))
			if want := geo.NightPath(f, tm); full != want {
				t.Fatalf("%s λ0 %v: NightBuffer at 360 points differs from NightPath:\n%s\n%s", at, lon0, full, want)
			}
			pc, pf := parsePath(t, coarse), parsePath(t, full)
			if len(pc) != 1 || len(pf) != 1 {
				t.Fatalf("%s λ0 %v: %d and %d pieces", at, lon0, len(pc), len(pf))
			}
			// A point every 3° of the terminator and of the edge, against 1°.
			if len(pc[0]) > len(pf[0])*4/10 {
				t.Errorf("%s λ0 %v: the coarse night has %d points, the full one %d", at, lon0, len(pc[0]), len(pf[0]))
			}
			ac, af := ringArea(pc[0]), ringArea(pf[0])
			if !near(ac, af, 0.005*af) {
				t.Errorf("%s λ0 %v: the coarse night covers %.0f, the full one %.0f", at, lon0, ac, af)
			}
		}
	}
	f := geo.FitWidth(1000, 10).WithCentralMeridian(-90)
	tm := mustTime(t, "2017-01-28T14:05:00Z")
	if n := testing.AllocsPerRun(20, func() {
		tm = tm.Add(7 * time.Minute)
		nb.Path(f, tm, 120)
		nb.Path(f, tm, 360)
	}); n != 0 {
		t.Errorf("NightBuffer.Path allocates %.0f times a call", n)
	}
}

// ringArea is the area of a ring of points in tenths of a unit, by the
// shoelace formula.
func ringArea(r [][2]int64) float64 {
	s := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		s += float64(r[i][0])*float64(r[j][1]) - float64(r[j][0])*float64(r[i][1])
	}
	return math.Abs(s) / 2
}
