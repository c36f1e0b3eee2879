package geo_test

import (
	"math"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

// Reference values: d3-geo 3.1 geoEqualEarthRaw (radians in, unit sphere
// out), which implements Šavrič, Patterson & Jenny (2018) eq. 2; d3's y is
// north-positive in the raw projection, as ours is.
func TestEqualEarthReferenceValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lonlat orb.Point
		want   orb.Point
	}{
		{"origin", orb.Point{0, 0}, orb.Point{0, 0}},
		{"equator east edge", orb.Point{180, 0}, orb.Point{2.70662998369607, 0}},
		{"equator west edge", orb.Point{-180, 0}, orb.Point{-2.70662998369607, 0}},
		{"north pole", orb.Point{0, 90}, orb.Point{0, 1.31736275915741}},
		{"south pole", orb.Point{0, -90}, orb.Point{0, -1.31736275915741}},
		{"pole line corner", orb.Point{180, 90}, orb.Point{1.60358864828405, 1.31736275915741}},
		{"opposite corner", orb.Point{-180, -90}, orb.Point{-1.60358864828405, -1.31736275915741}},
		{"90E 45N", orb.Point{90, 45}, orb.Point{1.15985449910298, 0.860231085522010}},
		{"Washington", washington, orb.Point{-1.03362424378685, 0.755400383664333}},
		{"Tokyo", tokyo, orb.Point{1.90903664507589, 0.697603978168430}},
		{"Canberra", canberra, orb.Point{2.04303287678184, -0.690438585226895}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := geo.EqualEarth(tc.lonlat)
			if !near(got[0], tc.want[0], 1e-12) || !near(got[1], tc.want[1], 1e-12) {
				t.Errorf("EqualEarth(%v) = %v, want %v", tc.lonlat, got, tc.want)
			}
			// Near the poles latitude is ill-conditioned in y, so the
			// inverse starts from our exact projection, not the rounded
			// reference.
			back := geo.EqualEarthInverse(got)
			if !near(back[0], tc.lonlat[0], 1e-9) || !near(back[1], tc.lonlat[1], 1e-9) {
				t.Errorf("EqualEarthInverse(%v) = %v, want %v", got, back, tc.lonlat)
			}
		})
	}
}

// Project then invert returns the input within 1e-9 degrees over a grid that
// includes the poles (where only the latitude is defined) and ±180.
func TestRoundTrip(t *testing.T) {
	f := geo.Fit(1000, 500, 10)
	for lat := -90.0; lat <= 90; lat += 2.5 {
		for lon := -180.0; lon <= 180; lon += 2.5 {
			p := orb.Point{lon, lat}
			for name, back := range map[string]orb.Point{
				"raw":   geo.EqualEarthInverse(geo.EqualEarth(p)),
				"frame": f.Invert(f.Project(p)),
			} {
				if !near(back[1], lat, 1e-9) {
					t.Fatalf("%s: lat of %v came back as %v", name, p, back)
				}
				if math.Abs(lat) < 90 && !near(back[0], lon, 1e-9) {
					t.Fatalf("%s: lon of %v came back as %v", name, p, back)
				}
			}
		}
	}
}

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		width, height, margin float64
	}{
		{"wide", 1000, 400, 10},
		{"tall", 400, 1000, 5},
		{"fitted", 1000, 500, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := geo.Fit(tc.width, tc.height, tc.margin)
			left, right := f.Project(orb.Point{-180, 0}), f.Project(orb.Point{180, 0})
			top, bottom := f.Project(orb.Point{0, 90}), f.Project(orb.Point{0, -90})
			if left[0] < tc.margin-1e-9 || right[0] > tc.width-tc.margin+1e-9 ||
				top[1] < tc.margin-1e-9 || bottom[1] > tc.height-tc.margin+1e-9 {
				t.Errorf("sphere %v %v %v %v outside the margin", left, right, top, bottom)
			}
			if !near(left[0]-0, tc.width-right[0], 1e-9) || !near(top[1], tc.height-bottom[1], 1e-9) {
				t.Errorf("sphere not centred: %v %v %v %v", left, right, top, bottom)
			}
			if !near(left[0], tc.margin, 1e-9) && !near(top[1], tc.margin, 1e-9) {
				t.Errorf("sphere touches neither margin: it could be larger")
			}
			if top[1] >= bottom[1] {
				t.Errorf("north is not up: top %v bottom %v", top, bottom)
			}
		})
	}
	f := geo.FitWidth(1000, 10)
	if f.Height != 497 {
		t.Errorf("FitWidth(1000, 10).Height = %v, want 497", f.Height)
	}
	if got := f.ViewBox(); got != "0 0 1000 497" {
		t.Errorf("ViewBox() = %q", got)
	}
}

// SphereBound is the box of the outline Project draws: the poles' lines
// and the seam at the equator, wherever the frame is centred.
func TestSphereBound(t *testing.T) {
	for _, f := range []geo.Frame{geo.FitWidth(1000, 6), geo.Fit(400, 1000, 5).WithCentralMeridian(150)} {
		b := f.SphereBound()
		west, east := f.Project(orb.Point{f.Lon0 - 180, 0}), f.Project(orb.Point{f.Lon0 + 179.999999, 0})
		north, south := f.Project(orb.Point{f.Lon0, 90}), f.Project(orb.Point{f.Lon0, -90})
		for _, c := range []struct {
			name      string
			got, want float64
		}{
			{"west", b.Min[0], west[0]}, {"east", b.Max[0], east[0]},
			{"north", b.Min[1], north[1]}, {"south", b.Max[1], south[1]},
		} {
			if !near(c.got, c.want, 1e-3) {
				t.Errorf("%v: %s edge %v, the outline's %v", f, c.name, c.got, c.want)
			}
		}
	}
}

func TestFrameContains(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	for _, tc := range []struct {
		name string
		p    orb.Point
		want bool
	}{
		{"centre", orb.Point{500, 248}, true},
		{"Tokyo", f.Project(tokyo), true},
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
