package page

import (
	"fmt"
	"html"
	"strings"

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
func (l *sourcesList) Render() app.UI { return app.Raw(sourcesHTML(l.w.story)) }

// sourcesHTML is the notes and sources as HTML; every story text is escaped.
func sourcesHTML(s *story.Story) string {
	e := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<section class="%s" aria-labelledby="%s"><h2 id="%s">What the article gets wrong, and our sources</h2><ul class="%s">`,
		ui.NotesClass, ui.NotesTitleID, ui.NotesTitleID, ui.NoteListClass)
	for _, n := range s.Notes {
		fmt.Fprintf(&b, `<li><strong>%s.</strong> <span>%s</span> %s</li>`, e(n.Title), e(n.Text), sourceLinksHTML(s, n.Sources))
	}
	fmt.Fprintf(&b, `</ul><details><summary>All sources</summary><ol class="%s">`, ui.SourceListClass)
	for _, src := range s.Sources {
		fmt.Fprintf(&b, `<li><span>%s: </span><a href="%s" target="_blank" rel="noopener noreferrer">%s</a>`,
			e(src.Publisher), e(src.URL), e(sourceName(&src)))
		if src.Byline != "" {
			fmt.Fprintf(&b, ` <span>by %s</span>`, e(src.Byline))
		}
		if src.Headline == "" {
			fmt.Fprintf(&b, ` <span class="%s">(our description: the headline is not known)</span>`, ui.SourceNoteClass)
		}
		if src.Date != "" { // YYYY-MM-DD, or YYYY-MM when the day is not known
			fmt.Fprintf(&b, ` <span>(%s)</span>`, e(src.Date))
		} else {
			fmt.Fprintf(&b, ` <span class="%s">(date unknown)</span>`, ui.SourceNoteClass)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol></details></section>`)
	return b.String()
}

// sourceLinksHTML is sourceLinks as HTML, for markup built as a string.
func sourceLinksHTML(s *story.Story, ids []string) string {
	e := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<span class="%s">`, ui.SourcesClass)
	for _, id := range ids {
		if src := s.Source(id); src != nil {
			fmt.Fprintf(&b, `<span class="%s"><a href="%s" target="_blank" rel="noopener noreferrer" title="%s">%s</a></span>`,
				ui.SourceClass, e(src.URL), e(sourceTitle(src)), e(src.Publisher))
		}
	}
	b.WriteString(`</span>`)
	return b.String()
}

// sourceName is what a source is called in the list: its headline, or the
// editors' description when the headline is not known.
func sourceName(src *story.Source) string {
	if src.Headline != "" {
		return src.Headline
	}
	return src.Description
}

// sourceTitle is a source link's tooltip: the headline, or the editors'
// description marked as theirs, so it is never taken for the publisher's.
func sourceTitle(src *story.Source) string {
	if src.Headline != "" {
		return src.Headline
	}
	return "Our description: " + src.Description
}
