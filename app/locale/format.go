package locale

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"fivecalls/app/locale/cldrtime"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Locale writes the widget's words, dates, times, zones and numbers in one
// language, with a story's overrides of the catalogue.
type Locale struct {
	tag     language.Tag // the story's, e.g. fr-CA
	lang    string       // its language, e.g. fr
	data    *cldrLocale
	printer *message.Printer
	words   cldrtime.Words // CLDR's, with the catalogue's periods (time-am, time-pm)
	time    string         // the time pattern: the catalogue's, or CLDR's
}

// New makes the locale of a story: its BCP 47 tag, what its items are
// (a kind of Kinds; "" for calls) and its overrides of the catalogue. A
// tag whose language has no catalogue is accepted when the overrides give
// every message, and a kind the language does not ship when they give
// every message of KindKeys; the language must have CLDR's data.
func New(tag, kind string, overrides map[Key]Message) (*Locale, error) {
	if err := Check(tag, kind, overrides); err != nil {
		return nil, err
	}
	t := language.Make(tag)
	base, _ := t.Base()
	l := &Locale{tag: t, lang: base.String(), data: cldrData[base.String()]}
	msgs := map[Key]Message{}
	for k, m := range catalogues[l.lang] {
		msgs[k] = m
	}
	for k, m := range kinds[l.lang][kind] {
		msgs[k] = m
	}
	for k, m := range overrides {
		msgs[k] = m
	}
	b := catalog.NewBuilder(catalog.Fallback(t))
	for k, m := range msgs {
		if err := b.Set(t, string(k), compile(m)); err != nil {
			return nil, fmt.Errorf("message %s: %w", k, err)
		}
	}
	l.printer = message.NewPrinter(t, message.Catalog(b))
	l.words = l.data.Words
	if am := l.T(TimeAm); am != "" {
		l.words.AM = am
	}
	if pm := l.T(TimePm); pm != "" {
		l.words.PM = pm
	}
	l.words.Noon = l.T(TimeNoon)
	l.time = l.data.Time
	if p := l.T(TimePattern); p != "" {
		l.time = p
	}
	// A time of day is one word on a line: "5:05 p.m." never leaves its
	// "p.m." on the next.
	l.time = strings.ReplaceAll(l.time, " ", "\u00a0")
	return l, nil
}

// compile turns a message into x/text's: a plural selection on its
// argument where it has forms.
func compile(m Message) catalog.Message {
	if m.Plural == 0 {
		return catalog.String(m.Text)
	}
	var cases []any
	// Exact numbers first, then the categories in CLDR's order, "other"
	// last (the first case that matches wins).
	var keys []string
	for k := range m.Forms {
		keys = append(keys, k)
	}
	order := map[string]int{"zero": 1, "one": 2, "two": 3, "few": 4, "many": 5, "other": 6}
	sort.Slice(keys, func(i, j int) bool {
		return order[keys[i]] < order[keys[j]] || order[keys[i]] == order[keys[j]] && keys[i] < keys[j]
	})
	for _, k := range keys {
		cases = append(cases, k, m.Forms[k])
	}
	return plural.Selectf(m.Plural, "%d", cases...)
}

// Lang is the locale's BCP 47 tag, for <html lang>.
func (l *Locale) Lang() string { return l.tag.String() }

// Dir is the direction the language is written in: "rtl" or "ltr".
func (l *Locale) Dir() string {
	s, _ := l.tag.Script()
	switch s.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return "rtl"
	}
	return "ltr"
}

// T writes a message with its arguments.
func (l *Locale) T(k Key, args ...any) string { return l.printer.Sprintf(string(k), args...) }

// Clock is a time of day, as t's location reads it: "9:05 a.m.", "23:05".
func (l *Locale) Clock(t time.Time) string { return cldrtime.Format(t, l.time, &l.words) }

// ClockFormat is what the WebAssembly needs to write a time of day as
// Clock does: the pattern and the locale's words for it (no names of
// months or days, which a time of day does not use).
func (l *Locale) ClockFormat() (pattern string, words cldrtime.Words) {
	w := cldrtime.Words{AM: l.words.AM, PM: l.words.PM, Digits: l.words.Digits, Noon: l.words.Noon}
	return l.time, w
}

// DateWords are all the locale's words for writing a date and a time: its
// names of months and days too.
func (l *Locale) DateWords() cldrtime.Words { return l.words }

// Hour labels an hour on a timeline: the hour alone ("9", "21"), the
// catalogue's word for noon where it has one, and the hour with its period
// at the first hour after noon and midnight in a locale of twelve-hour
// clocks ("1 p.m.": the time pattern without its minutes), so that the
// label says the afternoon has begun and stays short enough for a phone's
// strip, where "1:00 p.m." ran into the next label.
func (l *Locale) Hour(t time.Time) string {
	twelve := strings.ContainsAny(patternFields(l.time), "hK")
	h := t.Hour()
	switch {
	case t.Minute() != 0:
		return l.Clock(t)
	case h == 12 && twelve && l.T(TimeNoon) != "":
		return l.T(TimeNoon)
	case twelve && (h == 0 || h == 1 || h == 13):
		return cldrtime.Format(t, withoutMinutes(l.time), &l.words)
	case twelve:
		return cldrtime.Digits(strconv.Itoa((h+11)%12+1), &l.words)
	}
	return cldrtime.Digits(strconv.Itoa(h), &l.words)
}

// withoutMinutes is a time pattern without its minutes and their
// separator: "h:mm a" is "h a".
func withoutMinutes(pattern string) string {
	for _, sep := range []string{":mm", ".mm", "mm"} {
		if i := strings.Index(pattern, sep); i >= 0 {
			return pattern[:i] + pattern[i+len(sep):]
		}
	}
	return pattern
}

// patternFields is a CLDR pattern without its quoted literals, so that the
// "h" of French "H' h 'mm" ("9 h 05") is not read as a twelve-hour field.
func patternFields(pattern string) string {
	var b strings.Builder
	quoted := false
	for _, r := range pattern {
		switch {
		case r == '\'':
			quoted = !quoted // '' (an apostrophe) toggles twice: no harm
		case !quoted:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Weekday is t's weekday, abbreviated: "Sun", "So.".
func (l *Locale) Weekday(t time.Time) string { return l.words.Weekdays[t.Weekday()] }

// Date writes t's date with one of the locale's patterns (Date*).
func (l *Locale) Date(t time.Time, p DatePattern) string {
	return cldrtime.Format(t, l.DatePattern(p), &l.words)
}

// DatePattern is the CLDR pattern of one of the locale's date patterns,
// for cldrtime.Format (the WebAssembly writes dates with it).
func (l *Locale) DatePattern(p DatePattern) string {
	var pattern string
	switch p {
	case DateLong:
		pattern = l.data.DateLong
	case DateMedium:
		pattern = l.data.DateMedium
	case MonthDay:
		pattern = l.data.MonthDay
	case MonthDayWeekday:
		pattern = l.data.MonthDayWeekday
	case DayWeekday:
		pattern = l.data.DayWeekday
	case YearMonth:
		pattern = l.data.YearMonth
	case YearMonthShort:
		pattern = l.data.YearMonthShort
	case Year:
		pattern = l.data.Year
	case MonthShort:
		pattern = "LLL" // the month's abbreviation, standing alone
	}
	return pattern
}

// DatePattern names one of the locale's date patterns.
type DatePattern int

// The date patterns: "January 28, 2017", "Jan 28, 2017", "Jan 28",
// "Sat, Jan 28", "28 Sat", "January 2017", "Jan 2017", "2017", "Jan".
const (
	DateLong DatePattern = iota
	DateMedium
	MonthDay
	MonthDayWeekday
	DayWeekday
	YearMonth
	YearMonthShort
	Year
	MonthShort
)

// ZoneName names the zone at an instant as the locale's press does: its
// short name where the locale has one ("EST", "MEZ"), otherwise its offset
// from UTC ("GMT+9", "UTC−5").
func (l *Locale) ZoneName(t time.Time, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return l.gmt(0)
	}
	t = t.In(loc)
	_, offset := t.Zone()
	if mz := metazoneAt(zone, t.Unix()); mz != "" && (t.Unix() >= 0 || standardOffset(t) == standardOffset(time.Unix(0, 0).In(loc))) {
		if s, ok := l.data.Zones[mz]; ok {
			name := s.Standard
			if t.IsDST() {
				name = s.Daylight
			}
			if name != "" {
				return name
			}
		}
	}
	return l.gmt(offset)
}

// standardOffset is the offset of t's zone at t less an hour of daylight
// saving. CLDR's history of metazones begins in 1970 and gives each zone's
// first metazone from then back to any date: before 1970 ZoneName names a
// zone by it only while the zone kept the standard offset it had in 1970
// (Lisbon kept its local mean time, UTC-0:36:45, until 1912, not Central
// European Time; Britain's double summer time of the 1940s was not BST).
func standardOffset(t time.Time) int {
	_, off := t.Zone()
	if t.IsDST() {
		off -= 3600
	}
	return off
}

// metazoneAt is the metazone a zone used at an instant, among those with a
// short name in some locale.
func metazoneAt(zone string, secs int64) string {
	for _, u := range metaZones[zone] {
		if (u.From == 0 || secs >= u.From) && (u.To == 0 || secs < u.To) {
			return u.Zone
		}
	}
	return ""
}

// gmt writes an offset in CLDR's short localized GMT format: "GMT+9",
// "GMT+5:30", "UTC−5" (with a minus sign), "GMT" for zero.
func (l *Locale) gmt(offset int) string {
	if offset == 0 {
		return l.data.GMTZero
	}
	pos, neg, _ := strings.Cut(l.data.HourFormat, ";")
	pattern := pos
	if offset < 0 {
		pattern, offset = neg, -offset
	}
	h, m := offset/3600, offset%3600/60
	// Short form: hours without a leading zero, minutes only when not zero.
	hours := strconv.Itoa(h)
	var b strings.Builder
	for i := 0; i < len(pattern); {
		switch {
		case strings.HasPrefix(pattern[i:], "HH"):
			b.WriteString(hours)
			i += 2
		case pattern[i] == 'H':
			b.WriteString(hours)
			i++
		case pattern[i] == ':' && strings.HasPrefix(pattern[i+1:], "mm"):
			if m != 0 {
				fmt.Fprintf(&b, ":%02d", m)
			}
			i += 3
		case pattern[i] == '-':
			// The sign as a minus (CLDR writes a hyphen): a browser
			// breaks a line after a hyphen, and left "GMT-" on one line
			// and "5" on the next; it keeps a minus with its digits.
			b.WriteString("\u2212")
			i++
		default:
			b.WriteByte(pattern[i])
			i++
		}
	}
	return strings.Replace(l.data.GMT, "{0}", cldrtime.Digits(b.String(), &l.words), 1)
}

// ZonedClock is a time of day with its zone's name: "9:05 a.m. EST",
// "17:00 MEZ", "23:05 GMT+9".
func (l *Locale) ZonedClock(t time.Time, zone string) string {
	return l.T(TimeWithZone, l.Clock(t), l.ZoneName(t, zone))
}

// Int writes a whole number with the locale's digits and grouping:
// "1,234", "1.234", "1 234".
func (l *Locale) Int(n int) string {
	s := strconv.Itoa(max(n, -n))
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(l.data.Group)
		}
		b.WriteRune(r)
	}
	out := cldrtime.Digits(b.String(), &l.words)
	if n < 0 {
		out = l.data.Minus + out
	}
	return out
}

// Percent writes a whole percentage with the locale's pattern: "42%",
// "42 %" (with a no-break space), "42 %".
func (l *Locale) Percent(n int) string {
	p := l.data.Percent
	if i := strings.Index(p, ";"); i >= 0 {
		p = p[:i]
	}
	num := regexp.MustCompile(`[#0,.]+`).FindString(p)
	return strings.Replace(strings.Replace(p, num, l.Int(n), 1), "%", l.data.PercentSign, 1)
}

// List joins names as prose, with the catalogue's words: "A", "A and B",
// "A, B and C".
func (l *Locale) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return l.T(ListTwo, items[0], items[1])
	}
	out := items[0]
	for _, it := range items[1 : len(items)-1] {
		out = l.T(ListMiddle, out, it)
	}
	return l.T(ListEnd, out, items[len(items)-1])
}

// PluralCategories are the CLDR plural categories of a language's whole
// numbers, and "other", which every language has ("one" and "other" in
// English; "one", "few", "many" and "other" in Russian; "other" alone in
// Japanese).
func PluralCategories(lang string) []string {
	t := language.Make(lang)
	seen := map[plural.Form]bool{plural.Other: true}
	for n := 0; n < 1000; n++ {
		seen[plural.Cardinal.MatchPlural(t, n, 0, 0, 0, 0)] = true
	}
	names := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}
	var out []string
	for f, name := range names {
		if seen[f] {
			out = append(out, name)
		}
	}
	order := []string{"zero", "one", "two", "few", "many", "other"}
	slices.SortFunc(out, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	return out
}
