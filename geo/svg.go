package geo

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// PathPrecision is the rounding step of path coordinates, in viewBox units.
// One decimal is a tenth of a pixel on a 1000-unit viewBox shown 1000 px wide.
const PathPrecision = 0.1

// PathData returns the SVG path data ("d" attribute) of a lon/lat geometry
// projected into the frame. Rings and polygons are closed with "z"; points
// draw nothing. Coordinates are rounded to PathPrecision and written as
// relative moves after the first, which keeps the basemap small without
// accumulating rounding error. The geometry is not modified.
//
// Lines and polygons are cut where they cross the frame's seam (the meridian
// opposite Lon0; ±180 in a frame centred on Greenwich), as
// CutLineAtAntimeridian and CutPolygonAtAntimeridian cut at ±180, so pass
// geometry whole across the seam, as world-atlas keeps it. Geometry already
// cut at ±180 (Arc, Night, basemap.Land) is drawn unchanged in a frame
// centred on Greenwich; in another frame its cuts would show, so draw those
// layers with ArcPath, NightPath and GraticulePath, which build them for the
// frame.
//
// Long edges are not densified, and an edge is taken the short way round:
// callers pass geometry sampled finely enough (Arc, Night and the basemap
// already are).
func PathData(f Frame, g orb.Geometry) string {
	return framePath(f, f.inFrame(g))
}

// framePath writes geometry already in the frame's own lon/lat.
func framePath(f Frame, g orb.Geometry) string {
	var w pathWriter
	w.geometry(f, g)
	return w.String()
}

// SpherePath returns the outline of the whole projected sphere, the map's
// edge, as path data: draw it filled for the ocean and stroked for the edge.
// It is the same in every frame: the seam is the edge.
func SpherePath(f Frame) string {
	return framePath(f, Sphere())
}

// Sphere returns the outline of the whole world as a lon/lat ring: the ±180
// meridians sampled every degree, joined by the pole lines.
func Sphere() orb.Ring {
	r := make(orb.Ring, 0, 2*181+1)
	for lat := -90; lat <= 90; lat++ {
		r = append(r, orb.Point{-180, float64(lat)})
	}
	for lat := 90; lat >= -90; lat-- {
		r = append(r, orb.Point{180, float64(lat)})
	}
	return append(r, r[0])
}

// Graticule returns meridians and parallels every stepDeg degrees, counted
// from lon -180 and lat -90 (a step outside 1°–90° falls back to 15°), as
// lon/lat lines. Meridians are sampled every degree, since they are curves
// in Equal Earth; parallels are straight lines, sampled every 90° so that
// PathData takes none of their edges the short way round. The ±180 meridians
// and the poles are left to the sphere outline; GraticulePath draws the grid
// of any frame, the true antimeridian included.
func Graticule(stepDeg float64) orb.MultiLineString {
	mls := frameGraticule(Frame{}, stepDeg)
	for i, ls := range mls {
		if len(ls) == 2 { // a parallel; meridians have 181 points
			lat := ls[0][1]
			mls[i] = orb.LineString{{-180, lat}, {-90, lat}, {0, lat}, {90, lat}, {180, lat}}
		}
	}
	return mls
}

// GraticulePath returns the path data of the graticule in the frame: as
// Graticule, with the meridians at the same true longitudes wherever the
// frame is centred, and the true antimeridian drawn when it is not the seam.
func GraticulePath(f Frame, stepDeg float64) string {
	return framePath(f, frameGraticule(f, stepDeg))
}

// ArcPath returns the path data of the great-circle arc between two lon/lat
// points, split where it crosses the frame's seam (see Arc), and in one
// piece when it does not.
func ArcPath(f Frame, from, to orb.Point) string {
	return framePath(f, frameArc(f, from, to))
}

// pathWriter writes rounded, relative path data. Coordinates are kept as
// integers in units of PathPrecision so relative steps are exact.
type pathWriter struct {
	b      []byte
	x, y   int64 // current point, in tenths
	inLine bool  // the last command written was "l"
}

func (w *pathWriter) String() string { return string(w.b) }

// reset empties the writer, keeping its memory.
func (w *pathWriter) reset() { *w = pathWriter{b: w.b[:0]} }

func (w *pathWriter) geometry(f Frame, g orb.Geometry) {
	switch g := g.(type) {
	case orb.LineString:
		w.line(f, g, false)
	case orb.MultiLineString:
		for _, ls := range g {
			w.line(f, ls, false)
		}
	case orb.Ring:
		w.line(f, orb.LineString(g), true)
	case orb.Polygon:
		for _, r := range g {
			w.line(f, orb.LineString(r), true)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				w.line(f, orb.LineString(r), true)
			}
		}
	case orb.Collection:
		for _, c := range g {
			w.geometry(f, c)
		}
	case orb.Bound:
		w.line(f, orb.LineString(g.ToRing()), true)
	}
}

func round10(v float64) int64 {
	return int64(math.Round(v / PathPrecision))
}

func (w *pathWriter) line(f Frame, ls orb.LineString, closed bool) {
	if closed && len(ls) > 1 && ls[0] == ls[len(ls)-1] {
		ls = ls[:len(ls)-1]
	}
	if len(ls) == 0 {
		return
	}
	n := 0
	for _, p := range ls {
		q := f.projectRotated(p)
		if math.IsNaN(q[0]) || math.IsNaN(q[1]) || math.IsInf(q[0], 0) || math.IsInf(q[1], 0) {
			continue
		}
		x, y := round10(q[0]), round10(q[1])
		if n == 0 {
			w.writeByte('M')
			w.num(x)
			w.writeByte(',')
			w.num(y)
			w.inLine = false
		} else {
			dx, dy := x-w.x, y-w.y
			if dx == 0 && dy == 0 {
				continue
			}
			if w.inLine {
				if dx >= 0 {
					w.writeByte(' ')
				}
			} else {
				w.writeByte('l')
				w.inLine = true
			}
			w.num(dx)
			if dy >= 0 {
				w.writeByte(',')
			}
			w.num(dy)
		}
		w.x, w.y = x, y
		n++
	}
	if n > 0 && closed {
		w.writeByte('z')
		w.inLine = false
	}
}

func (w *pathWriter) writeByte(c byte) { w.b = append(w.b, c) }

// num writes v/10 with at most one decimal and no redundant zeros.
func (w *pathWriter) num(v int64) {
	if v < 0 {
		w.writeByte('-')
		v = -v
	}
	ip, fp := v/10, v%10
	if ip != 0 || fp == 0 {
		w.b = strconv.AppendInt(w.b, ip, 10)
	}
	if fp != 0 {
		w.writeByte('.')
		w.writeByte(byte('0' + fp))
	}
}

// formatFloat writes a number for an SVG attribute with at most two decimals.
func formatFloat(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}
