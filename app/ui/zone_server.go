//go:build !(js && wasm)

package ui

import (
	"sync"
	"time"
)

var (
	locationsMu sync.Mutex
	locations   = map[string]*time.Location{}
)

// zoneAt returns the zone's location; loaded once per zone.
func zoneAt(_ time.Time, name string) (*time.Location, bool) {
	locationsMu.Lock()
	defer locationsMu.Unlock()
	if loc, ok := locations[name]; ok {
		return loc, true
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, false
	}
	locations[name] = loc
	return loc, true
}

// setLiveZones is the browser's: the server has the zone database.
func setLiveZones(*ZoneTable) {}
