//go:build js && wasm

package ui

import "time"

// liveZones is the page's zone table (#fivecalls-zones), read when the live
// component starts.
var liveZones *ZoneTable

func setLiveZones(t *ZoneTable) { liveZones = t }

// tableZones holds the locations made from the zone table.
var tableZones = map[ZoneChange]*time.Location{}

// zoneAt returns a fixed zone with the offset and abbreviation in force at
// the instant in the IANA zone, from the server's zone table. The browser
// only formats instants between the story's calls, which the table covers;
// outside it the caller falls back to UTC.
func zoneAt(t time.Time, name string) (*time.Location, bool) {
	c, ok := liveZones.lookup(name, t.Unix())
	if !ok {
		return nil, false
	}
	z := tableZones[c]
	if z == nil {
		z = time.FixedZone(c.Abbr, c.Offset)
		tableZones[c] = z
	}
	return z, true
}
