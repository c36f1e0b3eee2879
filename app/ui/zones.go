package ui

import (
	"sort"
	"strings"
	"time"

	"fivecalls/app/locale/cldrtime"
)

// ZoneTable is what the server, which has the time zone database and the
// locale's data, tells the browser about the clocks it animates: each
// zone's offsets over the story's days, with the name the story's language
// gives it then ("EST", "MEZ", "GMT+9"), and how that language writes a
// time of day. With it the animated clock, which the WebAssembly moves
// from one call's start to the next, reads as the server's prerendered
// clocks do, without time/tzdata or a locale's data in the WebAssembly,
// and without asking Intl, which is slow to start on a phone. The page
// carries it as JSON (ZonesID).
type ZoneTable struct {
	From  int64                   `json:"from"` // Unix seconds; the table covers [From, Until)
	Until int64                   `json:"until"`
	Zones map[string][]ZoneChange `json:"zones"`
	Clock ClockFormat             `json:"clock"`

	locs map[ZoneChange]*time.Location // made by In, one per change
	// The clock's patterns, read by Text at its first call.
	clock, date cldrtime.Layout
	parsed      bool
}

// ZoneChange is a zone's offset and name from a moment on.
type ZoneChange struct {
	At     int64  `json:"at"` // Unix seconds
	Offset int    `json:"offset"`
	Abbr   string `json:"abbr"`
}

// ClockFormat is how the story's language writes a time of day with its
// zone: a CLDR pattern ("h:mm a", "HH:mm") in its words (cldrtime), set in
// a template where {time} and {zone} go ("{time} {zone}"); and, when the
// story spans days, the date's pattern and the template that puts it
// before the time ("{date}, {time}").
type ClockFormat struct {
	Pattern      string         `json:"pattern"`
	Words        cldrtime.Words `json:"words"`
	Template     string         `json:"template"`
	Date         string         `json:"date,omitempty"`
	DateTemplate string         `json:"dateTemplate,omitempty"`
}

// Text writes an instant, as the clocks of a zone read it, the way the
// page writes it: "9:05 a.m. EST", "9.05 Uhr GMT−5", "Sat, May 31, 8:54
// a.m. PDT".
func (t *ZoneTable) Text(at time.Time, zone string) string {
	if !t.parsed {
		t.clock, t.date, t.parsed = cldrtime.Parse(t.Clock.Pattern), cldrtime.Parse(t.Clock.Date), true
	}
	c, _ := t.Change(zone, at.Unix())
	local := t.In(at, zone)
	text := fillTemplate(t.Clock.Template, "{time}", t.clock.Format(local, &t.Clock.Words), "{zone}", c.Abbr)
	if t.Clock.Date == "" {
		return text
	}
	return fillTemplate(t.Clock.DateTemplate, "{date}", t.date.Format(local, &t.Clock.Words), "{time}", text)
}

// fillTemplate puts each value where its placeholder is in the template,
// in one pass from the left, as a strings.Replacer of the pairs would,
// without making one for each call: the animated clock writes a time on
// every frame of a motion.
func fillTemplate(template string, pairs ...string) string {
	var b strings.Builder
	b.Grow(len(template) + 16)
	for i := 0; i < len(template); {
		j := strings.IndexByte(template[i:], '{')
		if j < 0 {
			b.WriteString(template[i:])
			break
		}
		b.WriteString(template[i : i+j])
		i += j
		matched := false
		for k := 0; k+1 < len(pairs); k += 2 {
			if strings.HasPrefix(template[i:], pairs[k]) {
				b.WriteString(pairs[k+1])
				i += len(pairs[k])
				matched = true
				break
			}
		}
		if !matched {
			b.WriteByte('{')
			i++
		}
	}
	return b.String()
}

// In returns t as the clocks of the zone read it, with the zone's
// abbreviation, when the table covers it; otherwise t in UTC (the browser
// only shows instants between the story's calls, which it covers).
func (t *ZoneTable) In(at time.Time, zone string) time.Time {
	c, ok := t.Change(zone, at.Unix())
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

// Change returns the zone's change in force at the Unix time, if the table
// covers it.
func (t *ZoneTable) Change(name string, secs int64) (ZoneChange, bool) {
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
