//go:build js && wasm

package ui

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// formatters caches one Intl.DateTimeFormat per zone: creating one is slow,
// and the clock asks on every animation frame.
var formatters = map[string]app.Value{}

// zoneAt returns a fixed zone with the offset and abbreviation the browser
// gives for the instant in the IANA zone, e.g. EST (UTC−5) for
// America/New_York on 28 January 2017.
func zoneAt(t time.Time, name string) (z *time.Location, ok bool) {
	defer func() {
		if recover() != nil { // an unknown zone throws a RangeError
			z, ok = nil, false
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
	secs := t.Unix()
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
	return time.FixedZone(abbr, int(local.Unix()-secs)), true
}
