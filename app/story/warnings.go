package story

import (
	"fmt"
	"strings"
	"time"

	"fivecalls/app/locale"
)

// Warnings lists a story's weak spots: things that do not make it invalid
// but that an editor should see before publishing, each as a Problem with
// its JSON path (no position; Locate adds one for a file). They are:
//
//   - a headline in square brackets, a placeholder written by an editor
//     rather than the publication's headline;
//   - a source known only by its description, its headline unconfirmed
//     (the widget says so: "the headline is not known");
//   - a source with no date, or dated only to the month (the widget shows
//     the date as unknown, or the month alone);
//   - a point reported before the day of its call, which cannot be;
//   - a call that, by its end or its start and length, runs past the start
//     of the next one (a slip in a time or a length, as often as not; the
//     strip of time ends the call's mark where the next one's begins);
//   - a place whose time zone is probably not its clocks' (zoneWarning):
//     the widget writes every local time from the zone, so a wrong one
//     moves them all, and the offsets the check compares agree with it.
//
// A point resting on sources outside the article alone is not a weak spot:
// the widget marks every such point "Outside the article" (see
// OutsidePoints, which fivecalls check counts).
//
// A story with no weak spots, or no story, gets nil.
func Warnings(s *Story) Problems {
	if s == nil {
		return nil
	}
	var ws Problems
	warn := func(path, format string, args ...any) {
		ws = append(ws, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	says := func(k locale.Key) string { return quote(strings.Trim(s.WidgetSays(k), "()")) }
	for i, cl := range s.Calls {
		start, err := cl.StartTime()
		if err != nil {
			continue
		}
		if i+1 < len(s.Calls) {
			next := &s.Calls[i+1]
			end, known := cl.End()
			if nextStart, err := next.StartTime(); known && err == nil && end.After(nextStart) {
				path, by := indexPath("calls", i)+".duration.minutes", "by its start and length"
				if cl.Arrival != "" {
					path, by = indexPath("calls", i)+".end", "by its end"
				}
				warn(path, "call %d runs until %s %s, past the start of call %d at %s; check the two (the strip of time ends call %d's mark where call %d's begins)",
					i+1, end.Format(time.RFC3339), by, i+2, next.Start, i+1, i+2)
			}
		}
		callDay := dateOf(start)
		for j, p := range cl.Points {
			if reported, ok := p.ReportedOn(); ok && reported.Before(callDay) {
				pp := indexPath(indexPath("calls", i)+".points", j)
				warn(pp+".reported", "the point is dated as reported on %s, before the call on %s; check the date", p.Reported, callDay.Format(time.DateOnly))
			}
		}
	}
	if len(s.Calls) > 0 {
		if first, err := s.Calls[0].StartTime(); err == nil {
			for i := range s.Places {
				if msg := zoneWarning(&s.Places[i], first); msg != "" {
					warn(indexPath("places", i)+".timezone", "%s", msg)
				}
			}
		}
	}
	for i, src := range s.Sources {
		path := indexPath("sources", i)
		h := strings.TrimSpace(src.Headline)
		switch {
		case strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]"):
			warn(path+".headline", "the headline %s is in square brackets, a placeholder; give the publication's real headline, or leave it empty and say what the piece is in \"description\"", quote(h))
		case h == "" && strings.TrimSpace(src.Description) != "":
			warn(path+".headline", "the headline is unknown; the source is described only as %s, and the widget says %s; add the publication's headline once it is confirmed", quote(src.Description), says(locale.HeadlineUnknown))
		case h != "" && src.Language != "" && sameLanguage(src.Language, s.Language):
			warn(path+".language", "%s is the story's own language; \"language\" is for a headline in another one (the widget then shows the description, where there is one, as the headline's translation): remove it", quote(src.Language))
		case h != "" && src.Language != "" && strings.TrimSpace(src.Description) == "":
			warn(path+".language", "the headline is in another language (%s), and nothing says in the story's language what it means; say it in \"description\", which the widget shows beside the headline", quote(src.Language))
		}
		switch {
		case strings.TrimSpace(src.Date) == "":
			warn(path+".date", "the source has no date, and the widget says %s; add it (YYYY-MM-DD) once it is confirmed", says(locale.DateUnknown))
		case src.MonthOnly():
			warn(path+".date", "the source is dated to the month only (%s), which the widget shows; add the day once it is confirmed", src.Date)
		}
	}
	return ws
}

// WidgetSays is a message of the widget as it reads for this story: in its
// language, with its own words where it gives them (the message's
// arguments left as they are). A story whose language the widget cannot
// speak gets the English.
func (s *Story) WidgetSays(k locale.Key) string {
	loc, err := locale.New(s.Language, s.Items, s.Messages)
	if err != nil {
		loc, _ = locale.New("en", "", nil)
	}
	return loc.T(k)
}

// OutsidePoints lists the paths of the points whose sources are all outside
// the story's article (FromOutside): facts the article does not hold, which
// the widget marks "Outside the article".
func OutsidePoints(s *Story) []string {
	if s == nil {
		return nil
	}
	var paths []string
	for i, cl := range s.Calls {
		for j, p := range cl.Points {
			if s.FromOutside(p.Sources) {
				paths = append(paths, indexPath(indexPath("calls", i)+".points", j))
			}
		}
	}
	return paths
}

// Locate gives each problem the line and column of its path's value in data,
// the file the story was loaded from. It is for problems found on a loaded
// story, such as Warnings; a problem whose path is not in the file is
// placed at its nearest enclosing value, and one that cannot be placed at
// all keeps no position.
func Locate(data []byte, ps Problems) Problems {
	_, ix, _ := decode(data)
	out := make(Problems, len(ps))
	copy(out, ps)
	if ix == nil {
		return out
	}
	for i := range out {
		if off := ix.offsetOf(out[i].Path); off >= 0 {
			out[i].Line, out[i].Col = ix.position(off)
		}
	}
	return out
}

// sameLanguage reports whether two BCP 47 tags name the same language
// ("en" and "en-GB" do): their first parts, in any case.
func sameLanguage(a, b string) bool {
	first := func(tag string) string { p, _, _ := strings.Cut(tag, "-"); return p }
	return strings.EqualFold(first(a), first(b))
}
