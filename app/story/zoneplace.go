package story

//go:generate go run ./internal/gen -out zonetab.go

// zonePlace is a time zone and its principal location, the city the tz
// database names it for. zonetab.go, generated from tzdata's zone1970.tab
// and zone.tab, lists them all; the validator suggests one when a place's
// time zone is not a name the system knows.
type zonePlace struct {
	Name     string
	Lat, Lon float64
}
