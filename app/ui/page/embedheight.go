package page

import (
	"math"
	"strings"
	"sync"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo"
)

// EmbedHeight is the height, in CSS pixels, that an embed of this story
// asks for where nothing sizes its frame (oEmbed's answer, read by a CMS
// that then sets a fixed height): what the embed's parts need in a phone's
// column. ui.Pages gives it for the default story, measured (app/e2e's
// TestEmbedHeights). The map, the timeline, a card and a question take
// about as much room in any story, but the list of calls and the notes
// grow with it: a story of two calls asked for the default story's 2,900
// px and needed 620, leaving a blank band of 2,300 px; one of fifty needed
// 6,700. So an embed that shows them is the default story's height plus
// what the story's list and notes take more or less, from their lines at a
// phone's width: about as the browser lays them out, as app/e2e's
// TestOEmbedHeightsFitTheStory checks across the corpus.
func (w *Widget) EmbedHeight(p ui.Page) int {
	h := float64(p.Height)
	own, dflt := linesOf(w.story, w.loc, w.calls), defaultTextLines()
	if p.Parts.Has(ui.PartList) {
		h += pxPerListLine * float64(own.list-dflt.list)
	}
	if p.Parts.Has(ui.PartNotes) {
		h += pxPerNoteLine * float64(own.notes-dflt.notes)
	}
	// A story without a quiz shows only the quiz's heading.
	if p.Parts.Has(ui.PartQuiz) && len(w.story.Quiz.Questions) == 0 {
		for _, q := range ui.EmbedPages {
			if q.Parts == ui.PartQuiz {
				h -= float64(q.Height - emptyQuizPx)
			}
		}
	}
	return max(minEmbedHeight, int(math.Round(h)))
}

// How the list and the notes grow in a phone's column (360 px wide): the
// height of one more line of each, fitted to the corpus's stories as
// Chromium lays them out (a line of text, with its entry's or note's share
// of padding and margins), and the width of such a line in characters (a
// wide one counts two).
const (
	pxPerListLine     = 31.6
	pxPerNoteLine     = 28.1
	charsPerPhoneLine = 40
	// emptyQuizPx is the quiz part of a story with no questions.
	emptyQuizPx    = 140
	minEmbedHeight = 200
)

// textLines are the lines of the list of calls and of the notes, at a
// phone's width.
type textLines struct{ list, notes int }

func linesOf(s *story.Story, loc *locale.Locale, calls []Call) textLines {
	var n textLines
	for _, c := range calls {
		for _, text := range []string{c.Who(), loc.T(locale.ListPlace, c.To.Country, c.To.Name),
			loc.T(locale.TimeInPlace, c.FromTime(), c.From.Name), loc.T(locale.TimeInPlace, c.ToTime(), c.To.Name)} {
			n.list += wrappedLines(text, charsPerPhoneLine)
		}
	}
	for _, note := range s.Notes {
		text := loc.T(locale.NoteTitle, note.Title) + " " + note.Text
		for _, id := range note.Sources {
			if src := s.Source(id); src != nil {
				text += " " + src.Publisher
			}
		}
		n.notes += wrappedLines(text, charsPerPhoneLine)
	}
	return n
}

// defaultTextLines are the default story's, which ui.Pages's heights were
// measured with.
var defaultTextLines = sync.OnceValue(func() textLines {
	s := story.Default()
	loc, err := locale.New(s.Language, s.Items, s.Messages)
	if err != nil {
		return textLines{}
	}
	return linesOf(s, loc, callsOf(s, loc))
})

// wrappedLines is how many lines text takes, broken at spaces, in lines of
// width characters (a wide character counts two); a word longer than a
// line is broken where it runs over, as overflow-wrap does.
func wrappedLines(text string, width int) int {
	lines, used := 0, 0
	for _, word := range strings.Fields(text) {
		n := 0
		for _, r := range word {
			if geo.Wide(r) {
				n += 2
			} else {
				n++
			}
		}
		switch {
		case lines == 0:
			lines, used = 1, n
		case used+1+n <= width:
			used += 1 + n
		default:
			lines, used = lines+1, n
		}
		for used > width {
			lines, used = lines+1, used-width
		}
	}
	return lines
}
