package basemap

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/vector"
)

// canvas fills and strokes shapes onto an RGBA image with
// golang.org/x/image/vector, which computes exact antialiased coverage.
//
// The rasterizer sums signed areas and takes the absolute value clamped to
// one, which is SVG's nonzero fill rule for one path: rings that wind the
// other way are holes, as in RenderSVG's land. Strokes are built from
// quads and discs that all wind the same way, so their overlaps merge.
//
// Each shape is rasterized over its own bounding box only, into a coverage
// mask, and only the pixels it covers are blended: a full-image pass per
// layer would cost more than the drawing.
type canvas struct {
	img  *image.RGBA
	r    vector.Rasterizer
	mask *image.Alpha // coverage of the shape being filled, reused
	// pending holds the subpaths of the shape being built, in image pixels.
	pending [][]pt
}

// pt is a point in image pixels, y down.
type pt struct{ X, Y float32 }

func newCanvas(w, h int, background color.NRGBA) *canvas {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	return &canvas{img: img, mask: &image.Alpha{}}
}

// polygon adds a closed subpath to the shape being built.
func (c *canvas) polygon(ring []pt) {
	if len(ring) >= 3 {
		c.pending = append(c.pending, ring)
	}
}

// disc adds a filled circle, wound like the stroke quads.
func (c *canvas) disc(x, y, r float32) {
	c.polygon(circle(x, y, r, false))
}

// ring adds an annulus centred on x, y between radii r0 < r1.
func (c *canvas) ring(x, y, r0, r1 float32) {
	c.polygon(circle(x, y, r1, false))
	c.polygon(circle(x, y, r0, true))
}

// circle returns a circle as a polygon, sampled finely enough that its
// facets stay under a third of a pixel off the true circle; reverse winds
// it the other way.
func circle(x, y, r float32, reverse bool) []pt {
	n := max(12, int(math.Ceil(math.Pi/math.Acos(max(0, 1-1/(3*float64(r)))))))
	out := make([]pt, n)
	for i := range out {
		a := -2 * math.Pi * float64(i) / float64(n)
		if reverse {
			a = -a
		}
		out[i] = pt{x + r*float32(math.Cos(a)), y + r*float32(math.Sin(a))}
	}
	return out
}

// stroke adds a polyline of the given width: one quad per segment, with
// round caps when asked. Joins are left open: the lines drawn here (arcs
// sampled every degree, borders, the graticule) turn by a few degrees per
// vertex, and the notch that leaves is well under a pixel.
func (c *canvas) stroke(line []pt, width float32, roundCaps bool) {
	hw := width / 2
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := float32(math.Hypot(float64(dx), float64(dy)))
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*hw, dx/l*hw
		// Winding: negative in the shoelace sum for every direction, like
		// circle(…, false).
		c.polygon([]pt{{a.X + nx, a.Y + ny}, {b.X + nx, b.Y + ny}, {b.X - nx, b.Y - ny}, {a.X - nx, a.Y - ny}})
	}
	if roundCaps && len(line) > 0 {
		c.disc(line[0].X, line[0].Y, hw)
		c.disc(line[len(line)-1].X, line[len(line)-1].Y, hw)
	}
}

// dashed adds a polyline as dashes of length dash separated by gap, each
// with round caps, starting with a dash.
func (c *canvas) dashed(line []pt, width, dash, gap float32) {
	if dash <= 0 || gap <= 0 {
		c.stroke(line, width, true)
		return
	}
	var cur []pt
	on, left := true, float64(dash) // in a dash or a gap, and what remains of it
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		l := math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y))
		for t := 0.0; l-t > 1e-6; {
			step := min(left, l-t)
			if on && len(cur) == 0 {
				cur = append(cur, lerpPt(a, b, t/l))
			}
			t += step
			left -= step
			if on {
				cur = append(cur, lerpPt(a, b, t/l))
			}
			if left <= 1e-6 {
				if on {
					c.stroke(cur, width, true)
					cur, left = nil, float64(gap)
				} else {
					left = float64(dash)
				}
				on = !on
			}
		}
	}
	if on && len(cur) > 1 {
		c.stroke(cur, width, true)
	}
}

func lerpPt(a, b pt, t float64) pt {
	f := float32(t)
	return pt{a.X + f*(b.X-a.X), a.Y + f*(b.Y-a.Y)}
}

// fill paints the shape built since the last fill in the colour, at an
// opacity in [0, 1], and starts a new shape.
func (c *canvas) fill(col color.NRGBA, opacity float64) {
	defer func() { c.pending = c.pending[:0] }()
	if len(c.pending) == 0 {
		return
	}
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, sp := range c.pending {
		for _, p := range sp {
			minX, minY = min(minX, p.X), min(minY, p.Y)
			maxX, maxY = max(maxX, p.X), max(maxY, p.Y)
		}
	}
	box := image.Rect(int(math.Floor(float64(minX))), int(math.Floor(float64(minY))),
		int(math.Ceil(float64(maxX)))+1, int(math.Ceil(float64(maxY)))+1).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	c.r.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for _, sp := range c.pending {
		c.r.MoveTo(sp[0].X-ox, sp[0].Y-oy)
		for _, p := range sp[1:] {
			c.r.LineTo(p.X-ox, p.Y-oy)
		}
		c.r.ClosePath()
	}
	// The coverage goes to a mask first (the rasterizer's fastest path),
	// then only covered pixels are blended: most of a layer's box is empty.
	if cap(c.mask.Pix) < box.Dx()*box.Dy() {
		c.mask.Pix = make([]uint8, box.Dx()*box.Dy())
	}
	c.mask = &image.Alpha{Pix: c.mask.Pix[:box.Dx()*box.Dy()], Stride: box.Dx(), Rect: image.Rect(0, 0, box.Dx(), box.Dy())}
	c.r.DrawOp = draw.Src
	c.r.Draw(c.mask, c.mask.Rect, image.Opaque, image.Point{})
	a := uint32(math.Round(float64(col.A) * max(0, min(1, opacity))))
	for y := 0; y < box.Dy(); y++ {
		row := c.mask.Pix[y*c.mask.Stride : y*c.mask.Stride+box.Dx()]
		pix := c.img.Pix[c.img.PixOffset(box.Min.X, box.Min.Y+y):]
		for x, m := range row {
			if m == 0 {
				continue
			}
			// Source over, 8 bits: coverage × opacity of the colour.
			sa := uint32(m) * a / 255
			i := 4 * x
			pix[i+0] = uint8((uint32(pix[i+0])*(255-sa) + uint32(col.R)*sa + 127) / 255)
			pix[i+1] = uint8((uint32(pix[i+1])*(255-sa) + uint32(col.G)*sa + 127) / 255)
			pix[i+2] = uint8((uint32(pix[i+2])*(255-sa) + uint32(col.B)*sa + 127) / 255)
			pix[i+3] = uint8((uint32(pix[i+3])*(255-sa) + 255*sa + 127) / 255)
		}
	}
}

// parseColor reads a CSS hex colour, #rgb or #rrggbb.
func parseColor(s string) (color.NRGBA, error) {
	h, ok := strings.CutPrefix(s, "#")
	if ok && len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if !ok || len(h) != 6 {
		return color.NRGBA{}, fmt.Errorf("colour %q is not #rgb or #rrggbb", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("colour %q is not #rgb or #rrggbb", s)
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, nil
}
