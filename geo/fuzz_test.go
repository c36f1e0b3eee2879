package geo_test

import (
	"math"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

// FuzzArc checks Arc's invariants for any input: no panic, no NaN, every
// point within lon ±180 and lat ±90, pieces of at least two points, and no
// segment across the map. Seeds in testdata/fuzz/FuzzArc run with go test.
func FuzzArc(f *testing.F) {
	f.Add(-77.0369, 38.9072, 139.6503, 35.6762) // Washington–Tokyo
	f.Fuzz(func(t *testing.T, lon1, lat1, lon2, lat2 float64) {
		from, to := orb.Point{lon1, lat1}, orb.Point{lon2, lat2}
		arc := geo.Arc(from, to)
		finite := !anyNonFinite(lon1, lat1, lon2, lat2)
		if !finite {
			if arc != nil {
				t.Fatalf("Arc(%v, %v) = %v, want nil for non-finite input", from, to, arc)
			}
			return
		}
		if len(arc) == 0 || len(arc) > 2 {
			t.Fatalf("Arc(%v, %v) has %d pieces", from, to, len(arc))
		}
		checkLonLat(t, arc)
		for _, ls := range arc {
			if len(ls) < 2 {
				t.Fatalf("piece of %d points", len(ls))
			}
			for i := 1; i < len(ls); i++ {
				if math.Abs(ls[i][0]-ls[i-1][0]) > 180 && math.Abs(ls[i][1]) < 90-1e-6 {
					t.Fatalf("segment %v → %v crosses the map", ls[i-1], ls[i])
				}
			}
		}
		if d := geo.DistanceKm(from, to); math.IsNaN(d) || d < 0 || d > math.Pi*geo.EarthRadiusKm+1e-6 {
			t.Fatalf("DistanceKm = %v", d)
		}
	})
}

func anyNonFinite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return true
		}
	}
	return false
}
