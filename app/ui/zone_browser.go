//go:build js && wasm

package ui

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// formatters caches one Intl.DateTimeFormat per zone: creating one is slow.
var formatters = map[string]app.Value{}

// zoneSpan is the stretch of time, in seconds, that one answer from Intl
// stands for (see zoneStep). The clock asks on every animation frame, and a
// round trip to Intl costs about twenty JavaScript calls.
const zoneSpan = int64(zoneStep / time.Second)

type zoneKey struct {
	name    string
	quarter int64 // Unix time / zoneSpan
}

// zones remembers Intl's answers; nil for a zone the browser does not know.
var zones = map[zoneKey]*time.Location{}

// tableZones holds the locations made from the server's zone table.
var tableZones = map[ZoneChange]*time.Location{}

// zoneAt returns a fixed zone with the offset and abbreviation in force at
// the instant in the IANA zone: from the server's zone table when it covers
// the instant, else as the browser's Intl gives them (e.g. EST, UTC−5, for
// America/New_York on 28 January 2017).
func zoneAt(t time.Time, name string) (*time.Location, bool) {
	if c, ok := current().Zones.lookup(name, t.Unix()); ok {
		z := tableZones[c]
		if z == nil {
			z = time.FixedZone(c.Abbr, c.Offset)
			tableZones[c] = z
		}
		return z, true
	}
	key := zoneKey{name, floorDiv(t.Unix(), zoneSpan)}
	z, found := zones[key]
	if !found {
		if len(zones) > 4096 { // a long scrub: start over rather than grow
			clear(zones)
		}
		z = askZone(key.quarter*zoneSpan, name)
		zones[key] = z
	}
	return z, z != nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// askZone asks the browser's Intl for the zone's offset and abbreviation at
// the Unix time; nil when it does not know the zone.
func askZone(secs int64, name string) (z *time.Location) {
	defer func() {
		if recover() != nil { // an unknown zone throws a RangeError
			z = nil
		}
	}()
	f, found := formatters[name]
	if !found {
		f = app.Window().Get("Intl").Get("DateTimeFormat").New("en-US", map[string]any{
			"timeZone": name, "hourCycle": "h23", "timeZoneName": "short",
			"year": "numeric", "month": "numeric", "day": "numeric",
			"hour": "numeric", "minute": "numeric", "second": "numeric",
		})
		formatters[name] = f
	}
	parts := f.Call("formatToParts", app.Window().Get("Date").New(float64(secs)*1000))
	var y, mo, d, h, mi, s int
	abbr := ""
	for i := 0; i < parts.Length(); i++ {
		p := parts.Index(i)
		v := p.Get("value").String()
		n, _ := strconv.Atoi(v)
		switch p.Get("type").String() {
		case "year":
			y = n
		case "month":
			mo = n
		case "day":
			d = n
		case "hour":
			h = n
		case "minute":
			mi = n
		case "second":
			s = n
		case "timeZoneName":
			abbr = v
		}
	}
	local := time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC)
	return time.FixedZone(abbr, int(local.Unix()-secs))
}
