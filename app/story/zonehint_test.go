package story

import (
	"math"
	"strings"
	"testing"
	"time"
)

// TestZoneHint checks what the validator suggests for a time zone the
// system does not know. Each row fails when its rule breaks: "Pacific/Suva"
// when zoneNearKm shrinks below 3 km or the distance is wrong, the
// mid-ocean rows when zoneNearKm grows past 2,000 km, "capitals" and "space
// and a slip" when normalZone stops lowering case or taking spaces for "_",
// the misspellings when the edits allowed shrink.
func TestZoneHint(t *testing.T) {
	tests := []struct {
		name, tz string
		lat, lon float64
		want     string // "" for no suggestion
	}{
		{"city of a country's zone", "Pacific/Suva", -18.14, 178.44, `the zone nearest the place's coordinates is "Pacific/Fiji" (3 km from its principal city): write "Pacific/Fiji" if the place's clocks follow it`},
		{"misspelt city", "Asia/Tokio", 35.68, 139.65, `did you mean "Asia/Tokyo"?`},
		{"misspelt off the globe", "Asia/Tokio", 135.68, 139.65, `did you mean "Asia/Tokyo"?`},
		{"space for underscore", "America/New York", 40.71, -74.01, `did you mean "America/New_York"?`},
		{"lower case", "europe/berlin", 52.52, 13.40, `did you mean "Europe/Berlin"?`},
		{"capitals", "ASIA/TOKYO", 35.68, 139.65, `did you mean "Asia/Tokyo"?`},
		{"space and a slip", "America/New Yrk", 40.71, -74.01, `did you mean "America/New_York"?`},
		{"letters swapped", "Europe/Olso", 59.91, 10.75, `did you mean "Europe/Oslo"?`},
		{"hyphens for underscores", "Africa/Dar-es-Salaam", -6.79, 39.21, `did you mean "Africa/Dar_es_Salaam"?`},
		{"city alone", "Tokyo", 35.68, 139.65, `did you mean "Asia/Tokyo"?`},
		{"wrong region", "Europe/Tokyo", 35.68, 139.65, `did you mean "Asia/Tokyo"?`},
		{"spelling and place disagree", "europe/berlin", 35.68, 139.65, `did you mean "Europe/Berlin", or "Asia/Tokyo", the zone nearest the place's coordinates (9 km from its principal city)?`},
		{"not a near spelling", "America/Boston", 42.36, -71.06, `the zone nearest the place's coordinates is "America/New_York" (306 km from its principal city): write "America/New_York" if the place's clocks follow it`},
		{"mid-Atlantic", "Nowhere/Atlantis", 30, -45, ""},
		{"South Atlantic", "Nowhere/Atlantis", -30, -15, ""},
		{"coordinates off the globe", "Nowhere/Atlantis", 135.68, 139.65, ""},
		{"coordinates not numbers", "Nowhere/Atlantis", math.NaN(), math.NaN(), ""},
		{"hostile length", strings.Repeat("Asia/Tokio", 100_000), 30, -45, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := zoneHint(tt.tz, tt.lat, tt.lon); got != tt.want {
				t.Errorf("zoneHint(%.20q, %v, %v) =\n%q\nwant\n%q", tt.tz, tt.lat, tt.lon, got, tt.want)
			}
		})
	}
}

// TestZoneNearLimit checks the distance beyond which nothing is suggested:
// 1,265 km from the Azores is near, the mid-Atlantic, over 1,800 km from
// any zone's principal city, is not.
func TestZoneNearLimit(t *testing.T) {
	if name, km := nearestZone(40, -40); name != "Atlantic/Azores" || math.Round(km) != 1265 {
		t.Errorf("nearestZone(40, -40) = %q, %.0f km; want Atlantic/Azores, 1265 km", name, km)
	}
	if name, km := nearestZone(30, -45); name != "" {
		t.Errorf("nearestZone(30, -45) = %q, %.0f km; want none within %d km", name, km, zoneNearKm)
	}
	far := math.Inf(1)
	for _, z := range zoneTab {
		far = min(far, greatCircleKm(30, -45, z.Lat, z.Lon))
	}
	if far < 1800 {
		t.Errorf("the mid-Atlantic test point is %.0f km from a zone; pick one farther from every zone", far)
	}
}

// TestZoneTable checks the generated table: every zone in it is one this
// system's database loads (so a suggestion can be written as it is),
// keeps its length when normalised (zoneBySpelling skips names by their
// length), at coordinates on the globe, listed once, in order.
func TestZoneTable(t *testing.T) {
	if n := len(zoneTab); n < 300 {
		t.Fatalf("zoneTab has %d zones; tzdata lists over 300", n)
	}
	for i, z := range zoneTab {
		if _, err := time.LoadLocation(z.Name); err != nil {
			t.Errorf("%s: %v", z.Name, err)
		}
		if len(normalZone(z.Name)) != len(z.Name) {
			t.Errorf("%q changes length when normalised; zoneBySpelling expects ASCII names", z.Name)
		}
		if !(math.Abs(z.Lat) <= 90 && math.Abs(z.Lon) <= 180) {
			t.Errorf("%s is at %v, %v, off the globe", z.Name, z.Lat, z.Lon)
		}
		if i > 0 && zoneTab[i-1].Name >= z.Name {
			t.Errorf("%s follows %s: the table is not in order, or lists a zone twice", z.Name, zoneTab[i-1].Name)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"tokyo", "tokyo", 0}, {"", "abc", 3}, {"abc", "", 3},
		{"tokio", "tokyo", 1}, {"olso", "oslo", 1}, {"berln", "berlin", 1},
		{"suva", "apia", 3}, {"boston", "moncton", 3},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestGreatCircleKm(t *testing.T) {
	for _, tt := range []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want                   float64
	}{
		{"a degree of the equator", 0, 0, 0, 1, math.Pi / 180 * earthRadiusKm},
		{"across the antimeridian", -18, 179.5, -18, -179.5, math.Pi / 180 * earthRadiusKm * math.Cos(18*math.Pi/180)},
		{"pole to pole", 90, 0, -90, 0, math.Pi * earthRadiusKm},
		{"London to Paris", 51.5074, -0.1278, 48.8566, 2.3522, 343.5},
	} {
		if got := greatCircleKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > 0.5 {
			t.Errorf("%s: %.2f km, want %.2f", tt.name, got, tt.want)
		}
	}
}

// TestZoneWarning checks which known zones the warnings call into doubt, in
// the summer of 2024. Warsaw, Lisbon and Paris fail when the offsets stop
// being compared; Mumbai when principal cities alone decide (it is nearer
// Karachi's than Kolkata's), Kashgar when solarSlackHours falls under 2.9
// hours, Ono-i-Lau when the gap to the sun is not taken across
// the date line; Berlin when an old name for the right offset passes unremarked.
func TestZoneWarning(t *testing.T) {
	at := time.Date(2024, 6, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, tz string
		lat, lon float64
		want     string // "" for none
	}{
		{"Warsaw", "America/New_York", 52.23, 21.01, `at 12:00 UTC on 2024-06-10, "America/New_York" reads UTC-04:00, but "Europe/Warsaw", the zone nearest the place's coordinates (2 km from its principal city), reads UTC+02:00: if Warsaw's clocks follow that zone, write it`},
		{"Lisbon", "US/Eastern", 38.72, -9.14, `"US/Eastern" reads UTC-04:00, but "Europe/Lisbon"`},
		{"Paris", "UTC", 48.86, 2.35, `"UTC" reads UTC+00:00, but "Europe/Paris", the zone nearest the place's coordinates (1 km from its principal city), reads UTC+02:00`},
		{"Berlin", "CET", 52.52, 13.40, `"CET" is an old name or an abbreviation, not a place's time zone, and the widget names its times by their offset from GMT; write "Europe/Berlin", the zone nearest the place's coordinates (3 km from its principal city), if Berlin's clocks follow it`},
		{"Mumbai", "Asia/Kolkata", 19.08, 72.88, ""},
		{"Kashgar", "Asia/Shanghai", 39.47, 75.99, ""},
		{"Kiritimati", "Pacific/Kiritimati", 1.87, -157.43, ""},
		// Fiji's Ono-i-Lau, east of the date line (UTC+12 at 178.7° W),
		// nearer Tonga's principal city (UTC+13).
		{"Ono-i-Lau", "Pacific/Fiji", -20.65, -178.72, ""},
		{"El Paso", "America/Denver", 31.76, -106.49, ""},
		{"Madrid", "Europe/Madrid", 40.42, -3.70, ""},
		{"mid-ocean", "America/New_York", 30, -45, ""},
	}
	for _, tt := range tests {
		got := zoneWarning(&Place{Name: tt.name, TimeZone: tt.tz, Lat: tt.lat, Lon: tt.lon}, at)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s in %s: %q, want %q", tt.name, tt.tz, got, tt.want)
		}
	}
}
