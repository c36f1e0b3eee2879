package page

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// mustLocale is a shipped language with no story overrides.
func mustLocale(t *testing.T, tag string) *locale.Locale {
	t.Helper()
	l, err := locale.New(tag, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestToTimeAtEachPlace(t *testing.T) {
	start := time.Date(2017, 1, 28, 22, 5, 0, 0, time.UTC) // 5:05 p.m. in Washington
	en, de := mustLocale(t, "en"), mustLocale(t, "de")
	tests := []struct {
		zone, en, de string
	}{
		{"Australia/Sydney", "Sun 9:05\u00a0a.m.", "So., 9.05\u00a0Uhr"},
		{"Asia/Tokyo", "Sun 7:05\u00a0a.m.", "So., 7.05\u00a0Uhr"},
		{"Europe/Moscow", "Sun 1:05\u00a0a.m.", "So., 1.05\u00a0Uhr"},
		{"Europe/Berlin", "Sat 11:05\u00a0p.m.", "Sa., 23.05\u00a0Uhr"},
		{"America/New_York", "Sat 5:05\u00a0p.m.", "Sa., 17.05\u00a0Uhr"},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			for _, l := range []struct {
				loc  *locale.Locale
				want string
			}{{en, tt.en}, {de, tt.de}} {
				c := Call{Call: &story.Call{}, atTo: inZone(start, tt.zone), loc: l.loc}
				if got := c.ToTime(); got != l.want {
					t.Errorf("ToTime in %s (%s) = %q, want %q", tt.zone, l.loc.Lang(), got, l.want)
				}
			}
		})
	}
}

func TestLength(t *testing.T) {
	en, ja := mustLocale(t, "en"), mustLocale(t, "ja")
	tests := []struct {
		d      story.Duration
		en, ja string
	}{
		{story.Duration{Unknown: true}, "not reported", "不明"},
		{story.Duration{Minutes: 42, Approx: true}, "about 42 min", "約42分"},
		{story.Duration{Minutes: 45}, "45 min", "45分"},
		// In the units a reader uses: hours and minutes, whole hours past
		// ten (rounded, and so approximate), days past two.
		{story.Duration{Minutes: 80}, "1 h 20 min", "1時間20分"},
		{story.Duration{Minutes: 120}, "2 h", "2時間"},
		{story.Duration{Minutes: 34 * 60}, "34 h", "34時間"},
		{story.Duration{Minutes: 34*60 + 10}, "about 34 h", "約34時間"},
		{story.Duration{Minutes: 3 * 24 * 60}, "3 days", "3日間"},
		{story.Duration{Minutes: 1 * 24 * 60 * 10}, "10 days", "10日間"},
		{story.Duration{Minutes: 3*24*60 + 300}, "about 3 days", "約3日間"},
	}
	for _, tt := range tests {
		for _, l := range []struct {
			loc  *locale.Locale
			want string
		}{{en, tt.en}, {ja, tt.ja}} {
			c := Call{Call: &story.Call{Start: "2017-01-28T09:05:00-05:00", Duration: tt.d}, loc: l.loc}
			if got := c.Length(); got != l.want {
				t.Errorf("Length(%+v) in %s = %q, want %q", tt.d, l.loc.Lang(), got, l.want)
			}
		}
	}
}

func TestFromTime(t *testing.T) {
	start := time.Date(2017, 1, 28, 16, 0, 0, 0, time.UTC)
	c := Call{
		Call: &story.Call{StartApprox: true}, From: &story.Place{TimeZone: "America/New_York"},
		atFrom: inZone(start, "America/New_York"), loc: mustLocale(t, "en"),
	}
	if got, want := c.FromTime(), "about 11:00\u00a0a.m. EST"; got != want {
		t.Errorf("FromTime = %q, want %q", got, want)
	}
}

// The default story's calls, as every part of the widget tells them.
func TestDefaultStoryTexts(t *testing.T) {
	s := story.Default()
	w := mustWidget(t, s)
	cs := w.Calls()
	if len(cs) != 5 {
		t.Fatalf("%d calls, want 5", len(cs))
	}
	for i, c := range cs {
		if c.Step != i+1 || c.From.ID != s.Origin {
			t.Errorf("call %d: step %d from %s", i, c.Step, c.From.ID)
		}
	}
	for _, tt := range []struct{ got, want string }{
		{w.OverviewTitle(), "5 calls from Washington"},
		{w.OverviewSpan(), "January 28, 2017, 9:05\u00a0a.m. EST to 5:05\u00a0p.m. EST"},
		{w.OverviewClock(), "9:05\u00a0a.m.–5:05\u00a0p.m. EST"},
		{cs[2].Announcement(len(cs)), "3 of 5: Vladimir Putin, Moscow, about 8:00\u00a0p.m. local"},
		// Sunday in Canberra, Saturday in Washington: the card's weekday.
		{cs[4].Announcement(len(cs)), "5 of 5: Malcolm Turnbull, Canberra, Sun, Jan 29, 9:05\u00a0a.m. local"},
		{cs[0].RadioLabel(), "Shinzo Abe, Tokyo, 9:05\u00a0a.m. EST in Washington"},
		{cs[1].Position(len(cs)), "Call 2 of 5"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	berlin, short := w.PlaceLabel(s.Place("berlin"))
	if berlin != "2 Berlin" || short != "2" {
		t.Errorf("PlaceLabel(berlin) = %q, %q", berlin, short)
	}
	if label, short := w.PlaceLabel(s.Place(s.Origin)); label != "Washington" || short != "" {
		t.Errorf("PlaceLabel(origin) = %q, %q", label, short)
	}
}

// The same story in German and Japanese: its own words (names, titles)
// stay, the widget's are the language's, its times and zones as the
// language writes them (CLDR names Eastern time "EST" in English only;
// other languages get its offset).
func TestDefaultStoryTextsInOtherLanguages(t *testing.T) {
	for _, tt := range []struct {
		lang                         string
		title, span, radio, position string
	}{
		{"de", "5 Telefonate aus Washington", "28. Januar 2017, 9.05\u00a0Uhr GMT−5 bis 17.05\u00a0Uhr GMT−5", "Shinzo Abe, Tokyo, 9.05\u00a0Uhr GMT−5 in Washington", "Telefonat 2 von 5"},
		// A French span is a range, "9 h 05 – 17 h 05", not "de … à …",
		// which reads "de vers 11 h" when the first start is approximate.
		{"fr", "5 appels depuis Washington", "28 janvier 2017, 9\u00a0h\u00a005 UTC−5 – 17\u00a0h\u00a005 UTC−5", "Shinzo Abe, Tokyo, 9\u00a0h\u00a005 UTC−5 à Washington", "Appel 2 sur 5"},
		{"ja", "Washingtonからの電話会談5件", "2017年1月28日 9:05（GMT−5）〜17:05（GMT−5）", "Shinzo Abe、Tokyo、Washington時間9:05（GMT−5）", "電話会談 2/5"},
	} {
		s := story.Default()
		s.Language = tt.lang
		w := mustWidget(t, s)
		cs := w.Calls()
		for _, c := range []struct{ got, want string }{
			{w.OverviewTitle(), tt.title},
			{w.OverviewSpan(), tt.span},
			{cs[0].RadioLabel(), tt.radio},
			{cs[1].Position(len(cs)), tt.position},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q", tt.lang, c.got, c.want)
			}
		}
	}
}

// The list of calls speaks the story's language: its title, each call's
// country and place, and the times at either end (it was English in
// every language; put back its literal "The calls, in order" and " in "
// to see this fail).
func TestCallListInTheStoryLanguage(t *testing.T) {
	for _, tt := range []struct{ lang, title, place, from, to string }{
		{"en", "The calls, in order", "Germany · Berlin", "about 11:00\u00a0a.m. EST in Washington", "Sat about 5:00\u00a0p.m. in Berlin"},
		{"de", "Die Telefonate der Reihe nach", "Germany · Berlin", "gegen 11.00\u00a0Uhr GMT−5 in Washington", "Sa., gegen 17.00\u00a0Uhr in Berlin"},
		{"ru", "Разговоры по порядку", "Germany · Berlin", "около 11:00 GMT−5 (Washington)", "сб, около 17:00 (Berlin)"},
	} {
		s := story.Default()
		s.Language = tt.lang
		html := app.HTMLString(newCallList(mustWidget(t, s)))
		for _, want := range []string{tt.title, tt.place, tt.from, tt.to} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: the list lacks %q", tt.lang, want)
			}
		}
	}
}

// TestCallBadgeNamesWhatIsOutside: a call's own sources give its time and
// length, so where they are all outside the article the badge goes with
// them, on the line that names them, not under the call's title: the
// article tells of Abe's call, though not of its time. Its points keep
// their own badges.
// Fails with the badge under the title.
func TestCallBadgeNamesWhatIsOutside(t *testing.T) {
	s := story.Default()
	w := mustWidget(t, s)
	abe := w.Calls()[0]
	if !s.FromOutside(abe.Sources) {
		t.Fatal("Abe's time and length cite the article: the test checks nothing")
	}
	html := strings.ReplaceAll(app.HTMLString(newCallCard(w, abe, false)), "\n", "")
	badges := regexp.MustCompile(`<div class="` + ui.BadgesClass + `">(.*?)</div>`).FindStringSubmatch(html)
	sources := regexp.MustCompile(`<p class="` + ui.CardSourcesClass + `">(.*?)</p>`).FindStringSubmatch(html)
	if badges == nil || sources == nil {
		t.Fatalf("no badges or no sources line on Abe's card: %s", html)
	}
	if strings.Contains(badges[1], "Outside the article") {
		t.Errorf("Abe's card says under his name: %s", badges[1])
	}
	if !strings.Contains(sources[1], ">Outside the article<") {
		t.Errorf("Abe's time and length are not marked as from outside the article: %s", sources[1])
	}
}
