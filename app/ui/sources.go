package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// sourcesList shows where the article contradicts itself or others, and
// every source the story cites, so each fact is traceable.
type sourcesList struct {
	app.Compo
}

func newSourcesList() *sourcesList { return &sourcesList{} }

func (l *sourcesList) Render() app.UI {
	s := current().Story
	if s == nil {
		return app.Div()
	}
	notes := make([]app.UI, 0, len(s.Notes))
	for _, n := range s.Notes {
		notes = append(notes, app.Li().Body(
			app.Strong().Text(n.Title+". "),
			app.Span().Text(n.Text+" "),
			sourceLinks(s, n.Sources),
		))
	}
	sources := make([]app.UI, 0, len(s.Sources))
	for _, src := range s.Sources {
		sources = append(sources, app.Li().Body(
			app.Span().Text(src.Publisher+": "),
			app.A().Href(attrText(src.URL)).Target("_blank").Rel("noopener noreferrer").Text(src.Headline),
			app.Span().Text(" ("+src.Date+")"),
		))
	}
	return app.Section().
		Class("fc-notes").
		Aria("labelledby", "fc-notes-title").
		Body(
			app.H2().ID("fc-notes-title").Text("What the article gets wrong, and our sources"),
			app.Ul().Class("fc-note-list").Body(notes...),
			app.Details().Body(
				app.Summary().Text("All sources"),
				app.Ol().Class("fc-source-list").Body(sources...),
			),
		)
}
