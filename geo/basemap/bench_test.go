package basemap_test

import (
	"testing"

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
