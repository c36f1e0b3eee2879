package geo_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func TestPathData(t *testing.T) {
	// A frame with scale 100 and the origin at (500, 250): easy numbers.
	f := geo.Frame{Width: 1000, Height: 500, Scale: 100, CX: 500, CY: 250}
	for _, tc := range []struct {
		name string
		g    orb.Geometry
		want string
	}{
		{"empty", orb.LineString{}, ""},
		{"point draws nothing", orb.Point{1, 2}, ""},
		{"equator segment", orb.LineString{{0, 0}, {10, 0}, {20, 0}}, "M500,250l15,0 15.1,0"},
		{"repeated points are dropped", orb.LineString{{0, 0}, {0, 0}, {10, 0}}, "M500,250l15,0"},
		{"ring closes with z", orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 0}}, "M500,250l15,0-.1-20.2z"},
		{"two lines", orb.MultiLineString{{{0, 0}, {0, 10}}, {{-10, 0}, {-10, -10}}}, "M500,250l0-20.2M485,250l.1,20.2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := geo.PathData(f, tc.g); got != tc.want {
				t.Errorf("PathData = %q, want %q", got, tc.want)
			}
		})
	}
}

var numberRE = regexp.MustCompile(`-?\d*\.?\d+`)

// Every number in path data has at most one decimal, and the relative steps
// add up to the rounded absolute positions (no drift).
func TestPathDataPrecision(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	for name, d := range map[string]string{
		"sphere":    geo.SpherePath(f),
		"graticule": geo.GraticulePath(f, 15),
		"tokyo":     geo.ArcPath(f, washington, tokyo),
		"night":     geo.NightPath(f, mustTime(t, "2017-01-28T14:05:00Z")),
	} {
		t.Run(name, func(t *testing.T) {
			if d == "" || d[0] != 'M' {
				t.Fatalf("path %q does not start with M", d)
			}
			for _, n := range numberRE.FindAllString(d, -1) {
				if i := strings.IndexByte(n, '.'); i >= 0 && len(n)-i-1 > 1 {
					t.Fatalf("number %q has more than one decimal", n)
				}
			}
		})
	}
	// The last point of the Tokyo arc, added up, is Tokyo.
	d := geo.ArcPath(f, washington, tokyo)
	if strings.Count(d, "M") != 2 {
		t.Fatalf("Tokyo arc has %d pieces, want 2: %s", strings.Count(d, "M"), d)
	}
	last := d[strings.LastIndex(d, "M")+1:]
	var x, y float64
	fmt.Sscanf(last, "%g,%g", &x, &y)
	nums := numberRE.FindAllString(last[strings.IndexByte(last, 'l')+1:], -1)
	for i := 0; i+1 < len(nums); i += 2 {
		var dx, dy float64
		fmt.Sscan(nums[i], &dx)
		fmt.Sscan(nums[i+1], &dy)
		x += dx
		y += dy
	}
	want := f.Project(tokyo)
	if !near(x, want[0], 0.051) || !near(y, want[1], 0.051) {
		t.Errorf("path ends at %.2f,%.2f, Tokyo is at %.2f,%.2f", x, y, want[0], want[1])
	}
}

// checkGolden compares got with testdata/name.svg, rewriting it under
// -update. On a mismatch it writes testdata/name.actual.svg, which a browser
// opens, and reports its path.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".svg")
	actual := filepath.Join("testdata", name+".actual.svg")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(actual)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (go test ./geo/... -update creates it): %v", err)
	}
	if !bytes.Equal(got, want) {
		if err := os.WriteFile(actual, got, 0o644); err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(actual)
		t.Fatalf("%s differs from the golden file: open %s in a browser; go test ./geo/... -update accepts it", path, abs)
	}
	os.Remove(actual)
}

// Golden maps of the edge cases, without the basemap: arcs across the
// antimeridian, over the poles, antipodal and identical; night at the
// solstices and an equinox.
func TestGoldenEdgeCases(t *testing.T) {
	f := geo.FitWidth(1000, 10)
	svg := func(body string) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" width="%g" height="%g">`+"\n", f.ViewBox(), f.Width, f.Height)
		fmt.Fprintf(&b, `<path d="%s" fill="#eef4f8"/>`+"\n", geo.SpherePath(f))
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#c6dbe8" stroke-width=".6"/>`+"\n", geo.GraticulePath(f, 15))
		b.WriteString(body)
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#8fb0c4"/>`+"\n</svg>\n", geo.SpherePath(f))
		return b.Bytes()
	}
	arcs := func(pairs ...[2]orb.Point) string {
		var b strings.Builder
		for _, p := range pairs {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#c0392b" stroke-width="2"/>`+"\n", geo.ArcPath(f, p[0], p[1]))
		}
		return b.String()
	}
	night := func(at string) string {
		return fmt.Sprintf(`<path d="%s" fill="#0b1d3a" fill-opacity=".3"/>`+"\n", geo.NightPath(f, mustTime(t, at)))
	}
	for _, tc := range []struct {
		name string
		body string
	}{
		{"arcs_antimeridian", arcs(
			[2]orb.Point{washington, tokyo}, [2]orb.Point{washington, canberra},
			[2]orb.Point{{179.5, -16}, {-179.5, -17}}, [2]orb.Point{{-150, 60}, {150, 50}})},
		{"arcs_poles_antipodes", arcs(
			[2]orb.Point{{0, 80}, {180, 80}}, [2]orb.Point{{0, 90}, {100, 0}},
			[2]orb.Point{{10, 20}, {-170, -20}}, [2]orb.Point{{30, 90}, {0, -90}},
			[2]orb.Point{tokyo, tokyo})},
		{"night_june_solstice", night("2024-06-20T20:51:00Z")},
		{"night_december_solstice", night("2024-12-21T09:21:00Z")},
		{"night_equinox", night("2024-03-20T03:06:00Z")},
		{"night_first_call", night("2017-01-28T14:05:00Z")},
	} {
		t.Run(tc.name, func(t *testing.T) { checkGolden(t, tc.name, svg(tc.body)) })
	}
}
