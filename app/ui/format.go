package ui

import (
	"fmt"
	"time"

	"fivecalls/app/story"
)

// clockText formats a time of day in AP style: "9:05 a.m.", "12:00 p.m.".
func clockText(t time.Time) string {
	h := t.Hour()
	suffix := "a.m."
	if h >= 12 {
		suffix = "p.m."
	}
	h %= 12
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%d:%02d %s", h, t.Minute(), suffix)
}

// localText is the local time at a place with its weekday: "Sun 9:05 a.m.".
func localText(t time.Time, zone string) string {
	lt := inZone(t, zone)
	return lt.Format("Mon") + " " + clockText(lt)
}

// inZone converts t to the IANA zone, falling back to UTC when the zone
// is unknown (validated stories always know theirs). On the server Go's
// zoneinfo does it; in the browser the browser's own Intl data does, which
// spares the WebAssembly the 450 KB of time/tzdata (see zone_*.go).
func inZone(t time.Time, zone string) time.Time {
	if z, ok := zoneAt(t, zone); ok {
		return t.In(z)
	}
	return t.UTC()
}

// durationText says how long a call lasted, or that nobody reported it.
func durationText(d story.Duration) string {
	switch {
	case d.Unknown || d.Minutes <= 0:
		return "not reported"
	case d.Approx:
		return fmt.Sprintf("about %d min", d.Minutes)
	default:
		return fmt.Sprintf("%d min", d.Minutes)
	}
}

// originText is the start in the origin's zone, "about" when approximate:
// "9:05 a.m. EST", "about 11:00 a.m. EST".
func originText(t time.Time, zone string, approx bool) string {
	lt := inZone(t, zone)
	s := clockText(lt) + " " + lt.Format("MST")
	if approx {
		return "about " + s
	}
	return s
}

// certaintyText is the reader-facing word for a certainty grade.
func certaintyText(c story.Certainty) string {
	switch c {
	case story.High:
		return "Well sourced"
	case story.Medium:
		return "One good source"
	default:
		return "Weakly sourced"
	}
}
