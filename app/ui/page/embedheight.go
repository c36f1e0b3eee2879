package page

import (
	"html"
	"math"
	"strings"
	"sync"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"
	"fivecalls/geo"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// EmbedHeight is the height, in CSS pixels, that an embed of this story
// asks for where nothing sizes its frame (oEmbed's answer, read by a CMS
// that then sets a fixed height): what the embed's parts need in a phone's
// column. ui.Pages gives it for the default story, measured (app/e2e's
// TestEmbedHeights). The map, the timeline, a card and a question take
// about as much room in any story, but the list of calls and the notes
// grow with it: a story of two calls asked for the default story's 2,900
// px and needed 620, leaving a blank band of 2,300 px; one of fifty needed
// 6,700. So is the title, and the card that sets an embed's height (the
// overview's lists every call: fifty legs needed 1,490 px where the
// default's five need 900). So an embed is the default story's height plus
// what the story's title, credits, cards, list, notes and first question
// take more or less, from their lines at a phone's width: about as the
// browser lays them out, as app/e2e's TestOEmbedHeightsFitTheStory checks
// across the corpus.
func (w *Widget) EmbedHeight(p ui.Page) int {
	h := float64(p.Height)
	own, dflt := linesOf(w.story, w.loc, w.calls), defaultTextLines()
	if p.Parts.Has(ui.PartList) {
		h += pxPerListLine * float64(own.list-dflt.list)
	}
	if p.Parts.Has(ui.PartNotes) {
		h += pxPerNoteLine * float64(own.notes-dflt.notes)
	}
	// Every embed shows the story's title, which a long one wraps, and its
	// credits at its foot; a card grows with its story too: fifty calls are
	// listed in the overview's, and a name of a hundred letters wraps in
	// every one.
	h += pxPerTitleLine * float64(wrappedLines(w.story.Title, charsPerTitleLine)-defaultTitleLines())
	h += pxPerFootLine * float64(footLines(w.story)-defaultFootLines())
	if p.Parts.Has(ui.PartCard) {
		h += pxPerCardLine * float64(w.cardLines(p.Parts)-defaultCardLines()[cardKind(p.Parts)])
	}
	// The quiz opens on its first question: its prompt and its choices.
	if p.Parts.Has(ui.PartQuiz) && len(w.story.Quiz.Questions) > 0 {
		own, dflt := firstQuestionLines(w.story, w.loc), defaultQuestionLines()
		h += pxPerPromptLine*float64(own.prompt-dflt.prompt) + pxPerChoice*float64(own.choices-dflt.choices) +
			pxPerChoiceWrap*float64(own.wraps-dflt.wraps)
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

// cardKind is how an embed of these parts shows its cards: 1 where they
// are brief and stacked, so that the embed keeps the tallest one's height
// through every step (briefCards); 0 where the card shown takes its own
// height, and the embed opens on the overview's.
func cardKind(parts ui.Part) int {
	if briefCards(parts) {
		return 1
	}
	return 0
}

// cardLines is how many lines the card that sets an embed's height takes
// in a phone's column (cardKind): the overview's, or the tallest brief
// card's. Worked out once for each kind: rendering fifty cards is a few
// milliseconds, and oEmbed asks at each request.
func (w *Widget) cardLines(parts ui.Part) int {
	w.cardLinesOnce.Do(func() {
		overview := visibleLines(app.HTMLString(newOverviewCard(w, ui.PartMap|ui.PartTimeline|ui.PartCard)))
		w.cardLinesOf = [2]int{overview, overview}
		for _, c := range w.calls {
			w.cardLinesOf[1] = max(w.cardLinesOf[1], visibleLines(app.HTMLString(newCallCard(w, c, true))))
		}
	})
	return w.cardLinesOf[cardKind(parts)]
}

// questionLines is what the quiz's first question shows before it is
// answered, at a phone's width: the prompt's lines (with its badge), how
// many choices, and the lines its choices wrap to beyond one each.
type questionLines struct{ prompt, choices, wraps int }

func firstQuestionLines(s *story.Story, loc *locale.Locale) questionLines {
	q := s.Quiz.Questions[0]
	prompt := q.Prompt
	if s.FromOutside(q.Sources) {
		prompt += " " + loc.T(locale.OutsideArticle)
	}
	n := questionLines{prompt: wrappedLines(prompt, charsPerPromptLine), choices: len(q.Choices)}
	for _, c := range q.Choices {
		n.wraps += max(0, wrappedLines(c.Text, charsPerChoiceLine)-1)
	}
	return n
}

// defaultQuestionLines are the default story's firstQuestionLines.
var defaultQuestionLines = sync.OnceValue(func() questionLines {
	s := story.Default()
	loc, err := locale.New(s.Language, s.Items, s.Messages)
	if err != nil || len(s.Quiz.Questions) == 0 {
		return questionLines{}
	}
	return firstQuestionLines(s, loc)
})

// footLines is how many lines an embed's credits take on a phone: one run
// of text, each credit after a separator.
func footLines(s *story.Story) int {
	return wrappedLines(strings.Join(s.Credits, " · "), charsPerFootLine)
}

// defaultFootLines are the default story's footLines.
var defaultFootLines = sync.OnceValue(func() int { return footLines(story.Default()) })

// defaultTitleLines is how many lines the default story's title takes in
// an embed on a phone.
var defaultTitleLines = sync.OnceValue(func() int {
	return wrappedLines(story.Default().Title, charsPerTitleLine)
})

// defaultCardLines are the default story's cardLines, by cardKind.
var defaultCardLines = sync.OnceValue(func() [2]int {
	w, err := New(story.Default(), Options{})
	if err != nil {
		return [2]int{}
	}
	return [2]int{w.cardLines(ui.AllParts), w.cardLines(ui.PartMap | ui.PartCard)}
})

// visibleLines is how many lines the text a card shows takes at a phone's
// width: each block of it (a paragraph, a heading, an entry) on lines of
// its own, without what a screen reader alone hears, what a closed
// disclosure holds beyond its summary, or an icon's drawing.
func visibleLines(markup string) int {
	lines := 0
	var text strings.Builder
	flush := func() {
		lines += wrappedLines(text.String(), charsPerPhoneLine)
		text.Reset()
	}
	type open struct {
		tag  string
		hide bool // this element's text is not shown
		fold bool // a closed disclosure: only its summary shows
	}
	var stack []open
	hidden := func() bool { return len(stack) > 0 && stack[len(stack)-1].hide }
	for rest := markup; rest != ""; {
		lt := strings.IndexByte(rest, '<')
		if lt < 0 {
			lt = len(rest)
		}
		if !hidden() {
			text.WriteString(html.UnescapeString(rest[:lt]))
			text.WriteByte(' ')
		}
		rest = rest[lt:]
		gt := strings.IndexByte(rest, '>')
		if gt < 0 {
			break
		}
		tag, attrs, closing := rest[1:gt], "", false
		rest = rest[gt+1:]
		if closing = strings.HasPrefix(tag, "/"); closing {
			tag = tag[1:]
		}
		if i := strings.IndexAny(tag, " \t\n/"); i >= 0 {
			tag, attrs = tag[:i], tag[i:]
		}
		tag = strings.ToLower(tag)
		if blockTags[tag] {
			flush()
		}
		switch {
		case voidTags[tag] || strings.HasSuffix(attrs, "/"):
		case closing:
			for len(stack) > 0 {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if top.tag == tag {
					break
				}
			}
		default:
			hide := hidden() || tag == "svg" || tag == "script" || tag == "style" ||
				strings.Contains(attrs, ui.ScreenReaderClass) || hasAttr(attrs, "hidden")
			if n := len(stack); n > 0 && stack[n-1].fold && tag != "summary" {
				hide = true
			}
			stack = append(stack, open{tag: tag, hide: hide, fold: tag == "details" && !hasAttr(attrs, "open")})
		}
	}
	flush()
	return lines
}

// How the list and the notes grow in a phone's column (360 px wide): the
// height of one more line of each, fitted to the corpus's stories as
// Chromium lays them out (a line of text, with its entry's or note's share
// of padding and margins), and the width of such a line in characters (a
// wide one counts two).
const (
	pxPerListLine = 31.6
	pxPerNoteLine = 28.1
	pxPerCardLine = 24.0
	// The quiz's first question, as Chromium lays it out at opening: a
	// line of the prompt, in its larger type; a choice's box; a line more
	// of a choice.
	pxPerPromptLine    = 23.0
	pxPerChoice        = 52.0
	pxPerChoiceWrap    = 23.0
	charsPerPromptLine = 30
	charsPerChoiceLine = 34
	// The credits, in an embed: one run of text in 12 px type.
	pxPerFootLine    = 18.0
	charsPerFootLine = 55
	// The title, in an embed: bold, 16 px on a phone, on lines of 1.2.
	pxPerTitleLine    = 19.2
	charsPerTitleLine = 36
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

// blockTags start a line of their own; voidTags have no end tag.
var (
	blockTags = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "li": true, "ul": true,
		"ol": true, "dl": true, "dt": true, "dd": true, "article": true, "section": true, "details": true,
		"summary": true, "header": true, "footer": true, "blockquote": true, "br": true}
	voidTags = map[string]bool{"br": true, "img": true, "input": true, "hr": true, "meta": true, "link": true,
		"wbr": true, "source": true}
)

// hasAttr reports whether a tag's attributes (as written after its name)
// include the named one.
func hasAttr(attrs, name string) bool {
	for _, f := range strings.FieldsFunc(attrs, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '/' }) {
		if k, _, _ := strings.Cut(f, "="); k == name {
			return true
		}
	}
	return false
}
