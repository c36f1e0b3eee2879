package page

import (
	"math"
	"strings"
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/story"
)

// Call is one item of a story (a call, a leg, a visit: the story's items)
// with what the widget says about it, in the story's language, derived
// once from the story (callsOf), so that the page, its link-preview card
// and the alt texts say the same thing.
//
// Items are numbered by their step on the timeline: 1…n, in the story's
// order; step 0 is the overview of every item.
type Call struct {
	Step int
	*story.Call
	// From is the place the item starts from (the story's origin when the
	// item names none), To the place it goes to.
	From, To *story.Place
	// Start is the item's start; End its end, zero when its length is
	// unknown.
	Start, End time.Time
	// atFrom and atTo are the start as the clocks at either end read it;
	// atEnd the end as the clocks at To read it.
	atFrom, atTo, atEnd time.Time
	loc                 *locale.Locale
	// days is set when the story spans more than one day: times then
	// carry their dates; years when it spans years: dates then carry
	// their year.
	days, years bool
}

// callsOf derives a validated story's items, in order, in its language.
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
		call := Call{
			Step: len(out) + 1, Call: c, From: from, To: to, Start: start, End: end,
			atFrom: inZone(start, from.TimeZone), atTo: inZone(start, to.TimeZone), loc: loc,
		}
		if !end.IsZero() {
			call.atEnd = inZone(end, to.TimeZone)
		}
		out = append(out, call)
	}
	days, years := spansDays(out), spansYears(out)
	for i := range out {
		out[i].days, out[i].years = days, years
	}
	return out
}

// spansYears reports whether the items run into another year where they
// start from: "Tue, Mar 14" is then no date at all.
func spansYears(cs []Call) bool {
	if len(cs) == 0 {
		return false
	}
	first, last := cs[0], cs[len(cs)-1]
	end := last.End
	if end.IsZero() {
		end = last.Start
	}
	return inZone(end, first.From.TimeZone).Year() != first.atFrom.Year()
}

// spansDays reports whether the items run over more than one day where
// they start from: the first start and the last end (or start) fall on
// different dates, or more than a day apart.
func spansDays(cs []Call) bool {
	if len(cs) == 0 {
		return false
	}
	first, last := cs[0], cs[len(cs)-1]
	end := last.End
	if end.IsZero() {
		end = last.Start
	}
	endThere := inZone(end, first.From.TimeZone)
	y1, m1, d1 := first.atFrom.Date()
	y2, m2, d2 := endThere.Date()
	return end.Sub(first.Start) > 24*time.Hour || y1 != y2 || m1 != m2 || d1 != d2
}

// callPlaces are the places an item links: the place it starts from (the
// story's origin when the item names none) and the place it goes to.
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

// hasPerson reports whether the item is with someone the story names.
func (c Call) hasPerson() bool { return c.Leader.Name != "" }

// Label names the item in lists and announcements: "Shinzo Abe, Tokyo"
// when it is with someone; otherwise its route, "Oakland to Kauai", or
// its place when it goes nowhere else.
func (c Call) Label() string {
	if c.hasPerson() {
		return c.Leader.Name + ", " + c.To.Name
	}
	return c.Route()
}

// Route is where the item goes: "Oakland to Kauai", or the place alone
// for an item that stays at one.
func (c Call) Route() string {
	if c.From.ID == c.To.ID {
		return c.To.Name
	}
	return c.loc.T(locale.Route, c.From.Name, c.To.Name)
}

// Who heads the item's card: the person's name, or the route.
func (c Call) Who() string {
	if c.hasPerson() {
		return c.Leader.Name
	}
	return c.Route()
}

// Role is the person's title, as the story gives it ("Chancellor of
// Germany"), or "".
func (c Call) Role() string {
	if !c.hasPerson() {
		return ""
	}
	return c.Leader.Title
}

// dated writes a time of day at t with t's date before it when the story
// spans days: "Sat, May 31, 8:54 a.m. PDT" (with the year when it spans
// years).
func (c Call) dated(t time.Time, clock string) string {
	if !c.days {
		return clock
	}
	return c.loc.T(locale.DateTime, c.loc.Date(t, c.datePattern()), clock)
}

// datePattern is how the item's dates are written: "Sat, May 31", or "May
// 31, 2025" when the story spans years.
func (c Call) datePattern() locale.DatePattern {
	if c.years {
		return locale.DateMedium
	}
	return locale.MonthDayWeekday
}

// FromTime is the start where the item starts from: "9:05 a.m. EST",
// "about 11:00 a.m. EST", with its date when the story spans days. The
// timeline's clock shows it at rest; the WebAssembly's clock running
// between two items counts exact minutes (FromClock) and ends on it.
func (c Call) FromTime() string {
	return c.dated(c.atFrom, approx(c.loc, locale.ApproxTime, c.loc.ZonedClock(c.atFrom, c.From.TimeZone), c.StartApprox))
}

// FromClock is the exact start where the item starts from, as the
// WebAssembly's running clock writes it (its zone table): "9:05 a.m.
// EST", "9.05 Uhr GMT-5", dated when the story spans days.
func (c Call) FromClock() string {
	return c.dated(c.atFrom, c.loc.ZonedClock(c.atFrom, c.From.TimeZone))
}

// ToTime is the start at the place the item goes to: with its weekday,
// "Sun 9:05 a.m.", or "Sat about 8:00 p.m." for a scheduled time; with
// its date when the story spans days, written as the start's beside it
// is ("Jun 10, 2013, 7:30 a.m." in a story of years, not "Mon, Jun 10"
// beside "Jun 10, 2013, 2:30 a.m. GMT+2").
func (c Call) ToTime() string {
	clock := c.toClock()
	if c.days {
		return c.loc.T(locale.DateClock, c.loc.Date(c.atTo, c.datePattern()), clock)
	}
	return c.loc.T(locale.WeekdayTime, c.loc.Weekday(c.atTo), clock)
}

// EndTime is the end at the place the item goes to, with its zone and,
// when the story spans days or the end falls on another day there, its
// date; "" when the story does not give the end (Call.Arrival).
func (c Call) EndTime() string {
	if c.Arrival == "" || c.atEnd.IsZero() {
		return ""
	}
	clock := c.loc.ZonedClock(c.atEnd, c.To.TimeZone)
	if c.days || c.atEnd.YearDay() != c.atTo.YearDay() {
		return c.loc.T(locale.DateTime, c.loc.Date(c.atEnd, c.datePattern()), clock)
	}
	return clock
}

// toClock is the start's time of day at the place the item goes to:
// "8:00 p.m.", "about 8:00 p.m." for a scheduled time.
func (c Call) toClock() string {
	return approx(c.loc, locale.ApproxTime, c.loc.Clock(c.atTo), c.StartApprox)
}

// approx marks an approximate time or length: "about 11:00 a.m. EST".
func approx(loc *locale.Locale, k locale.Key, text string, approx bool) string {
	if approx {
		return loc.T(k, text)
	}
	return text
}

// Length says how long the item lasted, in the units a reader uses: "45
// min", "1 h 20 min", "34 h", "3 days", "about 42 min", or "not reported".
func (c Call) Length() string {
	d, approxLength, ok := c.Call.Length()
	if !ok {
		return c.loc.T(locale.LengthUnknown)
	}
	text, rounded := lengthText(c.loc, d)
	return approx(c.loc, locale.ApproxDuration, text, approxLength || rounded)
}

// lengthText writes a length in minutes under an hour, hours and minutes
// under ten hours, whole hours under two days, whole days beyond; rounded
// says it was rounded (and so reads as approximate).
func lengthText(loc *locale.Locale, d time.Duration) (text string, rounded bool) {
	m := int(math.Round(d.Minutes()))
	switch {
	case m < 60:
		return loc.T(locale.Minutes, max(m, 1)), false
	case m < 10*60 && m%60 == 0:
		return loc.T(locale.Hours, m/60), false
	case m < 10*60:
		return loc.T(locale.HoursMinutes, m/60, m%60), false
	case m < 48*60:
		return loc.T(locale.Hours, int(math.Round(float64(m)/60))), m%60 != 0
	}
	return loc.T(locale.Days, int(math.Round(float64(m)/(24*60)))), m%(24*60) != 0
}

// Position is the item's place among the story's: "Call 2 of 5".
func (c Call) Position(total int) string { return c.loc.T(locale.ItemPosition, c.Step, total) }

// RadioLabel names the item's step radio: who, where and when where it
// starts from. A screen reader adds the position ("2 of 6").
func (c Call) RadioLabel() string {
	if c.hasPerson() {
		return c.loc.T(locale.ItemRadio, c.Leader.Name, c.To.Name, c.FromTime(), c.From.Name)
	}
	return c.loc.T(locale.ItemRadioRoute, c.Route(), c.FromTime(), c.From.Name)
}

// Announcement is what the live region says when the item is shown: "3 of
// 5: Vladimir Putin, Moscow, about 8:00 p.m. local", with the date there
// when the story spans days or it is another day there, and "about"
// where the card has it.
func (c Call) Announcement(total int) string {
	local := c.dated(c.atTo, c.toClock())
	if !c.days && c.atTo.YearDay() != c.atFrom.YearDay() {
		// Another day there than where it starts, which the card's
		// weekday shows: the date there ("Sun, Jan 29, 9:05 a.m." in
		// Canberra, on Saturday in Washington).
		local = c.loc.T(locale.DateTime, c.loc.Date(c.atTo, locale.MonthDayWeekday), c.toClock())
	}
	if c.hasPerson() {
		return c.loc.T(locale.ItemAnnounce, c.Step, total, c.Leader.Name, c.To.Name, local)
	}
	// An item without a person is told by its start where it starts:
	// "3 of 6: Papeete to Pago Pago, 6:00 a.m. GMT-10".
	return c.loc.T(locale.ItemAnnounceRoute, c.Step, total, c.Route(), c.FromTime())
}

// Caption names the item on its link-preview card: "Call 2 of 5: Angela
// Merkel, Chancellor of Germany, about 11:00 a.m. EST".
func (c Call) Caption(total int) string {
	if c.hasPerson() && c.Role() != "" {
		return c.loc.T(locale.CardCaption, c.Position(total), c.Leader.Name, c.Role(), c.FromTime())
	}
	return c.loc.T(locale.CardCaptionRoute, c.Position(total), c.Label(), c.FromTime())
}

// InOrder is the item in the overview's list of every item: "1 Shinzo Abe
// (Tokyo)", "1 Oakland to Kauai".
func (c Call) InOrder() string {
	if c.hasPerson() {
		return c.loc.T(locale.InOrderItem, c.Step, c.Leader.Name, c.To.Name)
	}
	return c.loc.T(locale.InOrderRoute, c.Step, c.Route())
}

// The overview's words, and the map's, for the items of a widget.

// OverviewTitle heads the overview: "5 calls from Washington".
func (w *Widget) OverviewTitle() string {
	return w.loc.T(locale.OverviewTitle, len(w.calls), w.calls[0].From.Name)
}

// OverviewSpan is the items' span, from the first start to the last start,
// each where it starts from. When the story gives the last item's end
// (Call.Arrival), the span runs to that end, where it ends: a journey's
// span is its departure to its arrival. It is the widget's one statement
// of when the story happened, so its first date has the year: a day's
// span is dated by its first start ("January 28, 2017, 9:05 a.m. EST to
// 5:05 p.m. EST"), a story of days starts on its full date ("September 1,
// 2025, 8:00 a.m. GMT+2 to Sun, Oct 19, 10:00 a.m. GMT+1"), and one of
// years has them everywhere. A reader who finds the widget in an archive,
// or in an article of a later day, would otherwise not know the year.
func (w *Widget) OverviewSpan() string {
	first, last := w.calls[0], w.calls[len(w.calls)-1]
	from := first.FromTime()
	if first.days && !first.years {
		from = w.loc.T(locale.DateTime, w.loc.Date(first.atFrom, locale.DateLong), approx(w.loc, locale.ApproxTime, w.loc.ZonedClock(first.atFrom, first.From.TimeZone), first.StartApprox))
	}
	var span string
	switch end := last.EndTime(); {
	case end != "":
		span = w.loc.T(locale.TimeSpan, from, end)
	case len(w.calls) == 1:
		span = from
	default:
		span = w.loc.T(locale.TimeSpan, from, last.FromTime())
	}
	if !first.days {
		span = w.loc.T(locale.DateTime, w.loc.Date(first.atFrom, locale.DateLong), span)
	}
	return span
}

// OverviewClock is the span on the timeline's clock, kept short to sit on
// one line beside the buttons on a phone when it can: "9:05 a.m.–5:05
// p.m. EST" for a day in one zone. It ends where OverviewSpan does, and
// says "about" where it does: a scheduled or rounded start is not made
// exact for want of room.
func (w *Widget) OverviewClock() string {
	first, last := w.calls[0], w.calls[len(w.calls)-1]
	start := approx(w.loc, locale.ApproxTime, w.loc.Clock(first.atFrom), first.StartApprox)
	if end := last.EndTime(); end != "" {
		if !first.days && first.From.TimeZone == last.To.TimeZone && first.atFrom.YearDay() == last.atEnd.YearDay() {
			return start + "–" + end
		}
		return w.loc.T(locale.TimeSpan, first.FromTime(), end)
	}
	if len(w.calls) == 1 {
		return first.FromTime()
	}
	if !first.days && first.From.TimeZone == last.From.TimeZone {
		return start + "–" + last.FromTime()
	}
	return w.loc.T(locale.TimeSpan, first.FromTime(), last.FromTime())
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

// SpanLabel heads the overview's span: where the items start from, "In
// Washington", when they all start from one place; "When" otherwise.
func (w *Widget) SpanLabel() string {
	if w.spanInOnePlace() {
		return w.loc.T(locale.InPlace, w.calls[0].From.Name)
	}
	return w.loc.T(locale.SpanLabel)
}

// overviewClockPlace is the place the clock names beside the overview's
// span: the one place the span is in, or "" (spanInOnePlace).
func (w *Widget) overviewClockPlace() string {
	if w.spanInOnePlace() {
		return w.calls[0].From.Name
	}
	return ""
}

// spanInOnePlace reports whether the overview's span starts and ends in
// one place: every item starts from the same place, and the span ends at
// the last start, not at an end elsewhere (OverviewSpan).
func (w *Widget) spanInOnePlace() bool {
	return w.fromOnePlace() && w.calls[len(w.calls)-1].EndTime() == ""
}

// fromOnePlace reports whether every item starts from the same place.
func (w *Widget) fromOnePlace() bool {
	for _, c := range w.calls {
		if c.From.ID != w.calls[0].From.ID {
			return false
		}
	}
	return true
}

// PlaceLabel names a place on the map: a place an item goes to is named
// with the steps of its items, "2 Berlin", so that the map tells their
// order at a glance; short is the steps alone ("2"), or "" for a place no
// item goes to.
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
	// A place reached many times keeps a short label: "1, 3 … 49".
	if len(steps) > 3 {
		steps = []string{steps[0], steps[1] + " …", steps[len(steps)-1]}
		short = steps[0] + ", " + steps[1] + " " + steps[2]
	} else {
		short = strings.Join(steps, ", ")
	}
	return short + " " + p.Name, short
}

// placesReached are the names of the places the items go to, in order.
func (w *Widget) placesReached() []string {
	names := make([]string, 0, len(w.calls))
	for _, c := range w.calls {
		names = append(names, c.To.Name)
	}
	return names
}

// routes are the items' routes, in order: "from Oakland to Kauai" …
func (w *Widget) routes() []string {
	out := make([]string, 0, len(w.calls))
	for _, c := range w.calls {
		out = append(out, c.Route())
	}
	return out
}

// itemsText writes a message whose one argument is the number of calls:
// its words for one call differ ("The call", "All calls").
func (w *Widget) itemsText(k locale.Key) string { return w.loc.T(k, len(w.calls)) }

// InOrder names every call in its order, for the overview.
func (w *Widget) InOrder() string {
	whom := make([]string, len(w.calls))
	for i, c := range w.calls {
		whom[i] = c.InOrder()
	}
	return w.loc.T(locale.InOrder, w.loc.List(whom), len(w.calls))
}

// MapTitle is the map's title.
func (w *Widget) MapTitle() string {
	return w.loc.T(locale.MapTitle, w.calls[0].From.Name, len(w.calls))
}

// MapSummary is the map's text alternative: where the arcs go, from the
// one place they start from, or each from its own.
func (w *Widget) MapSummary() string {
	if w.fromOnePlace() {
		return w.loc.T(locale.MapSummary, w.calls[0].From.Name, w.loc.List(w.placesReached()), len(w.calls))
	}
	return w.loc.T(locale.MapSummaryRoutes, w.loc.List(w.routes()), len(w.calls))
}

// CardAlt describes a step's link-preview card, for readers who cannot see
// it: what the picture shows.
func (w *Widget) CardAlt(step int) string {
	cs := w.calls
	var out string
	if w.fromOnePlace() {
		out = w.loc.T(locale.CardAlt, w.story.Title, len(cs), cs[0].From.Name, w.loc.List(w.placesReached()))
	} else {
		out = w.loc.T(locale.CardAltRoutes, w.story.Title, len(cs), w.loc.List(w.routes()))
	}
	if step >= 1 && step <= len(cs) {
		c := cs[step-1]
		if c.hasPerson() {
			return out + " " + w.loc.T(locale.CardAltCall, c.Position(len(cs)), c.Leader.Name, c.To.Name, c.FromTime())
		}
		return out + " " + w.loc.T(locale.CardAltRoute, c.Position(len(cs)), c.Route(), c.FromTime())
	}
	return out + " " + w.itemsText(locale.CardAltOverview)
}

// CertaintyText is the reader-facing word for a certainty grade (the
// story may rename each: messages certainty-high, -medium, -low).
func (w *Widget) CertaintyText(c story.Certainty) string {
	switch c {
	case story.High:
		return w.loc.T(locale.CertaintyHigh)
	case story.Medium:
		return w.loc.T(locale.CertaintyMedium)
	}
	return w.loc.T(locale.CertaintyLow)
}
