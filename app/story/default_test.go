package story

import (
	"bytes"
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDefaultIsValid(t *testing.T) {
	if _, err := Load(DefaultJSON()); err != nil {
		t.Fatalf("the embedded default story has problems:\n%v", err)
	}
	if err := Validate(Default()); err != nil {
		t.Fatalf("Validate(Default()):\n%v", err)
	}
	if got, want := Summary(Default()), "five-calls-2017: 6 places, 5 calls, 13 questions, 42 sources"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

// TestDefaultCalls pins the facts of the fact sheet (§3, §4): who, in what
// order, when, for how long, and how sure.
func TestDefaultCalls(t *testing.T) {
	s := Default()
	if s.ID != "five-calls-2017" || s.Language != "en" || s.Origin != "washington" || s.Article != "breitbart" {
		t.Errorf("story header = %q %q %q %q", s.ID, s.Language, s.Origin, s.Article)
	}
	want := []struct {
		id, leader, to, start string
		approx                bool
		minutes               int
		minutesApprox         bool
		unknown               bool
		certainty             Certainty
		zone, local           string // local start at the capital, "Mon 15:04"
	}{
		{"abe", "Shinzo Abe", "tokyo", "2017-01-28T09:05:00-05:00", false, 42, true, false, High, "Asia/Tokyo", "Sat 23:05"},
		{"merkel", "Angela Merkel", "berlin", "2017-01-28T11:00:00-05:00", true, 45, false, false, Medium, "Europe/Berlin", "Sat 17:00"},
		{"putin", "Vladimir Putin", "moscow", "2017-01-28T12:00:00-05:00", true, 60, true, false, Medium, "Europe/Moscow", "Sat 20:00"},
		{"hollande", "François Hollande", "paris", "2017-01-28T14:00:00-05:00", true, 0, false, true, Low, "Europe/Paris", "Sat 20:00"},
		{"turnbull", "Malcolm Turnbull", "canberra", "2017-01-28T17:05:00-05:00", false, 25, false, false, High, "Australia/Sydney", "Sun 09:05"},
	}
	if len(s.Calls) != len(want) {
		t.Fatalf("%d calls, want %d", len(s.Calls), len(want))
	}
	for i, w := range want {
		c := s.Calls[i]
		t.Run(w.id, func(t *testing.T) {
			if c.ID != w.id || c.Order != i+1 || c.Leader.Name != w.leader || c.From != "washington" || c.To != w.to {
				t.Errorf("call %d = %s #%d %s %s→%s", i, c.ID, c.Order, c.Leader.Name, c.From, c.To)
			}
			if c.Start != w.start || c.StartApprox != w.approx {
				t.Errorf("start = %s approx %v, want %s approx %v", c.Start, c.StartApprox, w.start, w.approx)
			}
			d := c.Duration
			if d.Minutes != w.minutes || d.Approx != w.minutesApprox || d.Unknown != w.unknown {
				t.Errorf("duration = %+v", d)
			}
			if c.Certainty != w.certainty {
				t.Errorf("certainty = %s, want %s", c.Certainty, w.certainty)
			}
			if c.CertaintyNote == "" || len(c.Points) == 0 {
				t.Error("a call needs its certainty explained and its notable points")
			}
			p := s.Place(c.To)
			if p == nil || p.TimeZone != w.zone {
				t.Fatalf("place %s has zone %v, want %s", c.To, p, w.zone)
			}
			loc, err := time.LoadLocation(p.TimeZone)
			if err != nil {
				t.Fatal(err)
			}
			start, _ := c.StartTime()
			if got := start.In(loc).Format("Mon 15:04"); got != w.local {
				t.Errorf("local start in %s = %s, want %s", p.Name, got, w.local)
			}
		})
	}
	if end, ok := s.Calls[4].End(); !ok || end.Format("15:04") != "17:30" {
		t.Errorf("Turnbull's call ends %v %v, want 17:30 (25 minutes)", end, ok)
	}
	putin := s.Calls[2]
	if len(putin.Conflicts) == 0 || !strings.Contains(putin.Conflicts[0].Text, "30 minutes") || !strings.Contains(putin.Conflicts[0].Text, "one hour") || !strings.Contains(putin.Conflicts[0].Text, "50 minutes") {
		t.Errorf("the Putin call must record the article's 30 minutes against the White House's hour and others' 50: %+v", putin.Conflicts)
	}
	turnbull := s.Calls[4]
	if len(turnbull.Conflicts) == 0 || !strings.Contains(turnbull.Conflicts[0].Text, "24") || !strings.Contains(turnbull.Conflicts[0].Text, "scheduled for an hour") {
		t.Errorf("the Turnbull call must note 24 minutes by the transcript and the hour scheduled: %+v", turnbull.Conflicts)
	}
}

func TestDefaultPlaces(t *testing.T) {
	s := Default()
	want := []struct {
		id       string
		lat, lon float64
		zone     string
	}{
		{"washington", 38.9072, -77.0369, "America/New_York"},
		{"tokyo", 35.6762, 139.6503, "Asia/Tokyo"},
		{"berlin", 52.5200, 13.4050, "Europe/Berlin"},
		{"moscow", 55.7558, 37.6173, "Europe/Moscow"},
		{"paris", 48.8566, 2.3522, "Europe/Paris"},
		{"canberra", -35.2809, 149.1300, "Australia/Sydney"},
	}
	if len(s.Places) != len(want) {
		t.Fatalf("%d places, want %d", len(s.Places), len(want))
	}
	for i, w := range want {
		p := s.Places[i]
		if p.ID != w.id || p.Lat != w.lat || p.Lon != w.lon || p.TimeZone != w.zone || p.Note == "" {
			t.Errorf("place %d = %+v, want %+v with a note", i, p, w)
		}
	}
	if !strings.Contains(s.Place("paris").Note, "Lisbon") || !strings.Contains(s.Place("paris").Note, "not known") {
		t.Errorf("Paris must say Hollande was in Lisbon and where he took the call is not known: %q", s.Place("paris").Note)
	}
}

// TestDefaultQuiz pins the thirteen questions of fact sheet §5 and their
// correct answers, and that outside-source questions are flagged as such.
func TestDefaultQuiz(t *testing.T) {
	s := Default()
	want := []struct{ id, correct, call string }{
		{"q1", "c", ""}, {"q2", "b", "putin"}, {"q3", "c", "merkel"}, {"q4", "c", "putin"},
		{"q5", "d", "putin"}, {"q6", "b", "putin"}, {"q7", "b", "putin"}, {"q8", "a", ""},
		{"q9", "b", "abe"}, {"q10", "a", "putin"},
		{"o1", "b", "hollande"}, {"o2", "d", "turnbull"}, {"o3", "b", "turnbull"},
	}
	qs := s.Quiz.Questions
	if len(qs) != len(want) {
		t.Fatalf("%d questions, want %d", len(qs), len(want))
	}
	for i, w := range want {
		q := qs[i]
		correct := ""
		for _, c := range q.Choices {
			if c.Correct {
				correct += c.ID
			}
		}
		if q.ID != w.id || correct != w.correct || q.Call != w.call || len(q.Choices) != 4 {
			t.Errorf("question %d = %s correct %q call %q (%d choices), want %s %q %q", i, q.ID, correct, q.Call, len(q.Choices), w.id, w.correct, w.call)
		}
		outside := strings.HasPrefix(q.ID, "o")
		if s.FromOutside(q.Sources) != outside {
			t.Errorf("%s: FromOutside = %v, want %v (sources %v)", q.ID, !outside, outside, q.Sources)
		}
		if !outside && (len(q.Sources) != 1 || q.Sources[0] != s.Article) {
			t.Errorf("%s answers from the article alone and must cite only it: %v", q.ID, q.Sources)
		}
	}
	if q := qs[5]; q.Choices[1].Text != `He said "one can hardly expect substantive contacts on the entire range of affairs"` {
		t.Errorf("q6's quote changed: %s", q.Choices[1].Text)
	}
}

// TestDefaultSources checks the editorial rules for sources: every source is
// cited, links go to the original publisher where the fact sheet names a
// mirror, and every fact-bearing item cites something.
func TestDefaultSources(t *testing.T) {
	s := Default()
	cited := map[string]bool{s.Article: true}
	cite := func(ids []string) {
		for _, id := range ids {
			cited[id] = true
		}
	}
	for _, p := range s.Places {
		cite(p.Sources)
	}
	for _, c := range s.Calls {
		cite(c.Sources)
		for _, p := range c.Points {
			cite(p.Sources)
		}
		for _, p := range c.Conflicts {
			cite(p.Sources)
		}
	}
	for _, n := range s.Notes {
		cite(n.Sources)
	}
	for _, q := range s.Quiz.Questions {
		cite(q.Sources)
	}
	for _, src := range s.Sources {
		if !cited[src.ID] {
			t.Errorf("source %s is never cited", src.ID)
		}
		u, err := url.Parse(src.URL)
		if err != nil {
			t.Fatal(err)
		}
		for _, mirror := range []string{"phoenix.cloud.edsqa01.aws.sbs.com.au", "newsbite.mooo.com", "digital-stage.thehill.com"} {
			if u.Host == mirror {
				t.Errorf("source %s links to the mirror %s, not the publisher", src.ID, mirror)
			}
		}
	}
	if len(s.Notes) != 6 {
		t.Errorf("%d notes, want the article's errors I1 and I3–I6 of the fact sheet and the earlier calls (I2, the Putin call's length, is a disagreement of sources, on the call)", len(s.Notes))
	}
}

// TestDefaultCopies checks that callers get their own copy of the default.
func TestDefaultCopies(t *testing.T) {
	a := Default()
	a.Calls[0].Points[0].Sources[0] = "changed"
	a.Places[0].Name = "changed"
	DefaultJSON()[0] = 'x'
	b := Default()
	if b.Calls[0].Points[0].Sources[0] == "changed" || b.Places[0].Name == "changed" {
		t.Error("changing one Default() changed the next")
	}
	if DefaultJSON()[0] != '{' {
		t.Error("changing DefaultJSON() changed the embedded file")
	}
	if !reflect.DeepEqual(Default(), Default().Clone()) {
		t.Error("Clone differs from its original")
	}
}

// TestRoundTrip checks that a story survives encoding and decoding intact,
// quotes, non-breaking spaces and all.
func TestRoundTrip(t *testing.T) {
	s := Default()
	s.Calls[0].Summary = "He said \"no\" — and \u00a0then <b>left</b> & 'went' home."
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(data)
	if err != nil {
		t.Fatalf("re-encoded story has problems:\n%v", err)
	}
	if !reflect.DeepEqual(s, back) {
		t.Error("story changed in a round trip")
	}
	if got := back.Calls[0].Summary; got != s.Calls[0].Summary {
		t.Errorf("summary = %q, want %q", got, s.Calls[0].Summary)
	}
	if !bytes.Contains(DefaultJSON(), []byte(`\"`)) {
		t.Error("the default story should contain quotation marks")
	}
}

// TestMapCenter checks the optional map.center: absent by default and left
// out when written, read when set (0, Greenwich, included), kept through a
// round trip and copied by Clone.
func TestMapCenter(t *testing.T) {
	s := Default()
	if lon, ok := s.MapCenter(); ok {
		t.Errorf("the default story sets map.center %v; it should let the map choose", lon)
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(`"map"`)) {
		t.Error("a story without map settings is written with a \"map\" object")
	}
	for _, center := range []float64{0, -90.5, 180, -180} {
		s.Map.Center = &center
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Load(data)
		if err != nil {
			t.Fatalf("a story with map.center %v has problems:\n%v", center, err)
		}
		if lon, ok := back.MapCenter(); !ok || lon != center {
			t.Errorf("map.center %v came back as %v, %v", center, lon, ok)
		}
		c := back.Clone()
		*c.Map.Center = 42
		if lon, _ := back.MapCenter(); lon != center {
			t.Errorf("changing a clone's map.center changed the original to %v", lon)
		}
	}
}
