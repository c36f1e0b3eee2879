package ui

import (
	"strings"
	"testing"
	"time"

	"fivecalls/app/locale/cldrtime"
)

// fillTemplate writes what a strings.Replacer of the same pairs writes, for
// the templates the locales use and odder ones (every occurrence, left to
// right, a replaced value never scanned again, a brace that starts no
// placeholder kept). Making it replace only the first occurrence, or scan
// the values it wrote, turns this red.
func TestFillTemplateIsAReplacer(t *testing.T) {
	pairs := []string{"{time}", "9:05 a.m.", "{zone}", "EST"}
	for _, tpl := range []string{
		"{time} {zone}", "{zone} {time}", "{time}", "", "no placeholder", "{time}{zone}{time}",
		"{ {time} }", "{tim {zone}", "{", "}{", "à {time} — {zone}時", "{zone}{zone}", "{date}, {time}",
	} {
		want := strings.NewReplacer(pairs...).Replace(tpl)
		if got := fillTemplate(tpl, pairs...); got != want {
			t.Errorf("fillTemplate(%q) = %q, want %q", tpl, got, want)
		}
	}
	// A value holding a placeholder is not replaced again.
	if got := fillTemplate("{date}, {time}", "{date}", "{time}", "{time}", "9:05"); got != "{time}, 9:05" {
		t.Errorf("a value was scanned again: %q", got)
	}
}

// A frame of the animated clock in a move across hours: a new minute each
// time, as the WebAssembly writes it (GOOS=js GOARCH=wasm go test -bench
// ZoneTableText ./app/ui, with go_js_wasm_exec on the PATH, to measure it
// where it runs).
func BenchmarkZoneTableText(b *testing.B) {
	at := time.Date(2017, 1, 28, 14, 5, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		clock ClockFormat
	}{
		{"time", ClockFormat{Pattern: "h:mm a", Words: cldrtime.Words{AM: "a.m.", PM: "p.m.", Digits: "0123456789", Noon: "noon"}, Template: "{time} {zone}"}},
		{"date", ClockFormat{Pattern: "HH:mm", Words: cldrtime.Words{Weekdays: [7]string{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."}, Digits: "0123456789"},
			Template: "{time} {zone}", Date: "EEE, d. MMM", DateTemplate: "{date}, {time}"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			t := &ZoneTable{From: at.Add(-48 * time.Hour).Unix(), Until: at.Add(48 * time.Hour).Unix(), Clock: c.clock,
				Zones: map[string][]ZoneChange{"America/New_York": {{At: at.Add(-48 * time.Hour).Unix(), Offset: -5 * 3600, Abbr: "EST"}}}}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				t.Text(at.Add(time.Duration(i)*time.Minute), "America/New_York")
				i = (i + 1) % 1440
			}
		})
	}
}
