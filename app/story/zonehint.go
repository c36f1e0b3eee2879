package story

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// zoneNearKm is how far from a place a zone's principal location may be
// for the validator to suggest that zone: a country's breadth. Beyond it
// the nearest zone says little (the ocean is wide), and nothing is
// suggested.
const zoneNearKm = 1500

// maxZoneNameLen bounds the names spelling is compared for: the longest
// zone name has 32 bytes, and comparing a hostile megabyte with every zone
// would take minutes.
const maxZoneNameLen = 64

// zoneHint says, for a time zone the system does not know, which zone was
// probably meant: the name nearest in spelling and, when the place's
// coordinates are valid, the zone whose principal location is nearest
// them. It returns "" when neither is close.
func zoneHint(tz string, lat, lon float64) string {
	spelt := zoneBySpelling(tz, lat, lon)
	near, km := nearestZone(lat, lon)
	distance := fmt.Sprintf("%s km from its principal city", thousands(int(math.Round(km))))
	switch {
	case spelt != "" && (near == "" || near == spelt):
		return fmt.Sprintf("did you mean %s?", quote(spelt))
	case spelt != "":
		return fmt.Sprintf("did you mean %s, or %s, the zone nearest the place's coordinates (%s)?", quote(spelt), quote(near), distance)
	case near != "":
		return fmt.Sprintf("the zone nearest the place's coordinates is %s (%s): write %s if the place's clocks follow it", quote(near), distance, quote(near))
	}
	return ""
}

// nearestZone returns the zone whose principal location is nearest a
// point, and how far it is, or "" when none is within zoneNearKm (or the
// point is not on the globe). A zone this system's database lacks (it may
// be older than the table) is passed over.
func nearestZone(lat, lon float64) (string, float64) {
	if !(math.Abs(lat) <= 90 && math.Abs(lon) <= 180) {
		return "", 0
	}
	best, bestKm := "", math.Inf(1)
	for _, z := range zoneTab {
		if km := greatCircleKm(lat, lon, z.Lat, z.Lon); km < bestKm && known(z.Name) {
			best, bestKm = z.Name, km
		}
	}
	if bestKm > zoneNearKm {
		return "", 0
	}
	return best, bestKm
}

// zoneBySpelling returns the zone a misspelt name most likely means, or "":
// compared without regard to case, with spaces and hyphens taken for
// underscores, by edit distance over the whole name or over the city alone
// ("Tokyo", "Europe/Tokio" for "Asia/Tokyo"). The edits allowed are one for
// every four letters of the city: a slip in "Tokio", not "Suva" for "Apia".
// Of equally near names it takes the one nearest the place.
func zoneBySpelling(tz string, lat, lon float64) string {
	if len(tz) > maxZoneNameLen {
		return ""
	}
	in := normalZone(tz)
	inCity := in[strings.LastIndexByte(in, '/')+1:]
	allowed := len(inCity) / 4
	best, bestD, bestKm := "", allowed+1, math.Inf(1)
	for _, z := range zoneTab {
		// Names are ASCII, so normalZone keeps their length; and an edit
		// distance is at least the difference in length.
		cityLen := len(z.Name) - strings.LastIndexByte(z.Name, '/') - 1
		if abs(len(in)-len(z.Name)) > allowed && abs(len(inCity)-cityLen) > allowed {
			continue
		}
		name := normalZone(z.Name)
		city := name[len(name)-cityLen:]
		d := min(editDistance(in, name), editDistance(inCity, city))
		if d > allowed || d > bestD || !known(z.Name) {
			continue
		}
		km := greatCircleKm(lat, lon, z.Lat, z.Lon)
		if d < bestD || km < bestKm { // km is NaN when the coordinates are: the first stays
			best, bestD, bestKm = z.Name, d, km
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// normalZone lowercases a zone name and writes its word breaks as "_",
// the way the tz database writes them ("America/New_York").
func normalZone(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-':
			return '_'
		case '\\':
			return '/'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// known reports whether this system's zone database has a zone.
func known(name string) bool {
	_, err := time.LoadLocation(name)
	return err == nil
}

// editDistance counts the single-byte insertions, deletions, substitutions
// and swaps of neighbours that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	// Three rows: the one before the previous is needed for swaps.
	prev2, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// earthRadiusKm is the Earth's mean radius.
const earthRadiusKm = 6371.0088

// greatCircleKm is the distance between two points on the Earth, by the
// haversine formula.
func greatCircleKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(min(1, h)))
}

// zoneWarning says when a place's time zone, one the system knows, is
// probably not the one its clocks follow, compared at an instant of the
// story (its first time, or the time being checked); "" when it probably
// is. The zone nearest the place (by principal
// city, within zoneNearKm) is the likely one, and a zone is suspect when
// its clocks read another offset than that zone's and it is either not a
// place's zone at all (an old name such as "US/Eastern", or "UTC") or one
// whose standard time is over solarSlackHours from the sun's at the place
// (Warsaw given "America/New_York"). Principal cities alone cannot tell a
// large zone from a wrong one: Mumbai is nearer Karachi than Kolkata. An
// old name for the right offset ("CET" for Berlin) is worth a word too:
// the widget names its time by the offset ("GMT+2"), not as the place's
// own zone.
func zoneWarning(p *Place, at time.Time) string {
	given, err := time.LoadLocation(p.TimeZone)
	if err != nil || p.TimeZone == "" || p.TimeZone == "Local" {
		return ""
	}
	near, nearKm := nearestZone(p.Lat, p.Lon)
	if near == "" || near == p.TimeZone {
		return ""
	}
	nearLoc, err := time.LoadLocation(near)
	if err != nil {
		return ""
	}
	listed := inZoneTab(p.TimeZone)
	here, there := at.In(given), at.In(nearLoc)
	nearest := fmt.Sprintf("%s, the zone nearest the place's coordinates (%s km from its principal city)", quote(near), thousands(int(math.Round(nearKm))))
	switch {
	case offsetOf(here) != offsetOf(there) && (!listed || solarGapHours(here, p.Lon) > solarSlackHours):
		return fmt.Sprintf("at %s, %s reads %s, but %s, reads %s: if %s's clocks follow that zone, write it; the widget writes every local time at the place from its zone",
			at.UTC().Format("15:04 UTC on 2006-01-02"), quote(p.TimeZone), offsetText(here), nearest, offsetText(there), p.Name)
	case !listed && offsetOf(here) == offsetOf(there):
		return fmt.Sprintf("%s is an old name or an abbreviation, not a place's time zone, and the widget names its times by their offset from GMT; write %s, if %s's clocks follow it", quote(p.TimeZone), nearest, p.Name)
	}
	return ""
}

// solarSlackHours is how far a zone's standard time may be from the sun's
// at a place that keeps it: western China, on Beijing's time, is 2.9 hours
// ahead of its sun; no place's clocks are 3 hours off.
const solarSlackHours = 3

// solarGapHours is how far t's standard time (its offset less an hour of
// daylight saving) is from mean solar time at a longitude, in hours, across
// the date line the short way (Kiritimati's UTC+14 is half an hour from its
// sun, not 24.5 hours).
func solarGapHours(t time.Time, lon float64) float64 {
	off := offsetOf(t)
	if t.IsDST() {
		off -= 3600
	}
	gap := math.Mod(float64(off)/3600-lon/15, 24)
	if gap > 12 {
		gap -= 24
	} else if gap < -12 {
		gap += 24
	}
	return math.Abs(gap)
}

// inZoneTab reports whether a zone is a place's zone, one of the table's,
// rather than an old name ("US/Eastern") or no place's ("UTC").
func inZoneTab(name string) bool {
	for _, z := range zoneTab {
		if z.Name == name {
			return true
		}
	}
	return false
}
