package basemap

import (
	"testing"

	"fivecalls/geo/basemap/internal/build"

	"github.com/paulmach/orb"
)

// A hand-made topology: two 10° squares A and B sharing the edge at lon 10,
// and an island C; quantized with a 1° grid from (0, 0). Arcs (delta
// encoded): 0 is the shared edge (10,0)→(10,10); 1 is A's outer coast
// (10,10)→(0,10)→(0,0)→(10,0); 2 is B's outer coast (10,0)→(20,0)→(20,10)→
// (10,10); 3 is the island's ring.
const tinyTopology = `{
  "type": "Topology",
  "transform": {"scale": [1, 1], "translate": [0, 0]},
  "objects": {
    "countries": {"type": "GeometryCollection", "geometries": [
      {"type": "Polygon", "id": "A", "arcs": [[0, 1]]},
      {"type": "Polygon", "id": "B", "arcs": [[2, -1]]},
      {"type": "MultiPolygon", "id": "C", "arcs": [[[3]]]}
    ]},
    "land": {"type": "GeometryCollection", "geometries": [
      {"type": "MultiPolygon", "arcs": [[[1, 2]], [[3]]]}
    ]}
  },
  "arcs": [
    [[10, 0], [0, 10]],
    [[10, 10], [-10, 0], [0, -10], [10, 0]],
    [[10, 0], [10, 0], [0, 10], [-10, 0]],
    [[30, 30], [5, 0], [0, 5], [-5, 0], [0, -5]]
  ]
}`

func TestGenerateAndDecode(t *testing.T) {
	data, err := build.Generate([]byte(tinyTopology))
	if err != nil {
		t.Fatal(err)
	}
	land, borders, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	wantLand := orb.MultiPolygon{
		{{{10, 10}, {0, 10}, {0, 0}, {10, 0}, {20, 0}, {20, 10}, {10, 10}}},
		{{{30, 30}, {35, 30}, {35, 35}, {30, 35}, {30, 30}}},
	}
	if !land.Equal(wantLand) {
		t.Errorf("land = %v, want %v", land, wantLand)
	}
	// Only the edge shared by A and B is a border; coasts are not.
	wantBorders := orb.MultiLineString{{{10, 0}, {10, 10}}}
	if !borders.Equal(wantBorders) {
		t.Errorf("borders = %v, want %v", borders, wantBorders)
	}
}

func TestDecodeRejectsBadData(t *testing.T) {
	good, err := build.Generate([]byte(tinyTopology))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"bad magic": append([]byte("XXXX\x01"), good[5:]...),
		"truncated": good[:len(good)-3],
		"trailing":  append(append([]byte(nil), good...), 0),
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := decode(data); err == nil {
				t.Errorf("decode accepted %s data", name)
			}
		})
	}
}
