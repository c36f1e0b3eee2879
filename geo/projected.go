package geo

import (
	"time"

	"github.com/paulmach/orb"
)

// The Projected functions give what the Path functions draw as geometry in
// viewBox units (y down), unrounded: for renderers that do not take SVG path
// data, such as a rasterizer, which must not project lon/lat vertex by vertex
// themselves once the frame's central meridian is not Greenwich.

// ProjectGeometry returns g projected into the frame and cut at its seam, as
// PathData draws it (see PathData for what g must be). Lines come back as
// orb.MultiLineString, rings and polygons as orb.MultiPolygon, collections
// piece by piece; points, which PathData does not draw, are projected as
// they are. Non-finite vertices are dropped. g is not modified.
func ProjectGeometry(f Frame, g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Point:
		return f.Project(g)
	case orb.MultiPoint:
		out := make(orb.MultiPoint, 0, len(g))
		for _, p := range g {
			out = append(out, f.Project(p))
		}
		return out
	case orb.Collection:
		out := make(orb.Collection, 0, len(g))
		for _, c := range g {
			out = append(out, ProjectGeometry(f, c))
		}
		return out
	}
	return projectFrameGeometry(f, f.inFrame(g))
}

// ProjectedSphere returns the outline of the projected sphere, as SpherePath
// draws it.
func ProjectedSphere(f Frame) orb.Ring {
	return orb.Ring(projectLine(f, Sphere()))
}

// ProjectedGraticule returns the graticule of the frame, as GraticulePath
// draws it.
func ProjectedGraticule(f Frame, stepDeg float64) orb.MultiLineString {
	return projectLines(f, frameGraticule(f, stepDeg))
}

// ProjectedArc returns the great-circle arc between two lon/lat points, as
// ArcPath draws it: one line, or two when it crosses the frame's seam.
func ProjectedArc(f Frame, from, to orb.Point) orb.MultiLineString {
	return projectLines(f, frameArc(f, from, to))
}

// ProjectedNight returns the night at instant t, as NightPath draws it.
func ProjectedNight(f Frame, t time.Time) orb.Polygon {
	p := frameNight(f, t)
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = orb.Ring(projectLine(f, r))
	}
	return out
}

// projectFrameGeometry projects what inFrame returns: lines, polygons or a
// collection of them, in the frame's own lon/lat.
func projectFrameGeometry(f Frame, g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.MultiLineString:
		return projectLines(f, g)
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = make(orb.Polygon, len(p))
			for j, r := range p {
				out[i][j] = orb.Ring(projectLine(f, r))
			}
		}
		return out
	case orb.Collection:
		out := make(orb.Collection, len(g))
		for i, c := range g {
			out[i] = projectFrameGeometry(f, c)
		}
		return out
	}
	return g
}

func projectLines(f Frame, mls orb.MultiLineString) orb.MultiLineString {
	out := make(orb.MultiLineString, len(mls))
	for i, ls := range mls {
		out[i] = projectLine(f, ls)
	}
	return out
}

// projectLine projects points in the frame's own lon/lat, dropping
// non-finite ones.
func projectLine[S ~[]orb.Point](f Frame, ls S) orb.LineString {
	out := make(orb.LineString, 0, len(ls))
	for _, p := range ls {
		q := f.projectRotated(p)
		if finitePoint(q) {
			out = append(out, q)
		}
	}
	return out
}
