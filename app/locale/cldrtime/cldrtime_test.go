package cldrtime

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	layouts := map[string]Layout{}
	en := &Words{AM: "AM", PM: "PM", Digits: "0123456789"}
	en.Months[0], en.MonthsShort[0], en.Weekdays[6], en.WeekdaysWide[6] = "January", "Jan", "Sat", "Saturday"
	ru := &Words{Digits: "0123456789"}
	ru.Months[0], ru.StandaloneMonths[0], ru.StandaloneDays[6], ru.Weekdays[6] = "января", "январь", "сб", "сб"
	ar := &Words{AM: "ص", PM: "م", Digits: "٠١٢٣٤٥٦٧٨٩"}
	enNoon := &Words{AM: "AM", PM: "PM", Digits: "0123456789", Noon: "noon"}
	enNoon.MonthsShort[0] = "Jan"
	at := time.Date(2017, 1, 28, 23, 5, 0, 0, time.UTC)
	noon := time.Date(2017, 1, 28, 12, 0, 0, 0, time.UTC)
	midnight := time.Date(2017, 1, 29, 0, 7, 0, 0, time.UTC)
	for _, tt := range []struct {
		t       time.Time
		pattern string
		w       *Words
		want    string
	}{
		{at, "h:mm a", en, "11:05 PM"},
		{noon, "h:mm a", en, "12:00 PM"},
		{midnight, "h:mm a", en, "12:07 AM"},
		{midnight, "HH:mm", en, "00:07"},
		{midnight, "H:mm", en, "0:07"},
		{midnight, "K:mm", en, "0:07"},
		{midnight, "k:mm", en, "24:07"},
		{at, "HH 'Uhr'", en, "23 Uhr"},
		{at, "MMMM d, y", en, "January 28, 2017"},
		{at, "E, MMM d", en, "Sat, Jan 28"},
		{at, "EEEE", en, "Saturday"},
		{at, "d MMMM y 'г'.", ru, "28 января 2017 г."},
		{at, "LLLL y", ru, "январь 2017"},
		{at, "ccc, d", ru, "сб, 28"},
		{at, "y年M月d日", en, "2017年1月28日"},
		{at, "dd.MM.yy", en, "28.01.17"},
		{at, "'o''clock' h", en, "o'clock 11"},
		{at, "h:mm a", ar, "١١:٠٥ م"},
		// Noon, where the words have a word for it: in place of the hour,
		// its minutes and its period, on a twelve-hour clock only, at
		// 12:00 exactly.
		{noon, "h:mm a", enNoon, "noon"},
		{noon, "MMM d, y, h:mm a", enNoon, "Jan 28, 2017, noon"},
		{noon, "'at' h:mm a 'sharp'", enNoon, "at noon sharp"},
		{noon, "aK:mm", enNoon, "noon"},
		{noon.Add(time.Minute), "h:mm a", enNoon, "12:01 PM"},
		{noon.Add(time.Second), "h:mm:ss a", enNoon, "12:00:01 PM"},
		{noon.Add(-12 * time.Hour), "h:mm a", enNoon, "12:00 AM"},
		{noon, "HH:mm", enNoon, "12:00"},
		{noon, "h:mm", enNoon, "12:00"},
		{noon, "MMM d", enNoon, "Jan 28"},
	} {
		if got := Format(tt.t, tt.pattern, tt.w); got != tt.want {
			t.Errorf("Format(%s, %q) = %q, want %q", tt.t, tt.pattern, got, tt.want)
		}
		// A pattern read once writes every instant after it, as the
		// animated clock uses it: noon, then a minute past, then others.
		l, ok := layouts[tt.pattern]
		if !ok {
			l = Parse(tt.pattern)
			layouts[tt.pattern] = l
		}
		if got := l.Format(tt.t, tt.w); got != tt.want {
			t.Errorf("Parse(%q) reused: Format(%s) = %q, want %q", tt.pattern, tt.t, got, tt.want)
		}
	}
}
