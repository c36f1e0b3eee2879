package geo_test

import (
	"strconv"
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
		geo.PlaceLabels(f, m, 12*1000/320.0, 0, geo.LabelLines{})
	}
}

// The same paths in the frame the default story is drawn in, centred on
// 90°W: turning the ends and the Sun costs next to nothing beside the path.
func BenchmarkArcPathCentralMeridian(b *testing.B) {
	f := geo.FitWidth(1000, 10).WithCentralMeridian(-90)
	b.ReportAllocs()
	for b.Loop() {
		geo.ArcPath(f, washington, canberra)
	}
}

func BenchmarkNightPathCentralMeridian(b *testing.B) {
	f := geo.FitWidth(1000, 10).WithCentralMeridian(-90)
	at := time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		geo.NightPath(f, at)
	}
}

func BenchmarkGraticulePathCentralMeridian(b *testing.B) {
	f := geo.FitWidth(1000, 10).WithCentralMeridian(-90)
	b.ReportAllocs()
	for b.Loop() {
		geo.GraticulePath(f, 30)
	}
}

// BenchmarkCentralMeridian chooses the default story's meridian: five arcs
// sampled every degree, their longitudes merged. It runs once per story.
func BenchmarkCentralMeridian(b *testing.B) {
	arcs, places := defaultArcPairs(), defaultPlaces()
	b.ReportAllocs()
	for b.Loop() {
		geo.CentralMeridian(arcs, places)
	}
}

// A frame of the animated night: the buffer reused, at the resolution the
// client draws it while it moves (a point every 3°) and at rest.
func BenchmarkNightBuffer(b *testing.B) {
	f := geo.FitWidth(1000, 10).WithCentralMeridian(-90)
	at := time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC)
	for _, samples := range []int{120, 360} {
		b.Run(strconv.Itoa(samples), func(b *testing.B) {
			var nb geo.NightBuffer
			b.ReportAllocs()
			for b.Loop() {
				nb.Path(f, at, samples)
			}
		})
	}
}
