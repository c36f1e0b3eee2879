package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// The seam of a frame is the meridian opposite its central meridian: the
// left and right edge of the map. Geometry is drawn in the frame's own
// lon/lat, longitudes counted from the central meridian (Frame.rotate), so
// that the seam is at ±180 and the antimeridian cutters cut there.

// inFrame returns g in the frame's own lon/lat, cut at the seam so that
// joining its vertices draws it right. It copies what it changes; with Lon0
// 0 and nothing to cut it returns the geometry it was given.
//
// The cutters take an edge the short way round, so g must be uncut at the
// seam (spherical data such as world-atlas's) and sampled finely enough that
// no edge spans 180° of longitude. Geometry already cut at ±180 (Land,
// Night, Arc) is drawn unchanged when Lon0 is 0; in another frame its old
// cuts become seams of their own: build such layers for the frame instead
// (ArcPath, NightPath, GraticulePath).
func (f Frame) inFrame(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.LineString:
		return f.lineInFrame(g, nil)
	case orb.MultiLineString:
		if f.Lon0 == 0 && !slices.ContainsFunc(g, needsCut) {
			return g
		}
		out := make(orb.MultiLineString, 0, len(g))
		for _, ls := range g {
			out = f.lineInFrame(ls, out)
		}
		return out
	case orb.Ring:
		return f.polygonInFrame(orb.Polygon{g}, nil)
	case orb.Polygon:
		return f.polygonInFrame(g, nil)
	case orb.MultiPolygon:
		if f.Lon0 == 0 && !slices.ContainsFunc(g, polygonNeedsCut) {
			return g
		}
		out := make(orb.MultiPolygon, 0, len(g))
		for _, p := range g {
			out = f.polygonInFrame(p, out)
		}
		return out
	case orb.Collection:
		out := make(orb.Collection, 0, len(g))
		for _, c := range g {
			out = append(out, f.inFrame(c))
		}
		return out
	case orb.Bound:
		return f.polygonInFrame(orb.Polygon{boundRing(g)}, nil)
	}
	return g // points draw nothing
}

// lineInFrame appends the pieces of a line in the frame to out.
func (f Frame) lineInFrame(ls orb.LineString, out orb.MultiLineString) orb.MultiLineString {
	if f.Lon0 == 0 && !needsCut(ls) {
		return append(out, ls)
	}
	return append(out, CutLineAtAntimeridian(f.rotatedCopy(ls))...)
}

// polygonInFrame appends the pieces of a polygon in the frame to out.
func (f Frame) polygonInFrame(p orb.Polygon, out orb.MultiPolygon) orb.MultiPolygon {
	if len(p) == 0 {
		return out
	}
	if f.Lon0 == 0 && !polygonNeedsCut(p) {
		return append(out, p)
	}
	rp := make(orb.Polygon, len(p))
	for i, r := range p {
		rp[i] = orb.Ring(f.rotatedCopy(r))
	}
	return append(out, CutPolygonAtAntimeridian(rp)...)
}

// needsCut reports whether a line in true lon/lat has a longitude outside
// [-180, 180] or an edge across ±180.
func needsCut[S ~[]orb.Point](ls S) bool {
	for i, p := range ls {
		if p[0] < -180 || p[0] > 180 || i > 0 && crossesAntimeridian(ls[i-1], p) {
			return true
		}
	}
	return false
}

func polygonNeedsCut(p orb.Polygon) bool { return slices.ContainsFunc(p, needsCut[orb.Ring]) }

func (f Frame) rotatedCopy(ls []orb.Point) orb.LineString {
	out := make(orb.LineString, len(ls))
	for i, p := range ls {
		out[i] = f.rotate(p)
	}
	return out
}

// boundRing is a lon/lat box as a ring. A box wider than 180° gets a
// vertex in the middle of its north and south sides, so that no side is
// taken the short way round.
func boundRing(b orb.Bound) orb.Ring {
	r := b.ToRing()
	if b.Max[0]-b.Min[0] <= 180 {
		return r
	}
	mid := (b.Min[0] + b.Max[0]) / 2
	return orb.Ring{r[0], {mid, b.Min[1]}, r[1], r[2], {mid, b.Max[1]}, r[3], r[4]}
}

// frameArc is Arc in the frame's own lon/lat. Turning the sphere about its
// axis maps great circles to great circles, so the arc between the turned
// ends is the turned arc, and Arc cuts it exactly where it meets the seam.
func frameArc(f Frame, from, to orb.Point) orb.MultiLineString {
	return Arc(f.rotate(from), f.rotate(to))
}

// frameGraticule is the graticule in the frame's own lon/lat: meridians
// every stepDeg degrees of true longitude counted from -180 (the true
// antimeridian too, unless it is the seam), and parallels across the whole
// map. The seam and the poles are left to the sphere outline.
func frameGraticule(f Frame, stepDeg float64) orb.MultiLineString {
	if !(stepDeg >= 1 && stepDeg <= 90) {
		stepDeg = 15
	}
	var mls orb.MultiLineString
	for lon := -180.0; lon < 180-1e-9; lon += stepDeg {
		m := f.rotate(orb.Point{lon, 0})[0]
		if math.Abs(m) > 180-1e-9 {
			continue // the seam
		}
		ls := make(orb.LineString, 0, 181)
		for lat := -90; lat <= 90; lat++ {
			ls = append(ls, orb.Point{m, float64(lat)})
		}
		mls = append(mls, ls)
	}
	for lat := -90 + stepDeg; lat < 90-1e-9; lat += stepDeg {
		mls = append(mls, orb.LineString{{-180, lat}, {180, lat}})
	}
	return mls
}

// ArcCut reports whether the frame's seam cuts the great-circle arc between
// two lon/lat points, so that the map draws it in two pieces, one leaving
// each edge.
func ArcCut(f Frame, from, to orb.Point) bool {
	return len(frameArc(f, from, to)) > 1
}
