package geo_test

import (
	"fmt"
	"time"

	"fivecalls/geo"

	"github.com/paulmach/orb"
)

func ExampleEqualEarth() {
	p := geo.EqualEarth(orb.Point{180, 0}) // lon, lat in degrees
	fmt.Printf("%.6f %.6f\n", p[0], p[1])
	back := geo.EqualEarthInverse(p)
	fmt.Printf("%.6f %.6f\n", back[0], back[1])
	// Output:
	// 2.706630 0.000000
	// 180.000000 0.000000
}

func ExampleFit() {
	f := geo.Fit(1000, 500, 10)
	tokyo := f.Project(orb.Point{139.6503, 35.6762})
	fmt.Println(f.ViewBox())
	fmt.Printf("Tokyo at %.1f, %.1f\n", tokyo[0], tokyo[1])
	ll := f.Invert(tokyo)
	fmt.Printf("back to %.4f, %.4f\n", ll[0], ll[1])
	// Output:
	// 0 0 1000 500
	// Tokyo at 845.6, 123.7
	// back to 139.6503, 35.6762
}

func ExampleArc() {
	washington := orb.Point{-77.0369, 38.9072}
	tokyo := orb.Point{139.6503, 35.6762}
	arc := geo.Arc(washington, tokyo)
	for _, piece := range arc {
		first, last := piece[0], piece[len(piece)-1]
		fmt.Printf("%.2f,%.2f → %.2f,%.2f\n", first[0], first[1], last[0], last[1])
	}
	fmt.Printf("%.0f km\n", geo.DistanceKm(washington, tokyo))
	// Output:
	// -77.04,38.91 → -180.00,63.95
	// 180.00,63.95 → 139.65,35.68
	// 10906 km
}

func ExampleSubsolar() {
	june := time.Date(2024, 6, 20, 20, 51, 0, 0, time.UTC) // the solstice
	sun := geo.Subsolar(june)
	fmt.Printf("sun overhead at %.2f, %.2f\n", sun[0], sun[1])
	// Output:
	// sun overhead at -132.30, 23.44
}

func ExampleIsNight() {
	at := time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC)
	fmt.Println("Tokyo:", geo.IsNight(orb.Point{139.6503, 35.6762}, at))
	fmt.Println("Washington:", geo.IsNight(orb.Point{-77.0369, 38.9072}, at))
	// Output:
	// Tokyo: true
	// Washington: false
}

func ExamplePathData() {
	f := geo.Fit(1000, 500, 10)
	fmt.Println(geo.PathData(f, orb.LineString{{0, 0}, {10, 0}, {10, 10}}))
	// Output:
	// M500,250l27.2,0-.2-36.6
}

func ExamplePlaceLabels() {
	f := geo.FitWidth(1000, 10)
	markers := []geo.Marker{
		{ID: "paris", Text: "Paris", Short: "FR", Point: orb.Point{2.3522, 48.8566}},
		{ID: "berlin", Text: "Berlin", Short: "DE", Point: orb.Point{13.405, 52.52}},
	}
	// 12 px text on a 1000-unit map shown 320 px wide.
	for _, l := range geo.PlaceLabels(f, markers, 12*1000/320.0, 0, geo.LabelLines{}) {
		fmt.Printf("%s: %s at %.0f,%.0f anchor %s\n", l.ID, l.Text, l.X, l.Y, l.Anchor)
	}
	// Output:
	// paris: Paris at 491,93 anchor end
	// berlin: Berlin at 544,82 anchor start
}
