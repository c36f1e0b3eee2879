package basemap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// magic starts the embedded file; the format is described in
// internal/build/encode.go, which writes it.
const magic = "FCNE\x01"

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > 1<<24 {
		r.err = errors.New("bad uvarint")
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errors.New("bad varint")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) float64() float64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.err = errors.New("short float")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// decode returns the land and borders of a basemap file.
func decode(data []byte) (orb.MultiPolygon, orb.MultiLineString, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, nil, errors.New("basemap: bad magic")
	}
	r := &reader{b: data[len(magic):]}
	sx, sy, tx, ty := r.float64(), r.float64(), r.float64(), r.float64()
	arcs := make([]orb.LineString, r.uvarint())
	for i := range arcs {
		n := r.uvarint()
		if r.err != nil {
			break
		}
		arc := make(orb.LineString, n)
		var x, y int64
		for j := range arc {
			x += r.varint()
			y += r.varint()
			arc[j] = orb.Point{float64(x)*sx + tx, float64(y)*sy + ty}
		}
		arcs[i] = arc
	}
	// join appends the points of referenced arcs, sharing end points.
	join := func(dst orb.LineString, refs []int64) orb.LineString {
		for k, ref := range refs {
			a, rev := int(ref), false
			if ref < 0 {
				a, rev = int(^ref), true
			}
			if a < 0 || a >= len(arcs) || len(arcs[a]) == 0 {
				r.err = fmt.Errorf("arc %d out of range", a)
				return dst
			}
			arc := arcs[a]
			start := 0
			if k > 0 {
				start = 1
			}
			if rev {
				for j := len(arc) - 1 - start; j >= 0; j-- {
					dst = append(dst, arc[j])
				}
			} else {
				dst = append(dst, arc[start:]...)
			}
		}
		return dst
	}
	refs := func() []int64 {
		out := make([]int64, r.uvarint())
		for i := range out {
			out[i] = r.varint()
		}
		return out
	}
	land := make(orb.MultiPolygon, r.uvarint())
	for i := range land {
		if r.err != nil {
			break
		}
		p := make(orb.Polygon, r.uvarint())
		for j := range p {
			p[j] = orb.Ring(join(nil, refs()))
		}
		land[i] = p
	}
	borders := make(orb.MultiLineString, r.uvarint())
	for i := range borders {
		if r.err != nil {
			break
		}
		borders[i] = join(nil, refs())
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("trailing bytes")
	}
	if r.err != nil {
		return nil, nil, fmt.Errorf("basemap: %w", r.err)
	}
	return land, borders, nil
}
