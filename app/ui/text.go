package ui

import (
	"fmt"
	"time"

	"fivecalls/app/story"
)

// The widget's words for times, lengths and certainty, in one place for the
// page, its link-preview card and the WebAssembly's animated clock.

// ClockText is a time of day in AP style: "9:05 a.m.", "12:00 p.m.".
func ClockText(t time.Time) string {
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

// ZonedClockText is a time of day with its zone's abbreviation, as t's
// location names it: "9:05 a.m. EST".
func ZonedClockText(t time.Time) string {
	return ClockText(t) + " " + t.Format("MST")
}

// about marks an approximate time: "about 11:00 a.m. EST".
func about(text string, approx bool) string {
	if approx {
		return "about " + text
	}
	return text
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

// CertaintyText is the reader-facing word for a certainty grade.
func CertaintyText(c story.Certainty) string {
	switch c {
	case story.High:
		return "Well sourced"
	case story.Medium:
		return "One good source"
	default:
		return "Weakly sourced"
	}
}
