package basemap

import (
	"math"
	"strings"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// landIn is the land as Layers draws it in the frame, in viewBox units.
func landIn(tb testing.TB, f geo.Frame) orb.MultiPolygon {
	tb.Helper()
	load()
	mp, ok := geo.ProjectGeometry(f, wholeLand).(orb.MultiPolygon)
	if !ok {
		tb.Fatalf("land projects to %T", mp)
	}
	return mp
}

// landArea is the area of projected land in Equal Earth units (the unit
// sphere's area is 4π), holes taken out.
func landArea(f geo.Frame, mp orb.MultiPolygon) float64 {
	var a float64
	for _, p := range mp {
		for i, r := range p {
			if i == 0 {
				a += math.Abs(planar.Area(r))
			} else {
				a -= math.Abs(planar.Area(r))
			}
		}
	}
	return a / (f.Scale * f.Scale)
}

// Equal Earth is equal-area, so turning the map keeps the area of land:
// what the seam cuts is closed along the seam, not lost or doubled.
func TestLandAreaUnderRotation(t *testing.T) {
	f0 := geo.FitWidth(1000, 10)
	a0 := landArea(f0, landIn(t, f0))
	// Natural Earth's land, Antarctica included, is about 29 % of the
	// sphere (149 of 510 million km²).
	if frac := a0 / (4 * math.Pi); frac < 0.27 || frac > 0.31 {
		t.Errorf("land is %.3f of the sphere at Greenwich, want about 0.29", frac)
	}
	for _, lon0 := range []float64{-100, -90, 150, 180, 37.5, -179.5} {
		f := f0.WithCentralMeridian(lon0)
		land := landIn(t, f)
		// Not exactly: an edge cut at the seam is bent there, where at
		// Greenwich it was drawn straight (1.4e-4 for the long edges of
		// Antarctica and the coasts cut at 0° when λ0 is 180).
		if a := landArea(f, land); math.Abs(a-a0) > 5e-4*a0 {
			t.Errorf("λ0 %v: land area %.6f, at Greenwich %.6f (%.4f %%)", lon0, a, a0, 100*(a-a0)/a0)
		}
		// Layers draws these same rings.
		rings := 0
		for _, p := range land {
			rings += len(p)
		}
		if l, _ := Layers(f); strings.Count(l, "M") != rings {
			t.Errorf("λ0 %v: Layers draws %d rings, the projected land has %d", lon0, strings.Count(l, "M"), rings)
		}
	}
}

// In a turned frame the land is where it is on the globe, Chukotka is one
// piece across the old antimeridian, Antarctica covers the pole, and no
// edge streaks across the map.
func TestLandCentralMeridian(t *testing.T) {
	chukotkaEast, chukotkaWest := orb.Point{-175, 66}, orb.Point{175, 67}
	for _, lon0 := range []float64{-90, -100, 150, 37.5} {
		f := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
		land := landIn(t, f)
		for _, tc := range []struct {
			name string
			p    orb.Point
			land bool
		}{
			{"Paris", orb.Point{2.3522, 48.8566}, true},
			{"Tokyo's Honshu", orb.Point{139.0, 36.0}, true},
			{"Canberra", orb.Point{149.13, -35.2809}, true},
			{"mid-Atlantic", orb.Point{-40, 30}, false},
			{"Pacific", orb.Point{-150, 0}, false},
			{"south pole", orb.Point{lon0, -89.9}, true},
			{"south pole at the seam", orb.Point{lon0 + 179.9, -89.9}, true},
			{"north pole", orb.Point{lon0, 89.9}, false},
			{"Chukotka east of the antimeridian", chukotkaEast, true},
			{"Chukotka west of the antimeridian", chukotkaWest, true},
		} {
			if got := planar.MultiPolygonContains(land, f.Project(tc.p)); got != tc.land {
				t.Errorf("λ0 %v: land contains %s %v: %v, want %v", lon0, tc.name, tc.p, got, tc.land)
			}
		}
		if pieceOf(land, f.Project(chukotkaEast)) != pieceOf(land, f.Project(chukotkaWest)) {
			t.Errorf("λ0 %v: Chukotka is cut at the antimeridian", lon0)
		}
		_, borders := Layers(f)
		checkNoStreak(t, f, land, geo.ProjectGeometry(f, wholeBorders).(orb.MultiLineString))
		if borders == "" {
			t.Errorf("λ0 %v: no borders", lon0)
		}
	}
	// At Greenwich Chukotka is cut, as Land has always been.
	f := geo.FitWidth(1000, 10)
	land := landIn(t, f)
	if pieceOf(land, f.Project(chukotkaEast)) == pieceOf(land, f.Project(chukotkaWest)) {
		t.Error("at Greenwich Chukotka should be cut at ±180")
	}
	// Greenwich frames draw exactly what they drew from the cut data.
	if got, want := geo.PathData(f, wholeLand), geo.PathData(f, Land()); got != want {
		t.Error("at Greenwich the uncut land draws differently from Land")
	}
}

// pieceOf is the index of the polygon containing p, or -1.
func pieceOf(mp orb.MultiPolygon, p orb.Point) int {
	for i, poly := range mp {
		if planar.PolygonContains(poly, p) {
			return i
		}
	}
	return -1
}

// checkNoStreak fails on an edge that jumps across the map, except along
// the pole lines.
func checkNoStreak(t *testing.T, f geo.Frame, land orb.MultiPolygon, borders orb.MultiLineString) {
	t.Helper()
	north, south := f.Project(orb.Point{0, 90})[1], f.Project(orb.Point{0, -90})[1]
	onPoleLine := func(p orb.Point) bool { return math.Abs(p[1]-north) < 1e-6 || math.Abs(p[1]-south) < 1e-6 }
	check := func(ls []orb.Point) {
		for i := 1; i < len(ls); i++ {
			if math.Abs(ls[i][0]-ls[i-1][0]) > f.Width/4 && !(onPoleLine(ls[i]) && onPoleLine(ls[i-1])) {
				t.Errorf("λ0 %v: edge %v → %v streaks across the map", f.Lon0, ls[i-1], ls[i])
			}
		}
	}
	for _, p := range land {
		for _, r := range p {
			check(r)
		}
	}
	for _, ls := range borders {
		check(ls)
	}
}

func TestMapSpecFrameCentralMeridian(t *testing.T) {
	for _, tc := range []struct {
		spec MapSpec
		want float64
	}{
		{MapSpec{}, 0},
		{MapSpec{CentralMeridian: -90}, -90},
		{MapSpec{CentralMeridian: 540, Width: 600, Height: 315}, 180},
	} {
		f := tc.spec.Frame()
		if f.Lon0 != tc.want {
			t.Errorf("%+v: Frame().Lon0 = %v, want %v", tc.spec, f.Lon0, tc.want)
		}
		g := f
		g.Lon0 = 0
		if want := (MapSpec{Width: tc.spec.Width, Height: tc.spec.Height}).Frame(); g != want {
			t.Errorf("%+v: the meridian changed the frame's size: %+v, want %+v", tc.spec, g, want)
		}
	}
}

// BenchmarkLayersCentralMeridian turns, cuts, projects and writes land and
// borders for a frame centred on 90°W, what the first map of a story with
// that meridian costs.
func BenchmarkLayersCentralMeridian(b *testing.B) {
	load()
	f := geo.FitWidth(1000, 10).WithCentralMeridian(-90)
	b.ReportAllocs()
	for b.Loop() {
		geo.PathData(f, wholeLand)
		geo.PathData(f, wholeBorders)
	}
}
