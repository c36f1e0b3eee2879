package page

import (
	"testing"
	"time"

	"fivecalls/app/story"
)

func TestZoneTableDefaultStory(t *testing.T) {
	w := mustWidget(t, story.Default())
	cs := w.Calls()
	table := w.zoneTable()
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
				got, ok := table.Change(zone, at.Unix())
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
	if _, ok := table.Change("America/New_York", table.Until); ok {
		t.Error("lookup answered past the end of the table")
	}
	if _, ok := table.Change("America/New_York", table.From-1); ok {
		t.Error("lookup answered before the start of the table")
	}
	if _, ok := table.Change("Europe/Nowhere", cs[0].Start.Unix()); ok {
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
	table := mustWidget(t, s).zoneTable()
	switchAt := time.Date(2017, 3, 12, 7, 0, 0, 0, time.UTC).Unix()
	before, ok1 := table.Change("America/New_York", switchAt-1)
	after, ok2 := table.Change("America/New_York", switchAt)
	if !ok1 || !ok2 {
		t.Fatalf("the switch is outside the table [%d, %d)", table.From, table.Until)
	}
	if before.Abbr != "EST" || before.Offset != -5*3600 || after.Abbr != "EDT" || after.Offset != -4*3600 {
		t.Errorf("around the switch: %+v then %+v, want EST −5 h then EDT −4 h", before, after)
	}
}

// The WebAssembly's animated clock writes every call's start as the
// server's prerendered timeline does, in each shipped language: it has only
// the table to go by (break it: give the table another language's clock
// pattern or template, and the two part).
func TestZoneTableWritesTheServersClock(t *testing.T) {
	for _, lang := range []string{"en", "de", "fr", "es", "ja", "ru"} {
		s := story.Default()
		s.Language = lang
		w := mustWidget(t, s)
		table := w.zoneTable()
		for _, c := range w.Calls() {
			if got, want := table.Text(c.Start, c.From.TimeZone), c.FromClock(); got != want {
				t.Errorf("%s: the table writes %q, the server %q", lang, got, want)
			}
		}
	}
}

// The same for every story of the corpus in its own language, and for a
// story of several days in every shipped one: it writes the date with the
// time, and the table must carry the names of its months and days (it
// carried none, and the clock read "Hobart , 3, 7:08 p.m." between two
// calls of a week).
func TestZoneTableWritesTheServersClockForEveryStory(t *testing.T) {
	for name, st := range corpusStories(t) {
		langs := []string{st.Language}
		for i := 0; i < len(langs); i++ {
			lang := langs[i]
			s := *st
			s.Language = lang
			w, err := New(&s, Options{Version: "test"})
			if err != nil && i == 0 {
				t.Fatalf("%s: %v", name, err)
			}
			if err != nil {
				continue // a story's own words may not fit another language (plural forms)
			}
			if i == 0 && w.calls[0].days {
				langs = append(langs, "en", "de", "fr", "es", "ja", "ru")
			}
			table := w.zoneTable()
			for _, c := range w.Calls() {
				if got, want := table.Text(c.Start, c.From.TimeZone), c.FromClock(); got != want {
					t.Errorf("%s in %s: the table writes %q, the server %q", name, lang, got, want)
				}
			}
		}
	}
}
