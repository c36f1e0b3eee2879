package basemap

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

// The default story's places, calls and times (app/story/default.json).
var (
	cardPlaces = []Place{
		{ID: "washington", Label: "Washington", Lon: -77.0369, Lat: 38.9072},
		{ID: "tokyo", Label: "Tokyo", Lon: 139.6503, Lat: 35.6762},
		{ID: "berlin", Label: "Berlin", Lon: 13.405, Lat: 52.52},
		{ID: "moscow", Label: "Moscow", Lon: 37.6173, Lat: 55.7758},
		{ID: "paris", Label: "Paris", Lon: 2.3522, Lat: 48.8566},
		{ID: "canberra", Label: "Canberra", Lon: 149.13, Lat: -35.2809},
	}
	cardStarts = map[string]time.Time{
		"tokyo":    time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC),
		"berlin":   time.Date(2017, 1, 28, 16, 0, 0, 0, time.UTC),
		"moscow":   time.Date(2017, 1, 28, 17, 0, 0, 0, time.UTC),
		"paris":    time.Date(2017, 1, 28, 19, 0, 0, 0, time.UTC),
		"canberra": time.Date(2017, 1, 28, 22, 5, 0, 0, time.UTC),
	}
	// The widget's light theme (web/app.css), as the server passes it.
	cardColors = Colors{
		Ocean: "#e8f0f7", Land: "#d9dccf", Border: "#ffffff", Graticule: "#c9d6e3", Edge: "#d0d4da",
		Night: "#0a1a33", Arc: "#b3261e", PastArc: "#7d8896", Marker: "#1a1a1a", Text: "#1a1a1a", Halo: "#ffffff",
	}
	cardTitle = CardText{
		Title:   "Five calls, one Saturday: Trump's day on the phone with world leaders",
		Caption: "Call 2 of 5: Angela Merkel, Chancellor of Germany, about 11:00 a.m. EST",
	}
)

func placePoint(id string) orb.Point {
	for _, p := range cardPlaces {
		if p.ID == id {
			return orb.Point{p.Lon, p.Lat}
		}
	}
	panic("no place " + id)
}

// cardSpec is the default story's card at a width, showing the call to
// current (a place id) with the night at its start.
func cardSpec(width int, current string) MapSpec {
	var arcs []Arc
	for _, id := range []string{"tokyo", "berlin", "moscow", "paris", "canberra"} {
		arcs = append(arcs, Arc{ID: id, From: placePoint("washington"), To: placePoint(id)})
	}
	return MapSpec{
		Width: float64(width), Height: math.Round(float64(width) * 630 / 1200), DisplayWidth: 540,
		Places: cardPlaces, Arcs: arcs, Current: current, Night: cardStarts[current], Colors: cardColors,
	}
}

func mustDrawCard(t testing.TB, s MapSpec, text CardText) (*image.RGBA, *cardLayout) {
	t.Helper()
	img, lay, err := drawCard(s, text)
	if err != nil {
		t.Fatal(err)
	}
	return img, lay
}

func TestRenderPNGIsACard(t *testing.T) {
	for _, tc := range []struct{ width, wantW, wantH int }{{0, 1200, 630}, {1200, 1200, 630}, {600, 600, 315}, {300, 300, 158}} {
		s := cardSpec(tc.width, "berlin")
		if tc.width == 0 {
			s.Width, s.Height = 0, 0
		}
		b, err := RenderPNG(s, cardTitle)
		if err != nil {
			t.Fatalf("width %d: %v", tc.width, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("width %d: not a PNG: %v", tc.width, err)
		}
		if got := img.Bounds().Size(); got != image.Pt(tc.wantW, tc.wantH) {
			t.Errorf("width %d: image %v, want %d×%d", tc.width, got, tc.wantW, tc.wantH)
		}
		again, _ := RenderPNG(s, cardTitle)
		if !bytes.Equal(b, again) {
			t.Errorf("width %d: two renders differ", tc.width)
		}
	}
}

// near reports whether two colours are within tol in every channel.
func near(c color.Color, want color.NRGBA, tol int) bool {
	r, g, b, _ := c.RGBA()
	d := func(v uint32, w uint8) bool { return math.Abs(float64(v>>8)-float64(w)) <= float64(tol) }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

// arcSamples returns points along an arc in image pixels, about every two
// pixels, skipping those where a label, a marker or its ring is drawn over
// it.
func arcSamples(lay *cardLayout, from, to orb.Point) []pt {
	var out []pt
	for _, ls := range geo.ProjectedArc(lay.frame, from, to) {
		line := lay.placeLine(ls)
		for i := 1; i < len(line); i++ {
			a, b := line[i-1], line[i]
			n := int(math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y))/2) + 1
			for k := range n {
				p := lerpPt(a, b, float64(k)/float64(n))
				covered := false
				for _, r := range lay.labelRects {
					if image.Pt(int(p.X), int(p.Y)).In(r.Inset(-6)) {
						covered = true
					}
				}
				for _, l := range lay.labels {
					if math.Hypot(float64(p.X)-l.MX, float64(p.Y)-l.MY-lay.mapTop) < 10*lay.u {
						covered = true
					}
				}
				if !covered {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// TestCardMarksTheCurrentArc samples the image along each projected arc:
// the current call's is in the arc colour, the others are not.
func TestCardMarksTheCurrentArc(t *testing.T) {
	arcCol, _ := parseColor(cardColors.Arc)
	pastCol, _ := parseColor(cardColors.PastArc)
	for _, tc := range []struct {
		current string
		lon0    float64
	}{{"tokyo", 0}, {"berlin", 0}, {"canberra", 0}, {"tokyo", -90}, {"canberra", -90}} {
		current := tc.current
		t.Run(fmt.Sprintf("%s λ0 %v", current, tc.lon0), func(t *testing.T) {
			spec := cardSpec(1200, current)
			spec.CentralMeridian = tc.lon0
			img, lay := mustDrawCard(t, spec, cardTitle)
			for _, id := range []string{"tokyo", "berlin", "canberra"} {
				samples := arcSamples(lay, placePoint("washington"), placePoint(id))
				if len(samples) < 40 {
					t.Fatalf("%s: only %d samples along the arc", id, len(samples))
				}
				red, grey := 0, 0
				for _, p := range samples {
					c := img.At(int(p.X), int(p.Y))
					if near(c, arcCol, 40) {
						red++
					}
					if near(c, pastCol, 40) {
						grey++
					}
				}
				switch {
				case id == current && red < len(samples)*9/10:
					t.Errorf("current arc to %s: %d of %d samples in the arc colour", id, red, len(samples))
				case id != current && red > 0:
					t.Errorf("arc to %s is not current but %d of %d samples are in the arc colour", id, red, len(samples))
				case id == "tokyo" && current != "tokyo" && grey < len(samples)*9/10:
					// The first call is made before any other: drawn solid in the past colour.
					t.Errorf("past arc to tokyo: %d of %d samples in the past colour", grey, len(samples))
				}
			}
		})
	}
}

// TestCardShadesTheNight compares the card with and without the night:
// the antisolar point of the call's start is darker, the subsolar point is
// unchanged.
func TestCardShadesTheNight(t *testing.T) {
	for _, lon0 := range []float64{0, -90, 150} {
		t.Run(fmt.Sprint("λ0 ", lon0), func(t *testing.T) { checkCardNight(t, lon0) })
	}
}

func checkCardNight(t *testing.T, lon0 float64) {
	s := cardSpec(1200, "berlin")
	s.CentralMeridian = lon0
	img, lay := mustDrawCard(t, s, CardText{})
	s.Night = time.Time{}
	plain, _ := mustDrawCard(t, s, CardText{})
	sun := geo.Subsolar(cardStarts["berlin"])
	anti := orb.Point{sun[0] + 180, -sun[1]}
	if anti[0] > 180 {
		anti[0] -= 360
	}
	day, night := lay.project(sun), lay.project(anti)
	if a, b := img.RGBAAt(int(day.X), int(day.Y)), plain.RGBAAt(int(day.X), int(day.Y)); a != b {
		t.Errorf("subsolar point %v is %v, %v without the night", sun, a, b)
	}
	a, b := img.RGBAAt(int(night.X), int(night.Y)), plain.RGBAAt(int(night.X), int(night.Y))
	if int(a.R)+int(a.G)+int(a.B) > int(b.R)+int(b.G)+int(b.B)-60 {
		t.Errorf("antisolar point %v is %v, %v without the night: not shaded", anti, a, b)
	}
}

// TestCardLabelsDoNotOverlap measures the glyphs actually drawn: every
// place is named, no two names touch, and none reaches the title or leaves
// the image.
func TestCardLabelsDoNotOverlap(t *testing.T) {
	for _, width := range []int{1200, 600, 300} {
		_, lay := mustDrawCard(t, cardSpec(width, "paris"), cardTitle)
		bounds := image.Rect(0, int(lay.mapTop), width, int(math.Round(float64(width)*630/1200)))
		for i, l := range lay.labels {
			if l.Text != cardPlaces[i].Label {
				t.Errorf("width %d: %s labelled %q, want %q", width, l.ID, l.Text, cardPlaces[i].Label)
			}
			r := lay.labelRects[i]
			if r.Empty() || !r.In(bounds) {
				t.Errorf("width %d: %s's label covers %v, outside the map's %v", width, l.ID, r, bounds)
			}
			for j := i + 1; j < len(lay.labels); j++ {
				if r.Overlaps(lay.labelRects[j]) {
					t.Errorf("width %d: labels %s %v and %s %v overlap", width, l.ID, r, lay.labels[j].ID, lay.labelRects[j])
				}
			}
		}
	}
}

// TestCardLabelsKeepOffTheRings measures the glyphs drawn against the
// rings round the call's two places: no name touches a ring, the ringed
// place's own included (Berlin's and Washington's did, at call 2, before
// the labels were placed with the rings' size). Break it: place the labels
// without geo.Marker.Ring.
func TestCardLabelsKeepOffTheRings(t *testing.T) {
	for _, current := range []string{"tokyo", "berlin", "moscow", "paris", "canberra"} {
		for _, width := range []int{1200, 600, 300} {
			s := cardSpec(width, current)
			_, lay := mustDrawCard(t, s, cardTitle)
			marked := markedPlaces(s)
			ring := geo.MarkerRadius(lay.labelSize)*0.8*ringRadius + ringWidth*lay.u/2
			for i, l := range lay.labels {
				if !marked[i] {
					continue
				}
				cx, cy := l.MX, l.MY+lay.mapTop
				for j, r := range lay.labelRects {
					if r.Empty() {
						continue
					}
					dx := math.Max(0, math.Max(float64(r.Min.X)-cx, cx-float64(r.Max.X)))
					dy := math.Max(0, math.Max(float64(r.Min.Y)-cy, cy-float64(r.Max.Y)))
					if d := math.Hypot(dx, dy); d < ring {
						t.Errorf("call to %s, width %d: %s's name comes %.1f px from the centre of %s's ring (radius %.1f)", current, width, lay.labels[j].ID, d, l.ID, ring)
					}
				}
			}
		}
	}
}

// TestCardLabelsKeepOffTheSides: a card that frames a region, here the
// North Pacific between Tokyo and Washington, has land at both sides, and
// its places near them; each label keeps the card's label margin from the
// image's sides rather than running to the edge, at every width.
func TestCardLabelsKeepOffTheSides(t *testing.T) {
	for _, width := range []int{1200, 600, 300} {
		s := cardSpec(width, "")
		tokyo := cardPlaces[1]
		tokyo.Label = "1, 2 Tokyo" // as a story of two calls to Tokyo labels it
		s.Places = []Place{cardPlaces[0], tokyo}
		s.Arcs = []Arc{{ID: "tokyo", From: placePoint("washington"), To: placePoint("tokyo")}}
		for _, ls := range geo.Arc(placePoint("washington"), placePoint("tokyo")) {
			s.Focus = append(s.Focus, ls...)
		}
		lon0, ok := geo.CentralMeridian([][2]orb.Point{{placePoint("washington"), placePoint("tokyo")}}, []orb.Point{placePoint("washington"), placePoint("tokyo")})
		if !ok {
			t.Fatal("no central meridian keeps the arc whole")
		}
		s.CentralMeridian = lon0
		_, lay := mustDrawCard(t, s, CardText{Title: "Two calls", Caption: "2 calls from Washington"})
		margin := int(math.Floor(cardLabelMargin * lay.u))
		for i, l := range lay.labels {
			r := lay.labelRects[i]
			if l.Text == "" || r.Empty() {
				t.Errorf("width %d: %s has no label", width, l.ID)
				continue
			}
			if r.Min.X < margin || r.Max.X > width-margin {
				t.Errorf("width %d: %s's label covers x %d–%d, within %d px of a side", width, l.ID, r.Min.X, r.Max.X, margin)
			}
		}
	}
}

// TestCardTextStaysOnTheHalo: a map framing a region (a relay from
// Honolulu to Auckland) covers more than the card's map area; the card cuts
// it at the text, so the title is set on the plain halo colour, not over
// coastlines: the row between the text and the map is that colour.
func TestCardTextStaysOnTheHalo(t *testing.T) {
	honolulu, auckland := orb.Point{-157.86, 21.31}, orb.Point{174.76, -36.85}
	pal, err := parsePalette(cardColors)
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{1200, 600} {
		s := cardSpec(width, "")
		s.Places = []Place{
			{ID: "honolulu", Label: "Honolulu", Lon: honolulu[0], Lat: honolulu[1]},
			{ID: "auckland", Label: "1 Auckland", Lon: auckland[0], Lat: auckland[1]},
		}
		s.Arcs = []Arc{{ID: "auckland", From: honolulu, To: auckland}}
		s.Night = time.Time{}
		for _, ls := range geo.Arc(honolulu, auckland) {
			s.Focus = append(s.Focus, ls...)
		}
		lon0, ok := geo.CentralMeridian([][2]orb.Point{{honolulu, auckland}}, []orb.Point{honolulu, auckland})
		if !ok {
			t.Fatal("no central meridian keeps the arc whole")
		}
		s.CentralMeridian = lon0
		text := CardText{Title: "A lantern relayed across the Pacific", Caption: "6 legs from Honolulu"}
		// A place on no leg, north of Honolulu, where the region's frame
		// puts it above the map, in the text's part of the card.
		_, lay := mustDrawCard(t, s, text)
		var north orb.Point
		for lat := honolulu[1]; lat < 85; lat += 0.5 {
			if q := lay.project(orb.Point{honolulu[0], lat}); q.Y > 5 && q.Y < float32(lay.mapTop)-5 {
				north = orb.Point{honolulu[0], lat}
				break
			}
		}
		if north == (orb.Point{}) {
			t.Fatalf("width %d: no point north of Honolulu falls above the map: the test shows nothing", width)
		}
		s.Places = append(s.Places, Place{ID: "north", Label: "North", Lon: north[0], Lat: north[1]})
		img, lay := mustDrawCard(t, s, text)
		if top := lay.frame.Project(orb.Point{-160, 60}); top[1] >= 0 {
			t.Fatalf("width %d: the frame does not reach above the map area (y %.0f): the test shows nothing", width, top[1])
		}
		y := int(lay.mapTop) - 1
		for x := 0; x < width; x++ {
			if got := img.At(x, y); !near(got, pal.halo, 0) {
				t.Fatalf("width %d: pixel (%d, %d) above the map is %v, not the halo colour", width, x, y, got)
			}
		}
		if a := lay.project(north); !near(img.At(int(a.X), int(a.Y)), pal.halo, 0) {
			t.Errorf("width %d: the dot of a place off the map is drawn over the text's part of the card, at (%.0f, %.0f)", width, a.X, a.Y)
		}
	}
}

// TestCrowdedCardLabelsDoNotOverlap: with Western Europe's capitals side
// by side, some labels fall back to their short form or are left out, and
// none of those drawn touch.
func TestCrowdedCardLabelsDoNotOverlap(t *testing.T) {
	capitals := []Place{
		{ID: "paris", Label: "Paris", Short: "FR", Lon: 2.35, Lat: 48.86},
		{ID: "brussels", Label: "Brussels", Short: "BE", Lon: 4.35, Lat: 50.85},
		{ID: "amsterdam", Label: "Amsterdam", Short: "NL", Lon: 4.90, Lat: 52.37},
		{ID: "luxembourg", Label: "Luxembourg", Short: "LU", Lon: 6.13, Lat: 49.61},
		{ID: "berlin", Label: "Berlin", Short: "DE", Lon: 13.40, Lat: 52.52},
		{ID: "bern", Label: "Bern", Short: "CH", Lon: 7.45, Lat: 46.95},
		{ID: "london", Label: "London", Short: "GB", Lon: -0.13, Lat: 51.51},
		{ID: "copenhagen", Label: "Copenhagen", Short: "DK", Lon: 12.57, Lat: 55.68},
		{ID: "vienna", Label: "Vienna", Short: "AT", Lon: 16.37, Lat: 48.21},
		{ID: "prague", Label: "Prague", Short: "CZ", Lon: 14.42, Lat: 50.08},
	}
	_, lay := mustDrawCard(t, MapSpec{Width: 1200, Height: 630, DisplayWidth: 540, Places: capitals, Colors: cardColors}, cardTitle)
	drawn := 0
	for i, l := range lay.labels {
		if l.Text == "" {
			continue
		}
		drawn++
		for j := i + 1; j < len(lay.labels); j++ {
			if lay.labels[j].Text != "" && lay.labelRects[i].Overlaps(lay.labelRects[j]) {
				t.Errorf("labels %q %v and %q %v overlap", l.Text, lay.labelRects[i], lay.labels[j].Text, lay.labelRects[j])
			}
		}
	}
	if drawn < len(capitals)/2 {
		t.Errorf("only %d of %d capitals named", drawn, len(capitals))
	}
}

func TestWrapInTwoLines(t *testing.T) {
	if err := loadCardFonts(); err != nil {
		t.Fatal(err)
	}
	face := newFace(cardFonts.bold, 36)
	long := cardTitle.Title
	for _, tc := range []struct {
		name  string
		text  string
		width float64
		lines int
		cut   bool // the last line ends in an ellipsis
	}{
		{"fits on one line", "Five calls", 1100, 1, false},
		{"two balanced lines", long, 1100, 2, false},
		{"too long for two", strings.Repeat(long+" ", 3), 1100, 2, true},
		{"one long word", strings.Repeat("x", 200), 500, 1, true},
		{"empty", "  ", 1100, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := wrapInTwoLines(face, tc.text, tc.width)
			if len(lines) != tc.lines {
				t.Fatalf("%d lines %q, want %d", len(lines), lines, tc.lines)
			}
			for _, l := range lines {
				if w := advance(face, l); w > tc.width {
					t.Errorf("line %q is %.0f px wide, over %.0f", l, w, tc.width)
				}
			}
			if n := len(lines); n > 0 && strings.HasSuffix(lines[n-1], "…") != tc.cut {
				t.Errorf("lines %q: cut = %v, want %v", lines, !tc.cut, tc.cut)
			}
		})
	}
	// Balanced: the two lines of the long title differ by less than a third.
	lines := wrapInTwoLines(face, long, 1100)
	a, b := advance(face, lines[0]), advance(face, lines[1])
	if math.Abs(a-b) > math.Max(a, b)/3 {
		t.Errorf("unbalanced lines %q: %.0f and %.0f px", lines, a, b)
	}
	// The ellipsis is a glyph of the font, not a missing-glyph box.
	if _, ok := face.GlyphAdvance('…'); !ok {
		t.Error("Go Bold has no ellipsis")
	}
}

// A caption too long for one line, such as a span of dates and times over
// thirty years, takes a second line rather than losing its end, and the
// map keeps at least half the card; a caption that fits keeps one line.
func TestCardCaptionWrapsRatherThanCuts(t *testing.T) {
	long := "6 visits from Oslo, Mar 14, 1995, 7:00 a.m. GMT+1 to Jan 14, 2025, 11:00 p.m. GMT+1"
	for _, tc := range []struct {
		name    string
		title   string
		caption string
		lines   int
	}{
		{"short caption", "Six visits", "Call 2 of 5: Angela Merkel", 1},
		{"long caption, one-line title", "Six visits over thirty years", long, 2},
		{"long caption, two-line title", cardTitle.Title, long, 2},
		{"no caption", cardTitle.Title, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, width := range []int{1200, 600, 300} {
				s := cardSpec(width, "berlin")
				_, lay := mustDrawCard(t, s, CardText{Title: tc.title, Caption: tc.caption})
				if len(lay.captionLines) != tc.lines {
					t.Fatalf("width %d: caption lines %q, want %d", width, lay.captionLines, tc.lines)
				}
				if got := strings.Join(lay.captionLines, " "); got != tc.caption {
					t.Errorf("width %d: caption set as %q, want all of %q", width, got, tc.caption)
				}
				if mapHeight := s.Height - lay.mapTop - cardBottom*lay.u; mapHeight < s.Height/2 {
					t.Errorf("width %d: the map has %.0f of %.0f px", width, mapHeight, s.Height)
				}
			}
		})
	}
	// On a card too low for two title lines, two caption lines and half
	// the card for the map, the caption goes back to one line, cut.
	s := cardSpec(1200, "berlin")
	s.Height = 400
	_, lay := mustDrawCard(t, s, CardText{Title: cardTitle.Title, Caption: long})
	if len(lay.captionLines) != 1 || !strings.HasSuffix(lay.captionLines[0], "…") {
		t.Errorf("1200×400: caption lines %q, want one, cut", lay.captionLines)
	}
	if mapHeight := s.Height - lay.mapTop - cardBottom*lay.u; mapHeight < s.Height/2 {
		t.Errorf("1200×400: the map has %.0f of %.0f px", mapHeight, s.Height)
	}
}

// TestCardDrawsNoFormatCharacters: a word joiner or a soft hyphen, which
// the page's times and names may carry to guide a browser's line breaks,
// draws nothing on a card: the card is the same without them. (Drawn, the
// fonts' missing glyph boxed the Japanese "9:05\u2060（GMT−5）".)
func TestCardDrawsNoFormatCharacters(t *testing.T) {
	s := cardSpec(1200, "berlin")
	plain, _ := mustDrawCard(t, s, CardText{Title: "電話会談", Caption: "電話会談 2/5：9:05（GMT−5）", Credit: "Natural Earth"})
	marked, _ := mustDrawCard(t, s, CardText{Title: "電話\u00ad会談", Caption: "電話会談 2/5：9:05\u2060（GMT−5）", Credit: "Natural\u200b Earth"})
	if !bytes.Equal(plain.Pix, marked.Pix) {
		t.Error("the card with format characters differs from the card without")
	}
}

func TestRenderPNGRejectsBadSpecs(t *testing.T) {
	bad := cardSpec(1200, "berlin")
	bad.Colors.Land = "tan"
	for name, s := range map[string]MapSpec{
		"named colour":     bad,
		"too small":        {Width: 50, Height: 50},
		"too large":        {Width: 5000, Height: 2000},
		"no room for text": {Width: 1200, Height: 120, DisplayWidth: 100},
	} {
		if _, err := RenderPNG(s, cardTitle); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseColor(t *testing.T) {
	for in, want := range map[string]color.NRGBA{
		"#b3261e": {0xb3, 0x26, 0x1e, 0xff},
		"#fff":    {0xff, 0xff, 0xff, 0xff},
	} {
		if got, err := parseColor(in); err != nil || got != want {
			t.Errorf("parseColor(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "red", "#12345", "#gggggg", "b3261e", "#b3261e00"} {
		if _, err := parseColor(in); err == nil {
			t.Errorf("parseColor(%q): no error", in)
		}
	}
}

// TestStrokesMerge: overlapping strokes of one shape cover a pixel once, so
// a translucent line is not darker where its segments meet.
func TestStrokesMerge(t *testing.T) {
	c := newCanvas(40, 40, color.NRGBA{255, 255, 255, 255})
	c.stroke([]pt{{5, 20}, {20, 20}, {35, 20}}, 6, true)
	c.stroke([]pt{{20, 5}, {20, 35}}, 6, false)
	c.fill(color.NRGBA{0, 0, 0, 255}, 0.5)
	mid, arm := c.img.RGBAAt(20, 20), c.img.RGBAAt(10, 20)
	if mid != arm || arm.R < 120 || arm.R > 135 {
		t.Errorf("crossing %v, single stroke %v: want both half grey", mid, arm)
	}
}

// TestCardMarksTheOrigin: the origin's dot is in the arc colour when the
// spec names it, even with no current call (the overview), and in the
// marker colour otherwise.
func TestCardMarksTheOrigin(t *testing.T) {
	arcCol, _ := parseColor(cardColors.Arc)
	markerCol, _ := parseColor(cardColors.Marker)
	for _, origin := range []string{"", "washington"} {
		s := cardSpec(1200, "")
		s.Origin = origin
		img, lay := mustDrawCard(t, s, cardTitle)
		l := lay.labels[0] // washington
		c := img.At(int(l.MX), int(l.MY+lay.mapTop))
		if want := map[string]color.NRGBA{"": markerCol, "washington": arcCol}[origin]; !near(c, want, 8) {
			t.Errorf("origin %q: Washington's dot is %v, want %v", origin, c, want)
		}
	}
}

// TestCardLandCentralMeridian: in a card centred on 90°W the land is where
// the globe has it, Chukotka on both sides of the old antimeridian included,
// and the ocean is ocean.
func TestCardLandCentralMeridian(t *testing.T) {
	landCol, _ := parseColor(cardColors.Land)
	oceanCol, _ := parseColor(cardColors.Ocean)
	for _, lon0 := range []float64{0, -90} {
		s := cardSpec(1200, "berlin")
		s.CentralMeridian, s.Night = lon0, time.Time{}
		img, lay := mustDrawCard(t, s, CardText{})
		for _, tc := range []struct {
			name string
			p    orb.Point
			want color.NRGBA
		}{
			{"Chukotka east of the antimeridian", orb.Point{-176, 67.5}, landCol},
			{"Chukotka west of the antimeridian", orb.Point{172, 67}, landCol},
			{"the Sahara", orb.Point{10, 23}, landCol},
			{"Antarctica", orb.Point{lon0 + 45, -85}, landCol},
			{"the Pacific", orb.Point{-140, 5}, oceanCol},
			{"the Atlantic", orb.Point{-35, 25}, oceanCol},
		} {
			q := lay.project(tc.p)
			if c := img.At(int(q.X), int(q.Y)); !near(c, tc.want, 12) {
				t.Errorf("λ0 %v: %s at %v is %v, want %v", lon0, tc.name, q, c, tc.want)
			}
		}
	}
}
