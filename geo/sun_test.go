package geo_test

import (
	"math"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestSubsolar(t *testing.T) {
	for _, tc := range []struct {
		name     string
		at       string
		lon, lat float64
		tol      float64 // degrees
	}{
		// Equinox and solstice instants from the astronomical almanac; the
		// longitude is where it is apparent noon (UTC and equation of time).
		{"March equinox 2024", "2024-03-20T03:06:00Z", 135.35, 0, 0.1},
		{"June solstice 2024", "2024-06-20T20:51:00Z", -132.30, 23.44, 0.1},
		{"December solstice 2024", "2024-12-21T09:21:00Z", 39.32, -23.44, 0.1},
		{"September equinox 2023", "2023-09-23T06:50:00Z", 75.64, 0, 0.1},
		// At 12:00 UTC the Sun is over longitude -(equation of time)/4:
		// +16 min 29 s on 3 November, -14 min 14 s on 11 February, about 0 on
		// 15 April.
		{"noon 3 November", "2024-11-03T12:00:00Z", -4.12, -15.30, 0.1},
		{"noon 11 February", "2024-02-11T12:00:00Z", 3.56, -14.10, 0.1},
		{"noon 15 April", "2024-04-15T12:00:00Z", 0, 10.05, 0.1},
		// 9:05 in Washington (EST) on the day of the calls.
		{"first call", "2017-01-28T14:05:00Z", -28.0, -18.04, 0.1},
		// Around midnight UTC the longitude wraps at the antimeridian.
		{"midnight UTC", "2024-06-21T00:00:00Z", -179.55, 23.44, 0.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := geo.Subsolar(mustTime(t, tc.at))
			if math.Abs(lonDiff(got[0], tc.lon)) > tc.tol || !near(got[1], tc.lat, tc.tol) {
				t.Errorf("Subsolar(%s) = %.3f, %.3f; want %.2f, %.2f ± %g", tc.at, got[0], got[1], tc.lon, tc.lat, tc.tol)
			}
			if got[0] < -180 || got[0] > 180 {
				t.Errorf("longitude %v out of range", got[0])
			}
		})
	}
}

func TestNight(t *testing.T) {
	for _, tc := range []struct {
		name  string
		at    string
		place orb.Point
		night bool
	}{
		// The default story: calls at 14:05Z (Tokyo 23:05, Washington 9:05)
		// and 22:05Z (Canberra 9:05 am the next day).
		{"Tokyo at 23:05 local", "2017-01-28T14:05:00Z", tokyo, true},
		{"Washington at 9:05 local", "2017-01-28T14:05:00Z", washington, false},
		{"Canberra at 9:05 local", "2017-01-28T22:05:00Z", canberra, false},
		{"Canberra at 1:05 local", "2017-01-28T14:05:00Z", canberra, true},
		{"Moscow at 17:05 local in January", "2017-01-28T14:05:00Z", moscow, true},
		{"Paris at 15:05 local", "2017-01-28T14:05:00Z", paris, false},
		// The pole in its polar night and in its midnight sun.
		{"north pole in January", "2017-01-28T14:05:00Z", orb.Point{0, 89.9}, true},
		{"south pole in January", "2017-01-28T14:05:00Z", orb.Point{0, -89.9}, false},
		{"north pole in June", "2024-06-21T00:00:00Z", orb.Point{0, 89.9}, false},
		{"south pole in June", "2024-06-21T00:00:00Z", orb.Point{0, -89.9}, true},
		// On the map edge.
		{"antimeridian at midnight", "2024-03-20T12:00:00Z", orb.Point{180, 0}, true},
		{"antimeridian at noon", "2024-03-20T00:00:00Z", orb.Point{-180, 0}, false},
		// Equinox: the terminator runs through the poles.
		{"equinox, 9 am", "2024-03-20T03:06:00Z", orb.Point{90, 40}, false},
		{"equinox, 9 pm", "2024-03-20T03:06:00Z", orb.Point{-90, 40}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := mustTime(t, tc.at)
			if got := geo.IsNight(tc.place, at); got != tc.night {
				t.Errorf("IsNight = %v (sun at %.1f°), want %v", got, geo.SolarElevation(tc.place, at), tc.night)
			}
			poly := geo.Night(at)
			if got := planar.PolygonContains(poly, tc.place); got != tc.night {
				t.Errorf("Night polygon contains %v: %v, want %v", tc.place, got, tc.night)
			}
		})
	}
}

// The night polygon is valid at any instant: closed, within range, no
// segment across the map except along a pole line, and covering half the
// sphere (Equal Earth is equal-area: half the projected area).
func TestNightShape(t *testing.T) {
	for _, at := range []string{
		"2017-01-28T14:05:00Z", "2024-03-20T03:06:00Z", "2024-06-20T20:51:00Z",
		"2024-09-22T12:43:40Z", "2024-12-21T09:21:00Z", "2024-04-15T23:59:59Z",
	} {
		t.Run(at, func(t *testing.T) {
			poly := geo.Night(mustTime(t, at))
			if len(poly) != 1 {
				t.Fatalf("%d rings, want 1", len(poly))
			}
			r := poly[0]
			if r[0] != r[len(r)-1] {
				t.Fatalf("ring not closed")
			}
			checkLonLat(t, orb.MultiLineString{orb.LineString(r)})
			for i := 1; i < len(r); i++ {
				if math.Abs(r[i][0]-r[i-1][0]) > 180 && math.Abs(r[i][1]) != 90 {
					t.Errorf("segment %v → %v streaks across the map", r[i-1], r[i])
				}
			}
			proj := make(orb.Ring, len(r))
			for i, p := range r {
				proj[i] = geo.EqualEarth(p)
			}
			area := math.Abs(planar.Area(proj))
			half := 2 * math.Pi // the unit sphere's area is 4π; Equal Earth keeps it
			if !near(area, half, 0.01*half) {
				t.Errorf("projected night area %.4f, want half the sphere %.4f", area, half)
			}
		})
	}
}

// Instants far from today stay finite (the almanac formulae lose accuracy,
// not validity).
func TestSubsolarFarDates(t *testing.T) {
	for _, at := range []string{"1500-01-01T00:00:00Z", "2500-07-01T12:00:00Z", "0001-01-01T00:00:00Z"} {
		t.Run(at, func(t *testing.T) {
			p := geo.Subsolar(mustTime(t, at))
			if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 24 {
				t.Errorf("Subsolar = %v", p)
			}
			if r := geo.Night(mustTime(t, at)); len(r) != 1 || len(r[0]) < 4 {
				t.Errorf("Night = %v", r)
			}
		})
	}
}
