package ui

import (
	"sort"
	"time"
)

// ZoneTable is what the server, which has the time zone database, tells the
// browser about the zones its clocks show: their offsets and abbreviations
// over the story's days. With it the animated clock, which the WebAssembly
// moves from one call's start to the next, reads as the server's
// prerendered clocks do, without time/tzdata in the WebAssembly and without
// asking Intl, which is slow to start on a phone. The page carries it as
// JSON (ZonesID).
type ZoneTable struct {
	From  int64                   `json:"from"` // Unix seconds; the table covers [From, Until)
	Until int64                   `json:"until"`
	Zones map[string][]ZoneChange `json:"zones"`

	locs map[ZoneChange]*time.Location // made by In, one per change
}

// ZoneChange is a zone's offset and abbreviation from a moment on.
type ZoneChange struct {
	At     int64  `json:"at"` // Unix seconds
	Offset int    `json:"offset"`
	Abbr   string `json:"abbr"`
}

// zoneStep is the table's resolution. Zones change offset only on whole
// quarter hours of UTC (the local mean times of the 1800s aside).
const zoneStep = 15 * time.Minute

// zoneMargin is how far the table reaches beyond the story's first and last
// call: the timeline's whole day with room to spare.
const zoneMargin = 36 * time.Hour

// ZoneTableFor builds the table for the zones the calls are made from, over
// the span the timeline shows. The server calls it, with Go's zone
// database.
func ZoneTableFor(cs []Call) ZoneTable {
	t := ZoneTable{Zones: map[string][]ZoneChange{}}
	if len(cs) == 0 {
		return t
	}
	first, last := DayWindow(cs)
	from, until := first.Add(-zoneMargin).Truncate(zoneStep), last.Add(zoneMargin)
	t.From, t.Until = from.Unix(), until.Unix()
	for _, c := range cs {
		name := c.From.TimeZone
		if _, done := t.Zones[name]; done {
			continue
		}
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		var changes []ZoneChange
		for at := from; at.Before(until); at = at.Add(zoneStep) {
			abbr, offset := at.In(loc).Zone()
			if n := len(changes); n == 0 || changes[n-1].Offset != offset || changes[n-1].Abbr != abbr {
				changes = append(changes, ZoneChange{At: at.Unix(), Offset: offset, Abbr: abbr})
			}
		}
		t.Zones[name] = changes
	}
	return t
}

// In returns t as the clocks of the zone read it, with the zone's
// abbreviation, when the table covers it; otherwise t in UTC (the browser
// only shows instants between the story's calls, which it covers).
func (t *ZoneTable) In(at time.Time, zone string) time.Time {
	c, ok := t.lookup(zone, at.Unix())
	if !ok {
		return at.UTC()
	}
	loc := t.locs[c]
	if loc == nil {
		if t.locs == nil {
			t.locs = map[ZoneChange]*time.Location{}
		}
		loc = time.FixedZone(c.Abbr, c.Offset)
		t.locs[c] = loc
	}
	return at.In(loc)
}

// lookup returns the zone's change in force at the Unix time, if the table
// covers it.
func (t *ZoneTable) lookup(name string, secs int64) (ZoneChange, bool) {
	if t == nil || secs < t.From || secs >= t.Until {
		return ZoneChange{}, false
	}
	changes := t.Zones[name]
	i := sort.Search(len(changes), func(i int) bool { return changes[i].At > secs })
	if i == 0 {
		return ZoneChange{}, false
	}
	return changes[i-1], true
}

// DayWindow is the stretch of time the timeline's strip shows: from the
// hour before the first call to the hour after the last one ends.
func DayWindow(cs []Call) (first, last time.Time) {
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
