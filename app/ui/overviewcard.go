package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// overviewCard is the card of the overview (step 0): how many calls, from
// where, over which hours, to whom, and how to follow them. The map shows
// every arc at once, numbered.
type overviewCard struct {
	app.Compo

	IParts Part // the parts on the page: the hint names only controls it has
}

func newOverviewCard() *overviewCard { return &overviewCard{} }

// Parts sets the parts the page shows.
func (o *overviewCard) Parts(p Part) *overviewCard { o.IParts = p; return o }

// overviewHint says how to follow the calls with the controls the page has.
func overviewHint(p Part) string {
	switch {
	case p.Has(PartTimeline) && p.Has(PartList):
		return "Play follows them one by one; Next, the strip of the day and the list pick one."
	case p.Has(PartTimeline):
		return "Play follows them one by one; Next and the strip of the day pick one."
	case p.Has(PartList):
		return "The list picks one."
	}
	return ""
}

func (o *overviewCard) Render() app.UI {
	cs := calls(current().Story)
	if len(cs) == 0 {
		return app.Div()
	}
	var whom []string
	for _, c := range cs {
		whom = append(whom, fmt.Sprintf("%d %s (%s)", c.Index+1, c.Call.Leader.Name, c.Place.Name))
	}
	return app.Elem("article").
		Class("fc-card").
		Attr(StepAttr, fmt.Sprint(overviewStep)).
		Aria("labelledby", "fc-card-title-0").
		Body(
			app.P().Class("fc-card-step").Text("Overview"),
			app.Elem("h2").ID("fc-card-title-0").Class("fc-card-title").Body(app.Elem("span").Text(overviewTitle(cs))),
			app.Elem("dl").Class("fc-facts").Body(
				app.Div().Body(app.Elem("dt").Text("In "+cs[0].Origin.Name), app.Elem("dd").Text(overviewSpan(cs))),
			),
			app.P().Class("fc-summary").Text("In order: "+strings.Join(whom, ", ")+"."),
			app.If(overviewHint(o.IParts) != "", app.P().Class("fc-overview-hint").Text(overviewHint(o.IParts))),
		)
}
