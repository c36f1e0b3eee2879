package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// minSeamBandDeg is the narrowest band of free longitude CentralMeridian puts
// the seam in: narrower, and the seam would graze a place or an arc.
const minSeamBandDeg = 1.0

// CentralMeridian returns a central meridian (degrees east, in (-180, 180])
// for a map of great-circle arcs between the given pairs of lon/lat points
// and of the given places, such that no arc crosses the map's edge: with
// Frame.WithCentralMeridian(lon0), ArcPath draws each arc in one piece.
//
// The seam, the meridian opposite lon0, goes through the middle of the widest
// band of longitude that no arc (the path Arc draws, over a pole or the
// antimeridian as it may be) and no place touches, as far as it can be from
// all of them. The middle is moved to a multiple of 10° (else of 5°) when
// that stays in the middle half of the band, so that maps do not shift with
// small changes to a story. Of two equally wide bands, the one giving the
// meridian nearer Greenwich wins.
//
// ok is false when no band of at least 1° is free (the arcs go round every
// longitude): keep 0 then, and the arcs that must cross are cut. With no
// arcs and no places there is nothing to avoid, and the answer is 0, true.
// Non-finite points are ignored.
func CentralMeridian(arcs [][2]orb.Point, places []orb.Point) (lon0 float64, ok bool) {
	var spans []lonSpan
	for _, p := range places {
		if finitePoint(p) {
			spans = append(spans, spanOf(normalize(p)[0], 0))
		}
	}
	for _, a := range arcs {
		for _, piece := range Arc(a[0], a[1]) {
			for i := 1; i < len(piece); i++ { // pieces have two points or more
				spans = append(spans, segmentSpans(piece[i-1], piece[i])...)
			}
		}
	}
	if len(spans) == 0 {
		return 0, true
	}
	// The widest bands (equal within a rounding error), then the meridian
	// nearest Greenwich, then the western one.
	widest := minSeamBandDeg
	var bands []lonSpan
	for _, g := range freeBands(spans) {
		if g.width >= widest-bandTieDeg {
			widest = math.Max(widest, g.width)
			bands = append(bands, g)
		}
	}
	ok = false
	for _, g := range bands {
		if g.width < widest-bandTieDeg {
			continue
		}
		l := wrapLon(roundedSeam(g) - 180)
		if l == -180 {
			l = 180
		}
		if !ok || math.Abs(l) < math.Abs(lon0) || math.Abs(l) == math.Abs(lon0) && l < lon0 {
			lon0, ok = l, true
		}
	}
	return lon0, ok
}

// bandTieDeg is how much two free bands may differ and still count as equally
// wide: the sampled arcs leave rounding errors of this order.
const bandTieDeg = 1e-6

// lonSpan is a band of longitude going east from start (in [0, 360)) over
// width degrees (at most 360).
type lonSpan struct{ start, width float64 }

func spanOf(lon, width float64) lonSpan {
	s := math.Mod(lon, 360)
	if s < 0 {
		s += 360
	}
	return lonSpan{s, width}
}

// segmentSpans is the longitude a segment between two consecutive samples of
// an arc sweeps: the shorter way round, since a great circle's longitude
// changes by less than 180° between two points less than 180° apart. A
// segment whose ends are 180° of longitude apart runs over a pole: it sweeps
// no longitude between its ends (on the map it runs along the pole line), so
// only its ends count.
func segmentSpans(p, q orb.Point) []lonSpan {
	d := q[0] - p[0]
	switch {
	case d > 180:
		d -= 360
	case d < -180:
		d += 360
	}
	switch {
	case math.Abs(d) >= 180-1e-6:
		return []lonSpan{spanOf(p[0], 0), spanOf(q[0], 0)}
	case d >= 0:
		return []lonSpan{spanOf(p[0], d)}
	default:
		return []lonSpan{spanOf(q[0], -d)}
	}
}

// freeBands returns the bands of longitude that no span touches, each going
// east from its start.
func freeBands(spans []lonSpan) []lonSpan {
	if len(spans) == 0 {
		return []lonSpan{{0, 360}}
	}
	// Intervals on [0, 360], a span past 360 split in two; then merged.
	type interval struct{ lo, hi float64 }
	ivs := make([]interval, 0, len(spans)+1)
	for _, s := range spans {
		if end := s.start + s.width; end > 360 {
			ivs = append(ivs, interval{s.start, 360}, interval{0, end - 360})
		} else {
			ivs = append(ivs, interval{s.start, end})
		}
	}
	slices.SortFunc(ivs, func(a, b interval) int { return cmp.Compare(a.lo, b.lo) })
	merged := ivs[:1]
	for _, iv := range ivs[1:] {
		if last := &merged[len(merged)-1]; iv.lo <= last.hi {
			last.hi = math.Max(last.hi, iv.hi)
		} else {
			merged = append(merged, iv)
		}
	}
	var gaps []lonSpan
	for i := 1; i < len(merged); i++ {
		gaps = append(gaps, lonSpan{merged[i-1].hi, merged[i].lo - merged[i-1].hi})
	}
	// Round the back, from the last interval's end past 360 to the first's
	// start.
	if back := merged[0].lo + 360 - merged[len(merged)-1].hi; back > 0 {
		gaps = append(gaps, lonSpan{merged[len(merged)-1].hi, back})
	}
	return gaps
}

// roundedSeam is the seam's longitude in a free band: its middle, or a
// multiple of 10° or 5° near it that stays in the band's middle half.
func roundedSeam(g lonSpan) float64 {
	mid := g.start + g.width/2
	for _, step := range []float64{10, 5} {
		r := math.Round(mid/step) * step
		if r-g.start >= g.width/4 && g.start+g.width-r >= g.width/4 {
			return r
		}
	}
	return mid
}
