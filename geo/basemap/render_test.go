package basemap_test

import (
	"bytes"
	"compress/gzip"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fivecalls/geo"
	"fivecalls/geo/basemap"

	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// The default story: calls from Washington on 28 January 2017.
var (
	washington = orb.Point{-77.0369, 38.9072}
	tokyo      = orb.Point{139.6503, 35.6762}
	berlin     = orb.Point{13.405, 52.52}
	moscow     = orb.Point{37.6173, 55.7558}
	paris      = orb.Point{2.3522, 48.8566}
	canberra   = orb.Point{149.13, -35.2809}
	firstCall  = time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC)
)

func defaultSpec(displayWidth float64) basemap.MapSpec {
	place := func(id, label, short string, p orb.Point) basemap.Place {
		return basemap.Place{ID: id, Label: label, Short: short, Lon: p[0], Lat: p[1]}
	}
	return basemap.MapSpec{
		Title:        "Five calls from Washington, 28 January 2017",
		Width:        1000,
		DisplayWidth: displayWidth,
		Places: []basemap.Place{
			place("washington", "Washington", "US", washington),
			place("tokyo", "Tokyo", "JP", tokyo),
			place("berlin", "Berlin", "DE", berlin),
			place("moscow", "Moscow", "RU", moscow),
			place("paris", "Paris", "FR", paris),
			place("canberra", "Canberra", "AU", canberra),
		},
		Arcs: []basemap.Arc{
			{ID: "tokyo", From: washington, To: tokyo},
			{ID: "berlin", From: washington, To: berlin},
			{ID: "moscow", From: washington, To: moscow},
			{ID: "paris", From: washington, To: paris},
			{ID: "canberra", From: washington, To: canberra},
		},
		Night: firstCall,
	}
}

// checkGolden compares got with testdata/name, rewriting it under -update.
// On a mismatch it writes testdata/<name>.actual.svg, which a browser opens.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test ./geo/... -update to create it): %v", err)
	}
	actual := filepath.Join("testdata", name+".actual.svg")
	if !bytes.Equal(got, want) {
		if err := os.WriteFile(actual, got, 0o644); err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(actual)
		t.Fatalf("%s differs from the golden file; open %s to see the new map, rerun with -update to accept it", path, abs)
	}
	os.Remove(actual)
}

func TestRenderSVGGolden(t *testing.T) {
	for _, tc := range []struct {
		name         string
		displayWidth float64
		lon0         float64
	}{
		{"default_story_1280", 1280, 0},
		{"default_story_320", 320, 0},
		// Centred on 90°W, as geo.CentralMeridian chooses for the story:
		// every arc whole, the seam through Asia at 90°E.
		{"default_story_1280_centred", 1280, -90},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := defaultSpec(tc.displayWidth)
			spec.CentralMeridian = tc.lon0
			checkGolden(t, tc.name, basemap.RenderSVG(spec))
		})
	}
}

func layerBytes() (raw, gz int) { return layerBytesIn(geo.FitWidth(1000, 10)) }

func layerBytesIn(f geo.Frame) (raw, gz int) {
	land, borders := basemap.Layers(f)
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(land))
	w.Write([]byte(borders))
	w.Close()
	return len(land) + len(borders), b.Len()
}

func TestLayersWithinBudget(t *testing.T) {
	// At Greenwich, and centred on 90°W as the default story is: the seam
	// adds the vertices along it.
	for _, lon0 := range []float64{0, -90} {
		raw, gz := layerBytesIn(geo.FitWidth(1000, 10).WithCentralMeridian(lon0))
		t.Logf("λ0 %v: land+borders path data: %d bytes raw, %d bytes gzip", lon0, raw, gz)
		if raw > 60_000 || gz > 25_000 {
			t.Errorf("λ0 %v: land+borders path data is %d bytes raw, %d gzip; budget 60000 raw, 25000 gzip", lon0, raw, gz)
		}
	}
}

// TestRenderSVGMarksTheCurrentCall: with Current set, the arcs are drawn
// as the widget draws them: calls made solid in PastArc, the current one
// last, thicker, in Arc, calls to come dashed; the current call's two ends
// are ringed. An unknown Current changes nothing.
func TestRenderSVGMarksTheCurrentCall(t *testing.T) {
	spec := defaultSpec(1280)
	spec.Colors = basemap.Colors{Arc: "#b3261e", PastArc: "#7d8896"}
	plain := basemap.RenderSVG(spec)
	spec.Current = "berlin"
	svg := string(basemap.RenderSVG(spec))

	arc := regexp.MustCompile(`<path class="arc" data-id="([a-z]+)"[^>]* stroke="(#[0-9a-f]+)"[^>]*/>`)
	var order []string
	for _, m := range arc.FindAllStringSubmatch(svg, -1) {
		order = append(order, m[1])
		id, stroke, dashed := m[1], m[2], strings.Contains(m[0], "stroke-dasharray")
		switch id {
		case "tokyo":
			if stroke != "#7d8896" || dashed {
				t.Errorf("past arc %s: stroke %s, dashed %v", id, stroke, dashed)
			}
		case "berlin":
			if stroke != "#b3261e" || dashed {
				t.Errorf("current arc: stroke %s, dashed %v", stroke, dashed)
			}
		default:
			if stroke != "#7d8896" || !dashed {
				t.Errorf("arc to come %s: stroke %s, dashed %v", id, stroke, dashed)
			}
		}
	}
	if len(order) != 5 || order[4] != "berlin" {
		t.Errorf("arcs drawn in the order %v, want 5 with berlin last", order)
	}
	ring := regexp.MustCompile(`<circle [^>]*fill="none"`)
	if n := len(ring.FindAllString(svg, -1)); n != 2 {
		t.Errorf("%d rings, want 2 (Washington and Berlin)", n)
	}

	spec.Current = "nowhere"
	if got := basemap.RenderSVG(spec); !bytes.Equal(got, plain) {
		t.Error("an unknown Current changed the map")
	}

	// The origin is ringed in every state, as in the widget.
	spec.Current, spec.Origin = "", "washington"
	if n := len(ring.FindAllString(string(basemap.RenderSVG(spec)), -1)); n != 1 {
		t.Errorf("%d rings with only the origin marked, want 1", n)
	}
}

// TestFocusFramesARegion: a map asked to frame a region (a ferry from
// Helsinki to Tallinn) comes closer than the sphere, up to 4 times, with
// every focus point inside it and room for a label around each; a focus
// that spans the world, or none, leaves the whole sphere.
func TestFocusFramesARegion(t *testing.T) {
	helsinki, tallinn := orb.Point{24.9384, 60.1699}, orb.Point{24.7536, 59.4370}
	base := basemap.MapSpec{Width: 1200, Height: 480, DisplayWidth: 540}
	sphere := base.Frame()

	spec := base
	spec.Focus = []orb.Point{helsinki, tallinn}
	f := spec.Frame()
	if k := f.Scale / sphere.Scale; k < 1.15 || k > 4.0001 {
		t.Fatalf("the ferry's map is zoomed %.2f times, want 1.15 to 4", k)
	}
	fs := spec.FontSize()
	for _, p := range spec.Focus {
		q := f.Project(p)
		if q[0] < 6*fs || q[0] > f.Width-6*fs || q[1] < 2.5*fs || q[1] > f.Height-2.5*fs {
			t.Errorf("%v is drawn at %v, without room for its label in %.0f×%.0f", p, q, f.Width, f.Height)
		}
	}
	if f.Width != sphere.Width || f.Height != sphere.Height {
		t.Errorf("the focus changed the map's size: %v×%v, want %v×%v", f.Width, f.Height, sphere.Width, sphere.Height)
	}

	world := base
	world.Focus = []orb.Point{{-170, 60}, {170, -60}} // Alaska's coast to the Southern Ocean
	if got := world.Frame(); got != sphere {
		t.Errorf("a focus across the world zooms the map: %+v, want %+v", got, sphere)
	}

	// The card draws the region: the picture changes.
	plain, err := basemap.RenderPNG(basemap.MapSpec{Arcs: []basemap.Arc{{ID: "ferry", From: helsinki, To: tallinn}}}, basemap.CardText{Title: "A ferry"})
	if err != nil {
		t.Fatal(err)
	}
	focused, err := basemap.RenderPNG(basemap.MapSpec{Arcs: []basemap.Arc{{ID: "ferry", From: helsinki, To: tallinn}}, Focus: spec.Focus}, basemap.CardText{Title: "A ferry"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(plain, focused) {
		t.Error("the card with a focus is the card of the whole sphere")
	}
}
