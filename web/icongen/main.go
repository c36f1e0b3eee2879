// Command icongen draws the widget's PNG icons (192, 512, a maskable 512 and
// the 180 px Apple touch icon) from the same shapes as web/icon.svg: a globe
// with an arc from one place to five others. Run it with make icons; the
// PNGs are committed.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

var (
	navy  = color.NRGBA{0x1d, 0x35, 0x57, 0xff}
	ocean = color.NRGBA{0xe8, 0xf0, 0xf7, 0xff}
	red   = color.NRGBA{0xd6, 0x3a, 0x2f, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// shape reports coverage (0..1) at a point of the unit square [0,1]².
type shape struct {
	col  color.NRGBA
	dist func(x, y float64) float64 // signed distance, negative inside
}

func circle(cx, cy, r float64) func(x, y float64) float64 {
	return func(x, y float64) float64 { return math.Hypot(x-cx, y-cy) - r }
}

// arcStroke is a stroke of half-width w along a circle arc from a0 to a1 (radians).
func arcStroke(cx, cy, r, a0, a1, w float64) func(x, y float64) float64 {
	return func(x, y float64) float64 {
		a := math.Atan2(y-cy, x-cx)
		if a >= a0 && a <= a1 {
			return math.Abs(math.Hypot(x-cx, y-cy)-r) - w
		}
		d0 := math.Hypot(x-(cx+r*math.Cos(a0)), y-(cy+r*math.Sin(a0)))
		d1 := math.Hypot(x-(cx+r*math.Cos(a1)), y-(cy+r*math.Sin(a1)))
		return math.Min(d0, d1) - w
	}
}

func roundedSquare(radius float64) func(x, y float64) float64 {
	return func(x, y float64) float64 {
		qx := math.Abs(x-0.5) - (0.5 - radius)
		qy := math.Abs(y-0.5) - (0.5 - radius)
		return math.Hypot(math.Max(qx, 0), math.Max(qy, 0)) + math.Min(math.Max(qx, qy), 0) - radius
	}
}

// design returns the shapes, scaled into the centre fraction `inner` of the icon.
func design(corner, inner float64) []shape {
	m := (1 - inner) / 2
	s := func(v float64) float64 { return m + v*inner }
	k := inner
	shapes := []shape{
		{navy, roundedSquare(corner)},
		{ocean, circle(s(0.5), s(0.5), 0.36*k)},
		{red, arcStroke(s(0.5), s(0.86), 0.42*k, -math.Pi*0.86, -math.Pi*0.14, 0.022*k)},
		{navy, circle(s(0.5-0.42*math.Cos(math.Pi*0.14)), s(0.86-0.42*math.Sin(math.Pi*0.14)), 0.05*k)},
	}
	for i := 0; i < 5; i++ {
		a := -math.Pi*0.72 + float64(i)*math.Pi*0.145
		shapes = append(shapes, shape{red, circle(s(0.5+0.42*math.Cos(a)), s(0.86+0.42*math.Sin(a)), 0.04*k)})
	}
	shapes = append(shapes, shape{white, circle(s(0.5-0.42*math.Cos(math.Pi*0.14)), s(0.86-0.42*math.Sin(math.Pi*0.14)), 0.025*k)})
	return shapes
}

// render draws the shapes with 4×4 supersampling for smooth edges.
func render(size int, shapes []shape) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					var cr, cg, cb, ca float64
					for _, sh := range shapes {
						if sh.dist(x, y) <= 0 {
							cr, cg, cb, ca = float64(sh.col.R), float64(sh.col.G), float64(sh.col.B), 255
						}
					}
					r, g, b, a = r+cr, g+cg, b+cb, a+ca
				}
			}
			n := float64(ss * ss)
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(r / (a / 255)), uint8(g / (a / 255)), uint8(b / (a / 255)), uint8(a / n)})
		}
	}
	return img
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func main() {
	dir := flag.String("out", "web", "folder to write the icons to")
	flag.Parse()
	icons := []struct {
		name          string
		size          int
		corner, inner float64
	}{
		{"icon-192.png", 192, 0.18, 1},
		{"icon-512.png", 512, 0.18, 1},
		{"apple-touch-icon.png", 180, 0, 1},
		// Maskable: full-bleed background, the design inside the 80% safe zone.
		{"icon-maskable-512.png", 512, 0, 0.72},
	}
	for _, ic := range icons {
		if err := write(filepath.Join(*dir, ic.name), render(ic.size, design(ic.corner, ic.inner))); err != nil {
			fmt.Fprintln(os.Stderr, "icongen:", err)
			os.Exit(1)
		}
	}
}
