package page

import (
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// footer credits the reporting and the map data (Natural Earth asks for
// nothing, but readers and editors deserve to know where the map comes from).
type footer struct {
	app.Compo

	w *Widget
}

func newFooter(w *Widget) *footer { return &footer{w: w} }

func (f *footer) Render() app.UI {
	s := f.w.story
	credits := make([]app.UI, 0, len(s.Credits))
	for _, c := range s.Credits {
		credits = append(credits, app.Elem("li").Text(c))
	}
	return app.Elem("footer").Class(ui.FootClass).Body(
		app.Elem("ul").Class(ui.CreditsClass).Body(credits...),
	)
}
