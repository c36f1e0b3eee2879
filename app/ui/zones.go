package ui

import (
	"sort"
	"time"

	"fivecalls/app/story"
)

// ZoneTable is what the server, which has the time zone database, tells the
// browser about the zone the calls are made from: its offsets over the
// story's days. With it the live clock, which the WebAssembly moves from one
// call's start to the next, reads as the server's prerendered clocks do,
// with the same abbreviations, without time/tzdata in the WebAssembly and
// without asking Intl, which is slow to start on a phone.
type ZoneTable struct {
	From  int64                   `json:"from"` // Unix seconds; the table covers [From, Until)
	Until int64                   `json:"until"`
	Zones map[string][]ZoneChange `json:"zones"`
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

// ZoneTableFor builds the table for the zones the story's calls are made
// from. The server calls it, with Go's zone database behind zoneAt.
func ZoneTableFor(s *story.Story) ZoneTable {
	cs := calls(s)
	t := ZoneTable{Zones: map[string][]ZoneChange{}}
	if len(cs) == 0 {
		return t
	}
	first, last := dayWindow(cs)
	from, until := first.Add(-zoneMargin).Truncate(zoneStep), last.Add(zoneMargin)
	t.From, t.Until = from.Unix(), until.Unix()
	for _, c := range cs {
		for _, name := range []string{c.Origin.TimeZone} {
			if _, done := t.Zones[name]; done {
				continue
			}
			var changes []ZoneChange
			for at := from; at.Before(until); at = at.Add(zoneStep) {
				loc, ok := zoneAt(at, name)
				if !ok {
					break
				}
				abbr, offset := at.In(loc).Zone()
				if n := len(changes); n == 0 || changes[n-1].Offset != offset || changes[n-1].Abbr != abbr {
					changes = append(changes, ZoneChange{At: at.Unix(), Offset: offset, Abbr: abbr})
				}
			}
			t.Zones[name] = changes
		}
	}
	return t
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
