package ui

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// page is the whole widget as the server prerenders it: header, map,
// timeline, every call's card, the list of calls, the quiz, notes and
// sources. It is the app the reader keeps (see the package doc); in the
// browser only the live component runs.
type page struct {
	app.Compo

	addr Address
}

func newPage() *page { return &page{} }

// OnPreRender reads the address: the page opens at the call and in the
// theme it asks for.
func (p *page) OnPreRender(ctx app.Context) {
	u := ctx.Page().URL()
	if u != nil {
		p.addr = ParseAddress(u.Path, u.Query(), len(calls(current().Story)))
	}
	if s := current().Story; s != nil {
		// The server rewrites the head's meta tags with proper escaping
		// (go-app v9 quotes attributes with strconv.Quote), so plain text
		// goes in here.
		ctx.Page().SetTitle(s.Title)
		ctx.Page().SetDescription(s.Dek)
	}
}

func (p *page) Render() app.UI {
	s := current().Story
	if s == nil {
		return app.Elem("main").Class(RootClass).Body(app.P().Text("This story could not be loaded."))
	}
	cs := calls(s)
	step := p.addr.Call // 0: the overview
	mode := "page"
	if p.addr.Embed {
		mode = "embed"
	}
	theme := p.addr.Theme
	if theme == "" {
		theme = "auto"
	}
	parts := p.addr.Parts
	// An embed with the map and the card fits a phone screen; one with
	// everything is the whole page in a frame.
	brief := p.addr.Embed && parts.Has(PartMap) && parts != AllParts
	head := []app.UI{app.Elem("h1").Class("fc-title").Text(s.Title)}
	// An embed sits in an article that tells the story: the dek is for the
	// widget's own page.
	if !p.addr.Embed || parts == AllParts {
		head = append(head, app.P().Class("fc-dek").Text(s.Dek))
	}
	body := []app.UI{app.Elem("header").Class("fc-head").Body(head...)}
	if parts&(PartMap|PartTimeline|PartCard|PartList) != 0 {
		story := []app.UI{callRadios(cs, step)}
		if parts.Has(PartMap) {
			story = append(story, newMapView())
		}
		if parts.Has(PartTimeline) {
			story = append(story, newTimeline())
		}
		if parts.Has(PartCard) {
			cards := make([]app.UI, 0, len(cs)+1)
			cards = append(cards, newOverviewCard().Parts(parts))
			for _, c := range cs {
				cards = append(cards, newCallCard().Call(c.Index).Brief(brief))
			}
			cardsClass := "fc-cards"
			if brief {
				cardsClass += " fc-brief"
			}
			story = append(story, app.Div().Class(cardsClass).Body(cards...))
		}
		if parts.Has(PartList) {
			story = append(story, newCallList())
		}
		story = append(story, app.P().
			Class("fc-sr-only").
			ID(AnnouncerID).
			Aria("live", "polite").
			Aria("atomic", "true"))
		body = append(body, app.Elem("section").
			Class("fc-story").
			Aria("label", "Map and timeline of the calls").
			Body(story...))
	}
	if parts.Has(PartQuiz) {
		body = append(body, newQuiz())
	}
	if parts.Has(PartNotes) {
		body = append(body, newSourcesList())
	}
	if p.addr.Embed && parts != AllParts {
		body = append(body, fullWidgetLink(step))
	}
	if !p.addr.Embed {
		body = append(body, newEmbedDialog())
	}
	body = append(body, newFooter())
	return app.Elem("main").
		Class(RootClass).
		DataSet("theme", theme).
		DataSet("mode", mode).
		Attr(ZoneAttr, s.Place(s.Origin).TimeZone).
		Body(body...)
}

// fullWidgetLink opens the whole widget, at the call the embed opened at,
// from an embed that shows part of it.
func fullWidgetLink(step int) app.UI {
	href := widgetBase()
	if step > 0 {
		href += "?call=" + fmt.Sprint(step)
	}
	return app.P().Class("fc-full").Body(
		app.Elem("a").Attr("href", attrText(href)).Attr("target", "_blank").Attr("rel", "noopener").
			Text("Open the full interactive"),
	)
}

// callRadios are the state of the timeline: one radio for the overview
// (step 0) and one per call (1…n), the current one checked. They are a real
// radio group (Tab reaches it, the arrow keys step through the calls, a
// screen reader says "3 of 6"), kept out of sight in a fixed box: the strip
// of the day, the list, "All calls" and Previous/Next are their labels, and
// a label's click moves focus to its radio, which would scroll the page to a
// radio placed anywhere else.
func callRadios(cs []callInfo, step int) app.UI {
	radios := make([]app.UI, 0, len(cs)+1)
	radios = append(radios, radio(CallRadioName, CallRadioID(overviewStep), fmt.Sprint(overviewStep), step == overviewStep).
		Aria("label", attrText(overviewLabel(cs))).
		Attr(AnnounceAttr, attrText(overviewLabel(cs))))
	for _, c := range cs {
		radios = append(radios, radio(CallRadioName, CallRadioID(c.Index+1), fmt.Sprint(c.Index+1), c.Index+1 == step).
			Aria("label", attrText(c.RadioLabel())).
			Attr(AtAttr, c.Start.UTC().Format("2006-01-02T15:04:05Z")).
			Attr(PlaceAttr, c.Place.ID).
			Attr(AnnounceAttr, attrText(c.Announcement(len(cs)))))
	}
	return app.Elem("fieldset").Class("fc-steps").Body(
		app.Elem("legend").Text("Call shown on the map"),
		app.Div().Body(radios...),
	)
}

// radio is a radio input, checked or not. (go-app v9 would print
// Checked(false) as checked="false", which HTML reads as checked.)
func radio(name, id, value string, checked bool) app.HTMLInput {
	in := app.Input().Type("radio").Name(name).ID(id).Value(value)
	if checked {
		in = in.Checked(true)
	}
	return in
}
