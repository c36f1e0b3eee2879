package locale

import "fivecalls/app/locale/cldrtime"

//go:generate go run ./internal/gen -out cldr.go -cache .cache

// cldrLocale is what CLDR says of writing dates, times, time zones and
// numbers in one locale: patterns (UTS #35) and words. cldr.go, generated
// from the CLDR JSON packages, holds one per locale.
type cldrLocale struct {
	Words cldrtime.Words
	// Time is a time of day ("h:mm a", "HH:mm"), Hour an hour alone ("h a",
	// "HH 'Uhr'").
	Time, Hour string
	// The date patterns: long ("MMMM d, y"), medium ("MMM d, y"), and the
	// skeletons a timeline's ticks and spans use: MMMd, MMMEd, Ed, yMMMM,
	// yMMM and y.
	DateLong, DateMedium                  string
	MonthDay, MonthDayWeekday, DayWeekday string
	YearMonth, YearMonthShort, Year       string
	// GMT ("GMT{0}", "UTC{0}") names an offset, GMTZero the zero offset,
	// HourFormat the offset itself ("+HH:mm;-HH:mm").
	GMT, GMTZero, HourFormat string
	// Zones are the short names the locale uses, by metazone.
	Zones map[string]zoneShort
	// Numbers: the symbols, and the pattern of a percentage ("#,##0 %").
	Decimal, Group, PercentSign, Minus, Percent string
}

// zoneShort is a metazone's short names in a locale: in standard time, in
// daylight saving time, and either.
type zoneShort struct{ Standard, Daylight, Generic string }

// metaZoneUse says that an IANA zone used a metazone between From and To
// (Unix seconds; 0 for unbounded).
type metaZoneUse struct {
	Zone     string
	From, To int64
}
