package ui

import (
	"encoding/json"
	"testing"
	"time"

	"fivecalls/app/story"
)

// copyStory returns a deep copy of the default story to change in a test.
func copyStory(t *testing.T) *story.Story {
	t.Helper()
	b, err := json.Marshal(story.Default())
	if err != nil {
		t.Fatal(err)
	}
	var s story.Story
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

func TestZoneTableDefaultStory(t *testing.T) {
	s := story.Default()
	cs := CallsOf(s)
	table := ZoneTableFor(cs)
	if len(table.Zones) != 1 {
		t.Fatalf("table has %d zones, want the origin's only", len(table.Zones))
	}
	// Every time the live clock shows must come out of the table exactly as
	// Go's zone database gives it: the browser uses the table instead.
	for _, c := range cs {
		for _, zone := range []string{c.From.TimeZone} {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range []time.Time{c.Start, c.Start.Add(-20 * time.Hour), c.Start.Add(20 * time.Hour)} {
				got, ok := table.lookup(zone, at.Unix())
				if !ok {
					t.Fatalf("%s at %s: not in the table", zone, at)
				}
				abbr, offset := at.In(loc).Zone()
				if got.Abbr != abbr || got.Offset != offset {
					t.Errorf("%s at %s: table says %s %+d, zone database %s %+d", zone, at, got.Abbr, got.Offset, abbr, offset)
				}
			}
		}
	}
	if _, ok := table.lookup("America/New_York", table.Until); ok {
		t.Error("lookup answered past the end of the table")
	}
	if _, ok := table.lookup("America/New_York", table.From-1); ok {
		t.Error("lookup answered before the start of the table")
	}
	if _, ok := table.lookup("Europe/Nowhere", cs[0].Start.Unix()); ok {
		t.Error("lookup answered for a zone not in the table")
	}
}

// A story on the day clocks change must get both offsets, switching at the
// exact instant: 2 a.m. EST on 12 March 2017 is 07:00 UTC.
func TestZoneTableAcrossDaylightSaving(t *testing.T) {
	s := copyStory(t)
	for i := range s.Calls {
		s.Calls[i].Start = "2017-03-12T01:30:00-05:00"
	}
	table := ZoneTableFor(CallsOf(s))
	switchAt := time.Date(2017, 3, 12, 7, 0, 0, 0, time.UTC).Unix()
	before, ok1 := table.lookup("America/New_York", switchAt-1)
	after, ok2 := table.lookup("America/New_York", switchAt)
	if !ok1 || !ok2 {
		t.Fatalf("the switch is outside the table [%d, %d)", table.From, table.Until)
	}
	if before.Abbr != "EST" || before.Offset != -5*3600 || after.Abbr != "EDT" || after.Offset != -4*3600 {
		t.Errorf("around the switch: %+v then %+v, want EST −5 h then EDT −4 h", before, after)
	}
}
