package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestSegmentSpans(t *testing.T) {
	for _, tc := range []struct {
		name string
		p, q orb.Point
		want []lonSpan
	}{
		{"eastwards", orb.Point{10, 0}, orb.Point{11, 0}, []lonSpan{{10, 1}}},
		{"westwards", orb.Point{11, 0}, orb.Point{10, 0}, []lonSpan{{10, 1}}},
		{"across the antimeridian eastwards", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, []lonSpan{{179.5, 1}}},
		{"across the antimeridian westwards", orb.Point{-179.5, 0}, orb.Point{179.5, 0}, []lonSpan{{179.5, 1}}},
		{"near a pole, 179° of longitude", orb.Point{0, 89.9}, orb.Point{179, 89.9}, []lonSpan{{0, 179}}},
		{"over a pole", orb.Point{30, 89.5}, orb.Point{-150, 89.5}, []lonSpan{{30, 0}, {210, 0}}},
		{"standing still", orb.Point{-40, 0}, orb.Point{-40, 1}, []lonSpan{{320, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := segmentSpans(tc.p, tc.q)
			if len(got) != len(tc.want) {
				t.Fatalf("spans %v, want %v", got, tc.want)
			}
			for i := range got {
				if math.Abs(got[i].start-tc.want[i].start) > 1e-9 || math.Abs(got[i].width-tc.want[i].width) > 1e-9 {
					t.Errorf("spans %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestFreeBands(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spans []lonSpan
		want  []lonSpan
	}{
		{"nothing", nil, []lonSpan{{0, 360}}},
		{"one point", []lonSpan{{100, 0}}, []lonSpan{{100, 360}}},
		{"two bands", []lonSpan{{10, 20}, {100, 50}}, []lonSpan{{30, 70}, {150, 220}}},
		{"overlapping", []lonSpan{{10, 20}, {25, 20}, {40, 10}}, []lonSpan{{50, 320}}},
		{"round the back", []lonSpan{{350, 20}, {100, 10}}, []lonSpan{{10, 90}, {110, 240}}},
		{"touching ends leave no gap", []lonSpan{{0, 180}, {180, 180}}, nil},
		{"all of it", []lonSpan{{50, 360}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := freeBands(tc.spans)
			if len(got) != len(tc.want) {
				t.Fatalf("bands %v, want %v", got, tc.want)
			}
			for i := range got {
				if math.Abs(got[i].start-tc.want[i].start) > 1e-9 || math.Abs(got[i].width-tc.want[i].width) > 1e-9 {
					t.Errorf("bands %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestRoundedSeam(t *testing.T) {
	for _, tc := range []struct {
		name string
		band lonSpan
		want float64
	}{
		{"the default story's band", lonSpan{37.6173, 139.6503 - 37.6173}, 90},
		{"a multiple of 10 in the middle half", lonSpan{0, 40}, 20},
		{"5 when 10 is too far off the middle", lonSpan{12, 6}, 15},
		{"the middle when neither fits", lonSpan{11, 2}, 12},
		{"round the back", lonSpan{350, 24}, 360},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := roundedSeam(tc.band); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("roundedSeam(%v) = %v, want %v", tc.band, got, tc.want)
			}
		})
	}
}
