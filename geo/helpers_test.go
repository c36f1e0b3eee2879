package geo_test

import (
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// The default story: five calls from Washington on 28 January 2017.
var (
	washington = orb.Point{-77.0369, 38.9072}
	tokyo      = orb.Point{139.6503, 35.6762}
	berlin     = orb.Point{13.405, 52.52}
	moscow     = orb.Point{37.6173, 55.7558}
	paris      = orb.Point{2.3522, 48.8566}
	canberra   = orb.Point{149.13, -35.2809}
)

func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// lonDiff returns the difference of two longitudes in (-180, 180].
func lonDiff(a, b float64) float64 {
	d := math.Mod(a-b, 360)
	if d > 180 {
		d -= 360
	} else if d <= -180 {
		d += 360
	}
	return d
}

// checkLonLat fails on NaN or out-of-range coordinates.
func checkLonLat(tb testing.TB, g orb.MultiLineString) {
	tb.Helper()
	for _, ls := range g {
		for _, p := range ls {
			if math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
				tb.Fatalf("point %v out of range in %v", p, g)
			}
		}
	}
}
