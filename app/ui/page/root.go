package page

import (
	"strconv"

	"fivecalls/app/locale"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// root is the whole widget as one address shows it: the header, the map,
// the timeline, every step's card, the list of calls, the quiz, the notes
// and sources, the embed dialog and the credits, or an embed's parts of
// them.
type root struct {
	app.Compo

	w *Widget
	a ui.Address
}

func newRoot(w *Widget, a ui.Address) *root { return &root{w: w, a: a} }

func (r *root) Render() app.UI {
	s, a := r.w.story, r.a
	mode := "page"
	if a.Embed {
		mode = "embed"
	}
	theme := a.Theme
	if theme == "" {
		theme = "auto"
	}
	parts := a.Parts
	brief := a.Embed && briefCards(parts)
	head := []app.UI{app.Elem("h1").Class(ui.TitleClass).Text(s.Title)}
	// An embed sits in an article that tells the story: the dek is for the
	// widget's own page.
	if !a.Embed || parts == ui.AllParts {
		head = append(head, app.P().Class(ui.DekClass).Text(s.Dek))
	}
	body := []app.UI{newUpdateNotice(r.w)}
	if r.w.opts.Live != "" {
		body = append(body, newProblemsPanel(), newWarningsPanel())
	}
	body = append(body, app.Elem("header").Class(ui.HeadClass).Body(head...))
	if parts&(ui.PartMap|ui.PartTimeline|ui.PartCard|ui.PartList) != 0 {
		story := []app.UI{newStepRadios(r.w, a.Step)}
		if parts.Has(ui.PartMap) {
			story = append(story, newMapView(r.w))
		}
		if parts.Has(ui.PartTimeline) {
			story = append(story, newTimeline(r.w))
		}
		if parts.Has(ui.PartCard) {
			cards := make([]app.UI, 0, len(r.w.calls)+1)
			cards = append(cards, newOverviewCard(r.w, parts))
			for _, c := range r.w.calls {
				cards = append(cards, newCallCard(r.w, c, brief))
			}
			cardsClass := ui.CardsClass
			if brief {
				cardsClass += " " + ui.BriefClass
			}
			story = append(story, app.Div().Class(cardsClass).Body(cards...))
		}
		if parts.Has(ui.PartList) {
			story = append(story, newCallList(r.w))
		}
		story = append(story, app.P().
			Class(ui.ScreenReaderClass).
			ID(ui.AnnouncerID).
			Aria("live", "polite").
			Aria("atomic", "true"))
		body = append(body, app.Elem("section").
			Class(ui.StoryClass).
			Aria("label", attrText(r.w.itemsText(locale.StoryRegion))).
			Body(story...))
	}
	if parts.Has(ui.PartQuiz) {
		body = append(body, newQuiz(r.w))
	}
	if parts.Has(ui.PartNotes) {
		body = append(body, newSourcesList(r.w))
	}
	if a.Embed && parts != ui.AllParts {
		body = append(body, fullWidgetLink(r.w.base(), a.Step, r.w.loc.T(locale.FullInteractive)))
	}
	if !a.Embed {
		body = append(body, newEmbedDialog(r.w))
	}
	body = append(body, newFooter(r.w))
	return app.Elem("main").
		Class(ui.RootClass).
		Attr(ui.ThemeAttr, theme).
		Attr(ui.ModeAttr, mode).
		Body(body...)
}

// fullWidgetLink opens the whole widget, at the step the embed opened at,
// from an embed that shows part of it.
func fullWidgetLink(base string, step int, text string) app.UI {
	href := base
	if step > 0 {
		href += "?" + ui.CallParam + "=" + strconv.Itoa(step)
	}
	return app.P().Class(ui.FullLinkClass).Body(
		app.Elem("a").Attr("href", attrText(href)).Attr("target", "_blank").Attr("rel", "noopener").
			Text(text),
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

// briefCards reports whether an embed of these parts shows brief cards,
// stacked: an embed with the map and the card fits a phone screen; one
// with everything is the whole page in a frame.
func briefCards(parts ui.Part) bool {
	return parts.Has(ui.PartMap) && parts != ui.AllParts
}
