package story

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// outsideSource is a second source for testdata/small.json, whose only
// source is its article.
const outsideSource = `"sources": [
    {
      "id": "paper",
      "publisher": "A paper",
      "headline": "A later account",
      "url": "https://example.com/news/later",
      "date": "2017-02-01"
    },
    {
      "id": "wire",`

// TestWarnings breaks testdata/small.json, a story with no weak spots, one
// editorial rule at a time: each change must stay valid and give exactly the
// warnings listed, at their paths, lines and columns.
func TestWarnings(t *testing.T) {
	type want struct {
		path      string
		line, col int
		msg       string
	}
	tests := []struct {
		name  string
		edits []edit
		want  []want
	}{
		{"none", nil, nil},
		{"time zone of another continent", []edit{{`"timezone": "Asia/Tokyo"`, `"timezone": "America/Chicago"`}},
			[]want{{"places[1].timezone", 24, 19, `at 14:05 UTC on 2017-01-28, "America/Chicago" reads UTC-06:00, but "Asia/Tokyo", the zone nearest the place's coordinates (9 km from its principal city), reads UTC+09:00: if Tokyo's clocks follow that zone, write it`}}},
		{"time zone by an old name", []edit{{`"timezone": "Asia/Tokyo"`, `"timezone": "Japan"`}},
			[]want{{"places[1].timezone", 24, 19, `"Japan" is an old name or an abbreviation`}}},
		{"placeholder headline", []edit{{`"headline": "Two calls"`, `"headline": "[Report on two calls]"`}},
			[]want{{"sources[0].headline", 77, 19, `the headline "[Report on two calls]" is in square brackets, a placeholder`}}},
		{"placeholder headline with spaces around", []edit{{`"headline": "Two calls"`, `"headline": " [Report] "`}},
			[]want{{"sources[0].headline", 77, 19, "square brackets"}}},
		{"brackets inside a real headline", []edit{{`"headline": "Two calls"`, `"headline": "[Updated] Two calls, not one"`}}, nil},
		{"quoted brackets inside a headline", []edit{{`"headline": "Two calls"`, `"headline": "He said: [we] will call"`}}, nil},
		{"description only", []edit{{`"headline": "Two calls"`, `"headline": "", "description": "Report on two calls"`}},
			[]want{{"sources[0].headline", 77, 19, `the headline is unknown; the source is described only as "Report on two calls"`}}},
		{"headline and description", []edit{{`"headline": "Two calls"`, `"headline": "Two calls", "description": "The wire's first report"`}}, nil},
		{"headline in another language, translated", []edit{{`"headline": "Two calls"`, `"headline": "二つの電話", "language": "ja", "description": "Two calls"`}}, nil},
		{"headline in another language, untranslated", []edit{{`"headline": "Two calls"`, `"headline": "二つの電話", "language": "ja"`}},
			[]want{{"sources[0].language", 77, 40, `the headline is in another language ("ja"), and nothing says in the story's language what it means`}}},
		{"headline in the story's own language", []edit{{`"headline": "Two calls"`, `"headline": "Two calls", "language": "en-GB", "description": "Two calls"`}},
			[]want{{"sources[0].language", 77, 44, `"en-GB" is the story's own language`}}},
		{"language given empty", []edit{{`"headline": "Two calls"`, `"headline": "Two calls", "language": ""`}}, nil},
		{"no date", []edit{{`"date": "2017-01-28"`, `"date": ""`}},
			[]want{{"sources[0].date", 79, 15, `the source has no date, and the widget says "date unknown"`}}},
		{"month only", []edit{{`"date": "2017-01-28"`, `"date": "2017-01"`}},
			[]want{{"sources[0].date", 79, 15, "the source is dated to the month only (2017-01)"}}},
		{"byline", []edit{{`"headline": "Two calls"`, `"headline": "Two calls", "byline": "A. Writer"`}}, nil},
		// The widget marks such a point "Outside the article"; OutsidePoints
		// counts them for fivecalls check.
		{"point from outside the article", []edit{{`"sources": [` + "\n    {\n      \"id\": \"wire\",", outsideSource}, {`"points": [{"text": "They agreed to meet.", "sources": ["wire"]}]`, `"points": [{"text": "They agreed to meet.", "sources": ["paper"]}]`}}, nil},
		{"point from the article and outside", []edit{{`"sources": [` + "\n    {\n      \"id\": \"wire\",", outsideSource}, {`"points": [{"text": "They agreed to meet.", "sources": ["wire"]}]`, `"points": [{"text": "They agreed to meet.", "sources": ["paper", "wire"]}]`}}, nil},
		{"point reported later", []edit{{`"sources": ["wire"]}]`, `"sources": ["wire"], "reported": "2017-02-01"}]`}}, nil},
		{"point reported on the day", []edit{{`"sources": ["wire"]}]`, `"sources": ["wire"], "reported": "2017-01-28"}]`}}, nil},
		{"point reported before its call", []edit{{`"sources": ["wire"]}]`, `"sources": ["wire"], "reported": "2016-01-28"}]`}},
			[]want{{"calls[0].points[0].reported", 38, 84, "reported on 2016-01-28, before the call on 2017-01-28"}}},
		{"a call that ends as the next starts", []edit{{`"minutes": 42, "approx": true`, `"minutes": 115`}}, nil},
		{"a call that runs past the next one's start", []edit{{`"minutes": 42, "approx": true`, `"minutes": 130, "approx": true`}},
			[]want{{"calls[0].duration.minutes", 35, 31, "call 1 runs until 2017-01-28T11:15:00-05:00 by its start and length, past the start of call 2 at 2017-01-28T11:00:00-05:00"}}},
		{"a call whose end is past the next one's start", []edit{{`"duration": {"minutes": 42, "approx": true}`, `"end": "2017-01-29T01:01:00+09:00"`}},
			[]want{{"calls[0].end", 35, 14, "call 1 runs until 2017-01-29T01:01:00+09:00 by its end, past the start of call 2 at 2017-01-28T11:00:00-05:00"}}},
		{"several, in file order", []edit{
			{`"headline": "Two calls"`, `"headline": "[Two calls]"`},
			{`"date": "2017-01-28"`, `"date": ""`},
			{`"sources": ["wire"]}]`, `"sources": ["wire"], "reported": "2017-01-01"}]`},
		}, []want{
			{"calls[0].points[0].reported", 38, 84, "before the call"},
			{"sources[0].headline", 77, 19, "square brackets"},
			{"sources[0].date", 79, 15, "no date"},
		}},
	}
	base := string(mustRead(t, "testdata/small.json"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := base
			for _, e := range tt.edits {
				if !strings.Contains(data, e.old) {
					t.Fatalf("edit does not apply: %q", e.old)
				}
				data = strings.Replace(data, e.old, e.new, 1)
			}
			s, err := Load([]byte(data))
			if err != nil {
				t.Fatalf("a weak spot must not make the story invalid:\n%v", err)
			}
			ws := Warnings(s)
			if len(ws) != len(tt.want) {
				t.Fatalf("got %d warnings, want %d:\n%v", len(ws), len(tt.want), ws)
			}
			for i, w := range tt.want {
				if p := ws[i]; p.Path != w.path || p.Line != 0 || !strings.Contains(p.Msg, w.msg) {
					t.Errorf("warning %d = %v\nwant %s (no position): …%s…", i, p, w.path, w.msg)
				}
			}
			located := Locate([]byte(data), ws)
			for i, w := range tt.want {
				if p := located[i]; p.Path != w.path || p.Line != w.line || p.Col != w.col || p.Msg != ws[i].Msg {
					t.Errorf("located warning %d = %v, want %s at line %d col %d", i, p, w.path, w.line, w.col)
				}
			}
			if len(ws) > 0 && ws[0].Line != 0 {
				t.Error("Locate changed the problems it was given")
			}
		})
	}
}

// TestWarningsDefault: every weak spot left in the shipped story is an
// unknown that the widget tells readers is unknown: a headline not
// confirmed (the source is described, "the headline is not known"), a date
// not known ("date unknown") or known to the month only. Nothing an editor
// could fill in from the fact file is left: a placeholder headline, or a
// date or headline of a source that has one, fails here.
func TestWarningsDefault(t *testing.T) {
	s := Default()
	unknown, undated, monthOnly := 0, 0, 0
	for _, w := range Warnings(s) {
		var i int
		var field string
		if _, err := fmt.Sscanf(w.Path, "sources[%d].%s", &i, &field); err != nil || i >= len(s.Sources) {
			t.Errorf("a weak spot that is not a source's unknown: %v", w)
			continue
		}
		src := s.Sources[i]
		switch {
		case field == "headline" && src.Headline == "" && src.Description != "":
			unknown++
		case field == "date" && src.Date == "":
			undated++
		case field == "date" && src.MonthOnly():
			monthOnly++
		default:
			t.Errorf("unexpected warning %v (source %+v)", w, src)
		}
	}
	if unknown == 0 || undated == 0 || monthOnly == 0 {
		t.Errorf("the default story's known unknowns are missing: %d unconfirmed headlines, %d undated, %d dated to the month", unknown, undated, monthOnly)
	}
	if ws := Warnings(nil); ws != nil {
		t.Errorf("Warnings(nil) = %v", ws)
	}
	s.Sources[0].Headline = "[A placeholder]"
	if ws := Warnings(s); !strings.Contains(ws.Error(), "sources[0].headline: the headline \"[A placeholder]\" is in square brackets") {
		t.Errorf("a placeholder put back is not reported:\n%v", ws)
	}
}

// TestOutsidePoints lists the points that rest on sources outside the
// article alone, in order, and only those.
func TestOutsidePoints(t *testing.T) {
	s := Default()
	got := OutsidePoints(s)
	var want []string
	for i, c := range s.Calls {
		for j, p := range c.Points {
			if !slices.Contains(p.Sources, s.Article) {
				want = append(want, fmt.Sprintf("calls[%d].points[%d]", i, j))
			}
		}
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("OutsidePoints = %v, want %v", got, want)
	}
	if OutsidePoints(nil) != nil {
		t.Error("OutsidePoints(nil) is not nil")
	}
}

// TestLocateWithoutAFile: problems for a file that cannot be read keep no
// position, and nothing panics.
func TestLocateWithoutAFile(t *testing.T) {
	ps := Problems{{Path: "sources[0].date", Msg: "m"}}
	for _, data := range [][]byte{nil, []byte("not json"), make([]byte, MaxFileSize+1)} {
		got := Locate(data, ps)
		if len(got) != 1 || got[0].Line != 0 || got[0].Msg != "m" {
			t.Errorf("Locate(%.10q) = %v", data, got)
		}
	}
}

// TestReportedDates covers the field that says when a point became public:
// only real YYYY-MM-DD dates are accepted (a day that does not exist is
// named as such, not as a date in the wrong form), and ReportedAfter
// compares calendar days, not instants.
func TestReportedDates(t *testing.T) {
	base := string(mustRead(t, "testdata/small.json"))
	point := `"sources": ["wire"]}]`
	for _, tt := range []struct{ value, msg string }{
		{`"2017-02-30"`, `"2017-02-30" is written YYYY-MM-DD, but there is no 30 February 2017`},
		{`"2017-04-31"`, `"2017-04-31" is written YYYY-MM-DD, but there is no 31 April 2017`},
		{`"2017-00-01"`, `"2017-00-01" is written YYYY-MM-DD, but there is no month 0`},
		{`"1 Feb 2017"`, `"1 Feb 2017" is not a date written YYYY-MM-DD; "reported" is the day the point first became public`},
		{`"1 February 2017"`, "is not a date written YYYY-MM-DD"},
		{`"2017-2-1"`, "is not a date written YYYY-MM-DD"},
		{`"2017-02-01T10:00:00Z"`, "is not a date written YYYY-MM-DD"},
		{`" "`, "is not a date written YYYY-MM-DD"},
		{`20170201`, "expected text, found the number 20170201"},
	} {
		t.Run(tt.value, func(t *testing.T) {
			data := strings.Replace(base, point, `"sources": ["wire"], "reported": `+tt.value+`}]`, 1)
			_, err := Load([]byte(data))
			ps := mustProblems(t, err)
			if len(ps) != 1 || ps[0].Path != "calls[0].points[0].reported" || ps[0].Line != 38 || ps[0].Col != 84 || !strings.Contains(ps[0].Msg, tt.msg) {
				t.Errorf("got %v\nwant calls[0].points[0].reported: line 38 col 84: …%s…", ps, tt.msg)
			}
		})
	}

	s, err := Load([]byte(strings.Replace(base, point, `"sources": ["wire"], "reported": "2017-02-01"}]`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	p := s.Calls[0].Points[0]
	if p.Reported != "2017-02-01" {
		t.Fatalf("Reported = %q", p.Reported)
	}
	day, ok := s.Day()
	if !ok || !day.Equal(time.Date(2017, 1, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Day() = %v %v, want 2017-01-28", day, ok)
	}
	if on, ok := p.ReportedOn(); !ok || on.Format(time.DateOnly) != "2017-02-01" {
		t.Errorf("ReportedOn() = %v %v", on, ok)
	}
	if !p.ReportedAfter(day) {
		t.Error("a point reported on 1 February is not reported after 28 January")
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		reported string
		day      time.Time
		after    bool
	}{
		{"", day, false},
		{"2017-01-28", day, false},
		{"2017-01-29", day, true},
		{"2017-01-27", day, false},
		{"not a date", day, false},
		// Late on the 28th in Washington is the 29th in UTC; the day is
		// the one its own clocks show.
		{"2017-01-29", time.Date(2017, 1, 28, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), true},
		{"2017-01-29", time.Date(2017, 1, 29, 0, 30, 0, 0, tokyo), false},
	} {
		if got := (Point{Reported: c.reported}).ReportedAfter(c.day); got != c.after {
			t.Errorf("reported %q after %v = %v, want %v", c.reported, c.day, got, c.after)
		}
	}

	// The story's day is the first call's date where it was made, not in UTC.
	s.Calls[0].Start = "2017-01-28T23:30:00-05:00"
	if d, ok := s.Day(); !ok || d.Format(time.DateOnly) != "2017-01-28" {
		t.Errorf("Day() of a call at 23:30 EST = %v %v, want 2017-01-28", d, ok)
	}
	s.Calls = nil
	if _, ok := s.Day(); ok {
		t.Error("a story without calls has a day")
	}
	if _, ok := (&Story{Calls: []Call{{Start: "soon"}}}).Day(); ok {
		t.Error("a story whose first call has no valid start has a day")
	}
}

// TestSourceHeadlineOrDescription: a source must say what it is, by its
// headline or, when that is unknown, by a description; both are checked
// like any story text, and both survive a round trip.
func TestSourceHeadlineOrDescription(t *testing.T) {
	base := string(mustRead(t, "testdata/small.json"))
	headline := `"headline": "Two calls"`
	for _, tt := range []struct {
		name, value, path, msg string
	}{
		{"neither", `"headline": ""`, "sources[0].headline", `the headline is empty; give the publication's headline, or, when it cannot be confirmed, leave it empty and say what the piece is in "description"`},
		{"blank description", `"headline": "", "description": "  "`, "sources[0].headline", "the headline is empty"},
		{"blank headline with a description", `"headline": " ", "description": "Report"`, "sources[0].headline", "the headline is empty"},
		{"description with a control character", `"headline": "", "description": "Re\u0007port"`, "sources[0].description", "control character (U+0007)"},
		{"description too long", `"headline": "", "description": "` + strings.Repeat("d", MaxTextRunes+1) + `"`, "sources[0].description", "the description is 2,001 characters long"},
		{"description not text", `"headline": "", "description": ["Report"]`, "sources[0].description", "expected text, found a list"},
		{"language without a headline", `"headline": "", "description": "Report", "language": "ja"`, "sources[0].language", `"ja" is the language of the headline, but the source has no headline`},
		{"language not a tag", `"headline": "二つの電話", "language": "japanese!", "description": "Two calls"`, "sources[0].language", `"japanese!" is not a language tag`},
		{"language blank", `"headline": "二つの電話", "language": " ", "description": "Two calls"`, "sources[0].language", `" " is not a language tag`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]byte(strings.Replace(base, headline, tt.value, 1)))
			ps := mustProblems(t, err)
			if len(ps) != 1 || ps[0].Path != tt.path || ps[0].Line != 77 || !strings.Contains(ps[0].Msg, tt.msg) {
				t.Errorf("got %v\nwant %s: line 77: …%s…", ps, tt.path, tt.msg)
			}
		})
	}
	s, err := Load([]byte(strings.Replace(base, headline, `"headline": "", "description": "Report on two calls"`, 1)))
	if err != nil {
		t.Fatalf("a source known by its description is valid:\n%v", err)
	}
	if src := s.Sources[0]; src.Headline != "" || src.Description != "Report on two calls" {
		t.Errorf("source = %+v", src)
	}
	s, err = Load([]byte(strings.Replace(base, headline, `"headline": "二つの電話", "language": "ja", "description": "Two calls"`, 1)))
	if err != nil {
		t.Fatalf("a headline in another language, with its tag, is valid:\n%v", err)
	}
	if src := s.Sources[0]; src.Headline != "二つの電話" || src.Language != "ja" || src.Description != "Two calls" {
		t.Errorf("source = %+v", src)
	}
}
