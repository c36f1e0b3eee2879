package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fivecalls/app/story"
)

// Call is one call of a story with what the widget says about it, derived
// once from the story (CallsOf), so that the page, its link-preview card and
// the alt texts say the same thing.
//
// Calls are numbered by their step on the timeline: 1…n, in the story's
// order; step 0 is the overview of every call.
type Call struct {
	Step int
	*story.Call
	// From is the place the call was made from (the story's origin when
	// the call names none), To the place called.
	From, To *story.Place
	// Start is the call's start; End its end, zero when its length is
	// unknown.
	Start, End time.Time
	// atFrom and atTo are the start as the clocks at either end read it.
	atFrom, atTo time.Time
}

// CallsOf derives a validated story's calls, in order. It loads the time
// zones from Go's database: the server calls it, not the WebAssembly.
func CallsOf(s *story.Story) []Call {
	out := make([]Call, 0, len(s.Calls))
	for i := range s.Calls {
		c := &s.Calls[i]
		from := s.Place(c.From)
		if from == nil {
			from = s.Place(s.Origin)
		}
		to := s.Place(c.To)
		if from == nil || to == nil {
			continue // validated stories always resolve
		}
		start, _ := c.StartTime()
		end, _ := c.End()
		out = append(out, Call{
			Step: len(out) + 1, Call: c, From: from, To: to, Start: start, End: end,
			atFrom: InZone(start, from.TimeZone), atTo: InZone(start, to.TimeZone),
		})
	}
	return out
}

// InZone is t in the IANA zone, or in UTC when the zone is unknown
// (validated stories always know theirs). It reads Go's zone database,
// which the server carries and the WebAssembly does not (see ZoneTable).
func InZone(t time.Time, zone string) time.Time {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return t.UTC()
	}
	return t.In(loc)
}

// FromTime is the start where the call was made from: "9:05 a.m. EST",
// "about 11:00 a.m. EST".
func (c Call) FromTime() string { return about(ZonedClockText(c.atFrom), c.StartApprox) }

// ToTime is the start at the place called, with its weekday: "Sun 9:05
// a.m.", or "Sat about 8:00 p.m." for a scheduled time.
func (c Call) ToTime() string {
	return c.atTo.Format("Mon") + " " + about(ClockText(c.atTo), c.StartApprox)
}

// FromClock is the start on the clock where the call was made from, for
// the timeline: "9:05 a.m. EST".
func (c Call) FromClock() string { return ZonedClockText(c.atFrom) }

// Length says how long the call lasted: "45 min", "about 42 min", "not
// reported".
func (c Call) Length() string { return durationText(c.Duration) }

// Role is the leader's title, naming the country unless the title does:
// "Chancellor, Germany".
func (c Call) Role() string {
	if strings.Contains(c.Leader.Title, c.To.Country) {
		return c.Leader.Title
	}
	return c.Leader.Title + ", " + c.To.Country
}

// Position is the call's place among the story's: "Call 2 of 5".
func (c Call) Position(total int) string { return fmt.Sprintf("Call %d of %d", c.Step, total) }

// RadioLabel names the call's step radio: who, where and when where the
// call was made. A screen reader adds the position ("2 of 6").
func (c Call) RadioLabel() string {
	return fmt.Sprintf("%s, %s, %s in %s", c.Leader.Name, c.To.Name, c.FromTime(), c.From.Name)
}

// Announcement is what the live region says when the call is shown: "3 of
// 5: Vladimir Putin, Moscow, 8:00 p.m. local".
func (c Call) Announcement(total int) string {
	return fmt.Sprintf("%d of %d: %s, %s, %s local", c.Step, total, c.Leader.Name, c.To.Name, ClockText(c.atTo))
}

// Caption names the call on its link-preview card: "Call 2 of 5: Angela
// Merkel, Chancellor, Germany, about 11:00 a.m. EST".
func (c Call) Caption(total int) string {
	return fmt.Sprintf("%s: %s, %s, %s", c.Position(total), c.Leader.Name, c.Role(), c.FromTime())
}

// OverviewTitle heads the overview: "5 calls from Washington".
func OverviewTitle(cs []Call) string {
	if len(cs) == 1 {
		return "1 call from " + cs[0].From.Name
	}
	return fmt.Sprintf("%d calls from %s", len(cs), cs[0].From.Name)
}

// OverviewSpan is the calls' span where they were made from: "9:05 a.m.
// EST to 5:05 p.m. EST".
func OverviewSpan(cs []Call) string {
	first, last := cs[0], cs[len(cs)-1]
	if len(cs) == 1 {
		return first.FromTime()
	}
	return first.FromTime() + " to " + last.FromTime()
}

// OverviewClock is the span on the timeline's clock, kept short to sit on
// one line beside the buttons on a phone: "9:05 a.m.–5:05 p.m. EST".
func OverviewClock(cs []Call) string {
	first, last := cs[0], cs[len(cs)-1]
	if len(cs) == 1 {
		return first.FromClock()
	}
	return ClockText(first.atFrom) + "–" + last.FromClock()
}

// OverviewLabel names the overview's step radio, and is what the live
// region says when it is shown.
func OverviewLabel(cs []Call) string { return "All " + OverviewTitle(cs) + " on the map" }

// OverviewCaption names the overview on its link-preview card: "5 calls
// from Washington, 9:05 a.m. EST to 5:05 p.m. EST".
func OverviewCaption(cs []Call) string { return OverviewTitle(cs) + ", " + OverviewSpan(cs) }

// PlaceLabel names a place on the map: a place called is named with the
// steps of its calls, "2 Berlin", so that the map tells their order at a
// glance; short is the steps alone ("2"), or "" for a place not called.
func PlaceLabel(p *story.Place, cs []Call) (label, short string) {
	var steps []string
	for _, c := range cs {
		if c.To.ID == p.ID {
			steps = append(steps, strconv.Itoa(c.Step))
		}
	}
	if len(steps) == 0 {
		return p.Name, ""
	}
	short = strings.Join(steps, ", ")
	return short + " " + p.Name, short
}

// MapSummary is the map's text alternative: where the arcs go.
func MapSummary(cs []Call) string {
	return fmt.Sprintf("World map with arcs from %s to %s, in the order of the calls, and the night side of the Earth shaded.",
		cs[0].From.Name, ListText(placesCalled(cs)))
}

// placesCalled are the names of the places called, in the calls' order.
func placesCalled(cs []Call) []string {
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		names = append(names, c.To.Name)
	}
	return names
}

// MapTitle is the map's title.
func MapTitle(cs []Call) string { return "Map of the calls from " + cs[0].From.Name }

// CardAlt describes a step's link-preview card, for readers who cannot see
// it: what the picture shows.
func CardAlt(title string, cs []Call, step int) string {
	var b strings.Builder
	counted := "story's call"
	if len(cs) != 1 {
		counted = fmt.Sprintf("story's %d calls", len(cs))
	}
	fmt.Fprintf(&b, "“%s” above a world map of the %s", title, counted)
	if len(cs) > 0 {
		fmt.Fprintf(&b, ", drawn as arcs from %s to %s", cs[0].From.Name, ListText(placesCalled(cs)))
	}
	b.WriteString(".")
	switch {
	case step >= 1 && step <= len(cs):
		c := cs[step-1]
		fmt.Fprintf(&b, " %s, to %s in %s at %s, is marked in red, with the night side of the Earth shaded as it was then.",
			c.Position(len(cs)), c.Leader.Name, c.To.Name, c.FromTime())
	case len(cs) > 0:
		b.WriteString(" Every arc is drawn in red and each place called is numbered in the order of its call.")
	}
	return b.String()
}

// ListText joins names as prose: "A", "A and B", "A, B and C".
func ListText(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
