package page

import (
	"strings"
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/story"
)

// Call is one call of a story with what the widget says about it, in the
// story's language, derived once from the story (callsOf), so that the
// page, its link-preview card and the alt texts say the same thing.
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
	loc          *locale.Locale
}

// callsOf derives a validated story's calls, in order, in its language.
func callsOf(s *story.Story, loc *locale.Locale) []Call {
	out := make([]Call, 0, len(s.Calls))
	for i := range s.Calls {
		c := &s.Calls[i]
		from, to := callPlaces(s, c)
		if from == nil || to == nil {
			continue // validated stories always resolve
		}
		start, _ := c.StartTime()
		end, _ := c.End()
		out = append(out, Call{
			Step: len(out) + 1, Call: c, From: from, To: to, Start: start, End: end,
			atFrom: inZone(start, from.TimeZone), atTo: inZone(start, to.TimeZone), loc: loc,
		})
	}
	return out
}

// callPlaces are the places a call links: the place it was made from (the
// story's origin when the call names none) and the place called.
func callPlaces(s *story.Story, c *story.Call) (from, to *story.Place) {
	from = s.Place(c.From)
	if from == nil {
		from = s.Place(s.Origin)
	}
	return from, s.Place(c.To)
}

// inZone is t in the IANA zone, or in UTC when the zone is unknown
// (validated stories always know theirs).
func inZone(t time.Time, zone string) time.Time {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return t.UTC()
	}
	return t.In(loc)
}

// FromTime is the start where the call was made from: "9:05 a.m. EST",
// "about 11:00 a.m. EST".
func (c Call) FromTime() string {
	return approx(c.loc, locale.ApproxTime, c.FromClock(), c.StartApprox)
}

// FromClock is the start on the clock where the call was made from, for
// the timeline: "9:05 a.m. EST", "17:00 Uhr MEZ".
func (c Call) FromClock() string { return c.loc.ZonedClock(c.atFrom, c.From.TimeZone) }

// ToTime is the start at the place called, with its weekday: "Sun 9:05
// a.m.", or "Sat about 8:00 p.m." for a scheduled time.
func (c Call) ToTime() string {
	return c.loc.T(locale.WeekdayTime, c.loc.Weekday(c.atTo), approx(c.loc, locale.ApproxTime, c.loc.Clock(c.atTo), c.StartApprox))
}

// approx marks an approximate time or length: "about 11:00 a.m. EST".
func approx(loc *locale.Locale, k locale.Key, text string, approx bool) string {
	if approx {
		return loc.T(k, text)
	}
	return text
}

// Length says how long the call lasted: "45 min", "about 42 min", "not
// reported".
func (c Call) Length() string {
	d := c.Duration
	if d.Unknown || d.Minutes <= 0 {
		return c.loc.T(locale.LengthUnknown)
	}
	return approx(c.loc, locale.ApproxDuration, c.loc.T(locale.Minutes, d.Minutes), d.Approx)
}

// Role is the leader's title, naming the country unless the title does:
// "Chancellor, Germany".
func (c Call) Role() string {
	if strings.Contains(c.Leader.Title, c.To.Country) {
		return c.Leader.Title
	}
	return c.loc.T(locale.LeaderRole, c.Leader.Title, c.To.Country)
}

// Position is the call's place among the story's: "Call 2 of 5".
func (c Call) Position(total int) string { return c.loc.T(locale.CallPosition, c.Step, total) }

// RadioLabel names the call's step radio: who, where and when where the
// call was made. A screen reader adds the position ("2 of 6").
func (c Call) RadioLabel() string {
	return c.loc.T(locale.CallRadio, c.Leader.Name, c.To.Name, c.FromTime(), c.From.Name)
}

// Announcement is what the live region says when the call is shown: "3 of
// 5: Vladimir Putin, Moscow, 8:00 p.m. local".
func (c Call) Announcement(total int) string {
	return c.loc.T(locale.CallAnnounce, c.Step, total, c.Leader.Name, c.To.Name, c.loc.Clock(c.atTo))
}

// Caption names the call on its link-preview card: "Call 2 of 5: Angela
// Merkel, Chancellor, Germany, about 11:00 a.m. EST".
func (c Call) Caption(total int) string {
	return c.loc.T(locale.CardCaption, c.Position(total), c.Leader.Name, c.Role(), c.FromTime())
}

// The overview's words, and the map's, for the calls of a widget.

// OverviewTitle heads the overview: "5 calls from Washington".
func (w *Widget) OverviewTitle() string {
	return w.loc.T(locale.OverviewTitle, len(w.calls), w.calls[0].From.Name)
}

// OverviewSpan is the calls' span where they were made from: "9:05 a.m.
// EST to 5:05 p.m. EST".
func (w *Widget) OverviewSpan() string {
	first, last := w.calls[0], w.calls[len(w.calls)-1]
	if len(w.calls) == 1 {
		return first.FromTime()
	}
	return w.loc.T(locale.TimeSpan, first.FromTime(), last.FromTime())
}

// OverviewClock is the span on the timeline's clock, kept short to sit on
// one line beside the buttons on a phone: "9:05 a.m.–5:05 p.m. EST".
func (w *Widget) OverviewClock() string {
	first, last := w.calls[0], w.calls[len(w.calls)-1]
	if len(w.calls) == 1 {
		return first.FromClock()
	}
	return w.loc.Clock(first.atFrom) + "–" + last.FromClock()
}

// OverviewLabel names the overview's step radio, and is what the live
// region says when it is shown.
func (w *Widget) OverviewLabel() string {
	return w.loc.T(locale.OverviewLabel, len(w.calls), w.calls[0].From.Name)
}

// OverviewCaption names the overview on its link-preview card: "5 calls
// from Washington, 9:05 a.m. EST to 5:05 p.m. EST".
func (w *Widget) OverviewCaption() string {
	return w.loc.T(locale.OverviewCaption, w.OverviewTitle(), w.OverviewSpan())
}

// PlaceLabel names a place on the map: a place called is named with the
// steps of its calls, "2 Berlin", so that the map tells their order at a
// glance; short is the steps alone ("2"), or "" for a place not called.
func (w *Widget) PlaceLabel(p *story.Place) (label, short string) {
	var steps []string
	for _, c := range w.calls {
		if c.To.ID == p.ID {
			steps = append(steps, w.loc.Int(c.Step))
		}
	}
	if len(steps) == 0 {
		return p.Name, ""
	}
	short = strings.Join(steps, ", ")
	return short + " " + p.Name, short
}

// placesCalled are the names of the places called, in the calls' order.
func (w *Widget) placesCalled() []string {
	names := make([]string, 0, len(w.calls))
	for _, c := range w.calls {
		names = append(names, c.To.Name)
	}
	return names
}

// MapTitle is the map's title, and MapSummary its text alternative: where
// the arcs go.
func (w *Widget) MapTitle() string { return w.loc.T(locale.MapTitle, w.calls[0].From.Name) }

// MapSummary is the map's text alternative: where the arcs go.
func (w *Widget) MapSummary() string {
	return w.loc.T(locale.MapSummary, w.calls[0].From.Name, w.loc.List(w.placesCalled()))
}

// CardAlt describes a step's link-preview card, for readers who cannot see
// it: what the picture shows.
func (w *Widget) CardAlt(step int) string {
	cs := w.calls
	out := w.loc.T(locale.CardAlt, w.story.Title, len(cs), cs[0].From.Name, w.loc.List(w.placesCalled()))
	if step >= 1 && step <= len(cs) {
		c := cs[step-1]
		return out + " " + w.loc.T(locale.CardAltCall, c.Position(len(cs)), c.Leader.Name, c.To.Name, c.FromTime())
	}
	return out + " " + w.loc.T(locale.CardAltOverview)
}

// CertaintyText is the reader-facing word for a certainty grade.
func (w *Widget) CertaintyText(c story.Certainty) string {
	switch c {
	case story.High:
		return w.loc.T(locale.CertaintyHigh)
	case story.Medium:
		return w.loc.T(locale.CertaintyMedium)
	}
	return w.loc.T(locale.CertaintyLow)
}

// DayWindow is the stretch of time the timeline's strip shows: from the
// hour before the first call to the hour after the last one ends.
func (w *Widget) DayWindow() (first, last time.Time) {
	cs := w.calls
	first = cs[0].Start.Truncate(time.Hour)
	if first.Equal(cs[0].Start) {
		first = first.Add(-time.Hour)
	}
	end := cs[len(cs)-1].End
	if end.IsZero() {
		end = cs[len(cs)-1].Start
	}
	last = end.Truncate(time.Hour).Add(time.Hour)
	return first, last
}
