package page

import (
	"fivecalls/app/locale"
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
func (w *Widget) overviewHint(p ui.Part) string {
	switch {
	case p.Has(ui.PartTimeline) && p.Has(ui.PartList):
		return w.itemsText(locale.HintTimelineList)
	case p.Has(ui.PartTimeline):
		return w.itemsText(locale.HintTimeline)
	case p.Has(ui.PartList):
		return w.itemsText(locale.HintList)
	}
	return ""
}

func (o *overviewCard) Render() app.UI {
	loc := o.w.loc
	body := []app.UI{
		app.P().Class(ui.CardStepClass).Text(loc.T(locale.Overview)),
		app.Elem("h2").ID(ui.CardTitleIDPrefix + "0").Class(ui.CardTitleClass).Body(app.Elem("span").Text(o.w.OverviewTitle())),
		app.Elem("dl").Class(ui.FactsClass).Body(
			app.Div().Body(app.Elem("dt").Text(o.w.SpanLabel()), app.Elem("dd").Text(o.w.OverviewSpan())),
		),
		app.P().Class(ui.SummaryClass).Text(o.w.InOrder()),
	}
	if hint := o.w.overviewHint(o.parts); hint != "" {
		body = append(body, app.P().Class(ui.OverviewHintClass).Text(hint))
	}
	return app.Elem("article").
		Class(ui.CardClass, ui.StepClass(0)).
		Attr(ui.StepAttr, "0").
		Aria("labelledby", ui.CardTitleIDPrefix+"0").
		Body(body...)
}
