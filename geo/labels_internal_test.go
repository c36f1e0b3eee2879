package geo

import "testing"

// segmentsCross is true only where each segment passes from one side of
// the other to the other: leaders that meet end to end, touch, run side by
// side or lie on one line do not cross.
func TestSegmentsCross(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    [8]float64 // ax, ay, bx, by, cx, cy, dx, dy
		want bool
	}{
		{"an X", [8]float64{0, 0, 10, 10, 0, 10, 10, 0}, true},
		{"apart", [8]float64{0, 0, 10, 0, 0, 5, 10, 5}, false},
		{"an end on the other", [8]float64{0, 0, 10, 0, 5, 0, 5, 10}, false},
		{"a shared end", [8]float64{0, 0, 10, 0, 10, 0, 10, 10}, false},
		{"short of the other", [8]float64{0, 0, 10, 0, 5, 1, 5, 10}, false},
		{"on one line", [8]float64{0, 0, 10, 0, 5, 0, 15, 0}, false},
		{"steep, crossing", [8]float64{5, -5, 5.5, 5, 0, 0, 10, 1}, true},
	} {
		s := tc.s
		if got := segmentsCross(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if got := segmentsCross(s[4], s[5], s[6], s[7], s[0], s[1], s[2], s[3]); got != tc.want {
			t.Errorf("%s, the other way round: %v, want %v", tc.name, got, tc.want)
		}
	}
}
