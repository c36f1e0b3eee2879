package basemap_test

import (
	"testing"
	"time"

	"fivecalls/geo"
	"fivecalls/geo/basemap"
)

// BenchmarkRenderSVG builds the whole default-story map as served: six
// places, five arcs, the night at the first call, land and borders from the
// per-frame cache. It also reports the size of the land+borders path data,
// whose budget is 60 KB raw and 25 KB gzip.
func BenchmarkRenderSVG(b *testing.B) {
	spec := defaultSpec(1280)
	basemap.RenderSVG(spec) // fill the layer cache
	raw, gz := layerBytes()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(basemap.RenderSVG(spec))
	}
	b.ReportMetric(float64(raw), "basemap-raw-B")
	b.ReportMetric(float64(gz), "basemap-gzip-B")
	b.ReportMetric(float64(n), "svg-B")
}

// BenchmarkLayers projects and writes land and borders for a new frame size,
// what the first map of each size costs.
func BenchmarkLayers(b *testing.B) {
	land, borders := basemap.Land(), basemap.Borders()
	f := geo.FitWidth(1000, 10)
	b.ReportAllocs()
	for b.Loop() {
		geo.PathData(f, land)
		geo.PathData(f, borders)
	}
}

// BenchmarkRenderSVGCentralMeridian is BenchmarkRenderSVG centred on 90°W,
// as geo.CentralMeridian chooses for the default story.
func BenchmarkRenderSVGCentralMeridian(b *testing.B) {
	spec := defaultSpec(1280)
	spec.CentralMeridian = -90
	basemap.RenderSVG(spec) // fill the layer cache
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(basemap.RenderSVG(spec))
	}
	b.ReportMetric(float64(n), "svg-B")
}

// BenchmarkRenderPNG draws the default story's link-preview card as the
// server does once per call: 1200×630, the second call marked, the night at
// its start, title and caption; it reports the PNG's size. The server keeps
// each card once drawn, so this is the cost of a call's first request.
func BenchmarkRenderPNG(b *testing.B) {
	spec := defaultSpec(540)
	spec.Width, spec.Height = basemap.CardWidth, basemap.CardHeight
	spec.Current = "berlin"
	spec.Night = time.Date(2017, 1, 28, 16, 0, 0, 0, time.UTC)
	text := basemap.CardText{
		Title:   "Five calls, one Saturday: Trump's day on the phone with world leaders",
		Caption: "Call 2 of 5: Angela Merkel, Chancellor of Germany, about 11:00 a.m. EST",
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		p, err := basemap.RenderPNG(spec, text)
		if err != nil {
			b.Fatal(err)
		}
		n = len(p)
	}
	b.ReportMetric(float64(n), "png-B")
}
