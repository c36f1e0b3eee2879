package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// callList is the calls as a real ordered list: who, where, when in
// Washington and locally. It is the text alternative to the map, readable
// without JavaScript, and each entry is a label of its call's radio, so it
// selects the call (the stylesheet marks the current one).
type callList struct {
	app.Compo
}

func newCallList() *callList { return &callList{} }

func (l *callList) Render() app.UI {
	s := current().Story
	cs := calls(s)
	items := make([]app.UI, 0, len(cs))
	for _, c := range cs {
		items = append(items, app.Elem("li").Class("fc-call").Body(
			app.Elem("label").
				Class("fc-call-btn").
				Attr("for", CallRadioID(c.Index+1)).
				Attr(MarkAttr, fmt.Sprint(c.Index+1)).
				Body(
					app.Elem("span").Class("fc-call-leader").Text(c.Call.Leader.Name),
					app.Elem("span").Class("fc-call-place").Text(c.Place.Country+" · "+c.Place.Name),
					app.Elem("span").Class("fc-call-time").Text(c.OriginTime()+" in "+c.Origin.Name),
					app.Elem("span").Class("fc-call-local").Text(c.LocalTime()+" in "+c.Place.Name),
				),
		))
	}
	return app.Elem("section").
		Class("fc-list").
		Aria("labelledby", "fc-list-title").
		Body(
			app.Elem("h2").ID("fc-list-title").Text("The calls, in order"),
			app.Elem("ol").Class("fc-calls").Body(items...),
		)
}
