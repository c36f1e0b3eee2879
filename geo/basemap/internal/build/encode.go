package build

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sort"

	"fivecalls/geo"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// Format of the basemap file, version 1 (all integers varints, "z" meaning
// zigzag-signed as encoding/binary's PutVarint writes them):
//
//	"FCNE" 0x01
//	scale x, scale y, translate x, translate y   float64 little endian
//	arcs:    uvarint n; each: uvarint points; points as z deltas (x, y)
//	         from the previous point (the first from 0, 0) in quantized units
//	land:    uvarint polygons; each: uvarint rings; each: uvarint refs; z refs
//	borders: uvarint lines; each: uvarint refs; z refs
//
// A ref is TopoJSON's: arc i, or ^i for arc i reversed. Position =
// quantized × scale + translate, in lon/lat degrees. Consecutive arcs of a
// ring or line share their end point, written once in each arc.
const Magic = "FCNE\x01"

// Tolerance is the Douglas-Peucker threshold, in Equal Earth units of the unit
// sphere. A 1000-unit-wide map has about 185 viewBox units per Equal Earth
// unit, so 0.002 is about 0.37 viewBox units: under half a CSS pixel at
// 1280 px wide, so coastlines look as drawn by Natural Earth, while the land
// and border path data (about 42 KB raw, 16 KB gzip) stay well within the
// widget's budget of 60 KB and 25 KB.
const Tolerance = 0.002

// Generate builds the basemap file from countries-110m.json: land is the
// topology's "land" object (world-atlas's merge of all countries), borders
// are the arcs shared by two different countries (topojson.mesh with a !==
// b). Each arc is simplified once, in projected space, so land and borders
// keep meeting exactly.
func Generate(countries110m []byte) ([]byte, error) {
	t, err := Decode(countries110m)
	if err != nil {
		return nil, err
	}
	land, ok := t.Objects["land"]
	if !ok {
		return nil, fmt.Errorf("topology has no land object")
	}
	countries, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("topology has no countries object")
	}

	arcs := t.simplifiedArcs(Tolerance)

	// Land: drop rings that simplification collapsed below a triangle.
	var polys [][][]int
	for _, g := range land.Geometries {
		mp, err := g.Polygons()
		if err != nil {
			return nil, err
		}
		for _, p := range mp {
			var rings [][]int
			for i, r := range p {
				if ringPoints(arcs, r) < 4 {
					if i == 0 {
						break
					}
					continue
				}
				rings = append(rings, r)
			}
			if len(rings) > 0 {
				polys = append(polys, rings)
			}
		}
	}

	// Borders: an arc used by two different countries.
	owners := make([][]int, len(arcs))
	for gi, g := range countries.Geometries {
		mp, err := g.Polygons()
		if err != nil {
			return nil, err
		}
		for _, p := range mp {
			for _, r := range p {
				for _, ref := range r {
					a, _ := arcIndex(ref)
					if a >= len(arcs) {
						return nil, fmt.Errorf("country %s: arc %d out of range", g.ID, a)
					}
					owners[a] = append(owners[a], gi)
				}
			}
		}
	}
	var border []int
	for a, o := range owners {
		if len(o) >= 2 && o[0] != o[1] {
			border = append(border, a)
		}
	}
	lines := stitch(arcs, border)

	// Keep only the arcs in use, renumbered in order of first use.
	renum := map[int]int{}
	var used []int
	mapRef := func(ref int) int {
		a, rev := arcIndex(ref)
		n, ok := renum[a]
		if !ok {
			n = len(used)
			renum[a] = n
			used = append(used, a)
		}
		if rev {
			return ^n
		}
		return n
	}
	for _, p := range polys {
		for _, r := range p {
			for i := range r {
				r[i] = mapRef(r[i])
			}
		}
	}
	for _, l := range lines {
		for i := range l {
			l[i] = mapRef(l[i])
		}
	}

	var b bytes.Buffer
	b.WriteString(Magic)
	for _, v := range []float64{t.Transform.Scale[0], t.Transform.Scale[1], t.Transform.Translate[0], t.Transform.Translate[1]} {
		var f [8]byte
		binary.LittleEndian.PutUint64(f[:], math.Float64bits(v))
		b.Write(f[:])
	}
	uv := func(v int) { b.Write(binary.AppendUvarint(nil, uint64(v))) }
	zv := func(v int64) { b.Write(binary.AppendVarint(nil, v)) }
	uv(len(used))
	for _, a := range used {
		arc := arcs[a]
		uv(len(arc))
		var x, y int64
		for _, p := range arc {
			zv(p[0] - x)
			zv(p[1] - y)
			x, y = p[0], p[1]
		}
	}
	uv(len(polys))
	for _, p := range polys {
		uv(len(p))
		for _, r := range p {
			uv(len(r))
			for _, ref := range r {
				zv(int64(ref))
			}
		}
	}
	uv(len(lines))
	for _, l := range lines {
		uv(len(l))
		for _, ref := range l {
			zv(int64(ref))
		}
	}
	return b.Bytes(), nil
}

// simplifiedArcs returns every arc simplified with Douglas-Peucker in Equal
// Earth space, keeping original (quantized) points. Closed arcs (islands)
// are split at their farthest point first, so they keep at least a triangle.
func (t *Topology) simplifiedArcs(tol float64) [][][2]int64 {
	out := make([][][2]int64, len(t.absArcs))
	for i, arc := range t.absArcs {
		if len(arc) > 2 && arc[0] == arc[len(arc)-1] {
			far, best := 0, -1.0
			p0 := t.project(arc[0])
			for j, q := range arc {
				pq := t.project(q)
				if d := math.Hypot(pq[0]-p0[0], pq[1]-p0[1]); d > best {
					far, best = j, d
				}
			}
			first := t.simplify(arc[:far+1], tol)
			second := t.simplify(arc[far:], tol)
			out[i] = append(first, second[1:]...)
			continue
		}
		out[i] = t.simplify(arc, tol)
	}
	return out
}

func (t *Topology) project(q [2]int64) orb.Point {
	return geo.EqualEarth(orb.Point{
		float64(q[0])*t.Transform.Scale[0] + t.Transform.Translate[0],
		float64(q[1])*t.Transform.Scale[1] + t.Transform.Translate[1],
	})
}

func (t *Topology) simplify(arc [][2]int64, tol float64) [][2]int64 {
	if len(arc) <= 2 {
		return append([][2]int64(nil), arc...)
	}
	ls := make(orb.LineString, len(arc))
	for i, q := range arc {
		ls[i] = t.project(q)
	}
	kept := simplify.DouglasPeucker(tol).LineString(ls.Clone())
	// The simplifier keeps a subsequence of the input points: walk both.
	out := make([][2]int64, 0, len(kept))
	j := 0
	for _, k := range kept {
		for ls[j] != k {
			j++
		}
		out = append(out, arc[j])
		j++
	}
	return out
}

// ringPoints returns the number of points of a ring assembled from arcs,
// counting the closing point.
func ringPoints(arcs [][][2]int64, ring []int) int {
	n := 1
	for _, ref := range ring {
		a, _ := arcIndex(ref)
		n += len(arcs[a]) - 1
	}
	return n
}

// stitch joins border arcs that meet end to end into longer lines (as
// topojson.mesh does), so the path has fewer moves and clean joins. Lines
// start at junctions of other than two arcs; closed loops start at their
// lowest arc. The result is deterministic.
func stitch(arcs [][][2]int64, border []int) [][]int {
	type end = [2]int64
	at := map[end][]int{} // endpoint -> refs leaving from it
	for _, a := range border {
		arc := arcs[a]
		at[arc[0]] = append(at[arc[0]], a)
		at[arc[len(arc)-1]] = append(at[arc[len(arc)-1]], ^a)
	}
	start := func(ref int) end {
		a, rev := arcIndex(ref)
		if rev {
			return arcs[a][len(arcs[a])-1]
		}
		return arcs[a][0]
	}
	stop := func(ref int) end {
		a, rev := arcIndex(ref)
		if rev {
			return arcs[a][0]
		}
		return arcs[a][len(arcs[a])-1]
	}
	used := map[int]bool{}
	follow := func(ref int) []int {
		line := []int{ref}
		used[arcIdx(ref)] = true
		for {
			e := stop(line[len(line)-1])
			next := at[e]
			if len(next) != 2 {
				return line
			}
			var cand int = -1 << 62
			for _, r := range next {
				if !used[arcIdx(r)] {
					cand = r
				}
			}
			if cand == -1<<62 {
				return line
			}
			used[arcIdx(cand)] = true
			line = append(line, cand)
		}
	}
	var lines [][]int
	sorted := append([]int(nil), border...)
	sort.Ints(sorted)
	// Open chains from junctions and dead ends first.
	for _, a := range sorted {
		for _, ref := range []int{a, ^a} {
			if !used[a] && len(at[start(ref)]) != 2 {
				lines = append(lines, follow(ref))
			}
		}
	}
	// Then loops.
	for _, a := range sorted {
		if !used[a] {
			lines = append(lines, follow(a))
		}
	}
	return lines
}

func arcIdx(ref int) int {
	a, _ := arcIndex(ref)
	return a
}
