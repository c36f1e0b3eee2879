package geo_test

import (
	"math"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestCutLineAtAntimeridian(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   orb.LineString
		want orb.MultiLineString
	}{
		{"no crossing", orb.LineString{{0, 0}, {10, 10}}, orb.MultiLineString{{{0, 0}, {10, 10}}}},
		{"eastwards", orb.LineString{{170, 0}, {-170, 10}}, orb.MultiLineString{{{170, 0}, {180, 5}}, {{-180, 5}, {-170, 10}}}},
		{"westwards", orb.LineString{{-170, 10}, {170, 0}}, orb.MultiLineString{{{-170, 10}, {-180, 5}}, {{180, 5}, {170, 0}}}},
		{"starting on the edge", orb.LineString{{-180, 5}, {170, 0}}, orb.MultiLineString{{{180, 5}, {170, 0}}}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := geo.CutLineAtAntimeridian(tc.in); !got.Equal(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCutPolygonAtAntimeridian(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      orb.Polygon
		pieces  int
		inside  []orb.Point
		outside []orb.Point
	}{
		{"no crossing", orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 0}}}, 1, []orb.Point{{8, 2}}, []orb.Point{{-5, 5}}},
		{"island across the date line", orb.Polygon{{{178, -16}, {-178, -16}, {-178, -18}, {178, -18}, {178, -16}}}, 2,
			[]orb.Point{{179, -17}, {-179, -17}}, []orb.Point{{0, -17}, {170, -17}}},
		{"Antarctica round the south pole", orb.Polygon{{{-180, -70}, {-90, -65}, {0, -70}, {90, -65}, {180, -70}, {-180, -70}}}, 1,
			[]orb.Point{{0, -89.5}, {179.5, -80}, {-179.5, -80}}, []orb.Point{{0, -60}}},
		{"cap round the north pole", orb.Polygon{{{-180, 70}, {-180, 70}, {180, 70}, {90, 75}, {0, 70}, {-90, 75}, {-180, 70}}}, 1,
			[]orb.Point{{0, 89.5}}, []orb.Point{{0, 60}}},
		{"with a hole", orb.Polygon{
			{{170, -10}, {-170, -10}, {-170, 10}, {170, 10}, {170, -10}},
			{{174, -2}, {176, -2}, {176, 2}, {174, 2}, {174, -2}},
		}, 2, []orb.Point{{172, 0}, {-175, 0}}, []orb.Point{{175, 0}}},
		// A C open to the west: two strips west of the line, one C east
		// of it that meets the line twice; four crossings.
		{"C across the date line", orb.Polygon{{
			{170, -10}, {-170, -10}, {-170, 10}, {170, 10}, {170, 6}, {-175, 6}, {-175, -6}, {170, -6}, {170, -10},
		}}, 3, []orb.Point{{175, 8}, {175, -8}, {-172, 0}, {-177, 8}, {-177, -8}}, []orb.Point{{175, 0}, {-177, 0}, {0, 0}}},
		// A coast that zigzags across the date line: three crossings
		// round the south pole, which leave a cape east of the line
		// (-180…-176, about 72°S) apart from the rest.
		{"zigzag round the south pole", orb.Polygon{append(parallelRing(-70, -170, 170),
			orb.Point{176, -70}, orb.Point{-176, -72}, orb.Point{176, -74}, orb.Point{-176, -76}, orb.Point{-170, -70})}, 2,
			[]orb.Point{{0, -89.5}, {179, -80}, {-179, -80}, {-178, -72}, {178, -72}}, []orb.Point{{0, -60}, {178, -74}, {-178, -73.5}, {-178, -71}}},
		{"zigzag round the north pole", orb.Polygon{append(parallelRing(70, -170, 170),
			orb.Point{176, 70}, orb.Point{-176, 72}, orb.Point{176, 74}, orb.Point{-176, 76}, orb.Point{-170, 70})}, 2,
			[]orb.Point{{0, 89.5}, {179, 80}, {-179, 80}, {-178, 72}, {178, 72}}, []orb.Point{{0, 60}, {178, 74}, {-178, 73.5}, {-178, 71}}},
	} {
		for _, reversed := range []bool{false, true} {
			in := tc.in
			name := tc.name
			if reversed {
				in = orb.Polygon{append(orb.Ring(nil), tc.in[0]...)}
				in[0].Reverse()
				in = append(in, tc.in[1:]...)
				name += ", the other way round"
			}
			t.Run(name, func(t *testing.T) { checkCutPolygon(t, in, tc.pieces, tc.inside, tc.outside) })
		}
	}
}

// parallelRing is the start of a ring along a parallel, every 10°.
func parallelRing(lat, from, to float64) orb.Ring {
	var r orb.Ring
	for lon := from; lon <= to; lon += 10 {
		r = append(r, orb.Point{lon, lat})
	}
	return r
}

func checkCutPolygon(t *testing.T, in orb.Polygon, pieces int, inside, outside []orb.Point) {
	t.Helper()
	mp := geo.CutPolygonAtAntimeridian(in)
	if len(mp) != pieces {
		t.Fatalf("%d pieces, want %d: %v", len(mp), pieces, mp)
	}
	for _, p := range mp {
		for _, r := range p {
			if r[0] != r[len(r)-1] || len(r) < 4 {
				t.Errorf("invalid ring %v", r)
			}
			for i := 1; i < len(r); i++ {
				if math.Abs(r[i][0]-r[i-1][0]) > 180 && math.Abs(r[i][1]) != 90 {
					t.Errorf("edge %v → %v crosses the map", r[i-1], r[i])
				}
			}
		}
	}
	for _, p := range inside {
		if !planar.MultiPolygonContains(mp, p) {
			t.Errorf("%v should be inside %v", p, mp)
		}
	}
	for _, p := range outside {
		if planar.MultiPolygonContains(mp, p) {
			t.Errorf("%v should be outside %v", p, mp)
		}
	}
}
