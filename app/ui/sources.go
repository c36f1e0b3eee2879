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
		notes = append(notes, app.Elem("li").Body(
			app.Elem("strong").Text(n.Title+". "),
			app.Elem("span").Text(n.Text+" "),
			sourceLinks(s, n.Sources),
		))
	}
	sources := make([]app.UI, 0, len(s.Sources))
	for _, src := range s.Sources {
		sources = append(sources, app.Elem("li").Body(
			app.Elem("span").Text(src.Publisher+": "),
			sourceLink(src.URL, "", src.Headline),
			app.Elem("span").Text(" ("+src.Date+")"),
		))
	}
	return app.Elem("section").
		Class("fc-notes").
		Aria("labelledby", "fc-notes-title").
		Body(
			app.Elem("h2").ID("fc-notes-title").Text("What the article gets wrong, and our sources"),
			app.Elem("ul").Class("fc-note-list").Body(notes...),
			app.Elem("details").Body(
				app.Elem("summary").Text("All sources"),
				app.Elem("ol").Class("fc-source-list").Body(sources...),
			),
		)
}
