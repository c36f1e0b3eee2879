package basemap_test

import (
	"bytes"
	"math"
	"testing"

	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestLand(t *testing.T) {
	land := basemap.Land()
	if len(land) < 100 {
		t.Fatalf("%d land polygons, want the 110m set", len(land))
	}
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
		{"south pole", orb.Point{0, -89.9}, true},
		{"south pole on the edge", orb.Point{-179.9, -89.9}, true},
		{"north pole", orb.Point{0, 89.9}, false},
		{"Chukotka east of the antimeridian", orb.Point{-175, 66}, true},
		{"Chukotka west of the antimeridian", orb.Point{175, 67}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := planar.MultiPolygonContains(land, tc.p); got != tc.land {
				t.Errorf("land contains %v: %v, want %v", tc.p, got, tc.land)
			}
		})
	}
	// Projected vertex by vertex, no ring may jump across the map: only
	// along the pole line may longitude change by more than 180°.
	for _, p := range land {
		for _, r := range p {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				t.Fatalf("invalid ring of %d points", len(r))
			}
			for i := 1; i < len(r); i++ {
				if math.Abs(r[i][0]-r[i-1][0]) > 180 && math.Abs(r[i][1]) != 90 {
					t.Errorf("land edge %v → %v crosses the map", r[i-1], r[i])
				}
			}
		}
	}
}

func TestBorders(t *testing.T) {
	borders := basemap.Borders()
	if len(borders) < 100 {
		t.Fatalf("%d border lines, want the 110m set", len(borders))
	}
	for _, ls := range borders {
		for i := 1; i < len(ls); i++ {
			if math.Abs(ls[i][0]-ls[i-1][0]) > 180 {
				t.Errorf("border edge %v → %v crosses the map", ls[i-1], ls[i])
			}
		}
	}
}

func TestCredit(t *testing.T) {
	if !bytes.Contains([]byte(basemap.Credit), []byte("Natural Earth")) {
		t.Errorf("Credit %q does not name Natural Earth", basemap.Credit)
	}
	svg := basemap.RenderSVG(defaultSpec(1280))
	if !bytes.Contains(svg, []byte(basemap.Credit)) {
		t.Errorf("rendered map does not show the credit")
	}
}
