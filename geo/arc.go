package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadiusKm is the mean Earth radius (IUGG), in kilometres.
const EarthRadiusKm = 6371.0088

// ArcStepDeg is the largest angle between two samples of an Arc, in degrees of
// arc: 1° is under 3 viewBox units on a 1000-unit map, smooth at any size.
const ArcStepDeg = 1.0

// arcMinPoints is the least number of samples of a non-degenerate Arc.
const arcMinPoints = 16

// DistanceKm returns the great-circle distance between two lon/lat points,
// in kilometres. Non-finite input gives 0.
func DistanceKm(from, to orb.Point) float64 {
	if !finitePoint(from) || !finitePoint(to) {
		return 0
	}
	return angleBetween(toVec(normalize(from)), toVec(normalize(to))) * EarthRadiusKm
}

// Arc returns the shortest great-circle path from one lon/lat point to
// another, sampled at least every ArcStepDeg degrees (and at least 16 points),
// as one line, or as two lines when it crosses the antimeridian: the crossing
// point is computed exactly, so the first line ends on one map edge and the
// second starts on the other at the same latitude, and no segment streaks
// across the map.
//
// Special cases: identical points (closer than about a millimetre) give one
// two-point line from from to to (to from itself when they lie on opposite
// map edges); antipodal points, which have no single
// shortest path, take the path that heads due north from from (due along its
// meridian's longitude when from is a pole); non-finite input gives nil. An
// end on a pole is given the longitude of the meridian the path takes there,
// and a path over a pole steps from one meridian to the opposite one by
// exactly 180°, which no seam cuts: it runs along the pole line, the same in
// every frame.
// Longitudes are wrapped into [-180, 180] and latitudes clamped to ±90.
func Arc(from, to orb.Point) orb.MultiLineString {
	if !finitePoint(from) || !finitePoint(to) {
		return nil
	}
	from, to = normalize(from), normalize(to)
	a, b := toVec(from), toVec(to)
	omega := angleBetween(a, b)
	if omega < 1e-10 {
		if math.Abs(to[0]-from[0]) > 180 {
			// The same place on both map edges (-180 and 180): draw
			// nothing rather than a line across the map.
			return orb.MultiLineString{{from, from}}
		}
		return orb.MultiLineString{{from, to}}
	}

	// m is the unit vector perpendicular to a in the plane of the path, so
	// that the path is cos(s)·a + sin(s)·m for s in [0, omega].
	var m vec3
	if math.Pi-omega < 1e-9 {
		m = northTangent(from)
	} else {
		m = b.sub(a.scale(a.dot(b))).unit()
	}

	n := max(arcMinPoints, int(math.Ceil(omega*180/math.Pi/ArcStepDeg))+1)
	pts := make(orb.LineString, n)
	pts[0] = from
	for i := 1; i < n-1; i++ {
		s := omega * float64(i) / float64(n-1)
		p := a.scale(math.Cos(s)).add(m.scale(math.Sin(s))).point()
		prev := pts[i-1][0]
		switch {
		case math.Abs(p[1]) > 90-1e-9:
			// At a pole any longitude is right; keep the previous one so
			// the path runs along the projected pole line, not around it.
			p[0] = prev
		case math.Abs(p[0]) > 180-1e-9:
			// On the antimeridian keep the side the path is already on.
			p[0] = math.Copysign(180, prev)
		case math.Abs(math.Abs(p[0]-prev)-180) < 1e-6:
			// Over a pole the path leaves a meridian for the opposite
			// one: make the step exactly 180°, which is no crossing,
			// rather than a rounding error either side of it, which
			// would cut the path at a seam it does not reach.
			p[0] = oppositeMeridian(prev, p[0])
		}
		pts[i] = p
	}
	pts[n-1] = to
	if math.Abs(math.Abs(to[0]-pts[n-2][0])-180) < 1e-6 {
		// Over a pole on the last step: move the sample, not the end.
		pts[n-2][0] = oppositeMeridian(to[0], pts[n-2][0])
	}
	// An end on a pole takes the longitude the path leaves or reaches it
	// by, so the path does not run along the pole line first.
	if math.Abs(from[1]) == 90 {
		pts[0][0] = pts[1][0]
	}
	if math.Abs(to[1]) == 90 {
		pts[n-1][0] = pts[n-2][0]
	}
	return splitAntimeridian(pts, a.cross(m))
}

// splitAntimeridian cuts a sampled great-circle path, whose plane has the
// given normal, where consecutive longitudes jump by more than 180°.
func splitAntimeridian(pts orb.LineString, normal vec3) orb.MultiLineString {
	out := cutLine(pts, func(p, q orb.Point) (lat, edge float64) {
		edge = 180.0
		if p[0] < 0 {
			edge = -180
		}
		return antimeridianLat(normal, p, q), edge
	})
	if len(out) == 0 {
		out = orb.MultiLineString{{pts[0], pts[len(pts)-1]}}
	}
	return out
}

// antimeridianLat returns the latitude where the great circle with the given
// plane normal meets the 180° meridian, between the samples p and q.
func antimeridianLat(normal vec3, p, q orb.Point) float64 {
	// The 180° meridian lies in the plane y = 0 with x < 0.
	d := normal.cross(vec3{0, 1, 0})
	if d.norm() < 1e-12 {
		// The path runs along the equator's plane normal to y: any point
		// between p and q will do; take their mean latitude.
		return (p[1] + q[1]) / 2
	}
	d = d.unit()
	if d[0] > 0 {
		d = d.scale(-1)
	}
	return math.Asin(clamp1(d[2])) * 180 / math.Pi
}

// oppositeMeridian returns the longitude 180° from lon, in [-180, 180]; for
// lon 0, on the side of near (180 or -180).
func oppositeMeridian(lon, near float64) float64 {
	switch {
	case lon > 0:
		return lon - 180
	case lon < 0:
		return lon + 180
	}
	return math.Copysign(180, near)
}

func appendDistinct[S ~[]orb.Point](ls S, p orb.Point) S {
	if len(ls) > 0 && ls[len(ls)-1] == p {
		return ls
	}
	return append(ls, p)
}

// northTangent returns the unit vector pointing north from p, or, at a pole,
// along the meridian of p's longitude (away from the pole).
func northTangent(p orb.Point) vec3 {
	lam, phi := p[0]*math.Pi/180, p[1]*math.Pi/180
	if math.Abs(p[1]) > 90-1e-9 {
		return vec3{math.Cos(lam), math.Sin(lam), 0}
	}
	return vec3{-math.Sin(phi) * math.Cos(lam), -math.Sin(phi) * math.Sin(lam), math.Cos(phi)}
}

// normalize wraps the longitude into [-180, 180] and clamps the latitude.
func normalize(p orb.Point) orb.Point {
	return orb.Point{wrapLon(p[0]), math.Max(-90, math.Min(90, p[1]))}
}

func finitePoint(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

func clamp1(v float64) float64 { return math.Max(-1, math.Min(1, v)) }

// vec3 is a point on the unit sphere: x towards lon 0, y towards lon 90°E,
// z towards the north pole.
type vec3 [3]float64

func toVec(p orb.Point) vec3 {
	lam, phi := p[0]*math.Pi/180, p[1]*math.Pi/180
	return vec3{math.Cos(phi) * math.Cos(lam), math.Cos(phi) * math.Sin(lam), math.Sin(phi)}
}

func (v vec3) point() orb.Point {
	return orb.Point{
		math.Atan2(v[1], v[0]) * 180 / math.Pi,
		math.Atan2(v[2], math.Hypot(v[0], v[1])) * 180 / math.Pi,
	}
}

func (v vec3) dot(w vec3) float64   { return v[0]*w[0] + v[1]*w[1] + v[2]*w[2] }
func (v vec3) add(w vec3) vec3      { return vec3{v[0] + w[0], v[1] + w[1], v[2] + w[2]} }
func (v vec3) sub(w vec3) vec3      { return vec3{v[0] - w[0], v[1] - w[1], v[2] - w[2]} }
func (v vec3) scale(s float64) vec3 { return vec3{v[0] * s, v[1] * s, v[2] * s} }
func (v vec3) norm() float64        { return math.Sqrt(v.dot(v)) }
func (v vec3) unit() vec3           { return v.scale(1 / v.norm()) }
func (v vec3) cross(w vec3) vec3 {
	return vec3{v[1]*w[2] - v[2]*w[1], v[2]*w[0] - v[0]*w[2], v[0]*w[1] - v[1]*w[0]}
}

// angleBetween returns the angle between two unit vectors, in radians,
// accurate for tiny and near-antipodal angles alike.
func angleBetween(a, b vec3) float64 {
	return math.Atan2(a.cross(b).norm(), a.dot(b))
}
