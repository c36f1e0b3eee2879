package geo_test

import (
	"math"
	"testing"

	"fivecalls/geo"

	orbgeo "github.com/paulmach/orb/geo"

	"github.com/paulmach/orb"
)

func TestArc(t *testing.T) {
	for _, tc := range []struct {
		name   string
		from   orb.Point
		to     orb.Point
		pieces int
		// westward: the path leaves from heading west (over the Pacific
		// for the Asian capitals).
		westward bool
	}{
		{"Washington-Tokyo crosses the antimeridian", washington, tokyo, 2, true},
		{"Washington-Canberra crosses the antimeridian", washington, canberra, 2, true},
		{"Washington-Paris", washington, paris, 1, false},
		{"Washington-Berlin", washington, berlin, 1, false},
		{"Washington-Moscow", washington, moscow, 1, false},
		{"Tokyo-Washington, reversed", tokyo, washington, 2, false},
		{"short hop across the antimeridian", orb.Point{179.5, -16}, orb.Point{-179.5, -17}, 2, false},
		{"over the north pole", orb.Point{0, 80}, orb.Point{180, 80}, 1, false},
		{"pole to equator", orb.Point{0, 90}, orb.Point{100, 0}, 1, false},
		{"south pole to Canberra", orb.Point{0, -90}, canberra, 1, false},
		{"along the antimeridian", orb.Point{180, 10}, orb.Point{180, 50}, 1, false},
		{"from the edge westwards", orb.Point{-180, 0}, orb.Point{170, 0}, 1, false},
		{"antipodal", orb.Point{10, 20}, orb.Point{-170, -20}, 1, false},
		// North over the pole from meridian 170 to meridian -10: it
		// meets ±180 only at the pole, so it is not cut (it once was,
		// by a rounding error of 3e-14°).
		{"antipodal across the edge", orb.Point{170, 20}, orb.Point{-10, -20}, 1, false},
		{"pole to pole", orb.Point{30, 90}, orb.Point{0, -90}, 1, false},
		{"identical", tokyo, tokyo, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arc := geo.Arc(tc.from, tc.to)
			checkLonLat(t, arc)
			if len(arc) != tc.pieces {
				t.Fatalf("%d pieces, want %d: %v", len(arc), tc.pieces, arc)
			}
			first, last := arc[0][0], arc[len(arc)-1][len(arc[len(arc)-1])-1]
			if !samePlace(first, tc.from) || !samePlace(last, tc.to) {
				t.Errorf("arc runs %v → %v, want %v → %v", first, last, tc.from, tc.to)
			}
			// No segment jumps across the map, except along a pole line.
			for _, ls := range arc {
				for i := 1; i < len(ls); i++ {
					if math.Abs(ls[i][0]-ls[i-1][0]) > 180 && math.Abs(ls[i][1]) < 90-1e-6 {
						t.Errorf("segment %v → %v streaks across the map", ls[i-1], ls[i])
					}
				}
			}
			// Pieces meet exactly on the edge, at the same latitude.
			for i := 1; i < len(arc); i++ {
				end, start := arc[i-1][len(arc[i-1])-1], arc[i][0]
				if math.Abs(end[0]) != 180 || start[0] != -end[0] || end[1] != start[1] {
					t.Errorf("pieces meet at %v and %v, want ±180 at one latitude", end, start)
				}
			}
			// Samples are dense: at most ArcStepDeg apart (16 points at least).
			n := 0
			for _, ls := range arc {
				n += len(ls)
				for i := 1; i < len(ls); i++ {
					step := geo.DistanceKm(ls[i-1], ls[i]) / geo.EarthRadiusKm * 180 / math.Pi
					if step > geo.ArcStepDeg+1e-9 {
						t.Errorf("samples %v and %v are %.3f° apart", ls[i-1], ls[i], step)
					}
				}
			}
			if tc.name != "identical" && n < 16 {
				t.Errorf("%d samples, want at least 16", n)
			}
			if tc.westward {
				if second := arc[0][1]; lonDiff(second[0], tc.from[0]) >= 0 {
					t.Errorf("leaves %v towards %v, want westwards", tc.from, second)
				}
			}
		})
	}
}

// samePlace reports whether two lon/lat points are the same place: -180 and
// 180 are one meridian.
func samePlace(a, b orb.Point) bool {
	return a[1] == b[1] && (lonDiff(a[0], b[0]) == 0 || math.Abs(a[1]) == 90)
}

// The exact crossing of the antimeridian lies on the great circle: the
// bearing from the origin to it is the initial bearing of the arc.
func TestArcCrossingOnGreatCircle(t *testing.T) {
	for name, to := range map[string]orb.Point{"Tokyo": tokyo, "Canberra": canberra} {
		t.Run(name, func(t *testing.T) {
			arc := geo.Arc(washington, to)
			crossing := arc[0][len(arc[0])-1]
			want := orbgeo.Bearing(washington, to)
			if got := orbgeo.Bearing(washington, crossing); !near(got, want, 1e-6) {
				t.Errorf("bearing to crossing %v is %v, want %v", crossing, got, want)
			}
		})
	}
}

func TestArcNonFinite(t *testing.T) {
	for _, p := range []orb.Point{{math.NaN(), 0}, {0, math.Inf(1)}} {
		if got := geo.Arc(p, tokyo); got != nil {
			t.Errorf("Arc(%v, Tokyo) = %v, want nil", p, got)
		}
		if got := geo.DistanceKm(tokyo, p); got != 0 {
			t.Errorf("DistanceKm(Tokyo, %v) = %v, want 0", p, got)
		}
	}
}

func TestDistanceKm(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to orb.Point
		want     float64 // km
		tol      float64
	}{
		// Published great-circle distances (mean radius) to about 10 km.
		{"Washington-Tokyo", washington, tokyo, 10906, 10},
		{"Washington-Canberra", washington, canberra, 15944, 10},
		{"Washington-Paris", washington, paris, 6165, 10},
		{"identical", tokyo, tokyo, 0, 0},
		{"antipodal", orb.Point{10, 20}, orb.Point{-170, -20}, math.Pi * geo.EarthRadiusKm, 1e-6},
		{"pole to pole", orb.Point{0, 90}, orb.Point{123, -90}, math.Pi * geo.EarthRadiusKm, 1e-6},
		{"across the antimeridian", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, math.Pi / 180 * geo.EarthRadiusKm, 1e-6},
		{"wrapped longitude", orb.Point{-180, 0}, orb.Point{540, 0}, 0, 1e-6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := geo.DistanceKm(tc.from, tc.to)
			if !near(got, tc.want, tc.tol) {
				t.Errorf("DistanceKm = %.3f, want %.3f ± %g", got, tc.want, tc.tol)
			}
			// orb's haversine on its equatorial radius, rescaled.
			hav := orbgeo.DistanceHaversine(tc.from, tc.to) / orb.EarthRadius * geo.EarthRadiusKm
			if !near(got, hav, 1e-6*math.Max(1, got)) {
				t.Errorf("DistanceKm = %.6f, haversine gives %.6f", got, hav)
			}
		})
	}
}
