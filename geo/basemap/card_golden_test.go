package basemap_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fivecalls/geo/basemap"
)

// TestRenderPNGGolden compares the default story's card (call 2 of 5, at
// 600 px: the same card as at 1200, a quarter of the file) with
// testdata/card_berlin_600.png, rewritten under -update. Pixels may differ
// a little (antialiasing can round one way on one CPU and the other way on
// another), so the test counts pixels off by more than a few levels; on a
// mismatch it writes the new card and a map of the differences beside the
// golden file, to open side by side.
func TestRenderPNGGolden(t *testing.T) {
	spec := defaultSpec(540) // as the server's: the 1200 px card's display width
	spec.Width, spec.Height = 600, 315
	spec.Current = "berlin"
	spec.Night = time.Date(2017, 1, 28, 16, 0, 0, 0, time.UTC)
	spec.Colors = basemap.Colors{
		Ocean: "#e8f0f7", Land: "#d9dccf", Border: "#ffffff", Graticule: "#c9d6e3", Edge: "#d0d4da",
		Night: "#0a1a33", Arc: "#b3261e", PastArc: "#7d8896", Marker: "#1a1a1a", Text: "#1a1a1a", Halo: "#ffffff",
	}
	got, err := basemap.RenderPNG(spec, basemap.CardText{
		Title:   "Five calls, one Saturday: Trump's day on the phone with world leaders",
		Caption: "Call 2 of 5: Angela Merkel, Chancellor of Germany, about 11:00 a.m. EST",
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "card_berlin_600.png")
	actual := filepath.Join("testdata", "card_berlin_600.actual.png")
	diffPath := filepath.Join("testdata", "card_berlin_600.diff.png")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	wantBytes, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test ./geo/basemap -update to create it): %v", err)
	}
	want, err := png.Decode(bytes.NewReader(wantBytes))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	const tolerance = 24 // levels of 255 in any channel
	b := img.Bounds()
	diff := image.NewRGBA(b)
	off := 0
	if b != want.Bounds() {
		off = b.Dx() * b.Dy()
	} else {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r1, g1, b1, _ := img.At(x, y).RGBA()
				r2, g2, b2, _ := want.At(x, y).RGBA()
				d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) >> 8
				if d > tolerance {
					off++
					diff.Set(x, y, color.RGBA{255, 0, 0, 255})
				} else {
					l := uint8(255 - (3*255-(r1>>8+g1>>8+b1>>8))/12) // the card, faint
					diff.Set(x, y, color.RGBA{l, l, l, 255})
				}
			}
		}
	}
	// A label moved by a pixel changes a few hundred; a layer lost or a
	// colour changed, tens of thousands.
	if limit := b.Dx() * b.Dy() / 500; off > limit {
		if err := os.WriteFile(actual, got, 0o644); err != nil {
			t.Fatal(err)
		}
		var d bytes.Buffer
		png.Encode(&d, diff)
		if err := os.WriteFile(diffPath, d.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(actual)
		t.Fatalf("%d pixels differ from %s (limit %d); open %s and %s (differences in red), rerun with -update to accept",
			off, path, limit, abs, diffPath)
	}
	os.Remove(actual)
	os.Remove(diffPath)
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
