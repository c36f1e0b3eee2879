package page

import (
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/ui"
)

// zoneStep is the zone table's resolution. Zones change offset only on
// whole quarter hours of UTC (the local mean times of the 1800s aside).
const zoneStep = 15 * time.Minute

// zoneSample is how far apart the table looks before it looks closer: no
// zone changes twice within a day.
const zoneSample = 24 * time.Hour

// zoneMargin is how far the table reaches beyond the timeline's ends.
const zoneMargin = 36 * time.Hour

// zoneTable is the table the WebAssembly's animated clock reads (see
// ui.ZoneTable): the offsets of the zones the items start from, over the
// span the timeline shows, named as the story's language names them, and
// how it writes a time of day (with its date when the story spans days).
func (w *Widget) zoneTable() ui.ZoneTable {
	pattern, words := w.loc.ClockFormat()
	t := ui.ZoneTable{
		Zones: map[string][]ui.ZoneChange{},
		Clock: ui.ClockFormat{Pattern: pattern, Words: words, Template: w.loc.T(locale.TimeWithZone, "{time}", "{zone}")},
	}
	if w.calls[0].days {
		t.Clock.Date = w.loc.DatePattern(w.calls[0].datePattern())
		t.Clock.DateTemplate = w.loc.T(locale.DateTime, "{date}", "{time}")
		t.Clock.Words = w.loc.DateWords() // the date's names of months and days
	}
	from := w.scale.First.Add(-zoneMargin).Truncate(zoneStep)
	until := w.scale.Last.Add(zoneMargin)
	t.From, t.Until = from.Unix(), until.Unix()
	for _, c := range w.calls {
		name := c.From.TimeZone
		if _, done := t.Zones[name]; done {
			continue
		}
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		t.Zones[name] = w.zoneChanges(loc, from, until)
	}
	return t
}

// zoneChanges lists a zone's offsets and names from one instant to
// another: sampled daily, each change then found to the quarter hour.
func (w *Widget) zoneChanges(loc *time.Location, from, until time.Time) []ui.ZoneChange {
	at := func(t time.Time) ui.ZoneChange {
		_, offset := t.In(loc).Zone()
		return ui.ZoneChange{At: t.Unix(), Offset: offset, Abbr: w.loc.ZoneName(t, loc.String())}
	}
	same := func(a, b ui.ZoneChange) bool { return a.Offset == b.Offset && a.Abbr == b.Abbr }
	changes := []ui.ZoneChange{at(from)}
	for t := from; t.Before(until); {
		next := t.Add(zoneSample)
		if next.After(until) {
			next = until.Truncate(zoneStep)
		}
		if !next.After(t) {
			break
		}
		if c := at(next); !same(c, changes[len(changes)-1]) {
			// The change is in (t, next]: find its quarter hour.
			lo, hi := t, next
			for hi.Sub(lo) > zoneStep {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(zoneStep)
				if !mid.After(lo) {
					mid = lo.Add(zoneStep)
				}
				if same(at(mid), changes[len(changes)-1]) {
					lo = mid
				} else {
					hi = mid
				}
			}
			changes = append(changes, at(hi))
		}
		t = next
	}
	return changes
}
