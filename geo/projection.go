package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Equal Earth polynomial coefficients (Šavrič, Patterson & Jenny 2018, eq. 2).
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
)

var eeM = math.Sqrt(3) / 2

// Projected extent of the whole sphere in Equal Earth units (unit sphere):
// half the equator's width and half the height from pole to pole. Computed,
// not written out, so that the poles compare exactly equal.
var (
	eeHalfWidth  = equalEarthRaw(math.Pi, 0)[0]
	eeHalfHeight = equalEarthRaw(0, math.Pi/2)[1]
)

// EqualEarth projects lon/lat degrees to Equal Earth units on the unit sphere
// (x east, y north), as d3-geo's geoEqualEarthRaw does.
var EqualEarth orb.Projection = func(p orb.Point) orb.Point {
	return equalEarthRaw(p[0]*math.Pi/180, p[1]*math.Pi/180)
}

// EqualEarthInverse maps Equal Earth units back to lon/lat degrees. It solves
// the latitude polynomial by Newton iteration; points outside the projected
// sphere give longitudes beyond ±180.
var EqualEarthInverse orb.Projection = func(p orb.Point) orb.Point {
	lam, phi := equalEarthRawInverse(p[0], p[1])
	return orb.Point{lam * 180 / math.Pi, phi * 180 / math.Pi}
}

func equalEarthRaw(lambda, phi float64) orb.Point {
	l := math.Asin(eeM * math.Sin(phi))
	l2 := l * l
	l6 := l2 * l2 * l2
	return orb.Point{
		lambda * math.Cos(l) / (eeM * (eeA1 + 3*eeA2*l2 + l6*(7*eeA3+9*eeA4*l2))),
		l * (eeA1 + eeA2*l2 + l6*(eeA3+eeA4*l2)),
	}
}

func equalEarthRawInverse(x, y float64) (lambda, phi float64) {
	// Clamp to the pole lines so that Newton's method converges.
	y = math.Max(-eeHalfHeight, math.Min(eeHalfHeight, y))
	// On the pole lines, answer exactly: the latitude is ill-conditioned
	// there (y is flat in φ at the poles), so iteration alone would leave
	// an error of about 1e-6°.
	if math.Abs(y) == eeHalfHeight {
		l := math.Copysign(math.Asin(eeM), y)
		l2 := l * l
		l6 := l2 * l2 * l2
		return eeM * x * (eeA1 + 3*eeA2*l2 + l6*(7*eeA3+9*eeA4*l2)) / math.Cos(l), math.Copysign(math.Pi/2, y)
	}
	l := y
	for range 20 {
		l2 := l * l
		l6 := l2 * l2 * l2
		fy := l*(eeA1+eeA2*l2+l6*(eeA3+eeA4*l2)) - y
		fpy := eeA1 + 3*eeA2*l2 + l6*(7*eeA3+9*eeA4*l2)
		delta := fy / fpy
		l -= delta
		if math.Abs(delta) < 1e-15 {
			break
		}
	}
	l2 := l * l
	l6 := l2 * l2 * l2
	s := math.Sin(l) / eeM
	phi = math.Asin(math.Max(-1, math.Min(1, s)))
	lambda = eeM * x * (eeA1 + 3*eeA2*l2 + l6*(7*eeA3+9*eeA4*l2)) / math.Cos(l)
	return lambda, phi
}

// Frame places the Equal Earth sphere in an SVG viewBox "0 0 Width Height".
// The zero Frame is not usable; make one with Fit or FitWidth.
type Frame struct {
	Width, Height float64 // viewBox size, viewBox units
	Scale         float64 // viewBox units per Equal Earth unit
	CX, CY        float64 // viewBox position of the central meridian on the equator
	// Lon0 is the central meridian, degrees east: the longitude drawn
	// down the middle of the map. The map's edge, its seam, is the
	// meridian opposite (Lon0 ± 180), where geometry is cut. Zero, the
	// zero value, centres the map on Greenwich with the seam at ±180.
	// Set it with WithCentralMeridian, which keeps it in (-180, 180] so
	// that equal maps are equal frames.
	Lon0 float64
}

// Fit returns the Frame that shows the whole sphere as large as possible,
// centred in a width×height viewBox, with at least margin units on every side.
// A 1000-unit-wide viewBox suits the path precision of this package. The map
// is centred on Greenwich; see WithCentralMeridian.
func Fit(width, height, margin float64) Frame {
	sx := (width - 2*margin) / (2 * eeHalfWidth)
	sy := (height - 2*margin) / (2 * eeHalfHeight)
	s := math.Max(0, math.Min(sx, sy))
	return Frame{Width: width, Height: height, Scale: s, CX: width / 2, CY: height / 2}
}

// FitWidth returns the Frame for a viewBox of the given width whose height is
// just what the sphere and the margin need, so a map has no empty bands.
func FitWidth(width, margin float64) Frame {
	s := (width - 2*margin) / (2 * eeHalfWidth)
	h := math.Ceil(2*eeHalfHeight*s + 2*margin)
	return Fit(width, h, margin)
}

// WithCentralMeridian returns the frame with its map turned about the polar
// axis so that the meridian lon0 (degrees east) runs down its middle, as
// CentralMeridian chooses to keep arcs whole. lon0 is wrapped into
// (-180, 180]; a non-finite lon0 gives Greenwich (0).
func (f Frame) WithCentralMeridian(lon0 float64) Frame {
	if math.IsNaN(lon0) || math.IsInf(lon0, 0) {
		lon0 = 0
	}
	lon0 = wrapLon(lon0)
	if lon0 == -180 {
		lon0 = 180
	}
	f.Lon0 = lon0
	return f
}

// rotate turns a true lon/lat point into the frame's own: its longitude
// counted from the central meridian, wrapped into [-180, 180], so that the
// frame's seam is at ±180 and the antimeridian cutters apply. With Lon0 0 it
// only wraps longitudes outside [-180, 180].
func (f Frame) rotate(p orb.Point) orb.Point {
	return orb.Point{wrapLon(p[0] - f.Lon0), p[1]}
}

// wrapLon wraps a longitude into [-180, 180], leaving values already in that
// range, ±180 included, as they are.
func wrapLon(lon float64) float64 {
	if lon >= -180 && lon <= 180 {
		return lon
	}
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}

// Project maps a lon/lat point to viewBox coordinates (y down).
func (f Frame) Project(p orb.Point) orb.Point {
	return f.projectRotated(f.rotate(p))
}

// projectRotated projects a point already in the frame's own lon/lat.
func (f Frame) projectRotated(p orb.Point) orb.Point {
	q := EqualEarth(p)
	return orb.Point{f.CX + f.Scale*q[0], f.CY - f.Scale*q[1]}
}

// Invert maps viewBox coordinates back to lon/lat, the longitude in
// [-180, 180]. Points outside the sphere outline come back with a longitude
// that is not theirs (beyond ±180 in a frame centred on Greenwich); use
// Contains to check.
func (f Frame) Invert(p orb.Point) orb.Point {
	ll, ok := f.invertRotated(p)
	if !ok || f.Lon0 == 0 {
		return orb.Point{ll[0] + f.Lon0, ll[1]}
	}
	return orb.Point{wrapLon(ll[0] + f.Lon0), ll[1]}
}

// invertRotated maps viewBox coordinates to the frame's own lon/lat, and
// reports whether the point lies on the projected sphere.
func (f Frame) invertRotated(p orb.Point) (orb.Point, bool) {
	if f.Scale == 0 {
		return orb.Point{}, false
	}
	x, y := (p[0]-f.CX)/f.Scale, (f.CY-p[1])/f.Scale
	ll := EqualEarthInverse(orb.Point{x, y})
	// A point on the outline, as Project puts the poles and the seam, is
	// on the sphere despite rounding errors.
	const tol = 1e-9
	return ll, math.Abs(y) <= eeHalfHeight*(1+tol) && math.Abs(ll[0]) <= 180+tol
}

// Contains reports whether a viewBox point lies on the projected sphere.
func (f Frame) Contains(p orb.Point) bool {
	_, ok := f.invertRotated(p)
	return ok
}

// SphereBound is the box the projected sphere fills, in viewBox units:
// inside the frame's margin. Its top and bottom edges are the poles, drawn
// as lines, and its sides touch the seam at the equator.
func (f Frame) SphereBound() orb.Bound {
	hw, hh := f.Scale*eeHalfWidth, f.Scale*eeHalfHeight
	return orb.Bound{Min: orb.Point{f.CX - hw, f.CY - hh}, Max: orb.Point{f.CX + hw, f.CY + hh}}
}

// ViewBox returns the SVG viewBox attribute value of the frame.
func (f Frame) ViewBox() string {
	return "0 0 " + formatFloat(f.Width) + " " + formatFloat(f.Height)
}
