package page

import (
	"fmt"
	"strings"

	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// overviewCard is the card of the overview (step 0): how many calls, from
// where, over which hours, to whom, and how to follow them. The map shows
// every arc at once, numbered.
type overviewCard struct {
	app.Compo

	w     *Widget
	parts ui.Part // the parts on the page: the hint names only controls it has
}

func newOverviewCard(w *Widget, parts ui.Part) *overviewCard {
	return &overviewCard{w: w, parts: parts}
}

// overviewHint says how to follow the calls with the controls the page has.
func overviewHint(p ui.Part) string {
	switch {
	case p.Has(ui.PartTimeline) && p.Has(ui.PartList):
		return "Play follows them one by one; Next, the strip of the day and the list pick one."
	case p.Has(ui.PartTimeline):
		return "Play follows them one by one; Next and the strip of the day pick one."
	case p.Has(ui.PartList):
		return "The list picks one."
	}
	return ""
}

func (o *overviewCard) Render() app.UI {
	cs := o.w.calls
	var whom []string
	for _, c := range cs {
		whom = append(whom, fmt.Sprintf("%d %s (%s)", c.Step, c.Leader.Name, c.To.Name))
	}
	body := []app.UI{
		app.P().Class(ui.CardStepClass).Text("Overview"),
		app.Elem("h2").ID(ui.CardTitleIDPrefix + "0").Class(ui.CardTitleClass).Body(app.Elem("span").Text(ui.OverviewTitle(cs))),
		app.Elem("dl").Class(ui.FactsClass).Body(
			app.Div().Body(app.Elem("dt").Text("In "+cs[0].From.Name), app.Elem("dd").Text(ui.OverviewSpan(cs))),
		),
		app.P().Class(ui.SummaryClass).Text("In order: " + strings.Join(whom, ", ") + "."),
	}
	if hint := overviewHint(o.parts); hint != "" {
		body = append(body, app.P().Class(ui.OverviewHintClass).Text(hint))
	}
	return app.Elem("article").
		Class(ui.CardClass).
		Attr(ui.StepAttr, "0").
		Aria("labelledby", ui.CardTitleIDPrefix+"0").
		Body(body...)
}
