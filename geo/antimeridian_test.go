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
	} {
		t.Run(tc.name, func(t *testing.T) {
			mp := geo.CutPolygonAtAntimeridian(tc.in)
			if len(mp) != tc.pieces {
				t.Fatalf("%d pieces, want %d: %v", len(mp), tc.pieces, mp)
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
			for _, p := range tc.inside {
				if !planar.MultiPolygonContains(mp, p) {
					t.Errorf("%v should be inside %v", p, mp)
				}
			}
			for _, p := range tc.outside {
				if planar.MultiPolygonContains(mp, p) {
					t.Errorf("%v should be outside %v", p, mp)
				}
			}
		})
	}
}
