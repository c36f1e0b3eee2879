package basemap

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"time"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

// Place is a labelled point on a rendered map.
type Place struct {
	ID    string
	Label string  // e.g. "Tokyo"
	Short string  // used when Label does not fit, e.g. "JP"; optional
	Lon   float64 // degrees
	Lat   float64 // degrees
}

// Arc is a great-circle arc drawn between two lon/lat points.
type Arc struct {
	ID       string
	From, To orb.Point // lon/lat degrees
}

// Colors are the fills and strokes of a rendered map, as CSS colours.
// PastArc draws the arcs other than MapSpec.Current when one is set (empty:
// Arc); Halo is also the background of RenderPNG's card.
type Colors struct {
	Ocean, Land, Border, Graticule, Edge, Night, Arc, PastArc, Marker, Text, Halo string
}

// LightColors is the default, light palette: it prints well and reads well
// as a thumbnail.
var LightColors = Colors{
	Ocean:     "#dcecf5",
	Land:      "#f4f1ea",
	Border:    "#b9b3a6",
	Graticule: "#c6dbe8",
	Edge:      "#8fb0c4",
	Night:     "#0b1d3a",
	Arc:       "#c0392b",
	Marker:    "#1f2d3d",
	Text:      "#1f2d3d",
	Halo:      "#ffffff",
}

// MapSpec is plain data describing a whole map, so that callers need not share
// types with this package beyond it.
type MapSpec struct {
	Title         string  // accessible name of the image
	Width, Height float64 // viewBox; Width 0 means 1000, Height 0 fits the sphere
	Margin        float64 // viewBox units around the sphere; 0 means Width/100
	// DisplayWidth is the width in CSS pixels the map will be shown at, used
	// to size text at 12 px; 0 means Width.
	DisplayWidth float64
	Places       []Place
	Arcs         []Arc
	Night        time.Time // when non-zero, the night at that instant is shaded
	// Current is the ID of the arc of the call being shown, or "": it is
	// drawn in Arc and thicker, the arcs before it in PastArc and those
	// after it (calls still to come) dashed, as the widget marks them, and
	// the places at its ends are drawn in Arc and ringed.
	Current string
	// Origin is the ID of the place the calls are made from, or "": its
	// marker is drawn in Arc and ringed, as the widget marks it.
	Origin string
	Colors Colors // empty fields take LightColors
	// CentralMeridian is the longitude down the middle of the map, degrees
	// east; 0 centres it on Greenwich. geo.CentralMeridian chooses one that
	// keeps every arc whole.
	CentralMeridian float64
	// Focus are lon/lat points the map should frame, as the widget frames
	// a story that keeps to one region: the map comes as close as shows
	// them all with room for labels around them, up to 4 times closer than
	// the sphere. Empty, or when that would be less than 1.15 times: the
	// whole sphere.
	Focus []orb.Point
}

// The framing of Focus, as the widget frames its overview.
const (
	focusMaxZoom = 4.0
	focusMinZoom = 1.15
	// focusPadX and focusPadY are the room kept around the focus for
	// labels, in label sizes (on screen, whatever the zoom).
	focusPadX, focusPadY = 6.0, 2.5
)

// Frame returns the frame a spec is drawn in: the whole sphere, or the
// part of it Focus asks for, scaled up.
func (s MapSpec) Frame() geo.Frame {
	f := s.sphereFrame()
	if len(s.Focus) == 0 {
		return f
	}
	pts := make([]orb.Point, len(s.Focus))
	for i, p := range s.Focus {
		pts[i] = f.Project(p)
	}
	fs := s.FontSize()
	w, h := f.Width, f.Height
	k := 1.0
	var x0, y0, x1, y1 float64
	// The room for labels keeps its size on screen, so it covers less of
	// the map as the zoom grows: a few rounds find the zoom.
	for range 4 {
		x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range pts {
			x0, y0, x1, y1 = math.Min(x0, p[0]), math.Min(y0, p[1]), math.Max(x1, p[0]), math.Max(y1, p[1])
		}
		px, py := focusPadX*fs/k, focusPadY*fs/k
		x0, y0, x1, y1 = x0-px, y0-py, x1+px, y1+py
		k = math.Max(1, math.Min(focusMaxZoom, math.Min(w/(x1-x0), h/(y1-y0))))
	}
	if k < focusMinZoom || math.IsNaN(k) {
		return f
	}
	// Centre the focus, keeping the sphere's frame filled.
	x := math.Min(0, math.Max(w-k*w, w/2-k*(x0+x1)/2))
	y := math.Min(0, math.Max(h-k*h, h/2-k*(y0+y1)/2))
	f.Scale *= k
	f.CX, f.CY = f.CX*k+x, f.CY*k+y
	return f
}

// sphereFrame is the frame that shows the whole sphere.
func (s MapSpec) sphereFrame() geo.Frame {
	w := s.Width
	if w <= 0 {
		w = 1000
	}
	m := s.Margin
	if m <= 0 {
		m = w / 100
	}
	if s.Height <= 0 {
		return geo.FitWidth(w, m).WithCentralMeridian(s.CentralMeridian)
	}
	return geo.Fit(w, s.Height, m).WithCentralMeridian(s.CentralMeridian)
}

// FontSize returns the label size in viewBox units for 12 px text at the
// spec's display width.
func (s MapSpec) FontSize() float64 {
	f := s.sphereFrame()
	dw := s.DisplayWidth
	if dw <= 0 {
		dw = f.Width
	}
	return 12 * f.Width / dw
}

func (c Colors) withDefaults() Colors {
	d := LightColors
	pick := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	return Colors{
		Ocean: pick(c.Ocean, d.Ocean), Land: pick(c.Land, d.Land), Border: pick(c.Border, d.Border),
		Graticule: pick(c.Graticule, d.Graticule), Edge: pick(c.Edge, d.Edge), Night: pick(c.Night, d.Night),
		Arc: pick(c.Arc, d.Arc), PastArc: pick(c.PastArc, pick(c.Arc, d.Arc)), Marker: pick(c.Marker, d.Marker), Text: pick(c.Text, d.Text), Halo: pick(c.Halo, d.Halo),
	}
}

// RenderSVG returns a standalone SVG document of the map: one path per layer
// (sphere, graticule, land, borders, night, each arc), then place markers
// and labels placed without overlap, and the data credit. The output is
// deterministic, so it serves golden tests and oEmbed thumbnails alike.
func RenderSVG(s MapSpec) []byte {
	f := s.Frame()
	c := s.Colors.withDefaults()
	fs := s.FontSize()
	stroke := fs / 12 // one CSS pixel at the display width, in viewBox units

	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="`)
	b.WriteString(f.ViewBox())
	// The intrinsic size is the display size, so the file opens at the size
	// its text was set for.
	dw := s.DisplayWidth
	if dw <= 0 {
		dw = f.Width
	}
	b.WriteString(`" width="`)
	b.WriteString(num(dw))
	b.WriteString(`" height="`)
	b.WriteString(num(f.Height * dw / f.Width))
	b.WriteString(`" role="img"`)
	if s.Title != "" {
		b.WriteString(` aria-label="`)
		xml.EscapeText(&b, []byte(s.Title))
		b.WriteString(`"`)
	}
	b.WriteString(">\n")
	if s.Title != "" {
		b.WriteString("<title>")
		xml.EscapeText(&b, []byte(s.Title))
		b.WriteString("</title>\n")
	}
	layers := cachedLayers(f)
	sphere := layers.sphere
	path := func(class, d, attrs string) {
		if d == "" {
			return
		}
		b.WriteString(`<path class="` + class + `" d="` + d + `" ` + attrs + "/>\n")
	}
	path("sphere", sphere, `fill="`+c.Ocean+`"`)
	path("graticule", layers.graticule, `fill="none" stroke="`+c.Graticule+`" stroke-width="`+num(stroke*0.5)+`"`)
	path("land", layers.land, `fill="`+c.Land+`"`)
	path("borders", layers.borders, `fill="none" stroke="`+c.Border+`" stroke-width="`+num(stroke*0.5)+`" stroke-linejoin="round"`)
	if !s.Night.IsZero() {
		path("night", geo.NightPath(f, s.Night), `fill="`+c.Night+`" fill-opacity="0.28"`)
	}
	path("edge", sphere, `fill="none" stroke="`+c.Edge+`" stroke-width="`+num(stroke)+`"`)
	roles := arcRoles(s)
	for _, i := range arcOrder(roles) {
		r := s.Arcs[i]
		color, width, extra := c.Arc, stroke*2, ""
		switch roles[i] {
		case arcCurrent:
			width = stroke * 3.5
		case arcPast:
			color = c.PastArc
		case arcToCome:
			color, width = c.PastArc, stroke*1.5
			extra = ` pathLength="1" stroke-dasharray="0.01 0.02" stroke-opacity="0.7"`
		}
		b.WriteString(`<path class="arc" data-id="`)
		xml.EscapeText(&b, []byte(r.ID))
		b.WriteString(`" d="` + geo.ArcPath(f, r.From, r.To) + `" fill="none" stroke="` + color +
			`" stroke-width="` + num(width) + `" stroke-linecap="round"` + extra + `/>` + "\n")
	}

	// Labels keep off the rings of the marked places, stroke and all.
	r := geo.MarkerRadius(fs) * 0.8
	marked := markedPlaces(s)
	markers := make([]geo.Marker, len(s.Places))
	for i, p := range s.Places {
		markers[i] = geo.Marker{ID: p.ID, Text: p.Label, Short: p.Short, Point: orb.Point{p.Lon, p.Lat}}
		if marked[i] {
			markers[i].Ring = r*ringRadius + stroke
		}
	}
	// Keep labels clear of the credit line at the bottom.
	cs := math.Max(fs*0.6, f.Width/125)
	lf := f
	lf.Height -= 1.5 * cs
	labels := geo.PlaceLabels(lf, markers, fs, 0, labelLines(s))
	b.WriteString(`<g class="places" font-family="system-ui, sans-serif" font-size="` + num(fs) + `" fill="` + c.Text + "\">\n")
	for _, l := range labels {
		if l.Leader && l.Text != "" {
			b.WriteString(`<line x1="` + num(l.MX) + `" y1="` + num(l.MY) + `" x2="` + num(l.LX) + `" y2="` + num(l.LY) +
				`" stroke="` + c.Marker + `" stroke-width="` + num(stroke) + `"/>` + "\n")
		}
	}
	for i, l := range labels {
		fill := c.Marker
		if marked[i] {
			fill = c.Arc
			b.WriteString(`<circle cx="` + num(l.MX) + `" cy="` + num(l.MY) + `" r="` + num(r*ringRadius) +
				`" fill="none" stroke="` + c.Arc + `" stroke-width="` + num(stroke*2) + `" stroke-opacity="0.6"/>` + "\n")
		}
		b.WriteString(`<circle cx="` + num(l.MX) + `" cy="` + num(l.MY) + `" r="` + num(r) + `" fill="` + fill +
			`" stroke="` + c.Halo + `" stroke-width="` + num(r/3) + `"/>` + "\n")
	}
	for _, l := range labels {
		if l.Text == "" {
			continue
		}
		b.WriteString(`<text x="` + num(l.X) + `" y="` + num(l.Y) + `" text-anchor="` + l.Anchor + `" stroke="` + c.Halo +
			`" stroke-width="` + num(fs/5) + `" stroke-linejoin="round" paint-order="stroke">`)
		xml.EscapeText(&b, []byte(l.Text))
		b.WriteString("</text>\n")
	}
	b.WriteString("</g>\n")
	b.WriteString(`<text class="credit" x="` + num(f.Width-f.Width/200) + `" y="` + num(f.Height-f.Width/200) +
		`" text-anchor="end" font-family="system-ui, sans-serif" font-size="` + num(cs) + `" fill="` + c.Text + `" fill-opacity="0.7">`)
	xml.EscapeText(&b, []byte(Credit))
	b.WriteString("</text>\n</svg>\n")
	return b.Bytes()
}

// arcRole is how an arc is drawn when the spec has a current call.
type arcRole int

const (
	arcPlain   arcRole = iota // no current call: every arc alike
	arcPast                   // a call made before the current one
	arcCurrent                // the call being shown
	arcToCome                 // a call still to come
)

// arcRoles gives each arc of s its role: past, current or to come, by its
// position relative to the arc whose ID is s.Current. An unknown Current
// leaves every arc plain.
// labelLines are the arcs labels keep off, as in the widget: the current
// call's above all, the others where there is room.
func labelLines(s MapSpec) geo.LabelLines {
	var l geo.LabelLines
	for i, role := range arcRoles(s) {
		arc := geo.Arc(s.Arcs[i].From, s.Arcs[i].To)
		if role == arcCurrent {
			l.Keep = append(l.Keep, arc)
		} else {
			l.Avoid = append(l.Avoid, arc)
		}
	}
	return l
}

func arcRoles(s MapSpec) []arcRole {
	roles := make([]arcRole, len(s.Arcs))
	cur := -1
	if s.Current != "" {
		for i, a := range s.Arcs {
			if a.ID == s.Current {
				cur = i
				break
			}
		}
	}
	if cur < 0 {
		return roles
	}
	for i := range roles {
		switch {
		case i < cur:
			roles[i] = arcPast
		case i == cur:
			roles[i] = arcCurrent
		default:
			roles[i] = arcToCome
		}
	}
	return roles
}

// arcOrder is the order arcs are drawn in: the current one last, on top.
func arcOrder(roles []arcRole) []int {
	out := make([]int, 0, len(roles))
	cur := -1
	for i, r := range roles {
		if r == arcCurrent {
			cur = i
			continue
		}
		out = append(out, i)
	}
	if cur >= 0 {
		out = append(out, cur)
	}
	return out
}

// ringRadius is the radius of the ring round a marked place, in marker radii.
const ringRadius = 2.6

// markedPlaces reports, per place of s, whether the widget rings it: the
// origin, and the ends of the current arc (the caller and the place called).
func markedPlaces(s MapSpec) []bool {
	marked := make([]bool, len(s.Places))
	for j, p := range s.Places {
		marked[j] = s.Origin != "" && p.ID == s.Origin
	}
	roles := arcRoles(s)
	for i, r := range roles {
		if r != arcCurrent {
			continue
		}
		a := s.Arcs[i]
		for j, p := range s.Places {
			pt := orb.Point{p.Lon, p.Lat}
			if pt == a.From || pt == a.To {
				marked[j] = true
			}
		}
	}
	return marked
}

func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}
