package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// callList is the calls as a real ordered list: who, where, when in
// Washington and locally. It is the text alternative to the map, readable
// without JavaScript, and each entry selects its call.
type callList struct {
	app.Compo

	IStep int
}

func newCallList() *callList { return &callList{} }

func (l *callList) Render() app.UI {
	s := current().Story
	cs := calls(s)
	items := make([]app.UI, 0, len(cs))
	for _, c := range cs {
		c := c
		current := "false"
		if c.Index == l.IStep {
			current = "step"
		}
		items = append(items, app.Elem("li").
			Class("fc-call").
			DataSet("call", c.Call.ID).
			Aria("current", current).
			Body(
				app.Button().
					Class("fc-call-btn").
					Type("button").
					OnClick(func(ctx app.Context, e app.Event) {
						ctx.NewActionWithValue(actionStep, c.Index)
					}).
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

// Step sets the index of the current call.
func (l *callList) Step(i int) *callList { l.IStep = i; return l }
