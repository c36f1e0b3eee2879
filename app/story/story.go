// Package story defines the story file that drives Five Calls: the places, the
// calls between them and the reader quiz, each fact tied to its sources.
//
// A story is data, so a newsroom can tell another story without touching code.
// Load reads a story file strictly (unknown fields are errors) and reports
// every problem at once, each with its JSON path and line:column, so an editor
// can fix a file in one pass; Decode checks only the file's form, Validate only
// a story's content. Default is the story Five Calls ships with. The package
// uses the standard library only: its types reach the WebAssembly too
// (through app/ui), which gets the time zones it shows from the server's
// zone table, not from Go's database.
package story

import (
	"encoding/json"
	"time"

	"fivecalls/app/locale"
)

// Story is one story file.
type Story struct {
	// Schema may name the JSON Schema an editor checks the file against
	// ("fivecalls schema" prints it); the widget ignores it.
	Schema string `json:"$schema,omitempty"`
	ID     string `json:"id"`
	Title  string `json:"title"`
	Dek    string `json:"dek"`
	// Language is the story's BCP 47 tag ("en", "de", "fr-CA", "ja"): the
	// widget speaks it (locale.Shipped are the languages it ships), and
	// writes dates, times and numbers as it does.
	Language string `json:"language"`
	// Messages override the widget's words in that language, by key
	// (locale.Keys): a newsroom's house style ("Test yourself" for
	// "Quiz"), or the words for the story's kind of items.
	Messages Messages `json:"messages,omitempty"`
	Credits  []string `json:"credits"`
	// Items says what the story's items are, in the plural: "calls" (the
	// default), "legs", "stops", "visits" (locale.Kinds), or a word of the
	// story's own when it gives the messages that name them. Every
	// control, heading, announcement and alt text uses that word.
	Items string `json:"items,omitempty"`
	// Article is the id of the source the story illustrates, when it
	// illustrates one: a fact check. Facts that cite only other sources are
	// then marked as coming from outside the article, and the notes are
	// what the article gets wrong. Empty: the story stands on its sources.
	Article string `json:"article,omitempty"`
	// Origin is the id of the place the story starts from: the place every
	// call is made from, unless a call names its own.
	Origin  string     `json:"origin"`
	Places  []Place    `json:"places"`
	Calls   []Call     `json:"calls"`
	Notes   []Note     `json:"notes"`
	Quiz    Quiz       `json:"quiz"`
	Sources []Source   `json:"sources"`
	Theme   StoryTheme `json:"theme"`
	// Map holds optional settings of the map; a story without them
	// leaves the "map" object out.
	Map StoryMap `json:"map,omitzero"`
}

// Messages are a story's own words for the widget's messages, by key.
type Messages map[locale.Key]locale.Message

// UnmarshalJSON keeps the messages that read, and leaves out the others,
// so that one bad message does not stop the rest of the file from being
// read and checked; Decode reports each bad one at its place.
func (ms *Messages) UnmarshalJSON(b []byte) error {
	var raw map[locale.Key]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*ms = make(Messages, len(raw))
	for k, v := range raw {
		var m locale.Message
		if m.UnmarshalJSON(v) == nil {
			(*ms)[k] = m
		}
	}
	return nil
}

// StoryMap holds a story's optional map settings.
type StoryMap struct {
	// Center is the map's central meridian, in degrees east (-180..180):
	// the longitude drawn down the middle of the map, whose opposite is
	// the map's left and right edge. Unset, the map is centred so that no
	// call's arc is cut at the edge (Asia and the Americas either side of
	// the Pacific for the default story); set it when an editor wants
	// another view, say 0 for a map centred on Greenwich.
	Center *float64 `json:"center,omitempty"`
}

// StoryTheme carries the colours an installed app uses for its window.
type StoryTheme struct {
	Color      string `json:"color"`      // CSS hex colour, e.g. "#1d3557"
	Background string `json:"background"` // CSS hex colour
}

// Place is a point on the map, with the time zone its clocks followed.
type Place struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Country string  `json:"country"`
	Lat     float64 `json:"lat"` // degrees north, -90..90, the poles themselves excepted
	Lon     float64 `json:"lon"` // degrees east, -180..180
	// TimeZone is an IANA zone name such as "Asia/Tokyo".
	TimeZone string `json:"timezone"`
	// Note qualifies the place, e.g. that a capital stands for a country.
	Note string `json:"note,omitempty"`
	// Sources are source ids for the note, when it states a fact.
	Sources []string `json:"sources,omitempty"`
}

// Call is one item on the timeline: a call, a leg, a stop, a visit (the
// story's Items), from one place to another.
type Call struct {
	ID    string `json:"id"`
	Order int    `json:"order"` // 1-based position in the story
	// From is the id of the place the item starts from; empty: the story's
	// origin.
	From string `json:"from"`
	To   string `json:"to"` // place id
	// Leader is the person the item is with, when there is one: the
	// leader called, the host visited.
	Leader Leader `json:"leader,omitzero"`
	// Start is an RFC 3339 instant with the offset the clocks at From
	// read then, e.g. "2017-01-28T09:05:00-05:00".
	Start string `json:"start"`
	// StartApprox marks a scheduled or rounded start ("about 11:00 a.m.").
	StartApprox bool `json:"startApprox,omitempty"`
	// Arrival is when the item ended, as an RFC 3339 instant with the
	// offset the clocks at To read then (a flight's landing), when the
	// story knows it; Duration may then be left out.
	Arrival   string    `json:"end,omitempty"`
	Duration  Duration  `json:"duration,omitzero"`
	Certainty Certainty `json:"certainty"`
	// CertaintyNote says why the grade is what it is, e.g. that the length is
	// firm but the start is only the scheduled time (the lower grade wins).
	CertaintyNote string     `json:"certaintyNote,omitempty"`
	Summary       string     `json:"summary"`
	Points        []Point    `json:"points"`
	Conflicts     []Conflict `json:"conflicts,omitempty"`
	Sources       []string   `json:"sources"` // source ids for the time and length
}

// Leader is the person an item is with: a name, and a title when it helps
// ("Chancellor of Germany").
type Leader struct {
	Name  string `json:"name"`
	Title string `json:"title"`
}

// Duration is an item's length: minutes (any number: a call of 45, a
// voyage of 30 days), or explicitly unknown.
type Duration struct {
	Minutes int  `json:"minutes,omitempty"`
	Approx  bool `json:"approx,omitempty"`
	Unknown bool `json:"unknown,omitempty"`
}

// Certainty grades how well sourced a fact is.
type Certainty string

// The certainty grades, as the fact sheet uses them.
const (
	High   Certainty = "high"
	Medium Certainty = "medium"
	Low    Certainty = "low"
)

// Point is one notable reported point of a call.
type Point struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	// Reported is the day the point first became public, written
	// YYYY-MM-DD, when that was after the story's day: a leak, a later
	// account, a transcript published months on. Empty means it was public
	// on the day. Readers must not take a later revelation for something
	// known at the time, so the widget shows the date (see ReportedAfter).
	Reported string `json:"reported,omitempty"`
}

// Conflict records where sources disagree, so the story shows it instead of
// picking a side silently.
type Conflict struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
}

// Note is a story-level remark, such as a contradiction inside the article.
type Note struct {
	Title   string   `json:"title"`
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
}

// Quiz is the reader quiz.
type Quiz struct {
	Title     string     `json:"title"`
	Questions []Question `json:"questions"`
}

// Question is one quiz question with exactly one correct choice.
type Question struct {
	ID          string   `json:"id"`
	Prompt      string   `json:"prompt"`
	Choices     []Choice `json:"choices"`
	Explanation string   `json:"explanation"`
	// Sources are source ids; a question citing only sources other than the
	// article is flagged as an outside-source question.
	Sources []string `json:"sources"`
	// Call optionally names the call the question is about; answering replays it.
	Call string `json:"call,omitempty"`
}

// Choice is one answer option.
type Choice struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Correct bool   `json:"correct,omitempty"`
}

// Source is a publication a fact comes from. Publisher names the original
// publisher even when URL points at a republication, and the headline and
// byline are the original's: a republisher's headline is not the
// original's.
//
// A source has a headline, a description or both. Headline is the
// publication's own, as confirmed; when it could not be confirmed it stays
// empty rather than being made up, and Description says in the editors'
// words what the piece is ("Report on the Merkel-Trump call"), so that a
// reader never takes the editors' words for the publication's.
//
// Language is the BCP 47 tag of the language the headline is written in,
// when it is not the story's: "ja" for a Japanese ministry's headline in
// an English story. The page marks the headline with it, so that a screen
// reader reads it in that language. Description then gives, in the
// story's language, what the headline says, and is shown beside it; the
// headline itself stays as published.
//
// Date is the day the piece was published, YYYY-MM-DD; YYYY-MM when only
// the month is known; "" when it is not known at all. The widget shows an
// unknown date as unknown.
type Source struct {
	ID          string `json:"id"`
	Publisher   string `json:"publisher"`
	Headline    string `json:"headline"`              // "" when not confirmed
	Language    string `json:"language,omitempty"`    // the headline's language, when not the story's
	Description string `json:"description,omitempty"` // what the piece is, when the headline is unknown or in another language
	Byline      string `json:"byline,omitempty"`      // the writers credited, as the publication gives them
	URL         string `json:"url"`                   // absolute http or https
	Date        string `json:"date"`                  // YYYY-MM-DD, YYYY-MM, or "" when unknown
}

// MonthOnly reports whether the source's date gives the month but not the
// day.
func (src *Source) MonthOnly() bool {
	_, err := time.Parse(monthLayout, src.Date)
	return err == nil
}

// monthLayout is a date known only to the month.
const monthLayout = "2006-01"

// Place returns the place with the id, or nil.
func (s *Story) Place(id string) *Place {
	for i := range s.Places {
		if s.Places[i].ID == id {
			return &s.Places[i]
		}
	}
	return nil
}

// MapCenter returns the map's central meridian the story sets (map.center),
// in degrees east; ok is false when it sets none and the map chooses one.
func (s *Story) MapCenter() (lon float64, ok bool) {
	if s.Map.Center == nil {
		return 0, false
	}
	return *s.Map.Center, true
}

// Source returns the source with the id, or nil.
func (s *Story) Source(id string) *Source {
	for i := range s.Sources {
		if s.Sources[i].ID == id {
			return &s.Sources[i]
		}
	}
	return nil
}

// CallIndex returns the index of the call with the id, or -1.
func (s *Story) CallIndex(id string) int {
	for i := range s.Calls {
		if s.Calls[i].ID == id {
			return i
		}
	}
	return -1
}

// FromOutside reports whether facts citing these source ids come only from
// outside the article (and so deserve a visible badge). A story without an
// article has no outside.
func (s *Story) FromOutside(sourceIDs []string) bool {
	if s.Article == "" {
		return false
	}
	for _, id := range sourceIDs {
		if id == s.Article {
			return false
		}
	}
	return len(sourceIDs) > 0
}

// Day returns the day the story took place: the calendar date of its first
// call, as the clocks where that call was made read it (the offset written
// in its start), at midnight UTC. For the default story it is 28 January
// 2017. ok is false when the story has no call with a valid start.
func (s *Story) Day() (day time.Time, ok bool) {
	if len(s.Calls) == 0 {
		return time.Time{}, false
	}
	start, err := s.Calls[0].StartTime()
	if err != nil {
		return time.Time{}, false
	}
	return dateOf(start), true
}

// ReportedOn returns the day the point first became public, at midnight
// UTC. ok is false when Reported is empty (public on the story's day) or is
// not a date, which a validated story never has.
func (p Point) ReportedOn() (day time.Time, ok bool) {
	if p.Reported == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, p.Reported)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// ReportedAfter reports whether the point first became public on a later
// calendar day than day (usually Story.Day), in which case a reader should
// be told when: "reported 1 Feb 2017". The day is taken as its own clocks
// read it.
func (p Point) ReportedAfter(day time.Time) bool {
	reported, ok := p.ReportedOn()
	return ok && reported.After(dateOf(day))
}

// dateOf is the calendar date of t, as t's own clocks read it, at midnight
// UTC, so that dates from different zones compare as dates.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// StartTime parses the call's start instant. Validated stories never fail.
func (c *Call) StartTime() (time.Time, error) {
	return time.Parse(time.RFC3339, c.Start)
}

// End returns the end instant when it is known: the arrival, or the start
// and the duration.
func (c *Call) End() (time.Time, bool) {
	if c.Arrival != "" {
		t, err := time.Parse(time.RFC3339, c.Arrival)
		return t, err == nil
	}
	t, err := c.StartTime()
	if err != nil || c.Duration.Unknown || c.Duration.Minutes <= 0 {
		return time.Time{}, false
	}
	return t.Add(time.Duration(c.Duration.Minutes) * time.Minute), true
}

// Length returns how long the item lasted, when it is known, and whether
// that is approximate.
func (c *Call) Length() (d time.Duration, approx, ok bool) {
	start, err := c.StartTime()
	end, known := c.End()
	if err != nil || !known {
		return 0, false, false
	}
	return end.Sub(start), c.Duration.Approx || c.StartApprox && c.Arrival != "", true
}

// Clone returns a deep copy, so a caller can change a story (say, the shared
// default) without touching anyone else's.
func (s *Story) Clone() *Story {
	c := *s
	if s.Messages != nil {
		c.Messages = make(Messages, len(s.Messages))
		for k, m := range s.Messages {
			if m.Forms != nil {
				forms := make(map[string]string, len(m.Forms))
				for f, t := range m.Forms {
					forms[f] = t
				}
				m.Forms = forms
			}
			c.Messages[k] = m
		}
	}
	c.Credits = clone(s.Credits)
	c.Places = clone(s.Places)
	for i := range c.Places {
		c.Places[i].Sources = clone(c.Places[i].Sources)
	}
	c.Calls = clone(s.Calls)
	for i := range c.Calls {
		cl := &c.Calls[i]
		cl.Points = clone(cl.Points)
		for j := range cl.Points {
			cl.Points[j].Sources = clone(cl.Points[j].Sources)
		}
		cl.Conflicts = clone(cl.Conflicts)
		for j := range cl.Conflicts {
			cl.Conflicts[j].Sources = clone(cl.Conflicts[j].Sources)
		}
		cl.Sources = clone(cl.Sources)
	}
	c.Notes = clone(s.Notes)
	for i := range c.Notes {
		c.Notes[i].Sources = clone(c.Notes[i].Sources)
	}
	c.Quiz.Questions = clone(s.Quiz.Questions)
	for i := range c.Quiz.Questions {
		q := &c.Quiz.Questions[i]
		q.Choices = clone(q.Choices)
		q.Sources = clone(q.Sources)
	}
	c.Sources = clone(s.Sources)
	if s.Map.Center != nil {
		center := *s.Map.Center
		c.Map.Center = &center
	}
	return &c
}

// clone copies a slice, keeping nil as nil so a clone encodes like its original.
func clone[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}
