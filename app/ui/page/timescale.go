package page

import (
	"slices"
	"time"

	"fivecalls/app/locale"
	"fivecalls/geo"
)

// maxTicks is the most ticks the strip of time draws: a label every tick
// fits in a desktop's column, every other one in a phone's (levels).
const maxTicks = 12

// maxMinuteTicks is the most ticks of minutes: their labels are whole times
// of day ("2:10 p.m."), longer than an hour's "2", so a strip of minutes is
// for an hour or so of items, where hours would draw a tick or two.
const maxMinuteTicks = 7

// lastMarkRoom is the least share of the strip left from the last item's
// start to the strip's end: its mark is as wide as a finger (24 px, and a
// 2 px gap; web/state.css) on a phone's strip of 264 px. The strip is
// otherwise cut at the tick after the last item's end, which can leave a
// short last item a sliver of a mark to tap.
const lastMarkRoom = 0.1

// timeScale is the stretch of time the timeline's strip shows, from the
// tick before the first item's start to the tick after the last item's
// end (or a tick later, for the last item's mark: lastMarkRoom), and its
// ticks: minutes for an hour, hours for a day, days for a
// week, months or years beyond. Ticks fall on the clocks of the place the first item starts
// from, which its labels read.
type timeScale struct {
	First, Last time.Time
	// Ticks run from First to Last, both included.
	Ticks []time.Time
	unit  tickUnit
}

// tickUnit is a step between ticks: a duration for minutes and hours, a
// number of days, months or years on the calendar.
type tickUnit struct {
	minutes, hours, days, months, years int
}

// tickUnits are the steps the strip picks from, the finest that keeps to
// maxTicks (maxMinuteTicks for minutes).
var tickUnits = []tickUnit{
	{minutes: 10}, {minutes: 15},
	{hours: 1}, {hours: 2}, {hours: 3}, {hours: 6}, {hours: 12},
	{days: 1}, {days: 2}, {days: 7}, {days: 14},
	{months: 1}, {months: 2}, {months: 3}, {months: 6},
	{years: 1}, {years: 2}, {years: 5}, {years: 10}, {years: 20}, {years: 50},
	{years: 100}, {years: 200}, {years: 500}, {years: 1000}, {years: 2000}, {years: 5000},
}

// floor is the last tick at or before t, in t's zone.
func (u tickUnit) floor(t time.Time) time.Time {
	y, m, d := t.Date()
	loc := t.Location()
	switch {
	case u.minutes > 0:
		return time.Date(y, m, d, t.Hour(), t.Minute()-t.Minute()%u.minutes, 0, 0, loc)
	case u.hours > 0:
		h := t.Hour() - t.Hour()%u.hours
		return time.Date(y, m, d, h, 0, 0, 0, loc)
	case u.days > 0:
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	case u.months > 0:
		mm := (int(m)-1)/u.months*u.months + 1
		return time.Date(y, time.Month(mm), 1, 0, 0, 0, 0, loc)
	}
	return time.Date(y-y%u.years, 1, 1, 0, 0, 0, 0, loc)
}

// next is the tick after t.
func (u tickUnit) next(t time.Time) time.Time {
	switch {
	case u.minutes > 0:
		return t.Add(time.Duration(u.minutes) * time.Minute)
	case u.hours > 0:
		return t.Add(time.Duration(u.hours) * time.Hour)
	case u.days > 0:
		return t.AddDate(0, 0, u.days)
	case u.months > 0:
		return t.AddDate(0, u.months, 0)
	}
	return t.AddDate(u.years, 0, 0)
}

// newTimeScale picks the strip's stretch and ticks for the items.
func newTimeScale(cs []Call) timeScale {
	start, end, last := cs[0].atFrom, cs[0].Start, cs[len(cs)-1].Start
	for _, c := range cs {
		e := c.End
		if e.IsZero() {
			e = c.Start
		}
		if e.After(end) {
			end = e
		}
	}
	end = end.In(start.Location())
	var s timeScale
	for _, u := range tickUnits {
		most := maxTicks
		if u.minutes > 0 {
			most = maxMinuteTicks
		}
		s = timeScale{unit: u, First: u.floor(start)}
		if s.First.Equal(start) {
			// A margin before an item that starts on a tick.
			s.First = s.First.Add(-1)
			s.First = u.floor(s.First)
		}
		s.Ticks = []time.Time{s.First}
		for t := s.First; !t.After(end) && len(s.Ticks) <= most; {
			t = u.next(t)
			s.Ticks = append(s.Ticks, t)
		}
		s.Last = s.Ticks[len(s.Ticks)-1]
		for len(s.Ticks) <= most && s.x(last) > 1-lastMarkRoom {
			s.Last = u.next(s.Last)
			s.Ticks = append(s.Ticks, s.Last)
		}
		if len(s.Ticks) <= most {
			break
		}
	}
	return s
}

// x is where an instant sits on the strip, from 0 (First) to 1 (Last).
func (s timeScale) x(t time.Time) float64 {
	return float64(t.Sub(s.First)) / float64(s.Last.Sub(s.First))
}

// labels are the ticks' labels, each but the last (the strip's end):
// times of day ("2:10 p.m."); hours ("9", "noon", "1 p.m."), with the date where a day begins when
// the strip spans days; days and weeks by their date ("Jan 28"); months
// ("Jan", and the year at its first month or the strip's first tick);
// years.
func (s timeScale) labels(loc *locale.Locale) []string {
	out := make([]string, 0, len(s.Ticks)-1)
	for i, t := range s.Ticks[:len(s.Ticks)-1] {
		var label string
		switch u := s.unit; {
		case u.minutes > 0:
			label = loc.Clock(t)
		case u.hours > 0 && s.major(i):
			label = loc.Date(t, locale.MonthDay)
		case u.hours > 0:
			label = loc.Hour(t)
		case u.days > 0:
			label = loc.Date(t, locale.MonthDay)
		case u.months > 0 && s.major(i):
			label = loc.Date(t, locale.YearMonthShort)
		case u.months > 0:
			label = loc.Date(t, locale.MonthShort)
		default:
			label = loc.Date(t, locale.Year)
		}
		out = append(out, label)
	}
	return out
}

// major reports whether tick i's label names the larger unit the ticks
// run in: the date where a day begins among hours (when the strip spans
// days), the year among months. A phone's strip, which shows every other
// label, keeps these (see timeline.renderStrip).
func (s timeScale) major(i int) bool {
	t := s.Ticks[i]
	switch u := s.unit; {
	case u.hours > 0:
		return s.hoursAmongDays() && (i == 0 || t.YearDay() != s.Ticks[i-1].YearDay())
	case u.months > 0:
		return i == 0 || t.Month() == time.January
	}
	return false
}

// hoursAmongDays reports whether the ticks are hours on a strip that
// spans days, where the days' labels are among the hours'.
func (s timeScale) hoursAmongDays() bool {
	return s.unit.hours > 0 && s.Last.Sub(s.First) > 24*time.Hour
}

// datetime is a major tick's date as HTML's datetime attribute writes it:
// its day among hours, its month among months.
func (s timeScale) datetime(i int) string {
	if s.unit.months > 0 {
		return s.Ticks[i].Format("2006-01")
	}
	return s.Ticks[i].Format("2006-01-02")
}

// The strip's labels in the reader's text size: their font size in rem
// (web/app.css, .fc-hours), how far each starts before its tick (its
// negative margin there), in em of it; the least room between one label's
// end and the next's start, in em (3 px in 12 px text); and how far in
// rem the last may run past the strip's end, into the panel's 12 px
// padding (up to 40 px text).
const (
	hourLabelRem      = 0.75
	hourLabelLead     = 0.2
	hourLabelSpace    = 0.3
	hourLabelOverhang = 0.3
)

// asciiAdvance are the advances of the printable ASCII characters, from
// the space on, in hundredths of an em: DejaVu Sans's, among the widest of
// the sans-serifs a reader may have (Linux's; Roboto and San Francisco are
// narrower), measured in Chromium.
var asciiAdvance = [95]uint8{
	32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34,
	64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53,
	100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79,
	60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50,
	50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61,
	63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
}

// labelWidth is a label's width in em of its text: ASCII as DejaVu Sans
// sets it, a no-break space as a space, a wide character (geo.Wide) a
// whole em, any other (é, я) 0.75 em, wider than most.
func labelWidth(label string) float64 {
	w := 0.0
	for _, r := range label {
		switch {
		case r >= ' ' && r <= '~':
			w += float64(asciiAdvance[r-' ']) / 100
		case r == '\u00a0':
			w += float64(asciiAdvance[0]) / 100
		case geo.Wide(r):
			w++
		default:
			w += 0.75
		}
	}
	return w
}

// levels sorts the strip's labels into levels, each showing fewer: level 1
// every label, level 2 every other one (a phone's), then every fourth and
// every eighth. It says, for each label, the last level that shows it
// (ui.LevelAttr), and, for each level, the least width of the strip in
// rem at which its labels fit side by side (stripNeed); a narrower strip
// shows the next level's.
//
// A phone's level keeps the labels that name the day or the year (major),
// hiding their neighbours instead (and the first label when the second is
// major too), and among days it names the days alone, since there a lone
// hour ("18" after "Apr 6") reads as a day of the month. The next levels
// keep the major labels first, then the others, each at least the spacing
// from those kept: in large text on a phone, some days or years go too.
// When a level's last label needs more room to the strip's end than its
// labels need between them ("Nov 19" two columns from the end of a 360 px
// strip in 32 px text), the level after it is the same without that label.
func (s timeScale) levels(labels []string) (level []int, fits []float64) {
	n := len(labels)
	major := func(i int) bool { return i >= 0 && i < n && s.major(i) }
	all := make([]bool, n)
	for i := range all {
		all[i] = true
	}
	phone := make([]bool, n)
	for i := range phone {
		if major(i) {
			phone[i] = i > 0 || !major(1)
		} else {
			phone[i] = i%2 == 0 && !major(i-1) && !major(i+1) && !s.hoursAmongDays()
		}
	}
	sets := [][]bool{all, phone}
	need := func(set []bool) float64 {
		between, end := stripNeed(labels, set)
		return max(between, end)
	}
	// A level that needs no less room than the one before would never
	// show: it is left out.
	add := func(set []bool) {
		if slices.Contains(set, true) && need(set) < need(sets[len(sets)-1]) {
			sets = append(sets, set)
		}
	}
	for _, k := range []int{4, 8} {
		prev := sets[len(sets)-1]
		var kept []int
		far := func(i int) bool {
			for _, j := range kept {
				if i-j < k && j-i < k {
					return false
				}
			}
			return true
		}
		next := make([]bool, n)
		for _, wantMajor := range []bool{true, false} {
			for i := range n {
				if prev[i] && major(i) == wantMajor && far(i) {
					kept = append(kept, i)
					next[i] = true
				}
			}
		}
		add(next)
		for {
			first, last := slices.Index(next, true), -1
			for i := range n {
				if next[i] {
					last = i
				}
			}
			if between, end := stripNeed(labels, next); end <= between || first == last {
				break
			}
			next = slices.Clone(next)
			next[last] = false
			add(next)
		}
	}
	level = make([]int, n)
	for l, set := range sets {
		for i := range n {
			if set[i] {
				level[i] = l + 1
			}
		}
		fits = append(fits, need(set))
	}
	return level, fits
}

// stripNeed is the least width of the strip, in rem, at which the labels
// shown fit: between is what each needs to the next shown, end what the
// last needs to the strip's end. A label starts just before its tick and
// the strip has a column per label, so labels i and j fit when (j-i)
// columns hold label i and a space; the last may run a little past the
// strip's end.
func stripNeed(labels []string, shown []bool) (between, end float64) {
	n := len(labels)
	last := -1
	for j := 0; j <= n; j++ {
		if j < n && !shown[j] {
			continue
		}
		switch {
		case last >= 0 && j < n:
			between = max(between, float64(n)*(labelWidth(labels[last])+hourLabelSpace)*hourLabelRem/float64(j-last))
		case last >= 0:
			end = float64(n) * ((labelWidth(labels[last])-hourLabelLead)*hourLabelRem - hourLabelOverhang) / float64(j-last)
		}
		last = j
	}
	return between, end
}
