// Package cldrtime writes a date or a time with a CLDR pattern ("h:mm a",
// "d. MMMM y", "y年M月d日"; Unicode Technical Standard #35), in a locale's
// words. It knows the pattern letters the widget's formats use: y, M and
// L (months), d, E and c (weekdays), a, h, H, K, k, m, s, and quoted
// literals. It depends on the standard library only, so the WebAssembly
// uses it for its animated clock, with a locale's pattern and words the
// page carries; the server uses it for every date and time it writes.
package cldrtime

import (
	"strconv"
	"strings"
	"time"
)

// Words are a locale's names for the parts of a date and the digits it
// writes numbers with.
type Words struct {
	Months           [12]string `json:"months,omitempty"`           // MMMM: "January", "января"
	MonthsShort      [12]string `json:"monthsShort,omitempty"`      // MMM: "Jan"
	StandaloneMonths [12]string `json:"standaloneMonths,omitempty"` // LLLL: "январь"
	StandaloneShort  [12]string `json:"standaloneShort,omitempty"`  // LLL
	Weekdays         [7]string  `json:"weekdays,omitempty"`         // E, EE, EEE: "Sun", Sunday first
	WeekdaysWide     [7]string  `json:"weekdaysWide,omitempty"`     // EEEE: "Sunday"
	StandaloneDays   [7]string  `json:"standaloneDays,omitempty"`   // c, ccc
	AM               string     `json:"am"`                         // a
	PM               string     `json:"pm"`
	// Digits are the ten digits, zero first: "0123456789", or "٠١٢٣٤٥٦٧٨٩".
	Digits string `json:"digits"`
	// Noon is what a twelve-hour clock says at 12:00 exactly, in place of
	// its hour, minutes and period ("noon", as AP style and the timeline's
	// axis write it); empty, 12:00 is written as any other time.
	Noon string `json:"noon,omitempty"`
}

// Format writes t, as its own location reads it, with the pattern. At
// 12:00 exactly, a pattern of a twelve-hour clock (an h or K field and a
// period) writes w.Noon, when set, from its hour to its period: "h:mm a"
// is "noon", "MMM d, y, h:mm a" "Nov 8, 2025, noon".
func Format(t time.Time, pattern string, w *Words) string {
	return Parse(pattern).Format(t, w)
}

// Layout is a pattern read once, to write many times with: the animated
// clock writes a time on every frame of a move, and reading the pattern
// was most of the work.
type Layout struct {
	parts []part
	// first and last are the twelve-hour clock's fields that w.Noon
	// replaces at 12:00 (clockSpan).
	first, last int
}

// Parse reads a pattern. Every pattern reads: a letter the package does
// not know writes nothing.
func Parse(pattern string) Layout {
	parts := parse(pattern)
	first, last := clockSpan(parts)
	return Layout{parts: parts, first: first, last: last}
}

// Format writes t as Format does with the layout's pattern.
func (l Layout) Format(t time.Time, w *Words) string {
	first, last := -1, -1
	if w.Noon != "" && t.Hour() == 12 && t.Minute() == 0 && t.Second() == 0 {
		first, last = l.first, l.last
	}
	var b strings.Builder
	for i, p := range l.parts {
		switch {
		case i == first:
			b.WriteString(w.Noon)
		case i > first && i <= last:
		case p.n == 0:
			b.WriteString(p.text)
		default:
			b.WriteString(field(t, p.letter, p.n, w))
		}
	}
	return b.String()
}

// part is a piece of a pattern: a literal (n 0), or a field, its letter n
// times.
type part struct {
	text   string
	letter rune
	n      int
}

// parse splits a pattern into its literals and fields; a quoted literal
// is a literal, and ” an apostrophe.
func parse(pattern string) []part {
	var parts []part
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, part{text: lit.String()})
			lit.Reset()
		}
	}
	rs := []rune(pattern)
	for i := 0; i < len(rs); {
		r := rs[i]
		if r == '\'' {
			if i+1 < len(rs) && rs[i+1] == '\'' {
				lit.WriteRune('\'')
				i += 2
				continue
			}
			j := i + 1
			for j < len(rs) {
				if rs[j] == '\'' {
					if j+1 < len(rs) && rs[j+1] == '\'' {
						lit.WriteRune('\'')
						j += 2
						continue
					}
					break
				}
				lit.WriteRune(rs[j])
				j++
			}
			i = j + 1
			continue
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			lit.WriteRune(r)
			i++
			continue
		}
		n := 1
		for i+n < len(rs) && rs[i+n] == r {
			n++
		}
		flush()
		parts = append(parts, part{letter: r, n: n})
		i += n
	}
	flush()
	return parts
}

// clockSpan is the first and last of a twelve-hour clock's fields (its
// hour, minutes, seconds and period) in a pattern's parts, or -1, -1 when
// it has no twelve-hour hour or no period.
func clockSpan(parts []part) (first, last int) {
	first, last = -1, -1
	hour, period := false, false
	for i, p := range parts {
		switch p.letter {
		case 'h', 'K', 'm', 's', 'a':
			if first < 0 {
				first = i
			}
			last = i
			hour = hour || p.letter == 'h' || p.letter == 'K'
			period = period || p.letter == 'a'
		}
	}
	if !hour || !period {
		return -1, -1
	}
	return first, last
}

// field writes one pattern field: the letter r, n times.
func field(t time.Time, r rune, n int, w *Words) string {
	num := func(v, width int) string { return Digits(padded(v, width), w) }
	switch r {
	case 'y':
		if n == 2 {
			return num(t.Year()%100, 2)
		}
		return num(t.Year(), n)
	case 'M', 'L':
		m := int(t.Month()) - 1
		switch {
		case n <= 2:
			return num(m+1, n)
		case r == 'L' && n == 3:
			return pick(w.StandaloneShort[m], w.MonthsShort[m])
		case r == 'L':
			return pick(w.StandaloneMonths[m], w.Months[m])
		case n == 3:
			return w.MonthsShort[m]
		}
		return w.Months[m]
	case 'd':
		return num(t.Day(), n)
	case 'E':
		if n == 4 {
			return w.WeekdaysWide[t.Weekday()]
		}
		return w.Weekdays[t.Weekday()]
	case 'c':
		return pick(w.StandaloneDays[t.Weekday()], w.Weekdays[t.Weekday()])
	case 'a':
		if t.Hour() < 12 {
			return w.AM
		}
		return w.PM
	case 'h':
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		return num(h, n)
	case 'H':
		return num(t.Hour(), n)
	case 'K':
		return num(t.Hour()%12, n)
	case 'k':
		h := t.Hour()
		if h == 0 {
			h = 24
		}
		return num(h, n)
	case 'm':
		return num(t.Minute(), n)
	case 's':
		return num(t.Second(), n)
	}
	return "" // a field the widget's patterns do not use (an era, a zone): left out
}

func pick(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// padded writes v with at least width digits (Western), zeros before.
func padded(v, width int) string {
	s := strconv.Itoa(v)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// Digits writes the Western digits of s in the locale's own, if it has
// others; anything else in s is kept.
func Digits(s string, w *Words) string {
	ds := []rune(w.Digits)
	if len(ds) != 10 || w.Digits == "0123456789" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = ds[r-'0']
		}
		b.WriteRune(r)
	}
	return b.String()
}
