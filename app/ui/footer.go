package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// footer credits the reporting and the map data (Natural Earth asks for
// nothing, but readers and editors deserve to know where the map comes from).
type footer struct {
	app.Compo
}

func newFooter() *footer { return &footer{} }

func (f *footer) Render() app.UI {
	s := current().Story
	if s == nil {
		return app.Elem("footer")
	}
	credits := make([]app.UI, 0, len(s.Credits))
	for _, c := range s.Credits {
		credits = append(credits, app.Elem("li").Text(c))
	}
	return app.Elem("footer").Class("fc-foot").Body(
		app.Elem("ul").Class("fc-credits").Body(credits...),
	)
}
