package basemap

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"fivecalls/geo"

	"github.com/paulmach/orb"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// CardText is the text RenderPNG sets above the map.
type CardText struct {
	// Title is set in bold on one line, or two of similar length; what
	// does not fit ends in an ellipsis.
	Title string
	// Caption is set under the title in the arc colour, e.g. the call the
	// card shows, on one line or two as the title is, but on one cut line
	// where two would leave the map less than half the card; optional.
	Caption string
	// Credit credits the map's data in the card's language; empty: Credit.
	Credit string
}

// Card sizes: the usual 1.91:1 link-preview image, and the limits RenderPNG
// accepts (each side in pixels).
const (
	CardWidth, CardHeight = 1200, 630
	cardMinSide           = 100
	cardMaxSide           = 4096
)

// Sizes in CSS pixels at the spec's display width (see cardLayout.u),
// chosen to read like the widget's map: its stroke widths (web/app.css and
// web/state.css), its 12 px labels, and a title a little larger than its
// headline so that it survives a card shown 400 px wide.
const (
	cardTitleSize   = 16 // title, bold
	cardCaptionSize = 13 // caption, medium
	cardCreditSize  = 6  // data credit
	cardPad         = 16 // left and right margin of the text
	cardTop         = 13 // above the title
	cardGap         = 5  // between the text and the map
	cardBottom      = 3  // below the map
	cardLabelMargin = 8  // between a place's label and the card's sides

	thinWidth    = 0.5 // graticule and borders
	edgeWidth    = 1   // the sphere's outline
	arcWidth     = 2   // calls made
	allArcsWidth = 2.5 // every arc, when none is current (the overview)
	currentWidth = 3.5 // the call shown
	toComeWidth  = 1.5 // calls still to come, dashed
	ringWidth    = 2   // the ring round the ends of the call shown
	markerHalo   = 0.75
	labelHalo    = 1.5 // half of the widget's 3 px text stroke
	leaderWidth  = 1

	nightOpacity  = 0.28 // as RenderSVG and the widget's --night-opacity
	toComeOpacity = 0.7
	ringOpacity   = 0.6
	creditOpacity = 0.7
)

// RenderPNG draws the map as a link-preview card, a PNG of the spec's Width
// × Height pixels (0 × 0: CardWidth × CardHeight): the title and caption at
// the top on the halo colour, then the map in the rest, in the frame
// MapSpec.Frame gives for that space, with the layers RenderSVG draws
// (sphere, graticule, land, borders, the night, the arcs with the current
// one marked, the places with labels placed without overlap) and the data
// credit. Sizes follow DisplayWidth as in RenderSVG: the card is drawn as
// the widget would look at that width, scaled to the image.
//
// Text is set in the Go fonts (golang.org/x/image/font/gofont, BSD
// licence), embedded: no font is read from the system, so every server
// draws the same pixels. They cover Latin, Greek and Cyrillic scripts;
// other characters show as empty boxes.
//
// MapSpec.Title is not drawn: a PNG has no accessible name, so describe
// the image where it is linked (og:image:alt, an img's alt).
//
// It returns an error for colours that are not #rgb or #rrggbb, for a size
// outside 100–4096 pixels a side, and for text that leaves the map less
// than 40% of the height.
func RenderPNG(s MapSpec, text CardText) ([]byte, error) {
	img, _, err := drawCard(s, text)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	// The image is opaque, so the encoder writes RGB without alpha.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return b.Bytes(), nil
}

// cardLayout is where drawCard put things, for tests.
type cardLayout struct {
	u            float64   // image pixels per CSS pixel at the display width
	frame        geo.Frame // the map's frame; add mapTop to its y
	mapTop       float64
	titleLines   []string
	captionLines []string
	labelSize    float64
	labels       []geo.Label       // in the frame's coordinates
	labelRects   []image.Rectangle // the pixels each label's glyphs cover, in the image
}

// project maps lon/lat to image pixels.
func (l *cardLayout) project(p orb.Point) pt {
	q := l.frame.Project(p)
	return pt{float32(q[0]), float32(q[1] + l.mapTop)}
}

// cardPalette is Colors parsed.
type cardPalette struct {
	ocean, land, border, graticule, edge, night, arc, pastArc, marker, text, halo color.NRGBA
}

func parsePalette(c Colors) (cardPalette, error) {
	c = c.withDefaults()
	var p cardPalette
	for _, f := range []struct {
		dst *color.NRGBA
		src string
	}{
		{&p.ocean, c.Ocean}, {&p.land, c.Land}, {&p.border, c.Border}, {&p.graticule, c.Graticule},
		{&p.edge, c.Edge}, {&p.night, c.Night}, {&p.arc, c.Arc}, {&p.pastArc, c.PastArc},
		{&p.marker, c.Marker}, {&p.text, c.Text}, {&p.halo, c.Halo},
	} {
		col, err := parseColor(f.src)
		if err != nil {
			return cardPalette{}, err
		}
		*f.dst = col
	}
	return p, nil
}

// cardFonts are the parsed Go fonts; a font.Face made from them is not
// safe for concurrent use, so each render makes its own.
var cardFonts struct {
	once                 sync.Once
	bold, medium, normal *opentype.Font
	// mplusBold and mplusRegular set the letters the Go fonts lack.
	mplusBold, mplusRegular *opentype.Font
	err                     error
}

func loadCardFonts() error {
	cardFonts.once.Do(func() {
		for _, f := range []struct {
			dst **opentype.Font
			ttf []byte
		}{
			{&cardFonts.bold, gobold.TTF}, {&cardFonts.medium, gomedium.TTF}, {&cardFonts.normal, goregular.TTF},
			{&cardFonts.mplusBold, mplusBold}, {&cardFonts.mplusRegular, mplusRegular},
		} {
			if *f.dst, cardFonts.err = opentype.Parse(f.ttf); cardFonts.err != nil {
				return
			}
		}
	})
	return cardFonts.err
}

// newFace is a Go font at a size, falling back to M+ 1 (bold for the bold
// Go font, regular for the others) for the letters it lacks.
func newFace(f *opentype.Font, px float64) font.Face {
	fallback := cardFonts.mplusRegular
	if f == cardFonts.bold {
		fallback = cardFonts.mplusBold
	}
	opts := &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone}
	face, _ := opentype.NewFace(f, opts) // NewFace never fails for a parsed font
	other, _ := opentype.NewFace(fallback, opts)
	return fallbackFace{face, other}
}

func drawCard(s MapSpec, text CardText) (*image.RGBA, *cardLayout, error) {
	text = CardText{Title: drawable(text.Title), Caption: drawable(text.Caption), Credit: drawable(text.Credit)}
	w, h := int(s.Width), int(s.Height)
	if w == 0 && h == 0 {
		w, h = CardWidth, CardHeight
	}
	if w < cardMinSide || h < cardMinSide || w > cardMaxSide || h > cardMaxSide {
		return nil, nil, fmt.Errorf("card size %v×%v is outside %d–%d pixels a side", s.Width, s.Height, cardMinSide, cardMaxSide)
	}
	pal, err := parsePalette(s.Colors)
	if err != nil {
		return nil, nil, err
	}
	if err := loadCardFonts(); err != nil {
		return nil, nil, fmt.Errorf("load fonts: %w", err)
	}
	lay := &cardLayout{u: 1}
	if s.DisplayWidth > 0 {
		lay.u = float64(w) / s.DisplayWidth
	}
	u := lay.u
	titleFace := newFace(cardFonts.bold, cardTitleSize*u)
	captionFace := newFace(cardFonts.medium, cardCaptionSize*u)
	creditFace := newFace(cardFonts.normal, cardCreditSize*u)

	// The text block.
	textWidth := float64(w) - 2*cardPad*u
	y := cardTop * u
	var baselines []float64
	lay.titleLines = wrapInTwoLines(titleFace, text.Title, textWidth)
	for range lay.titleLines {
		y += cardTitleSize * u
		baselines = append(baselines, y)
		y += 0.2 * cardTitleSize * u
	}
	// The caption takes two lines where one would cut it (a span of dates
	// and times over years, say), unless the map would then have less
	// than half the card: a caption cut short loses less than the map.
	titleBottom := y
	var captionBaselines []float64
	for _, lines := range [][]string{
		wrapInTwoLines(captionFace, text.Caption, textWidth),
		oneLine(captionFace, text.Caption, textWidth),
	} {
		y, captionBaselines = titleBottom, nil
		for range lines {
			y += cardCaptionSize * u * 1.15
			captionBaselines = append(captionBaselines, y)
		}
		if len(lines) > 0 {
			y += 0.25 * cardCaptionSize * u
		}
		if len(lay.titleLines) > 0 || len(lines) > 0 {
			y += cardGap * u
		}
		lay.captionLines = lines
		if float64(h)-math.Round(y)-cardBottom*u >= 0.5*float64(h) {
			break
		}
	}
	lay.mapTop = math.Round(y)

	// The map, in the frame the spec gives for the space left.
	sub := s
	sub.Width = float64(w)
	sub.Height = float64(h) - lay.mapTop - cardBottom*u
	if sub.Height < 0.4*float64(h) {
		return nil, nil, fmt.Errorf("card %d×%d leaves no room for the map under its text", w, h)
	}
	lay.frame = sub.Frame()
	lay.labelSize = sub.FontSize()
	labelFace := newFace(cardFonts.bold, lay.labelSize)

	c := newCanvas(w, h, pal.halo)
	drawMapLayers(c, s, lay, pal)

	// Places: the labels are placed with the Go Bold advances, the widest
	// per character of any label, so that no glyph leaves its box (a wide
	// character, Chinese or Japanese, is boxed a full em by
	// geo.PlaceLabels, so only the others count here). Labels keep a margin
	// from the card's sides, where a map that fills the card's width (a
	// region's, say) would otherwise set a name against the image's edge,
	// and clear of the credit's line at the bottom.
	markers := make([]geo.Marker, len(s.Places))
	charWidth := 0.0
	marked := markedPlaces(s)
	ring := geo.MarkerRadius(lay.labelSize)*0.8*ringRadius + ringWidth*lay.u/2 // drawPlaces's, stroke and all
	for i, p := range s.Places {
		markers[i] = geo.Marker{ID: p.ID, Text: p.Label, Short: p.Short, Point: orb.Point{p.Lon, p.Lat}}
		if marked[i] {
			markers[i].Ring = ring
		}
		for _, t := range []string{p.Label, p.Short} {
			narrow := strings.Map(func(r rune) rune {
				if geo.Wide(r) {
					return -1
				}
				return r
			}, t)
			if n := utf8.RuneCountInString(narrow); n > 0 {
				charWidth = math.Max(charWidth, advance(labelFace, narrow)/float64(n))
			}
		}
	}
	margin, creditLine := cardLabelMargin*u, 1.5*cardCreditSize*u
	area := geo.Box{X: margin, W: lay.frame.Width - 2*margin, H: lay.frame.Height - creditLine}
	lay.labels = geo.PlaceLabelsWithin(lay.frame, area, markers, lay.labelSize, charWidth, labelLines(s))
	drawPlaces(c, s, lay, pal, labelFace)
	// A map framing a region fills more than its part of the card, and a
	// place off the region may be drawn above it: cut both at the text,
	// which stays on the halo colour.
	draw.Draw(c.img, image.Rect(0, 0, w, int(lay.mapTop)), image.NewUniform(pal.halo), image.Point{}, draw.Src)

	// The text, over the halo colour.
	for i, line := range lay.titleLines {
		drawText(c.img, titleFace, line, cardPad*u, baselines[i], pal.text, 1)
	}
	for i, line := range lay.captionLines {
		drawText(c.img, captionFace, line, cardPad*u, captionBaselines[i], pal.arc, 1)
	}
	creditText := text.Credit
	if creditText == "" {
		creditText = Credit
	}
	credit := fitText(creditFace, creditText, float64(w)/2)
	drawText(c.img, creditFace, credit, float64(w)-float64(w)/200-advance(creditFace, credit), float64(h)-float64(w)/200, pal.text, creditOpacity)
	return c.img, lay, nil
}

// drawMapLayers draws everything under the places: sphere, graticule, land,
// borders, night, edge and arcs, each as geo builds it for the frame, so
// that a map with another central meridian than Greenwich is cut at its own
// seam only.
func drawMapLayers(c *canvas, s MapSpec, lay *cardLayout, pal cardPalette) {
	u := float32(lay.u)
	f := lay.frame
	sphere := lay.placeLine(orb.LineString(geo.ProjectedSphere(f)))
	c.polygon(sphere)
	c.fill(pal.ocean, 1)
	for _, ls := range geo.ProjectedGraticule(f, graticuleStepDeg) {
		c.stroke(lay.placeLine(ls), thinWidth*u, false)
	}
	c.fill(pal.graticule, 1)
	load()
	land, _ := geo.ProjectGeometry(f, wholeLand).(orb.MultiPolygon)
	for _, p := range land {
		for _, r := range p {
			c.polygon(lay.placeLine(orb.LineString(r)))
		}
	}
	c.fill(pal.land, 1)
	borders, _ := geo.ProjectGeometry(f, wholeBorders).(orb.MultiLineString)
	for _, ls := range borders {
		c.stroke(lay.placeLine(ls), thinWidth*u, false)
	}
	c.fill(pal.border, 1)
	if !s.Night.IsZero() {
		for _, r := range geo.ProjectedNight(f, s.Night) {
			c.polygon(lay.placeLine(orb.LineString(r)))
		}
		c.fill(pal.night, nightOpacity)
	}
	c.stroke(sphere, edgeWidth*u, false) // the sphere's outline is closed
	c.fill(pal.edge, 1)

	roles := arcRoles(s)
	for _, i := range arcOrder(roles) {
		a := s.Arcs[i]
		arc := geo.ProjectedArc(f, a.From, a.To)
		for _, ls := range arc {
			line := lay.placeLine(ls)
			switch roles[i] {
			case arcToCome:
				// The widget's dashes: 1% of the arc's length on, 2% off.
				l := arcLength(arc, lay)
				c.dashed(line, toComeWidth*u, 0.01*l, 0.02*l)
			case arcCurrent:
				c.stroke(line, currentWidth*u, true)
			case arcPlain:
				c.stroke(line, allArcsWidth*u, true)
			default:
				c.stroke(line, arcWidth*u, true)
			}
		}
		switch roles[i] {
		case arcToCome:
			c.fill(pal.pastArc, toComeOpacity)
		case arcPast:
			c.fill(pal.pastArc, 1)
		default:
			c.fill(pal.arc, 1)
		}
	}
}

// arcLength is the length of an arc's projected pieces in image pixels.
func arcLength(mls orb.MultiLineString, lay *cardLayout) float32 {
	var l float64
	for _, ls := range mls {
		line := lay.placeLine(ls)
		for i := 1; i < len(line); i++ {
			l += math.Hypot(float64(line[i].X-line[i-1].X), float64(line[i].Y-line[i-1].Y))
		}
	}
	return float32(l)
}

// drawPlaces draws the rings round the current call's ends, the leader
// lines, the markers and the labels (every halo first, then every text, so
// no halo covers a neighbour's letters).
func drawPlaces(c *canvas, s MapSpec, lay *cardLayout, pal cardPalette, face font.Face) {
	u := float32(lay.u)
	r := float32(geo.MarkerRadius(lay.labelSize) * 0.8)
	marked := markedPlaces(s)
	for i, l := range lay.labels {
		if marked[i] {
			c.ring(float32(l.MX), float32(l.MY+lay.mapTop), r*ringRadius-ringWidth*u/2, r*ringRadius+ringWidth*u/2)
		}
	}
	c.fill(pal.arc, ringOpacity)
	for _, l := range lay.labels {
		if l.Leader && l.Text != "" {
			c.stroke([]pt{{float32(l.MX), float32(l.MY + lay.mapTop)}, {float32(l.LX), float32(l.LY + lay.mapTop)}}, leaderWidth*u, false)
		}
	}
	c.fill(pal.marker, 1)
	for _, l := range lay.labels {
		c.disc(float32(l.MX), float32(l.MY+lay.mapTop), r+markerHalo*u)
	}
	c.fill(pal.halo, 1)
	for _, want := range []bool{false, true} {
		for i, l := range lay.labels {
			if marked[i] == want {
				c.disc(float32(l.MX), float32(l.MY+lay.mapTop), r)
			}
		}
		if want {
			c.fill(pal.arc, 1)
		} else {
			c.fill(pal.marker, 1)
		}
	}

	masks := make([]*image.Alpha, len(lay.labels))
	lay.labelRects = make([]image.Rectangle, len(lay.labels))
	halo := labelHalo * lay.u
	for i, l := range lay.labels {
		if l.Text == "" {
			continue
		}
		x := l.X
		switch l.Anchor {
		case "end":
			x -= advance(face, l.Text)
		case "middle":
			x -= advance(face, l.Text) / 2
		}
		masks[i] = textMask(face, l.Text, x, l.Y+lay.mapTop, int(math.Ceil(halo))+1)
		lay.labelRects[i] = inkRect(masks[i])
	}
	for _, m := range masks {
		if m != nil {
			draw.DrawMask(c.img, m.Rect, image.NewUniform(pal.halo), image.Point{}, dilate(m, halo), m.Rect.Min, draw.Over)
		}
	}
	for _, m := range masks {
		if m != nil {
			draw.DrawMask(c.img, m.Rect, image.NewUniform(pal.text), image.Point{}, m, m.Rect.Min, draw.Over)
		}
	}
}

// placeLine places a line already projected into the frame (viewBox units)
// in the image, below the title.
func (l *cardLayout) placeLine(ls orb.LineString) []pt {
	out := make([]pt, 0, len(ls))
	for _, q := range ls {
		p := pt{float32(q[0]), float32(q[1] + l.mapTop)}
		if !math.IsNaN(float64(p.X)) && !math.IsNaN(float64(p.Y)) {
			out = append(out, p)
		}
	}
	return out
}

// drawable is s without its invisible format characters (a word joiner,
// a soft hyphen), which tell a browser where a line may break: a card sets
// its own lines, and its fonts have no glyph for them.
func drawable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// advance is the width of s set in face, in pixels.
func advance(face font.Face, s string) float64 {
	return fixedToFloat(font.MeasureString(face, s))
}

func fixedToFloat(v fixed.Int26_6) float64 { return float64(v) / 64 }

// wrapInTwoLines sets s on one line if it fits in width, else on two lines
// broken between words where the longer line is shortest (two lines of
// similar length, not one word left alone); Chinese or Japanese text
// breaks between any two letters too, where no break between words fits.
// If no break fits, the second line ends in an ellipsis.
func wrapInTwoLines(face font.Face, s string, width float64) []string {
	words, sep := strings.Fields(s), " "
	if len(words) == 0 {
		return nil
	}
	one := strings.Join(words, sep)
	if advance(face, one) <= width {
		return []string{one}
	}
	best := balancedBreak(face, words, sep, width)
	if best == 0 && strings.IndexFunc(one, geo.Wide) >= 0 {
		words, sep = letters(one), ""
		best = balancedBreak(face, words, sep, width)
	}
	if len(words) == 1 {
		return []string{fitText(face, one, width)}
	}
	if best == 0 {
		// No break gives two lines that fit: fill the first, cut the second.
		best = 1
		for best < len(words)-1 && advance(face, strings.Join(words[:best+1], sep)) <= width {
			best++
		}
	}
	return []string{
		fitText(face, strings.TrimSpace(strings.Join(words[:best], sep)), width),
		fitText(face, strings.TrimSpace(strings.Join(words[best:], sep)), width),
	}
}

// letters splits s where a line may break in Chinese or Japanese: around
// each wide letter and each space, but not inside a run of other letters
// ("JST", "2/5").
func letters(s string) []string {
	var out []string
	run := -1 // start of the current run of other letters
	for i, r := range s {
		if geo.Wide(r) || r == ' ' {
			if run >= 0 {
				out = append(out, s[run:i])
				run = -1
			}
			out = append(out, string(r))
		} else if run < 0 {
			run = i
		}
	}
	if run >= 0 {
		out = append(out, s[run:])
	}
	return out
}

// balancedBreak returns where to break words (joined by sep) into two
// lines that each fit in width, the longer as short as it can be; 0 when
// no break fits.
func balancedBreak(face font.Face, words []string, sep string, width float64) int {
	best, bestWidth := 0, math.Inf(1)
	for i := 1; i < len(words); i++ {
		w1 := advance(face, strings.TrimSpace(strings.Join(words[:i], sep)))
		w2 := advance(face, strings.TrimSpace(strings.Join(words[i:], sep)))
		if w1 <= width && w2 <= width && math.Max(w1, w2) < bestWidth {
			best, bestWidth = i, math.Max(w1, w2)
		}
	}
	return best
}

// oneLine is s on one line, cut with an ellipsis where it does not fit;
// no line for an empty s.
func oneLine(face font.Face, s string, width float64) []string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return nil
	}
	return []string{fitText(face, s, width)}
}

// fitText returns s, or as much of it as fits in width followed by "…".
func fitText(face font.Face, s string, width float64) string {
	if advance(face, s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := strings.TrimRight(string(r), " ,;:") + "…"
		if advance(face, t) <= width {
			return t
		}
	}
	return ""
}

// drawText sets s with its baseline starting at x, y.
func drawText(dst *image.RGBA, face font.Face, s string, x, y float64, col color.NRGBA, opacity float64) {
	if s == "" {
		return
	}
	m := textMask(face, s, x, y, 1)
	col.A = uint8(math.Round(float64(col.A) * opacity))
	draw.DrawMask(dst, m.Rect, image.NewUniform(col), image.Point{}, m, m.Rect.Min, draw.Over)
}

// textMask returns the coverage of s set at x, y (the baseline's start), in
// a mask whose bounds are the text's box in image coordinates plus margin
// pixels on every side.
func textMask(face font.Face, s string, x, y float64, margin int) *image.Alpha {
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	b, _ := font.BoundString(face, s)
	b = b.Add(dot)
	rect := image.Rect(b.Min.X.Floor()-margin, b.Min.Y.Floor()-margin, b.Max.X.Ceil()+margin, b.Max.Y.Ceil()+margin)
	m := image.NewAlpha(rect)
	d := font.Drawer{Dst: m, Src: image.Opaque, Face: face, Dot: dot}
	d.DrawString(s)
	return m
}

// inkRect is the smallest rectangle holding every covered pixel of m.
func inkRect(m *image.Alpha) image.Rectangle {
	var r image.Rectangle
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			if m.AlphaAt(x, y).A > 0 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

// dilate spreads a mask by radius r pixels, with an antialiased edge: the
// halo of a text, like an SVG stroke painted under its fill.
func dilate(m *image.Alpha, r float64) *image.Alpha {
	type offset struct {
		dx, dy int
		w      float64
	}
	var offs []offset
	n := int(math.Ceil(r))
	for dy := -n; dy <= n; dy++ {
		for dx := -n; dx <= n; dx++ {
			if w := math.Min(1, r+0.5-math.Hypot(float64(dx), float64(dy))); w > 0 {
				offs = append(offs, offset{dx, dy, w})
			}
		}
	}
	out := image.NewAlpha(m.Rect)
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			best := 0.0
			for _, o := range offs {
				p := image.Point{x + o.dx, y + o.dy}
				if !p.In(m.Rect) {
					continue
				}
				if v := float64(m.AlphaAt(p.X, p.Y).A) * o.w; v > best {
					best = v
				}
			}
			out.SetAlpha(x, y, color.Alpha{A: uint8(math.Round(best))})
		}
	}
	return out
}
