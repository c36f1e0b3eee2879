package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// A jump of more than 180° of longitude between consecutive vertices means
// the edge crosses the antimeridian: the shorter way round is across ±180.
// An edge along a pole line (both ends on the same pole) is the pole itself
// and crosses nothing: geometry already cut and closed along a pole line
// (Night, Sphere, cut land) is left as it is when cut again.
func crossesAntimeridian(p, q orb.Point) bool {
	return math.Abs(q[0]-p[0]) > 180 && !(p[1] == q[1] && math.Abs(p[1]) == 90)
}

// antimeridianCrossing returns the latitude where the edge p→q crosses ±180,
// interpolated linearly in longitude and latitude, and the edge p is on.
func antimeridianCrossing(p, q orb.Point) (lat, edge float64) {
	edge = 180
	ql := q[0] + 360
	if p[0] < 0 {
		edge = -180
		ql = q[0] - 360
	}
	if ql == p[0] {
		return p[1], edge
	}
	t := (edge - p[0]) / (ql - p[0])
	return p[1] + t*(q[1]-p[1]), edge
}

// CutLineAtAntimeridian returns a lon/lat line as pieces that do not cross
// ±180: each crossing edge is cut at the crossing, so a piece ends on one
// map edge and the next starts on the other at the same latitude. The
// crossing is interpolated linearly, which is exact enough for the short
// edges of map data (Arc computes its crossings on the great circle).
func CutLineAtAntimeridian(ls orb.LineString) orb.MultiLineString {
	return cutLine(ls, antimeridianCrossing)
}

// cutLine cuts a line wherever an edge crosses ±180, finding the crossing
// latitude and the side p is on with crossing; it is shared by map data
// (linear crossings) and great-circle arcs (crossings on the circle).
func cutLine(ls orb.LineString, crossing func(p, q orb.Point) (lat, edge float64)) orb.MultiLineString {
	if len(ls) == 0 {
		return nil
	}
	var out orb.MultiLineString
	cur := orb.LineString{ls[0]}
	for i := 1; i < len(ls); i++ {
		p, q := ls[i-1], ls[i]
		if crossesAntimeridian(p, q) {
			lat, edge := crossing(p, q)
			cur = appendDistinct(cur, orb.Point{edge, lat})
			if len(cur) > 1 {
				out = append(out, cur)
			}
			cur = orb.LineString{{-edge, lat}}
		}
		cur = appendDistinct(cur, q)
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// CutPolygonAtAntimeridian returns a lon/lat polygon as polygons that do not
// cross ±180, so that projecting vertex by vertex draws them right (data
// made for spherical renderers, such as world-atlas, keeps Fiji and Chukotka
// whole across the antimeridian).
//
// The outer ring is cut into pieces where it crosses, and the pieces are
// joined into rings along the map's edge (the ±180 meridians and the pole
// lines), the way polygon clipping joins them: each piece goes on to the next
// piece's start along the edge, in the direction that keeps the polygon's
// inside on the same side. A ring that crosses an even number of times is
// closed along the ±180 meridians, however many pieces lie on one side (the
// coast of Africa and Spain, cut at Greenwich, crosses six times). A ring
// that crosses an odd number of times encircles a pole (Antarctica): it is
// closed along the pole line of the pole its vertices lie nearer on average.
// Holes that do not cross are kept in the piece that contains them; holes
// that cross are dropped.
func CutPolygonAtAntimeridian(p orb.Polygon) orb.MultiPolygon {
	if len(p) == 0 {
		return nil
	}
	outers := cutRing(p[0])
	if outers == nil {
		return orb.MultiPolygon{p}
	}
	mp := make(orb.MultiPolygon, len(outers))
	for i, r := range outers {
		mp[i] = orb.Polygon{r}
	}
	for _, h := range p[1:] {
		if cutRing(h) != nil || len(h) == 0 {
			continue
		}
		for i := range mp {
			if planar.RingContains(mp[i][0], h[0]) {
				mp[i] = append(mp[i], h)
				break
			}
		}
	}
	return mp
}

// cutRing returns the rings a ring is cut into at the antimeridian, or nil if
// it does not cross.
func cutRing(r orb.Ring) []orb.Ring {
	var cuts []int // index i: the edge r[i-1] → r[i] crosses
	for i := 1; i < len(r); i++ {
		if crossesAntimeridian(r[i-1], r[i]) {
			cuts = append(cuts, i)
		}
	}
	if len(cuts) == 0 {
		return nil
	}
	// Walk the ring once from the first crossing: one piece per crossing,
	// each from the map edge to the map edge.
	n := len(r) - 1 // r is closed: r[n] == r[0]
	var pieces []orb.LineString
	var cur orb.LineString
	start := cuts[0]
	for k := 0; k <= n; k++ {
		i := (start+k-1)%n + 1 // edge r[i-1] → r[i], i in 1..n
		p, q := r[i-1], r[i]
		if crossesAntimeridian(p, q) {
			lat, edge := antimeridianCrossing(p, q)
			if cur != nil {
				pieces = append(pieces, appendDistinct(cur, orb.Point{edge, lat}))
			}
			cur = orb.LineString{{-edge, lat}}
		}
		if k < n {
			cur = appendDistinct(cur, q)
		}
	}
	return joinAlongEdge(pieces, insideOnLeft(r, len(cuts)%2 == 1))
}

// insideOnLeft reports whether the ring has its inside on its left in the
// lon/lat plane (counterclockwise, north up). Its longitudes are unwrapped
// across ±180 so that it is one plane curve. A ring round a pole (an odd
// number of crossings) does not close that way: its inside is the side
// towards the pole its vertices lie nearer on average, which is on its left
// when it runs east round the north pole or west round the south pole.
func insideOnLeft(r orb.Ring, roundPole bool) bool {
	var net, area, sumLat float64
	x := r[0][0]
	for i := 1; i < len(r); i++ {
		d := r[i][0] - r[i-1][0]
		switch {
		case d > 180:
			d -= 360
		case d < -180:
			d += 360
		}
		area += (x + x + d) / 2 * (r[i][1] - r[i-1][1])
		x += d
		net += d
		sumLat += r[i][1]
	}
	if !roundPole {
		return area > 0
	}
	north := sumLat > 0
	return (net > 0) == north
}

// edgePos is where a point on the map's edge lies along it, going round
// counterclockwise from the south-east corner: up the east edge (0–180),
// west along the north pole line (180–540), down the west edge (540–720)
// and east along the south pole line (720–1080). Pieces start and end on
// the east or west edge.
func edgePos(p orb.Point) float64 {
	if p[0] > 0 {
		return p[1] + 90
	}
	return 630 - p[1]
}

const edgeLength = 1080

// edgeCorners are the map's corners and their edgePos.
var edgeCorners = [...]struct {
	pos float64
	p   orb.Point
}{{0, orb.Point{180, -90}}, {180, orb.Point{180, 90}}, {540, orb.Point{-180, 90}}, {720, orb.Point{-180, -90}}}

// joinAlongEdge joins pieces that start and end on the map's edge into
// closed rings: after each piece, along the edge to the nearest piece start
// ahead, counterclockwise when the inside is on the pieces' left, clockwise
// otherwise.
func joinAlongEdge(pieces []orb.LineString, ccw bool) []orb.Ring {
	used := make([]bool, len(pieces))
	var out []orb.Ring
	for first := range pieces {
		if used[first] {
			continue
		}
		used[first] = true
		ring := append(orb.Ring(nil), pieces[first]...)
		for j := first; ; {
			end := edgePos(pieces[j][len(pieces[j])-1])
			next, best := first, aheadOf(end, edgePos(pieces[first][0]), ccw)
			for k := range pieces {
				if d := aheadOf(end, edgePos(pieces[k][0]), ccw); !used[k] && d < best {
					next, best = k, d
				}
			}
			ring = appendAlongEdge(ring, pieces[next][0], best, ccw)
			if next == first {
				break
			}
			used[next] = true
			for _, p := range pieces[next] {
				ring = appendDistinct(ring, p)
			}
			j = next
		}
		ring = dedupe(ring)
		if ring[len(ring)-1] != ring[0] {
			ring = append(ring, ring[0])
		}
		if len(ring) >= 4 {
			out = append(out, ring)
		}
	}
	return out
}

// aheadOf is how far along the edge the position to lies ahead of from, in
// the direction of travel.
func aheadOf(from, to float64, ccw bool) float64 {
	d := to - from
	if !ccw {
		d = -d
	}
	return math.Mod(d+edgeLength, edgeLength)
}

// appendAlongEdge continues a ring, which ends on the map's edge, along the
// edge to the point to, dist ahead in the direction of travel: round the
// corners in between, down the ±180 meridians sampled every degree (they are
// curves in Equal Earth) and straight along the pole lines.
func appendAlongEdge(r orb.Ring, to orb.Point, dist float64, ccw bool) orb.Ring {
	at := r[len(r)-1]
	for {
		next, step := to, dist
		for _, c := range edgeCorners {
			if d := aheadOf(edgePos(at), c.pos, ccw); d > 0 && d < step {
				next, step = c.p, d
			}
		}
		if next[0] == at[0] {
			r = appendMeridian(r, next[0], at[1], next[1])
		} else {
			r = appendDistinct(r, next)
		}
		if next == to {
			return r
		}
		at, dist = next, dist-step
	}
}
