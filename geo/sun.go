package geo

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"
)

// sunPosition returns the Sun's declination and the equation of time for an
// instant, by NOAA's solar calculator (after Meeus, Astronomical Algorithms):
// about 0.01° in declination and a few seconds in time for 1800–2100.
// Declination is in degrees; the equation of time is in minutes (apparent
// minus mean solar time).
func sunPosition(t time.Time) (declDeg, eotMin float64) {
	const deg = math.Pi / 180
	jd := float64(t.Unix())/86400 + float64(t.Nanosecond())/86400e9 + 2440587.5
	T := (jd - 2451545.0) / 36525 // Julian centuries since J2000.0

	l0 := math.Mod(280.46646+T*(36000.76983+T*0.0003032), 360) // mean longitude
	m := 357.52911 + T*(35999.05029-0.0001537*T)               // mean anomaly
	e := 0.016708634 - T*(0.000042037+0.0000001267*T)          // orbit eccentricity
	c := math.Sin(m*deg)*(1.914602-T*(0.004817+0.000014*T)) +
		math.Sin(2*m*deg)*(0.019993-0.000101*T) +
		math.Sin(3*m*deg)*0.000289 // equation of centre
	omega := 125.04 - 1934.136*T
	lambda := l0 + c - 0.00569 - 0.00478*math.Sin(omega*deg) // apparent longitude
	eps0 := 23 + (26+(21.448-T*(46.815+T*(0.00059-T*0.001813)))/60)/60
	eps := eps0 + 0.00256*math.Cos(omega*deg) // corrected obliquity

	declDeg = math.Asin(math.Sin(eps*deg)*math.Sin(lambda*deg)) / deg

	y := math.Tan(eps * deg / 2)
	y *= y
	eot := y*math.Sin(2*l0*deg) - 2*e*math.Sin(m*deg) +
		4*e*y*math.Sin(m*deg)*math.Cos(2*l0*deg) -
		0.5*y*y*math.Sin(4*l0*deg) - 1.25*e*e*math.Sin(2*m*deg)
	eotMin = 4 * eot / deg
	return declDeg, eotMin
}

// Subsolar returns the point where the Sun is at the zenith at instant t, as
// lon/lat degrees: its latitude is the Sun's declination, its longitude the
// one where it is apparent solar noon (the equation of time included).
// Accurate to about 0.01°, well within the 0.1° a map needs.
func Subsolar(t time.Time) orb.Point {
	decl, eot := sunPosition(t)
	t = t.UTC()
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	minutes := float64(t.Sub(midnight)) / float64(time.Minute)
	lon := -(minutes + eot - 720) / 4
	return normalize(orb.Point{lon, decl})
}

// SolarElevation returns the geometric height of the Sun above the horizon at
// a lon/lat point and instant, in degrees (negative at night; no refraction).
func SolarElevation(p orb.Point, t time.Time) float64 {
	s := toVec(Subsolar(t))
	return 90 - angleBetween(toVec(normalize(p)), s)*180/math.Pi
}

// IsNight reports whether the Sun is below the horizon (geometric centre,
// SolarElevation < 0) at a lon/lat point and instant: what the Night layer
// shows dark.
func IsNight(p orb.Point, t time.Time) bool {
	return SolarElevation(p, t) < 0
}

// nightSamples is the number of points on the terminator: one per degree of
// the great circle, so steep parts near the equinoxes are sampled as finely as
// flat ones.
const nightSamples = 360

// Night returns the night hemisphere at instant t as one lon/lat polygon that
// draws correctly when each vertex is projected in a frame centred on
// Greenwich (NightPath draws it in any frame): the terminator from lon -180
// to 180, then down the map edge, along the pole line
// on the dark side (the south pole while the north has summer) and back up
// the other edge. The terminator is the great circle 90° from the subsolar
// point; at the exact moment of an equinox it would pass through both poles,
// so the declination is kept at least 1e-9° away from zero, which puts the
// steps of the boundary on the right meridians.
func Night(t time.Time) orb.Polygon {
	return nightAround(Subsolar(t))
}

// nightAround builds the night polygon of Night for a subsolar point given in
// the frame's own lon/lat, so that it is cut at the frame's seam: the
// terminator turns with the sphere, and so does the Sun above it.
func nightAround(sun orb.Point) orb.Polygon {
	ring, _ := appendNight(nil, nil, sun, nightSamples)
	return orb.Polygon{ring}
}

// appendNight appends the ring of nightAround, with the terminator sampled
// at samples points and the map edge every 360/samples degrees, to ring,
// using curve as scratch; it returns both, for reuse.
func appendNight(ring orb.Ring, curve []orb.Point, sun orb.Point, samples int) (orb.Ring, []orb.Point) {
	if math.Abs(sun[1]) < 1e-9 {
		sun[1] = math.Copysign(1e-9, sun[1])
		if sun[1] == 0 {
			sun[1] = 1e-9
		}
	}
	s := toVec(sun)
	// u, v span the terminator's plane.
	u := northTangent(sun)
	v := s.cross(u)
	curve = curve[:0]
	for i := range samples {
		th := 2 * math.Pi * float64(i) / float64(samples)
		p := u.scale(math.Cos(th)).add(v.scale(math.Sin(th))).point()
		if math.Abs(p[0]) < 180 {
			curve = append(curve, p)
		}
	}
	// slices.SortFunc, not sort.Slice: this runs on every animation frame,
	// and sort.Slice swaps through reflection.
	slices.SortFunc(curve, func(a, b orb.Point) int { return cmp.Compare(a[0], b[0]) })
	// The terminator's latitude on the antimeridian, exactly: the circle
	// meets the meridian plane y = 0 along s × (0, 1, 0).
	edge := terminatorLat(sun, 180)
	// The dark pole: the south one when the Sun is north of the equator.
	pole := -90.0
	if sun[1] < 0 {
		pole = 90
	}
	step := 360 / float64(samples)
	start := len(ring)
	ring = append(ring, orb.Point{-180, edge})
	ring = append(ring, curve...)
	ring = append(ring, orb.Point{180, edge})
	ring = appendMeridianEvery(ring, 180, edge, pole, step)
	ring = append(ring, orb.Point{-180, pole})
	ring = appendMeridianEvery(ring, -180, pole, edge, step)
	ring = append(ring, ring[start])
	return ring[:start+len(dedupeInPlace(ring[start:]))], curve
}

// NightBuffer draws the night as NightPath does, in memory it keeps from
// one call to the next: an animation redraws the night every frame, and
// would otherwise leave tens of kilobytes of garbage each time.
type NightBuffer struct {
	ring  orb.Ring
	curve []orb.Point
	w     pathWriter
}

// Path returns the path data of the night at instant t in the frame, with
// the terminator sampled at samples points and the map edge every
// 360/samples degrees: with 360 (a point a degree), exactly what NightPath
// returns; with fewer, a lighter outline for a night in motion. The bytes
// are valid until the next call.
func (n *NightBuffer) Path(f Frame, t time.Time, samples int) []byte {
	if samples < 4 {
		samples = 4
	}
	n.ring, n.curve = appendNight(n.ring[:0], n.curve, f.rotate(Subsolar(t)), samples)
	n.w.reset()
	n.w.line(f, orb.LineString(n.ring), true)
	return n.w.b
}

// terminatorLat returns the latitude of the terminator on a meridian, for a
// subsolar point not on the equator: tan φ = -cos(λ-λs) / tan δ.
func terminatorLat(sun orb.Point, lon float64) float64 {
	d := sun[1] * math.Pi / 180
	return math.Atan(-math.Cos((lon-sun[0])*math.Pi/180)/math.Tan(d)) * 180 / math.Pi
}

// appendMeridian appends points of a meridian between two latitudes, one per
// degree, excluding from and including to: the map edge is curved.
func appendMeridian[S ~[]orb.Point](r S, lon, from, to float64) S {
	return appendMeridianEvery(r, lon, from, to, 1)
}

// appendMeridianEvery is appendMeridian with a point every step degrees, on
// the whole multiples of step.
func appendMeridianEvery[S ~[]orb.Point](r S, lon, from, to, step float64) S {
	if to < from {
		step = -step
	}
	for lat := math.Trunc(from/step)*step + step; (to-lat)*step > 0; lat += step {
		r = append(r, orb.Point{lon, lat})
	}
	return append(r, orb.Point{lon, to})
}

func dedupe[S ~[]orb.Point](r S) S {
	return dedupeInPlace(append(r[:0:0], r...))
}

// dedupeInPlace drops consecutive repeated points, in r's own memory.
func dedupeInPlace[S ~[]orb.Point](r S) S {
	out := r[:0]
	for _, p := range r {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	return out
}

// NightPath returns the path data of the night at instant t in the frame,
// Night(t) built about the frame's central meridian and closed along its
// seam: fill it with a translucent dark colour over the land.
func NightPath(f Frame, t time.Time) string {
	return framePath(f, frameNight(f, t))
}

// frameNight is Night(t) in the frame's own lon/lat.
func frameNight(f Frame, t time.Time) orb.Polygon {
	return nightAround(f.rotate(Subsolar(t)))
}
