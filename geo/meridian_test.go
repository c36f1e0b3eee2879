package geo_test

import (
	"math"
	"strings"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

func defaultPlaces() []orb.Point {
	return []orb.Point{washington, tokyo, berlin, moscow, paris, canberra}
}

func defaultArcPairs() [][2]orb.Point {
	var out [][2]orb.Point
	for _, a := range defaultArcs() {
		out = append(out, [2]orb.Point{a.from, a.to})
	}
	return out
}

func TestCentralMeridian(t *testing.T) {
	for _, tc := range []struct {
		name   string
		arcs   [][2]orb.Point
		places []orb.Point
		want   float64
		ok     bool
	}{
		// Nothing touches 37.6°E (Moscow) to 139.7°E (Tokyo): the seam
		// goes through the middle, 88.6°E, rounded to 90°E.
		{"default story", defaultArcPairs(), defaultPlaces(), -90, true},
		{"nothing to avoid", nil, nil, 0, true},
		// The map is centred on the one place: the seam opposite,
		// 40.35°W, rounded to 40°W.
		{"one place", nil, []orb.Point{tokyo}, 140, true},
		{"one place on the antimeridian", nil, []orb.Point{{-180, 10}}, 180, true},
		// Two bands of 180°: the one that centres the map nearer
		// Greenwich.
		{"two antipodal places", nil, []orb.Point{{10, 20}, {-170, -20}}, -80, true},
		// Over the north pole from 10°E to 170°W: the arc touches only
		// those two meridians, so the seam is as for the two places.
		{"antipodal arc over the pole", [][2]orb.Point{{{10, 20}, {-170, -20}}}, nil, -80, true},
		{"arc over the pole on meridian 0", [][2]orb.Point{{{0, 80}, {180, 80}}}, nil, -90, true},
		// Near the pole the arc sweeps 0° to 170°E: the seam is opposite
		// the middle of that.
		{"arc near the pole", [][2]orb.Point{{{0, 80}, {170, 80}}}, nil, 90, true},
		{"arc from the pole", [][2]orb.Point{{{0, 90}, {100, 0}}}, nil, 100, true},
		{"pole to pole", [][2]orb.Point{{{30, 90}, {0, -90}}}, nil, 30, true},
		{"short hop across the antimeridian", [][2]orb.Point{{{179.5, -16}, {-179.5, -17}}}, nil, 180, true},
		{"identical ends", [][2]orb.Point{{tokyo, tokyo}}, nil, 140, true},
		// Three arcs round the equator leave no longitude free.
		{"all longitudes taken", [][2]orb.Point{{{0, 0}, {120, 10}}, {{120, 10}, {-120, -10}}, {{-120, -10}, {0, 0}}}, nil, 0, false},
		// A band of 0.4° is free, too narrow for a seam.
		{"only a sliver free", [][2]orb.Point{{{0, 0}, {120, 0}}, {{120, 0}, {-120.2, 0}}, {{-119.8, 0}, {0, 0}}}, nil, 0, false},
		{"non-finite input is ignored", [][2]orb.Point{{{math.NaN(), 0}, tokyo}}, []orb.Point{tokyo, {math.Inf(1), 0}}, 140, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := geo.CentralMeridian(tc.arcs, tc.places)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("CentralMeridian = %v, %v; want %v, %v", got, ok, tc.want, tc.ok)
			}
			if !ok {
				return
			}
			// The promise: every arc is drawn in one piece, and no place
			// sits on the seam.
			f := geo.FitWidth(1000, 10).WithCentralMeridian(got)
			for _, a := range tc.arcs {
				if d := geo.ArcPath(f, a[0], a[1]); strings.Count(d, "M") > 1 {
					t.Errorf("arc %v → %v is cut: %.60s…", a[0], a[1], d)
				}
			}
			for _, p := range tc.places {
				if d := math.Abs(lonDiff(p[0], got+180)); d < 0.5 && !math.IsInf(p[0], 0) {
					t.Errorf("%v is %.2f° from the seam", p, d)
				}
			}
		})
	}
}

// For the default story the seam falls in Asia, between Moscow and Tokyo,
// at least 45° from each: the 150°W–100°W is right only from about
// 142°W (a seam at 30°E would cut the Washington–Moscow arc).
func TestCentralMeridianDefaultStory(t *testing.T) {
	lon0, ok := geo.CentralMeridian(defaultArcPairs(), defaultPlaces())
	if !ok {
		t.Fatal("no meridian keeps the default story's arcs whole")
	}
	seam := lon0 + 180
	if seam < moscow[0]+45 || seam > tokyo[0]-45 {
		t.Errorf("seam at %v°E, want between Moscow (%v°E) and Tokyo (%v°E), 45° from each", seam, moscow[0], tokyo[0])
	}
	f := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
	for _, a := range defaultArcs() {
		checkProjectedArc(t, f, a.from, a.to, 1)
		if d := geo.ArcPath(f, a.from, a.to); strings.Count(d, "M") != 1 {
			t.Errorf("the %s arc is drawn in %d pieces", a.name, strings.Count(d, "M"))
		}
	}
}

// FuzzCentralMeridian checks CentralMeridian's promise for any two arcs:
// when it answers, both are drawn whole and no end sits within half a
// degree of the seam; when it cannot, it answers 0.
func FuzzCentralMeridian(f *testing.F) {
	f.Add(-77.0369, 38.9072, 139.6503, 35.6762, -77.0369, 38.9072, 149.13, -35.2809)
	f.Add(10.0, 20.0, -170.0, -20.0, 0.0, 90.0, 100.0, 0.0)
	f.Add(0.0, 0.0, 179.0, 0.0, 179.0, 0.0, -2.0, 0.0)
	f.Fuzz(func(t *testing.T, lon1, lat1, lon2, lat2, lon3, lat3, lon4, lat4 float64) {
		arcs := [][2]orb.Point{{{lon1, lat1}, {lon2, lat2}}, {{lon3, lat3}, {lon4, lat4}}}
		lon0, ok := geo.CentralMeridian(arcs, nil)
		if !ok {
			if lon0 != 0 {
				t.Fatalf("not ok, but lon0 %v", lon0)
			}
			return
		}
		if !(lon0 > -180 && lon0 <= 180) {
			t.Fatalf("lon0 %v out of (-180, 180]", lon0)
		}
		fr := geo.FitWidth(1000, 10).WithCentralMeridian(lon0)
		for _, a := range arcs {
			if anyNonFinite(a[0][0], a[0][1], a[1][0], a[1][1]) {
				continue
			}
			if n := len(geo.ProjectedArc(fr, a[0], a[1])); n != 1 {
				t.Fatalf("λ0 %v: arc %v → %v in %d pieces", lon0, a[0], a[1], n)
			}
			for _, p := range a {
				if math.Abs(p[1]) < 90 && math.Abs(lonDiff(p[0], lon0+180)) < 0.5-1e-9 {
					t.Fatalf("λ0 %v: %v is on the seam", lon0, p)
				}
			}
		}
	})
}
