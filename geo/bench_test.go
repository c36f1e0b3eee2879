package geo_test

import (
	"testing"
	"time"

	"fivecalls/geo"
)

func BenchmarkArcPath(b *testing.B) {
	f := geo.FitWidth(1000, 10)
	b.ReportAllocs()
	for b.Loop() {
		geo.ArcPath(f, washington, canberra)
	}
}

func BenchmarkNightPath(b *testing.B) {
	f := geo.FitWidth(1000, 10)
	at := time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		geo.NightPath(f, at)
	}
}

func BenchmarkPlaceLabels320(b *testing.B) {
	f := geo.FitWidth(1000, 10)
	m := defaultMarkers()
	b.ReportAllocs()
	for b.Loop() {
		geo.PlaceLabels(f, m, 12*1000/320.0, 0)
	}
}
