package page

import (
	"strconv"

	"fivecalls/app/locale"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// callList is the calls as a real ordered list: who, where, when where they
// were made from and where they were received. It is the text alternative
// to the map, readable without JavaScript, and each entry is a label of its
// call's step radio, so it selects the call (the state stylesheet marks the
// one shown).
type callList struct {
	app.Compo

	w *Widget
}

func newCallList(w *Widget) *callList { return &callList{w: w} }

func (l *callList) Render() app.UI {
	cs, loc := l.w.calls, l.w.loc
	items := make([]app.UI, 0, len(cs))
	for _, c := range cs {
		items = append(items, app.Elem("li").Class(ui.ListItemClass).Body(
			app.Elem("label").
				Class(ui.ListEntryClass, ui.StepClass(c.Step)).
				Attr("for", ui.StepRadioID(c.Step)).
				Attr(ui.MarkAttr, strconv.Itoa(c.Step)).
				Body(
					app.Elem("span").Class(ui.ListLeaderClass).Text(c.Who()),
					app.Elem("span").Class(ui.ListPlaceClass).Text(loc.T(locale.ListPlace, c.To.Country, c.To.Name)),
					app.Elem("span").Class(ui.ListTimeClass).Text(loc.T(locale.TimeInPlace, c.FromTime(), c.From.Name)),
					app.Elem("span").Class(ui.ListLocalTimeClass).Text(loc.T(locale.TimeInPlace, c.ToTime(), c.To.Name)),
				),
		))
	}
	return app.Elem("section").
		Class(ui.ListClass).
		Aria("labelledby", ui.ListTitleID).
		Body(
			app.Elem("h2").ID(ui.ListTitleID).Text(l.w.itemsText(locale.ListTitle)),
			app.Elem("ol").Class(ui.ListItemsClass).Body(items...),
		)
}
