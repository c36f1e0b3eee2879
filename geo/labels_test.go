package geo_test

import (
	"fmt"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

func defaultMarkers() []geo.Marker {
	return []geo.Marker{
		{ID: "washington", Text: "Washington", Short: "US", Point: washington},
		{ID: "tokyo", Text: "Tokyo", Short: "JP", Point: tokyo},
		{ID: "berlin", Text: "Berlin", Short: "DE", Point: berlin},
		{ID: "moscow", Text: "Moscow", Short: "RU", Point: moscow},
		{ID: "paris", Text: "Paris", Short: "FR", Point: paris},
		{ID: "canberra", Text: "Canberra", Short: "AU", Point: canberra},
	}
}

func TestPlaceLabels(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	for _, tc := range []struct {
		name     string
		markers  []geo.Marker
		fontSize float64 // 12 px text on a 1000-unit viewBox shown at a width
	}{
		{"default places at 320 px", defaultMarkers(), 12 * 1000 / 320.0},
		{"default places at 1280 px", defaultMarkers(), 12 * 1000 / 1280.0},
		{"default places at 640 px", defaultMarkers(), 12 * 1000 / 640.0},
		{"on the map edges and poles", []geo.Marker{
			{ID: "a", Text: "Date line east", Short: "E", Point: orb.Point{180, 0}},
			{ID: "b", Text: "Date line west", Short: "W", Point: orb.Point{-180, 0}},
			{ID: "n", Text: "North Pole", Short: "N", Point: orb.Point{0, 90}},
			{ID: "s", Text: "South Pole", Short: "S", Point: orb.Point{0, -90}},
		}, 37.5},
		{"identical places", []geo.Marker{
			{ID: "a", Text: "Tokyo", Short: "JP", Point: tokyo},
			{ID: "b", Text: "Tokyo again", Short: "JP", Point: tokyo},
		}, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			labels := geo.PlaceLabels(f, tc.markers, tc.fontSize, 0)
			if len(labels) != len(tc.markers) {
				t.Fatalf("%d labels for %d markers", len(labels), len(tc.markers))
			}
			r := geo.MarkerRadius(tc.fontSize)
			for i, l := range labels {
				if l.ID != tc.markers[i].ID {
					t.Errorf("label %d is for %q, want %q", i, l.ID, tc.markers[i].ID)
				}
				if l.Text == "" {
					t.Errorf("%s: no label placed", l.ID)
					continue
				}
				b := l.Box
				if b.X < 0 || b.Y < 0 || b.X+b.W > f.Width || b.Y+b.H > f.Height {
					t.Errorf("%s: box %+v outside the %vx%v frame", l.ID, b, f.Width, f.Height)
				}
				for j, o := range labels[:i] {
					if o.Text != "" && overlaps(b, o.Box) {
						t.Errorf("%s overlaps %s: %+v %+v", l.ID, labels[j].ID, b, o.Box)
					}
				}
				for _, m := range labels {
					if overlaps(b, geo.Box{X: m.MX - r, Y: m.MY - r, W: 2 * r, H: 2 * r}) {
						t.Errorf("%s covers the marker of %s", l.ID, m.ID)
					}
				}
				if l.Anchor != "start" && l.Anchor != "middle" && l.Anchor != "end" {
					t.Errorf("%s: anchor %q", l.ID, l.Anchor)
				}
			}
			t.Logf("%v", summary(labels))
		})
	}
}

// At 1280 px every default place has its full name.
func TestPlaceLabelsFullNamesAt1280(t *testing.T) {
	for _, l := range geo.PlaceLabels(geo.FitWidth(1000, 10), defaultMarkers(), 12*1000/1280.0, 0) {
		if l.Short || l.Text == "" {
			t.Errorf("%s: label %q, want the full name", l.ID, l.Text)
		}
	}
}

func overlaps(a, b geo.Box) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

func summary(labels []geo.Label) []string {
	var out []string
	for _, l := range labels {
		s := l.Text + ":" + l.Anchor
		if l.Leader {
			s += "+leader"
		}
		out = append(out, s)
	}
	return out
}

// When the full texts do not fit, labels fall back to the short texts, and
// when those do not fit either, to none: never to an overlap.
func TestPlaceLabelsCrowded(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	for _, tc := range []struct {
		name               string
		n                  int
		fontSize           float64
		wantAll, wantShort bool
	}{
		{"short labels fit", 12, 60, true, true},
		{"not even short labels fit", 60, 120, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var markers []geo.Marker
			for i := range tc.n {
				markers = append(markers, geo.Marker{ID: fmt.Sprint(i), Text: "A long place name", Short: "AB", Point: orb.Point{float64(i % 12), float64(i / 12)}})
			}
			labels := geo.PlaceLabels(f, markers, tc.fontSize, 0)
			var placed, short int
			for i, l := range labels {
				if l.Text == "" {
					continue
				}
				placed++
				if l.Short {
					short++
				}
				for _, o := range labels[:i] {
					if o.Text != "" && overlaps(l.Box, o.Box) {
						t.Errorf("%s overlaps %s", l.ID, o.ID)
					}
				}
			}
			if (placed == len(labels)) != tc.wantAll || placed == 0 {
				t.Errorf("%d of %d labels placed", placed, len(labels))
			}
			if (short > 0) != tc.wantShort {
				t.Errorf("%d short labels", short)
			}
		})
	}
}
