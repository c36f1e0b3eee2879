package page

import (
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// sourcesList shows where the article contradicts itself or others, and
// every source the story cites, so each fact is traceable.
type sourcesList struct {
	app.Compo

	w *Widget
}

func newSourcesList(w *Widget) *sourcesList { return &sourcesList{w: w} }

// Render draws the list as one piece of markup, escaped as a whole.
func (l *sourcesList) Render() app.UI { return app.Raw(l.w.sourcesHTML()) }

// sourcesHTML is the notes and sources as HTML; every story text is escaped.
func (w *Widget) sourcesHTML() string {
	s, loc := w.story, w.loc
	e := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<section class="%s" aria-labelledby="%s"><h2 id="%s">%s</h2>`,
		ui.NotesClass, ui.NotesTitleID, ui.NotesTitleID, e(w.notesTitle()))
	if len(s.Notes) > 0 {
		fmt.Fprintf(&b, `<ul class="%s">`, ui.NoteListClass)
		for _, n := range s.Notes {
			title := loc.T(locale.NoteTitle, n.Title)
			fmt.Fprintf(&b, `<li><strong>%s</strong>%s<span>%s</span>%s%s</li>`,
				e(title), spaceBetween(title, n.Text), e(n.Text), spaceBetween(n.Text, ""), w.sourceLinksHTML(n.Sources))
		}
		b.WriteString(`</ul>`)
	}
	fmt.Fprintf(&b, `<details><summary>%s</summary><ol class="%s">`, e(loc.T(locale.AllSources)), ui.SourceListClass)
	// Each part of a source's line after its headline, a space before it
	// unless a full-width mark is beside it (spaceBetween).
	var prev string
	part := func(class, text string) {
		if class != "" {
			class = ` class="` + class + `"`
		}
		fmt.Fprintf(&b, `%s<span%s>%s</span>`, spaceBetween(prev, text), class, e(text))
		prev = text
	}
	for _, src := range s.Sources {
		prev = sourceName(&src)
		fmt.Fprintf(&b, `<li><span>%s</span><a href="%s" target="_blank" rel="noopener noreferrer"%s>%s</a>`,
			e(loc.T(locale.SourcePublisher, src.Publisher)), e(src.URL), headlineLang(&src), e(prev))
		if gloss := headlineGloss(&src); gloss != "" {
			part("", loc.T(locale.Parenthetical, gloss))
		}
		if src.Byline != "" {
			part("", loc.T(locale.Byline, src.Byline))
		}
		if src.Headline == "" {
			part(ui.SourceNoteClass, loc.T(locale.HeadlineUnknown))
		}
		if date := w.sourceDate(src.Date); date != "" {
			part("", loc.T(locale.Parenthetical, date))
		} else {
			part(ui.SourceNoteClass, loc.T(locale.DateUnknown))
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol></details></section>`)
	return b.String()
}

// notesTitle heads the notes and sources: what the article gets wrong,
// when the story checks an article; plain notes otherwise; the sources
// alone when there is no note (a story with an article but no note has
// found nothing wrong with it, and says nothing of the kind).
func (w *Widget) notesTitle() string {
	if len(w.story.Notes) == 0 {
		return w.loc.T(locale.SourcesTitle)
	}
	if w.story.Article == "" {
		return w.loc.T(locale.NotesTitlePlain)
	}
	return w.loc.T(locale.NotesTitle)
}

// sourceDate writes a source's date, YYYY-MM-DD or YYYY-MM (the day not
// known), as the story's language writes dates; "" when it is unknown.
func (w *Widget) sourceDate(d string) string {
	if t, err := time.Parse(time.DateOnly, d); err == nil {
		return w.loc.Date(t, locale.DateMedium)
	}
	if t, err := time.Parse("2006-01", d); err == nil {
		return w.loc.Date(t, locale.YearMonthShort)
	}
	return d
}

// sourceLinksHTML is sourceLinks as HTML, for markup built as a string.
func (w *Widget) sourceLinksHTML(ids []string) string {
	e := html.EscapeString
	var b strings.Builder
	sep := e(w.loc.T(locale.SourceSeparator))
	fmt.Fprintf(&b, `<span class="%s">`, ui.SourcesClass)
	for _, id := range ids {
		if src := w.story.Source(id); src != nil {
			fmt.Fprintf(&b, `<span class="%s" %s="%s"><a href="%s" target="_blank" rel="noopener noreferrer" title="%s">%s</a></span>`,
				ui.SourceClass, ui.SourceSeparatorAttr, sep, e(src.URL), e(w.sourceTitle(src)), e(src.Publisher))
		}
	}
	b.WriteString(`</span>`)
	return b.String()
}

// FullWidthMarks are the Japanese and Chinese punctuation marks set in a
// full-width cell that holds their own space: no space goes beside one.
const FullWidthMarks = "、。，．：；！？・（）「」『』【】〔〕［］｛｝〈〉《》〖〗〘〙〝〟｟｠"

// spaceBetween is the space between two runs of text on a line: none where
// either side is a full-width mark, which web/app.css's gap after a
// Japanese or Chinese source's comma matches.
func spaceBetween(before, after string) string {
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	if joinsWithoutSpace(last, first) {
		return ""
	}
	return " "
}

// sourceName is what a source is called in the list: its headline, or the
// editors' description when the headline is not known.
func sourceName(src *story.Source) string {
	if src.Headline != "" {
		return src.Headline
	}
	return src.Description
}

// headlineLang marks a headline in another language than the story's
// with its language (WCAG's language of parts), for the attributes of the
// element that holds the headline alone; "" otherwise. dir="auto" keeps a
// headline written right to left whole in a story written left to right,
// and the other way round.
func headlineLang(src *story.Source) string {
	if src.Headline == "" || src.Language == "" {
		return ""
	}
	return fmt.Sprintf(` lang="%s" dir="auto"`, html.EscapeString(src.Language))
}

// headlineGloss is what a headline in another language says, in the
// story's: the editors' description, shown beside it; "" otherwise.
func headlineGloss(src *story.Source) string {
	if src.Headline == "" || src.Language == "" {
		return ""
	}
	return src.Description
}

// sourceTitle is a source link's tooltip: the headline, or the editors'
// description marked as theirs, so it is never taken for the publisher's.
// A headline in another language is left to the list of sources, which
// marks its language: an attribute cannot, and a screen reader read the
// Japanese headline with the page's English voice. Its gloss stands in,
// or nothing ("") when the story gives none.
func (w *Widget) sourceTitle(src *story.Source) string {
	switch {
	case src.Headline != "" && src.Language != "":
		if src.Description == "" {
			return ""
		}
		return w.loc.T(locale.OurDescription, src.Description)
	case src.Headline != "":
		return src.Headline
	}
	return w.loc.T(locale.OurDescription, src.Description)
}
