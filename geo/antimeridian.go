package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// A jump of more than 180° of longitude between consecutive vertices means
// the edge crosses the antimeridian: the shorter way round is across ±180.
func crossesAntimeridian(p, q orb.Point) bool { return math.Abs(q[0]-p[0]) > 180 }

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
// A ring that crosses twice (or an even number of times) is cut into pieces
// on either side, each closed along the map edge; pieces are assumed not to
// nest, which holds for Natural Earth. A ring that crosses an odd number of
// times encircles a pole (Antarctica): it is closed along the edges and the
// pole line of the pole on the side of its crossing. Holes that do not cross
// are kept in the piece that contains them; holes that cross are dropped.
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

// cutRing returns the pieces of a ring cut at the antimeridian, or nil if it
// does not cross.
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
	if len(cuts)%2 == 1 {
		return []orb.Ring{closeAroundPole(r, cuts)}
	}
	// Walk the ring from the first crossing, once round.
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
	var out []orb.Ring
	for _, pc := range pieces {
		// Close along the edge the piece starts and ends on.
		a, b := pc[0], pc[len(pc)-1]
		ring := orb.Ring(appendMeridian(pc, b[0], b[1], a[1]))
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

// closeAroundPole turns a ring that winds round a pole into one that goes
// along the map edges and the pole line instead of jumping across the map.
func closeAroundPole(r orb.Ring, cuts []int) orb.Ring {
	i := cuts[0]
	p, q := r[i-1], r[i]
	lat, edge := antimeridianCrossing(p, q)
	pole := -90.0
	if lat > 0 {
		pole = 90
	}
	out := make(orb.Ring, 0, len(r)+2*181)
	// Start just after the crossing, go once round, then down the edge,
	// along the pole line and up the other edge.
	out = append(out, orb.Point{-edge, lat})
	n := len(r) - 1
	for k := 0; k < n; k++ {
		out = appendDistinct(out, r[(i+k-1)%n+1])
	}
	out = appendDistinct(out, orb.Point{edge, lat})
	out = appendMeridian(out, edge, lat, pole)
	out = append(out, orb.Point{-edge, pole})
	out = appendMeridian(out, -edge, pole, lat)
	return dedupe(out)
}
