package build

import (
	"encoding/json"
	"fmt"
)

// Topology is the part of a TopoJSON file the basemap needs: quantized,
// delta-encoded arcs and the objects that reference them.
type Topology struct {
	Type      string `json:"type"`
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]int64           `json:"arcs"`
	Objects map[string]GeometrySet `json:"objects"`
	absArcs [][][2]int64           // arcs with absolute quantized positions
}

// GeometrySet is a TopoJSON GeometryCollection.
type GeometrySet struct {
	Type       string     `json:"type"`
	Geometries []Geometry `json:"geometries"`
}

// Geometry is one TopoJSON Polygon or MultiPolygon; its Arcs are decoded
// according to Type.
type Geometry struct {
	Type string          `json:"type"`
	ID   string          `json:"id"`
	Arcs json.RawMessage `json:"arcs"`
}

// Polygons returns the geometry's polygons as lists of rings of arc
// references (TopoJSON: i, or ^i for arc i reversed).
func (g Geometry) Polygons() ([][][]int, error) {
	switch g.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, fmt.Errorf("polygon %s: %w", g.ID, err)
		}
		return [][][]int{p}, nil
	case "MultiPolygon":
		var mp [][][]int
		if err := json.Unmarshal(g.Arcs, &mp); err != nil {
			return nil, fmt.Errorf("multipolygon %s: %w", g.ID, err)
		}
		return mp, nil
	case "", "null":
		return nil, nil
	}
	return nil, fmt.Errorf("geometry %s: unsupported type %q", g.ID, g.Type)
}

// Decode parses a quantized TopoJSON topology and undoes the delta encoding
// of its arcs.
func Decode(data []byte) (*Topology, error) {
	var t Topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("decode topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("decode topojson: type %q, want Topology", t.Type)
	}
	if t.Transform.Scale[0] == 0 || t.Transform.Scale[1] == 0 {
		return nil, fmt.Errorf("decode topojson: not quantized")
	}
	t.absArcs = make([][][2]int64, len(t.Arcs))
	for i, arc := range t.Arcs {
		abs := make([][2]int64, len(arc))
		var x, y int64
		for j, d := range arc {
			x += d[0]
			y += d[1]
			abs[j] = [2]int64{x, y}
		}
		t.absArcs[i] = abs
	}
	return &t, nil
}

// arcIndex returns the arc of a reference and whether it is reversed.
func arcIndex(ref int) (int, bool) {
	if ref < 0 {
		return ^ref, true
	}
	return ref, false
}
