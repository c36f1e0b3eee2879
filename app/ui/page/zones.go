package page

import (
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/ui"
)

// zoneStep is the zone table's resolution. Zones change offset only on
// whole quarter hours of UTC (the local mean times of the 1800s aside).
const zoneStep = 15 * time.Minute

// zoneMargin is how far the table reaches beyond the story's first and last
// call: the timeline's whole span with room to spare.
const zoneMargin = 36 * time.Hour

// zoneTable is the table the WebAssembly's animated clock reads (see
// ui.ZoneTable): the offsets of the zones the calls are made from, over the
// span the timeline shows, named as the story's language names them, and
// how it writes a time of day.
func (w *Widget) zoneTable() ui.ZoneTable {
	pattern, words := w.loc.ClockFormat()
	t := ui.ZoneTable{
		Zones: map[string][]ui.ZoneChange{},
		Clock: ui.ClockFormat{Pattern: pattern, Words: words, Template: w.loc.T(locale.TimeWithZone, "{time}", "{zone}")},
	}
	first, last := w.DayWindow()
	from, until := first.Add(-zoneMargin).Truncate(zoneStep), last.Add(zoneMargin)
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
		var changes []ui.ZoneChange
		for at := from; at.Before(until); at = at.Add(zoneStep) {
			_, offset := at.In(loc).Zone()
			abbr := w.loc.ZoneName(at, name)
			if n := len(changes); n == 0 || changes[n-1].Offset != offset || changes[n-1].Abbr != abbr {
				changes = append(changes, ui.ZoneChange{At: at.Unix(), Offset: offset, Abbr: abbr})
			}
		}
		t.Zones[name] = changes
	}
	return t
}
