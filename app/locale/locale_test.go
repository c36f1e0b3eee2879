package locale

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fivecalls/app/locale/cldrtime"
)

func mustLocale(tb testing.TB, tag string) *Locale {
	tb.Helper()
	l, err := New(tag, "", nil)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// TestCataloguesAreComplete: every shipped language has every message, in
// the forms its plural rules need, with the arguments the widget gives it;
// and the Go constants are exactly the catalogue's keys. A message missing
// from a catalogue is caught here, not by a reader.
func TestCataloguesAreComplete(t *testing.T) {
	en := catalogues["en"]
	for _, lang := range Shipped {
		cat := catalogues[lang]
		for k := range en {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
		for k := range cat {
			if _, ok := en[k]; !ok {
				t.Errorf("%s has %q, which en.json lacks", lang, k)
			}
		}
		// Each message as an override of itself: its arguments are the
		// ones the widget gives, its forms the language's.
		if err := Check(lang, "", cat); err != nil {
			t.Errorf("%s:\n%v", lang, err)
		}
		categories := PluralCategories(lang)
		for k, m := range cat {
			// A message that shows its number needs every form of the
			// language's grammar ("21 call" is Russian's "one"); one that
			// only depends on it ("All calls", "Overview") picks exact
			// numbers ("=1") and "other".
			if m.Plural == 0 || !showsNumber(m) {
				continue
			}
			for _, c := range categories {
				if _, ok := m.Forms[c]; !ok {
					t.Errorf("%s: %s has no %q form", lang, k, c)
				}
			}
		}
	}
	// The constants of keys.go are the keys.
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var consts []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			v, _ := strconv.Unquote(lit.Value)
			consts = append(consts, v)
		}
		return true
	})
	for k := range en {
		if !slices.Contains(consts, string(k)) {
			t.Errorf("en.json's %q has no constant in keys.go", k)
		}
	}
	if len(consts) != len(en) {
		t.Errorf("keys.go declares %d keys, en.json has %d", len(consts), len(en))
	}
}

// The catalogue check sees a missing message: a catalogue without one
// fails Check as a language without a catalogue would.
func TestCheckSeesAMissingMessage(t *testing.T) {
	cat, _ := Catalogue("en")
	delete(cat, NextItem)
	if err := Check("ar", "", cat); err == nil || !strings.Contains(err.Error(), "next-item") {
		t.Errorf("a story in ar without next-item: %v", err)
	}
	cat, _ = Catalogue("en")
	if err := Check("ar", "", cat); err != nil {
		t.Errorf("a story in ar with every message: %v", err)
	}
}

func TestRussianPluralForms(t *testing.T) {
	ru := mustLocale(t, "ru")
	for n, want := range map[int]string{
		0:  "Вашингтон: 0 телефонных разговоров",
		1:  "Вашингтон: 1 телефонный разговор",
		2:  "Вашингтон: 2 телефонных разговора",
		5:  "Вашингтон: 5 телефонных разговоров",
		11: "Вашингтон: 11 телефонных разговоров",
		21: "Вашингтон: 21 телефонный разговор",
		22: "Вашингтон: 22 телефонных разговора",
		25: "Вашингтон: 25 телефонных разговоров",
	} {
		if got := ru.T(OverviewTitle, n, "Вашингтон"); got != want {
			t.Errorf("ru, %d: %q, want %q", n, got, want)
		}
	}
	// One call is one arc; 21 calls ("one" in Russian, like 1) are arcs.
	for n, want := range map[int]string{
		1:  "разговор показан дугой",
		2:  "2 телефонных разговора показаны дугами",
		5:  "5 телефонных разговоров показаны дугами",
		21: "21 телефонный разговор показан дугами",
	} {
		if got := ru.T(CardAlt, "T", n, "Вашингтон", "Москва"); !strings.Contains(got, want) {
			t.Errorf("ru card-alt, %d: %q, want it to say %q", n, got, want)
		}
	}
	en := mustLocale(t, "en")
	for n, want := range map[int]string{1: "1 call from Washington", 2: "2 calls from Washington", 21: "21 calls from Washington"} {
		if got := en.T(OverviewTitle, n, "Washington"); got != want {
			t.Errorf("en, %d: %q, want %q", n, got, want)
		}
	}
	if got := mustLocale(t, "ja").T(OverviewTitle, 1, "ワシントン"); got != "ワシントンからの電話会談1件" {
		t.Errorf("ja: %q", got)
	}
}

// Times at the dateline: Kiribati's Line Islands are UTC+14, so an instant
// of Saturday evening in Washington is Sunday there; Samoa skipped
// 30 December 2011 to cross the line.
func TestTimesAtTheDateline(t *testing.T) {
	kiritimati, _ := time.LoadLocation("Pacific/Kiritimati")
	apia, _ := time.LoadLocation("Pacific/Apia")
	at := time.Date(2017, 1, 28, 22, 5, 0, 0, time.UTC).In(kiritimati) // 29 Jan, 12:05
	skipped := time.Date(2011, 12, 30, 10, 0, 0, 0, time.UTC).In(apia) // the day Samoa skipped: 31 Dec
	ja, de := mustLocale(t, "ja"), mustLocale(t, "de")
	for _, tt := range []struct{ got, want string }{
		{ja.Date(at, DateLong), "2017年1月29日"},
		{ja.Clock(at), "12:05"},
		{ja.Weekday(at), "日"},
		{ja.ZonedClock(at, "Pacific/Kiritimati"), "12:05（GMT+14）"},
		{de.Date(at, DateLong), "29. Januar 2017"},
		{de.ZonedClock(at, "Pacific/Kiritimati"), "12.05\u00a0Uhr GMT+14"},
		{de.Weekday(at), "So."},
		{de.Date(skipped, DateLong), "31. Dezember 2011"},
		{ja.Date(skipped, MonthDayWeekday), "12月31日(土)"},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}

// Zones are named as each locale's press names them: an abbreviation where
// CLDR gives the locale one, otherwise the offset, its sign a minus.
func TestZoneNames(t *testing.T) {
	winter := time.Date(2017, 1, 28, 16, 0, 0, 0, time.UTC)
	summer := time.Date(2017, 7, 28, 16, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang, zone string
		at         time.Time
		want       string
	}{
		{"en", "America/New_York", winter, "EST"},
		{"en", "America/New_York", summer, "EDT"},
		{"en", "Europe/Berlin", winter, "GMT+1"},
		{"de", "Europe/Berlin", winter, "MEZ"},
		{"de", "Europe/Berlin", summer, "MESZ"},
		// A minus, not CLDR's hyphen, after which the browser broke "GMT-
		// 5" across two lines.
		{"de", "America/New_York", winter, "GMT\u22125"},
		{"en", "America/Sao_Paulo", winter, "GMT\u22122"},
		{"fr", "America/New_York", winter, "UTC−5"},
		{"ja", "Asia/Tokyo", winter, "JST"},
		{"ru", "Europe/Moscow", winter, "GMT+3"},
		{"en", "Asia/Kolkata", winter, "GMT+5:30"},
		{"en", "Europe/London", winter, "GMT"},
		{"es", "Europe/Madrid", winter, "CET"},
		// Before 1970, a zone's name only while it kept its 1970 offset:
		// New York in 1969 was on EST, Lisbon in 1890 and New York in
		// 1880 on their local mean times, Britain in 1944 on double
		// summer time (two hours ahead of GMT, not BST).
		{"en", "America/New_York", time.Date(1969, 1, 28, 16, 0, 0, 0, time.UTC), "EST"},
		{"en", "America/New_York", time.Date(1969, 7, 28, 16, 0, 0, 0, time.UTC), "EDT"},
		{"en", "America/New_York", time.Date(1880, 1, 28, 16, 0, 0, 0, time.UTC), "GMT\u22124:56"},
		{"de", "Europe/Lisbon", time.Date(1890, 6, 10, 8, 0, 0, 0, time.UTC), "GMT\u22120:36"},
		{"de", "Europe/Lisbon", summer, "WESZ"},
		{"en", "Europe/London", time.Date(1944, 6, 6, 12, 0, 0, 0, time.UTC), "GMT+2"},
	} {
		if got := mustLocale(t, tt.lang).ZoneName(tt.at, tt.zone); got != tt.want {
			t.Errorf("%s, %s at %s: %q, want %q", tt.lang, tt.zone, tt.at.Format("Jan"), got, tt.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for lang, want := range map[string]string{"en": "42%", "de": "42\u00a0%", "fr": "42\u00a0%", "es": "42\u00a0%", "ja": "42%", "ru": "42\u00a0%"} {
		if got := mustLocale(t, lang).Percent(42); got != want {
			t.Errorf("%s: Percent(42) = %q, want %q", lang, got, want)
		}
	}
	for lang, want := range map[string]string{"en": "1,234,567", "de": "1.234.567", "fr": "1\u202f234\u202f567", "ru": "1\u00a0234\u00a0567"} {
		if got := mustLocale(t, lang).Int(1234567); got != want {
			t.Errorf("%s: Int = %q, want %q", lang, got, want)
		}
	}
}

// English keeps the widget's AP style, German dpa's (9.05 Uhr), French its
// press's (9 h 05); the others write CLDR's clocks.
func TestClocks(t *testing.T) {
	at := time.Date(2017, 1, 28, 23, 5, 0, 0, time.UTC)
	noon := time.Date(2017, 1, 28, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, got, want string }{
		{"en", mustLocale(t, "en").Clock(at), "11:05\u00a0p.m."},
		{"en", mustLocale(t, "en").Hour(noon), "noon"},
		// A time at noon says it as the axis does, AP style; the clock the
		// WebAssembly animates writes it with the same words.
		{"en", mustLocale(t, "en").Clock(noon), "noon"},
		{"en", animatedClock(mustLocale(t, "en"), noon), "noon"},
		{"en", mustLocale(t, "en").Clock(noon.Add(time.Minute)), "12:01\u00a0p.m."},
		{"de", mustLocale(t, "de").Clock(noon), "12.00"},
		// The first hour of a period says it, as briefly as a phone's strip
		// needs: "1:00 p.m." ran into "3" at 320 px.
		{"en", mustLocale(t, "en").Hour(noon.Add(time.Hour)), "1\u00a0p.m."},
		{"en", mustLocale(t, "en").Hour(noon.Add(-12 * time.Hour)), "12\u00a0a.m."},
		{"en", mustLocale(t, "en").Hour(noon.Add(3 * time.Hour)), "3"},
		{"de", mustLocale(t, "de").Clock(at), "23.05"},
		{"de", mustLocale(t, "de").Hour(noon.Add(3 * time.Hour)), "15"},
		{"fr", mustLocale(t, "fr").Clock(at), "23\u00a0h\u00a005"},
		{"fr", mustLocale(t, "fr").Hour(noon.Add(time.Hour)), "13"},
		{"es", mustLocale(t, "es").Clock(at.Add(-20 * time.Hour)), "3:05"},
		{"ja", mustLocale(t, "ja").Clock(at), "23:05"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, tt.got, tt.want)
		}
	}
}

// A time of day is one word on a line: "5:05 p.m." never leaves its
// "p.m." on the next (the time pattern's spaces are no-break spaces), nor
// German "9.05 Uhr" its "Uhr". Its zone's name is a word of its own, which
// may go to the next line whole: a card's column of 104 px cannot hold
// "5:05 p.m. EST", and when the catalogues joined the zone with a no-break
// space, the browser's overflow-wrap broke the run inside the zone, "E" /
// "ST" (app/e2e's corpus test looks for that on the pages).
func TestATimeIsOneWord(t *testing.T) {
	at := time.Date(2017, 1, 28, 22, 5, 0, 0, time.UTC)
	for _, lang := range Shipped {
		l := mustLocale(t, lang)
		for _, text := range []string{
			l.Clock(at),
			l.Hour(at.Add(-9 * time.Hour)),
			animatedClock(l, at),
		} {
			if strings.ContainsAny(text, " \t\n") {
				t.Errorf("%s: %q has a space a line may break at", lang, text)
			}
		}
		for _, zone := range []string{"America/New_York", "Europe/Berlin"} {
			text, name := l.ZonedClock(at, zone), l.ZoneName(at, zone)
			time, _, ok := strings.Cut(text, name)
			time = strings.TrimRight(time, " \u00a0\u2060（(")
			switch {
			case !ok:
				t.Errorf("%s: %q does not name the zone %q", lang, text, name)
			case strings.ContainsAny(name, " \t\n\u00a0"):
				t.Errorf("%s: the zone's name %q has a space", lang, name)
			case strings.ContainsAny(time, " \t\n"):
				t.Errorf("%s: the time %q of %q has a space a line may break at", lang, time, text)
			case strings.ContainsAny(text[len(time):strings.Index(text, name)], "\u00a0\u2060"):
				t.Errorf("%s: %q joins its zone to the time: the run cannot wrap whole", lang, text)
			}
		}
	}
}

// A pattern's quoted literals are text, not fields: the "h" of French
// "H' h 'mm" is no twelve-hour clock, so the strip's hours stay "13", "15"
// (break patternFields to return its pattern whole: they read "1 h 00",
// "3").
func TestHourWithALiteralLetter(t *testing.T) {
	fr, err := New("fr", "", map[Key]Message{TimePattern: {Text: "H'\u00a0h\u00a0'mm"}})
	if err != nil {
		t.Fatal(err)
	}
	noon := time.Date(2017, 1, 28, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ got, want string }{
		{fr.Clock(noon.Add(65 * time.Minute)), "13\u00a0h\u00a005"},
		{fr.Hour(noon), "12"},
		{fr.Hour(noon.Add(time.Hour)), "13"},
		{fr.Hour(noon.Add(3 * time.Hour)), "15"},
	} {
		if tt.got != tt.want {
			t.Errorf("fr: %q, want %q", tt.got, tt.want)
		}
	}
}

func TestMatchAndCheck(t *testing.T) {
	for tag, want := range map[string]string{"en": "en", "de-AT": "de", "fr-CA": "fr", "ja": "ja", "pt-BR": "", "xx": "", "": "", "en_US!": ""} {
		got, err := Match(tag)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("Match(%q) = %q, %v; want %q", tag, got, err, want)
		}
	}
	if _, err := Match("pt-BR"); err == nil || !strings.Contains(err.Error(), "de, en, es, fr, ja, ru") {
		t.Errorf("Match(pt-BR) does not name the languages: %v", err)
	}
	var bad map[Key]Message
	if err := json.Unmarshal([]byte(`{
		"next-iten": "Next leg",
		"item-position": "Leg %[1]d of %[3]d",
		"overview-title": {"plural": 1, "one": "%[1]d leg", "few": "%[1]d legs", "other": "%[1]d legs"},
		"score": "100%"
	}`), &bad); err != nil {
		t.Fatal(err)
	}
	err := Check("en", "", bad)
	for _, want := range []string{`"next-iten" is not a message of the widget (did you mean "next-item"?)`, "%[3]d", `"few" is not a plural form of this language`, "write %% for a percent sign"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check: %v; want it to say %s", err, want)
		}
	}
}

// A kind of items the language ships gives every message that names the
// items; a story whose items are of another kind gives them itself, and
// check says which (break it: drop a key from kinds/en.json's legs).
func TestKinds(t *testing.T) {
	for _, lang := range Shipped {
		for kind, msgs := range kinds[lang] {
			for _, k := range KindKeys {
				m, ok := msgs[k]
				if !ok {
					t.Errorf("%s: the kind %q lacks %s", lang, kind, k)
					continue
				}
				base := catalogues[lang][k]
				for _, p := range checkMessage(m, catalogues["en"][k], PluralCategories(lang)) {
					t.Errorf("%s: %s: %s: %s", lang, kind, k, p)
				}
				if m.Plural != base.Plural {
					t.Errorf("%s: %s: %s: forms depend on argument %d, the catalogue's on %d", lang, kind, k, m.Plural, base.Plural)
				}
			}
			for k := range msgs {
				if !slices.Contains(KindKeys, k) {
					t.Errorf("%s: the kind %q gives %s, which is not a message that names items", lang, kind, k)
				}
			}
		}
	}
	legs, err := New("en", "legs", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := legs.T(ItemPosition, 2, 3); got != "Leg 2 of 3" {
		t.Errorf("legs: %q", got)
	}
	if got := legs.T(OverviewTitle, 1, "Oakland"); got != "1 leg from Oakland" {
		t.Errorf("legs: %q", got)
	}
	err = Check("en", "matches", nil)
	if err == nil || !strings.Contains(err.Error(), `items: the widget has no words for "matches" in "en" (it has calls, legs, stops, visits)`) || !strings.Contains(err.Error(), "next-item") {
		t.Errorf("an unknown kind: %v", err)
	}
	own := map[Key]Message{}
	for _, k := range KindKeys {
		own[k] = catalogues["en"][k]
	}
	own[NextItem] = Message{Text: "Next match"}
	m, err := New("en", "matches", own)
	if err != nil {
		t.Fatalf("a kind whose words the story gives: %v", err)
	}
	if got := m.T(NextItem); got != "Next match" {
		t.Errorf("matches: %q", got)
	}
}

// Every shipped language says every kind of items it has in full: the
// position of an item ("Leg 2 of 5") and the overview's title for 1, 2, 5
// and 21 items (the numbers that pick Russian's one, few, many and one
// again) name the numbers and the place they are given, and none is empty
// or shows a formatting error ("%!d(BADINDEX)"). Break it: drop "%[2]d"
// from a kind's item-position (the "5" goes missing) or write %[3]d in an
// overview-title form (BADINDEX).
func TestKindsSayTheirNumbers(t *testing.T) {
	const place = "Oakland"
	for _, lang := range Shipped {
		for _, kind := range Kinds(lang) {
			l, err := New(lang, kind, nil)
			if err != nil {
				t.Fatalf("%s, %s: %v", lang, kind, err)
			}
			say := func(got string, want ...string) {
				t.Helper()
				if strings.TrimSpace(got) == "" || strings.Contains(got, "%!") {
					t.Errorf("%s, %s: %q", lang, kind, got)
				}
				for _, w := range want {
					if !strings.Contains(got, w) {
						t.Errorf("%s, %s: %q does not say %q", lang, kind, got, w)
					}
				}
			}
			say(l.T(ItemPosition, 2, 5), l.Int(2), l.Int(5))
			for _, n := range []int{1, 2, 5, 21} {
				say(l.T(OverviewTitle, n, place), l.Int(n), place)
			}
		}
	}
}

// Russian chooses the form of each kind's noun by the number: 1 and 21
// take one (этап), 2 few (этапа), 5 many (этапов). Break it: give legs'
// overview-title a "many" form in the nominative.
func TestRussianKinds(t *testing.T) {
	want := map[string][4]string{
		"legs":   {"Окленд: 1 этап", "Окленд: 2 этапа", "Окленд: 5 этапов", "Окленд: 21 этап"},
		"stops":  {"Окленд: 1 остановка", "Окленд: 2 остановки", "Окленд: 5 остановок", "Окленд: 21 остановка"},
		"visits": {"Окленд: 1 визит", "Окленд: 2 визита", "Окленд: 5 визитов", "Окленд: 21 визит"},
	}
	for kind, forms := range want {
		l, err := New("ru", kind, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range []int{1, 2, 5, 21} {
			if got := l.T(OverviewTitle, n, "Окленд"); got != forms[i] {
				t.Errorf("ru, %s, %d: %q, want %q", kind, n, got, forms[i])
			}
		}
	}
}

func TestDir(t *testing.T) {
	if d := mustLocale(t, "de").Dir(); d != "ltr" {
		t.Errorf("de: %s", d)
	}
	cat, _ := Catalogue("en")
	ar, err := New("ar", "", cat)
	if err != nil {
		t.Fatal(err)
	}
	if ar.Dir() != "rtl" || ar.Lang() != "ar" {
		t.Errorf("ar: %s %s", ar.Dir(), ar.Lang())
	}
}

// showsNumber reports whether one of a message's forms writes the number
// its forms depend on.
func showsNumber(m Message) bool {
	for _, f := range m.Forms {
		if strings.Contains(f, fmt.Sprintf("%%[%d]d", m.Plural)) {
			return true
		}
	}
	return false
}

// The messages that name the items as a whole are given their number, so a
// story can word one item apart ("=1") and keeps its plain overrides; forms
// that depend on a name, not a number, are refused. Break it: drop the
// catalogue's plural argument from checkMessage's allowed arguments (the
// "=1" override is refused), or the check of its verb (the map-title one
// is accepted).
func TestMessagesGivenTheNumberOfItems(t *testing.T) {
	var ok map[Key]Message
	if err := json.Unmarshal([]byte(`{
		"all-items": {"plural": 1, "=1": "The whole crossing", "other": "Every crossing"},
		"list-title": "Crossings",
		"map-title": {"plural": 2, "=1": "The crossing from %[1]s", "other": "The crossings from %[1]s"}
	}`), &ok); err != nil {
		t.Fatal(err)
	}
	l, err := New("en", "legs", ok)
	if err != nil {
		t.Fatalf("overrides of the messages given the number: %v", err)
	}
	for _, c := range []struct{ got, want string }{
		{l.T(AllItems, 1), "The whole crossing"}, {l.T(AllItems, 3), "Every crossing"},
		{l.T(ListTitle, 1), "Crossings"},
		{l.T(MapTitle, "Helsinki", 1), "The crossing from Helsinki"}, {l.T(MapTitle, "Helsinki", 2), "The crossings from Helsinki"},
		{l.T(FirstItem, 1), "The leg"}, {l.T(FirstItem, 2), "First leg"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	var bad map[Key]Message
	if err := json.Unmarshal([]byte(`{"map-title": {"plural": 1, "=1": "x", "other": "%[1]s"}}`), &bad); err != nil {
		t.Fatal(err)
	}
	if err := Check("en", "", bad); err == nil || !strings.Contains(err.Error(), "its forms depend on argument 1, which is not a number (%[1]s)") {
		t.Errorf("forms chosen by a place's name: %v", err)
	}
}

// animatedClock writes t with what the locale hands the WebAssembly's
// clock (ClockFormat).
func animatedClock(l *Locale, t time.Time) string {
	p, w := l.ClockFormat()
	return cldrtime.Format(t, p, &w)
}
