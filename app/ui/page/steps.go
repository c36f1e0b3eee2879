package page

import (
	"strconv"

	"fivecalls/app/locale"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// stepRadios are the state of the timeline: one radio for the overview
// (step 0) and one per call (its step, 1…n), the one shown checked. They
// are a real radio group (Tab reaches it, the arrow keys step through the
// calls, a screen reader says "3 of 6"), kept out of sight in a fixed box:
// the strip of the day, the list, "All calls" and Previous/Next are their
// labels, and a label's click moves focus to its radio, which would scroll
// the page to a radio placed anywhere else.
type stepRadios struct {
	app.Compo

	w     *Widget
	shown int
}

func newStepRadios(w *Widget, shown int) *stepRadios { return &stepRadios{w: w, shown: shown} }

func (r *stepRadios) Render() app.UI {
	cs := r.w.calls
	radios := make([]app.UI, 0, len(cs)+1)
	overview := r.w.OverviewLabel()
	radios = append(radios, radio(ui.StepRadioName, ui.StepRadioID(0), "0", r.shown == 0).
		Aria("label", attrText(overview)).
		Attr(ui.AnnounceAttr, attrText(overview)))
	for _, c := range cs {
		radios = append(radios, radio(ui.StepRadioName, ui.StepRadioID(c.Step), strconv.Itoa(c.Step), c.Step == r.shown).
			Aria("label", attrText(c.RadioLabel())).
			Attr(ui.AtAttr, c.Start.UTC().Format("2006-01-02T15:04:05Z")).
			Attr(ui.PlaceAttr, c.To.ID).
			Attr(ui.FromAttr, c.From.ID).
			Attr(ui.AnnounceAttr, attrText(c.Announcement(len(cs)))))
	}
	return app.Elem("fieldset").Class(ui.StepsClass).Body(
		app.Elem("legend").Text(r.w.loc.T(locale.StepsLegend)),
		app.Div().Body(radios...),
	)
}
