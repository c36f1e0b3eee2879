package story

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fivecalls/app/locale"
)

// Limits on a story's size. They are generous for a news widget and small
// enough that a hostile story cannot blow up a page, a log or a database.
const (
	MaxTextRunes = 2000 // characters in any one text
	MaxIDLen     = 64   // bytes in an id
	MaxURLLen    = 2000 // bytes in a URL
	MaxPlaces    = 50
	MaxCalls     = 50
	MaxQuestions = 50
	MaxChoices   = 8
	MaxSources   = 200
	maxListLen   = 50 // credits, notes, points, conflicts, source ids in one list
	// MaxMinutes is the longest item, ten years: a tour, a voyage, a term
	// of office, but not a typo's million minutes.
	MaxMinutes = 10 * 366 * 24 * 60
)

// Validate checks a story's content and returns every problem as Problems, or
// nil. Problems carry paths only: a story built in code has no lines. Use
// Load for files, which also places each problem at its line and column.
func Validate(s *Story) error {
	c := &collector{}
	if s == nil {
		c.add(RootPath, "there is no story")
		return c.result()
	}
	validate(s, c)
	return c.result()
}

// Load decodes and validates a story file and reports every problem at once,
// in file order: unknown fields and type errors as well as content problems.
// It returns a story only when there are none.
func Load(data []byte) (*Story, error) {
	s, _, c := decode(data)
	if s == nil {
		return nil, c.result()
	}
	// A value already reported (say, text where a number goes) would also
	// fail the content rules; say so once.
	c.mute = make([]string, 0, len(c.probs))
	for _, p := range c.probs {
		c.mute = append(c.mute, p.Path)
	}
	validate(s, c)
	c.sort()
	if err := c.result(); err != nil {
		return nil, err
	}
	return s, nil
}

// checker holds what the rules need across the story: the ids that
// references must resolve to.
type checker struct {
	*collector
	places  map[string]bool
	calls   map[string]bool
	sources map[string]bool
}

func validate(s *Story, col *collector) {
	c := &checker{collector: col, places: map[string]bool{}, calls: map[string]bool{}, sources: map[string]bool{}}
	// Collect ids first, so a reference to a later item resolves.
	for _, p := range s.Places {
		c.places[p.ID] = true
	}
	for _, cl := range s.Calls {
		c.calls[cl.ID] = true
	}
	for _, src := range s.Sources {
		c.sources[src.ID] = true
	}

	c.id("id", s.ID, "story")
	c.text("title", s.Title, "the title")
	c.text("dek", s.Dek, "the dek")
	if c.language("language", s.Language) {
		c.messages(s.Language, s.Items, s.Messages)
	}
	c.count("credits", len(s.Credits), 0, maxListLen, "credits")
	for i, cr := range s.Credits {
		c.text(indexPath("credits", i), cr, "this credit")
	}
	if s.Article != "" {
		c.ref("article", s.Article, c.sources, "source", "the article")
	}
	c.ref("origin", s.Origin, c.places, "place", "the origin")

	c.count("places", len(s.Places), 1, MaxPlaces, "places")
	seen := map[string]bool{}
	for i := range s.Places {
		c.place(indexPath("places", i), &s.Places[i], seen)
	}

	c.count("calls", len(s.Calls), 1, MaxCalls, "calls")
	seen = map[string]bool{}
	var prev time.Time
	for i := range s.Calls {
		path := indexPath("calls", i)
		start, ok := c.call(path, i, s, &s.Calls[i], seen)
		if ok && !prev.IsZero() && start.Before(prev) {
			c.add(path+".start", "this call starts before the call listed above it; list the calls in the order they started")
		}
		if ok {
			prev = start
		}
	}

	c.count("notes", len(s.Notes), 0, maxListLen, "notes")
	for i, n := range s.Notes {
		path := indexPath("notes", i)
		c.text(path+".title", n.Title, "the note's title")
		c.text(path+".text", n.Text, "the note's text")
		c.sourceIDs(path+".sources", n.Sources, true)
	}

	c.quiz(&s.Quiz)

	c.count("sources", len(s.Sources), 1, MaxSources, "sources")
	seen = map[string]bool{}
	for i, src := range s.Sources {
		path := indexPath("sources", i)
		c.unique(path+".id", src.ID, seen, "source")
		c.text(path+".publisher", src.Publisher, "the publisher")
		c.headline(path, &src)
		if src.Byline != "" {
			c.text(path+".byline", src.Byline, "the byline")
		}
		c.url(path+".url", src.URL)
		if src.Date != "" && !src.MonthOnly() {
			c.date(path+".date", src.Date)
		}
	}

	c.colour("theme.color", s.Theme.Color)
	c.colour("theme.background", s.Theme.Background)
	if s.Map.Center != nil {
		c.coordinate("map.center", *s.Map.Center, 180, "map's centre longitude")
	}
}

func (c *checker) place(path string, p *Place, seen map[string]bool) {
	c.unique(path+".id", p.ID, seen, "place")
	c.text(path+".name", p.Name, "the place's name")
	c.text(path+".country", p.Country, "the country")
	c.coordinate(path+".lat", p.Lat, 90, "latitude")
	if math.Abs(p.Lat) == 90 {
		// At a pole every longitude is the same point; the map draws the
		// pole as a line, so its dot and the arcs that arrive along other
		// meridians would not meet.
		c.add(path+".lat", "a place exactly at a pole (%v) has no longitude, and the map, which draws a pole as a line, cannot mark it at one point; give the place's own latitude, such as -89.9975 for Amundsen-Scott South Pole Station", p.Lat)
	}
	c.coordinate(path+".lon", p.Lon, 180, "longitude")
	switch tz := p.TimeZone; {
	case strings.TrimSpace(tz) == "":
		c.add(path+".timezone", "the time zone is empty; give an IANA name such as \"Europe/Berlin\"")
	case tz == "Local":
		c.add(path+".timezone", "\"Local\" depends on the machine; give an IANA name such as \"Europe/Berlin\"")
	default:
		if _, err := time.LoadLocation(tz); err != nil {
			hint := zoneHint(tz, p.Lat, p.Lon)
			if hint == "" {
				hint = "give an IANA name such as \"Europe/Berlin\""
			}
			c.add(path+".timezone", "%s is not a time zone this system knows; %s", quote(tz), hint)
		}
	}
	if p.Note != "" {
		c.text(path+".note", p.Note, "the note")
	}
	c.sourceIDs(path+".sources", p.Sources, false)
}

// call checks one call and returns its start when it parses.
func (c *checker) call(path string, i int, s *Story, cl *Call, seen map[string]bool) (time.Time, bool) {
	c.unique(path+".id", cl.ID, seen, "call")
	if cl.Order != i+1 {
		c.add(path+".order", "the order is %d but this is call %d in the list; number the calls 1, 2, 3… in list order", cl.Order, i+1)
	}
	if cl.From != "" {
		c.ref(path+".from", cl.From, c.places, "place", "the place the call is from")
	}
	c.ref(path+".to", cl.To, c.places, "place", "the place the call goes to")
	switch {
	case cl.Leader.Name == "" && cl.Leader.Title != "":
		c.add(path+".leader.name", "the leader's name is empty, but a title is given; a title needs the name it belongs to")
	case cl.Leader.Name != "":
		c.text(path+".leader.name", cl.Leader.Name, "the leader's name")
	}
	if cl.Leader.Title != "" {
		c.text(path+".leader.title", cl.Leader.Title, "the leader's title")
	}
	from, to := s.Place(cl.From), s.Place(cl.To)
	if cl.From == "" {
		from = s.Place(s.Origin)
	}

	start, ok := c.instant(path+".start", cl.Start, from, "start", true)
	var end time.Time
	hasEnd := false
	if cl.Arrival != "" {
		end, hasEnd = c.instant(path+".end", cl.Arrival, to, "end", false)
	}
	if hasEnd && ok && !end.After(start) {
		c.add(path+".end", "the item ends at %s, not after its start at %s", cl.Arrival, cl.Start)
		hasEnd = false
	}

	d := cl.Duration
	switch {
	case cl.Arrival != "" && d.Unknown:
		c.add(path+".duration", "the duration is \"unknown\" but \"end\" gives the end; keep one")
	case cl.Arrival != "" && d.Minutes != 0:
		if hasEnd && ok && time.Duration(d.Minutes)*time.Minute != end.Sub(start) {
			c.add(path+".duration.minutes", "%d minutes does not agree with the start and end, %s apart; keep one", d.Minutes, end.Sub(start))
		}
	case cl.Arrival != "":
	case d.Unknown && d.Minutes != 0:
		c.add(path+".duration", "the duration gives both minutes and \"unknown\"; keep one")
	case d.Unknown && d.Approx:
		c.add(path+".duration", "\"approx\" applies only to a length in minutes, not to an unknown one")
	case d.Unknown:
	case d.Minutes < 0:
		c.add(path+".duration.minutes", "the length must be more than 0 minutes, not %d", d.Minutes)
	case d.Minutes == 0 && (c.muted(path+".duration.minutes") || c.muted(path+".duration.unknown")):
		// The length was given, as a value of the wrong type ("minutes":
		// 42.5), and that was reported: saying it is missing would be false.
	case d.Minutes == 0 && c.present(path+".duration.minutes"):
		c.add(path+".duration.minutes", "the length must be more than 0 minutes, not 0; if no source gives it, write \"unknown\": true instead")
	case d.Minutes == 0:
		c.add(path+".duration", "the duration needs \"minutes\", or \"unknown\": true when no source gives the length (or give the item's \"end\")")
	case d.Minutes > MaxMinutes:
		c.add(path+".duration.minutes", "%s minutes is over ten years; the limit is %s", thousands(d.Minutes), thousands(MaxMinutes))
	}

	switch cl.Certainty {
	case High, Medium, Low:
	case "":
		c.add(path+".certainty", "the certainty is empty; use \"high\", \"medium\" or \"low\"")
	default:
		c.add(path+".certainty", "the certainty %s is not one of \"high\", \"medium\" or \"low\"", quote(string(cl.Certainty)))
	}
	if cl.CertaintyNote != "" {
		c.text(path+".certaintyNote", cl.CertaintyNote, "the certainty note")
	}
	c.text(path+".summary", cl.Summary, "the summary")
	c.count(path+".points", len(cl.Points), 0, maxListLen, "points")
	for j, p := range cl.Points {
		pp := indexPath(path+".points", j)
		c.text(pp+".text", p.Text, "the point's text")
		c.sourceIDs(pp+".sources", p.Sources, true)
		if p.Reported != "" {
			c.reported(pp+".reported", p.Reported)
		}
	}
	c.count(path+".conflicts", len(cl.Conflicts), 0, maxListLen, "conflicts")
	for j, p := range cl.Conflicts {
		pp := indexPath(path+".conflicts", j)
		c.text(pp+".text", p.Text, "the conflict's text")
		c.sourceIDs(pp+".sources", p.Sources, true)
	}
	c.sourceIDs(path+".sources", cl.Sources, true)
	return start, ok
}

// instant checks a start or end: an RFC 3339 time whose offset is the one
// the place's clocks read at that instant, so that what the page writes
// as the local time is what the file says. It returns the instant when it
// parses.
func (c *checker) instant(path, v string, at *Place, what string, required bool) (time.Time, bool) {
	example := "\"2017-01-28T09:05:00-05:00\""
	if strings.TrimSpace(v) == "" {
		if required {
			c.add(path, "the %s time is empty; write it like %s", what, example)
		}
		return time.Time{}, false
	}
	// The place's clocks, when its zone is one the check of places
	// accepted: an empty name would load as UTC, and the advice below
	// would then move the time by the place's offset.
	var zone *time.Location
	if at != nil && strings.TrimSpace(at.TimeZone) != "" && at.TimeZone != "Local" {
		zone, _ = time.LoadLocation(at.TimeZone)
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		// A local time without its offset: say which offset it takes.
		for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
			if local, err := time.Parse(layout, v); err == nil && zone != nil {
				fixed := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), 0, zone)
				c.add(path, "%s has no UTC offset; at %s (%s) the clocks were then at %s: write %s", quote(v), at.Name, at.TimeZone, offsetText(fixed), quote(rfc3339(fixed)))
				return time.Time{}, false
			}
		}
		c.add(path, "%s is not an RFC 3339 time; write it like %s", quote(v), example)
		return time.Time{}, false
	}
	// An instant in UTC ("Z") says nothing of the place's clocks: it is
	// taken as it is. An offset of +00:00 does: it is the place's, checked
	// like any other (a local time written with it would be hours off).
	utc := strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z")
	if given := offsetOf(t); zone != nil && !utc {
		if given != offsetOf(t.In(zone)) {
			// The wall clock as written, in the place's zone.
			fixed := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, zone)
			msg := fmt.Sprintf("%s says the clocks were at %s, but at %s (%s) they were at %s then: if %s is the time on its clocks, write %s",
				quote(v), offsetText(t), at.Name, at.TimeZone, offsetText(t.In(zone)), t.Format("15:04"), quote(rfc3339(fixed)))
			// The time may be right and the zone wrong: then the advice
			// above would carry the wrong zone into the file.
			if doubt := zoneWarning(at, t); doubt != "" {
				msg += "; unless the place's time zone is wrong: " + doubt
			}
			c.add(path, "%s", msg)
		}
	}
	return t, true
}

// offsetOf is the UTC offset of t's zone, in seconds.
func offsetOf(t time.Time) int {
	_, off := t.Zone()
	return off
}

// offsetText writes t's UTC offset: "UTC-05:00", with its seconds when it
// has some (a local mean time before standard time: "UTC-00:36:45").
func offsetText(t time.Time) string {
	if offsetOf(t)%60 != 0 {
		return "UTC" + t.Format("-07:00:00")
	}
	return "UTC" + t.Format("-07:00")
}

// rfc3339 writes t as the check asks for it: with its offset, "+00:00"
// rather than "Z" (a Z time is taken as it is, unchecked: the place's own
// clocks are better said), or in UTC when the offset has seconds, which
// RFC 3339 cannot write ("-00:36" for Lisbon's -00:36:45 in 1890 would be
// another instant, and a check that fails again).
func rfc3339(t time.Time) string {
	if offsetOf(t)%60 != 0 {
		return t.UTC().Format(time.RFC3339)
	}
	return t.Format("2006-01-02T15:04:05-07:00")
}

func (c *checker) quiz(q *Quiz) {
	c.count("quiz.questions", len(q.Questions), 0, MaxQuestions, "questions")
	if len(q.Questions) > 0 || q.Title != "" {
		c.text("quiz.title", q.Title, "the quiz title")
	}
	seen := map[string]bool{}
	for i := range q.Questions {
		qu := &q.Questions[i]
		path := indexPath("quiz.questions", i)
		c.unique(path+".id", qu.ID, seen, "question")
		c.text(path+".prompt", qu.Prompt, "the question")
		if n := len(qu.Choices); n < 2 || n > MaxChoices {
			c.add(path+".choices", "a question needs 2 to %d choices, not %d", MaxChoices, n)
		}
		ids := map[string]bool{}
		correct, unread := 0, false
		for j, ch := range qu.Choices {
			cp := indexPath(path+".choices", j)
			c.unique(cp+".id", ch.ID, ids, "choice")
			c.text(cp+".text", ch.Text, "the choice text")
			if ch.Correct {
				correct++
			}
			// "correct": "true" was reported as the wrong type: the
			// count below would blame the question for it again.
			unread = unread || c.muted(cp+".correct")
		}
		if len(qu.Choices) > 0 && correct != 1 && !unread {
			c.add(path+".choices", "exactly one choice must be correct; %d are", correct)
		}
		c.text(path+".explanation", qu.Explanation, "the explanation")
		c.sourceIDs(path+".sources", qu.Sources, true)
		if qu.Call != "" {
			c.ref(path+".call", qu.Call, c.calls, "call", "the call")
		}
	}
}

// text checks a required single-line text: present, not too long, and free of
// characters that hide, reorder or corrupt what a reader sees.
func (c *checker) text(path, s, what string) {
	if strings.TrimSpace(s) == "" {
		c.add(path, "%s is empty", what)
		return
	}
	// The length first: it is one linear count, and a hostile megabyte is
	// refused for its length before anything looks at its characters.
	if n := utf8.RuneCountInString(s); n > MaxTextRunes {
		c.add(path, "%s is %s characters long; the limit is %s", what, thousands(n), thousands(MaxTextRunes))
		return
	}
	if msg := badText(s); msg != "" {
		c.add(path, "%s", msg)
	}
}

// badText explains the first character a story text must not contain, or
// returns "". It reads s once: at counts characters as it goes (counting
// them again from the start at each one made a megabyte take minutes).
func badText(s string) string {
	if !utf8.ValidString(s) {
		return "the text is not valid UTF-8"
	}
	at := 0
	for _, r := range s {
		at++
		switch {
		case r < 0x20 || r == 0x7f || 0x80 <= r && r <= 0x9f:
			return fmt.Sprintf("the text contains a control character (%U) at character %d; remove it", r, at)
		case r == utf8.RuneError:
			return fmt.Sprintf("the text contains U+FFFD (�) at character %d, the mark of text damaged in conversion; retype it", at)
		case r == 0x2028 || r == 0x2029:
			return fmt.Sprintf("the text contains a line or paragraph separator (%U) at character %d; remove it", r, at)
		case 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c:
			return fmt.Sprintf("the text contains an invisible direction mark (%U) at character %d, which can disguise text; remove it", r, at)
		case r == 0xfeff:
			return fmt.Sprintf("the text contains an invisible byte order mark (%U) at character %d; remove it", r, at)
		case 0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe:
			return fmt.Sprintf("the text contains %U at character %d, which is not a character", r, at)
		case unicode.Is(unicode.Co, r):
			return fmt.Sprintf("the text contains a private-use character (%U) at character %d, which readers' devices cannot show", r, at)
		}
	}
	return ""
}

// id checks an identifier. Ids travel in URLs, HTML ids and the answers API,
// so they are kept to lowercase letters, digits, "-" and "_".
func (c *checker) id(path, id, what string) bool {
	switch {
	case id == "":
		c.add(path, "the %s needs an id", what)
		return false
	case len(id) > MaxIDLen:
		c.add(path, "the id %s is longer than %d characters", quote(id), MaxIDLen)
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || i > 0 && (b == '-' || b == '_')) {
			c.add(path, "the id %s may use only lowercase letters, digits, \"-\" and \"_\", and must start with a letter or digit", quote(id))
			return false
		}
	}
	return true
}

// unique checks an id and that no earlier item in its list has it.
func (c *checker) unique(path, id string, seen map[string]bool, what string) {
	if !c.id(path, id, what) {
		return
	}
	if seen[id] {
		c.add(path, "another %s already has the id %s; ids must be unique", what, quote(id))
	}
	seen[id] = true
}

// ref checks that a reference names an existing item.
func (c *checker) ref(path, id string, ids map[string]bool, kind, what string) {
	switch {
	case id == "":
		c.add(path, "%s is empty; give a %s id", what, kind)
	case !ids[id]:
		c.add(path, "there is no %s with the id %s", kind, quote(id))
	}
}

// sourceIDs checks a list of source references: every fact names at least
// one source when required, and each one resolves.
func (c *checker) sourceIDs(path string, ids []string, required bool) {
	if required && len(ids) == 0 {
		c.add(path, "no source is given; every fact needs at least one")
	}
	if len(ids) > maxListLen {
		c.add(path, "%d sources are listed; the limit is %d", len(ids), maxListLen)
		return
	}
	seen := map[string]bool{}
	for i, id := range ids {
		p := indexPath(path, i)
		if seen[id] && id != "" {
			c.add(p, "the source %s is listed twice", quote(id))
			continue
		}
		seen[id] = true
		c.ref(p, id, c.sources, "source", "the source id")
	}
}

func (c *checker) count(path string, n, min, max int, what string) {
	switch {
	case n < min && min == 1:
		c.add(path, "the story needs at least one %s", strings.TrimSuffix(what, "s"))
	case n < min:
		c.add(path, "the story needs at least %d %s", min, what)
	case n > max:
		c.add(path, "%d %s are too many; the limit is %d", n, what, max)
	}
}

func (c *checker) coordinate(path string, v, limit float64, what string) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < -limit || v > limit {
		c.add(path, "the %s %v is out of range; it must be between %v and %v degrees", what, v, -limit, limit)
	}
}

// url accepts only absolute http and https links to a host: a story's links
// end up in href attributes, where javascript:, data: and relative URLs are
// ways in.
func (c *checker) url(path, s string) {
	if strings.TrimSpace(s) == "" {
		c.add(path, "the URL is empty")
		return
	}
	if len(s) > MaxURLLen {
		c.add(path, "the URL is longer than %d characters", MaxURLLen)
		return
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r > 0x7e && unicode.IsSpace(r) {
			c.add(path, "the URL %s contains a space or control character; encode it", quote(s))
			return
		}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		c.add(path, "%s is not a valid URL", quote(s))
	case u.Scheme == "":
		c.add(path, "%s is not a full web address; it must start with https:// or http://", quote(s))
	case u.Scheme != "http" && u.Scheme != "https":
		c.add(path, "the URL %s uses %s:, but only http and https links are allowed", quote(s), u.Scheme)
	case u.Host == "" || u.Hostname() == "":
		c.add(path, "the URL %s has no host name", quote(s))
	case u.User != nil:
		c.add(path, "the URL %s contains a user name before \"@\", a common disguise; remove it", quote(s))
	}
}

// headline requires a source to say what it is: its confirmed headline, or,
// when that is unknown, a description in the editors' words. A made-up
// headline is worse than none. A language given is the headline's.
func (c *checker) headline(path string, src *Source) {
	if strings.TrimSpace(src.Headline) == "" && strings.TrimSpace(src.Description) == "" {
		if c.muted(path + ".description") {
			return // a description of the wrong type was reported already
		}
		c.add(path+".headline", "the headline is empty; give the publication's headline, or, when it cannot be confirmed, leave it empty and say what the piece is in \"description\"")
		return
	}
	if src.Headline != "" {
		c.text(path+".headline", src.Headline, "the headline")
	}
	if src.Description != "" {
		c.text(path+".description", src.Description, "the description")
	}
	switch {
	case src.Language == "":
	case strings.TrimSpace(src.Headline) == "":
		c.add(path+".language", "%s is the language of the headline, but the source has no headline; remove it, or add the headline as published", quote(src.Language))
	default:
		c.language(path+".language", src.Language)
	}
}

// reported checks the day a point first became public.
func (c *checker) reported(path, s string) {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		if form, why := noSuchDay(s); form == "YYYY-MM-DD" {
			c.add(path, "%s is written %s, but %s", quote(s), form, why)
			return
		}
		c.add(path, "%s is not a date written YYYY-MM-DD; \"reported\" is the day the point first became public, e.g. \"2017-02-01\"", quote(s))
	}
}

func (c *checker) date(path, s string) {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		if form, why := noSuchDay(s); form != "" {
			c.add(path, "%s is written %s, but %s", quote(s), form, why)
			return
		}
		c.add(path, "%s is not a date written YYYY-MM-DD (or YYYY-MM when only the month is known)", quote(s))
	}
}

// noSuchDay explains why a date that does not parse names no day although
// it is written YYYY-MM-DD or YYYY-MM: it returns that form and "there is
// no 30 February 2017" or "there is no month 13". Telling an editor to
// write a date in the form it is already written in sends them looking
// for the wrong mistake. For a date written otherwise, or one that exists,
// it returns "", "".
func noSuchDay(s string) (form, why string) {
	switch {
	case len(s) == len("2006-01-02") && s[7] == '-':
		form = "YYYY-MM-DD"
	case len(s) == len("2006-01"):
		form = "YYYY-MM"
	default:
		return "", ""
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return "", ""
			}
		} else if s[i] < '0' || s[i] > '9' {
			return "", ""
		}
	}
	year, _ := strconv.Atoi(s[:4])
	month, _ := strconv.Atoi(s[5:7])
	day := 1
	if form == "YYYY-MM-DD" {
		day, _ = strconv.Atoi(s[8:])
	}
	switch {
	case month < 1 || month > 12:
		return form, fmt.Sprintf("there is no month %d", month)
	case day < 1:
		return form, fmt.Sprintf("there is no day %d", day)
	case time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Day() != day:
		return form, fmt.Sprintf("there is no %d %s %d", day, time.Month(month), year)
	}
	return "", ""
}

// messages checks the story's language against the languages the widget
// speaks, and its overrides of the widget's words (locale.Check).
func (c *checker) messages(tag, kind string, msgs map[locale.Key]locale.Message) {
	for _, p := range locale.Find(tag, kind, msgs) {
		switch {
		case p.Kind:
			c.add("items", "%s", p.Message)
		case p.Key == "":
			c.add("language", "%s", p.Message)
		default:
			c.add(fieldPath("messages", string(p.Key)), "%s", p.Message)
		}
	}
}

// language accepts BCP 47 shapes such as "en", "de-CH" or "zh-Hant-TW",
// and reports whether the tag has one.
func (c *checker) language(path, tag string) bool {
	if tag == "" {
		c.add(path, "the language is empty; give a tag such as \"en\"")
		return false
	}
	ok := len(tag) <= 35
	for i, sub := range strings.Split(tag, "-") {
		if i == 0 {
			ok = ok && len(sub) >= 2 && len(sub) <= 3 && isAlnum(sub, false)
		} else {
			ok = ok && len(sub) >= 1 && len(sub) <= 8 && isAlnum(sub, true)
		}
	}
	if !ok {
		c.add(path, "%s is not a language tag such as \"en\" or \"en-GB\"", quote(tag))
	}
	return ok
}

func isAlnum(s string, digits bool) bool {
	for i := 0; i < len(s); i++ {
		b := s[i] | 0x20
		if !('a' <= b && b <= 'z' || digits && '0' <= s[i] && s[i] <= '9') {
			return false
		}
	}
	return true
}

// colour accepts CSS colours written #rrggbb, the form a web app manifest and
// every browser agree on.
func (c *checker) colour(path, s string) {
	ok := len(s) == 7 && s[0] == '#'
	for i := 1; ok && i < 7; i++ {
		b := s[i] | 0x20
		ok = '0' <= s[i] && s[i] <= '9' || 'a' <= b && b <= 'f'
	}
	if !ok {
		c.add(path, "%s is not a colour written #rrggbb", quote(s))
	}
}

// thousands formats 2345 as "2,345".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
