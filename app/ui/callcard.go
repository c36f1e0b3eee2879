package ui

import (
	"fmt"
	"strings"

	"fivecalls/app/story"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// callCard tells the current call: who, where, when in Washington and at the
// capital, how long, what was said, and where each fact comes from. Facts
// from outside the article, uncertain facts and disagreements carry a badge.
type callCard struct {
	app.Compo

	IStep int
}

func newCallCard() *callCard { return &callCard{} }

func (c *callCard) Render() app.UI {
	s := current().Story
	cs := calls(s)
	if len(cs) == 0 {
		return app.Div()
	}
	ci := cs[clampStep(c.IStep, len(cs))]
	call := ci.Call
	var badges []app.UI
	if call.Certainty != story.High {
		badges = append(badges, badge("uncertain", certaintyText(call.Certainty)))
	}
	var certaintyNote app.UI = app.Text("")
	if call.CertaintyNote != "" && call.Certainty != story.High {
		certaintyNote = app.P().Class("fc-certainty").Text(call.CertaintyNote)
	}
	var placeNote app.UI = app.Text("")
	if ci.Place.Note != "" {
		placeNote = app.P().Class("fc-place-note").Body(app.Text(ci.Place.Note+" "), sourceLinks(s, ci.Place.Sources))
	}
	if s.FromOutside(call.Sources) {
		badges = append(badges, badge("outside", "Outside the article"))
	}
	var points []app.UI
	for _, p := range call.Points {
		var pb app.UI = app.Text("")
		if s.FromOutside(p.Sources) {
			pb = badge("outside", "Outside the article")
		}
		points = append(points, app.Li().Body(
			app.Span().Text(p.Text+" "),
			pb,
			sourceLinks(s, p.Sources),
		))
	}
	var conflicts []app.UI
	for _, cf := range call.Conflicts {
		conflicts = append(conflicts, app.Div().Class("fc-conflict").Body(
			badge("conflict", "Sources disagree"),
			app.P().Text(cf.Text),
			sourceLinks(s, cf.Sources),
		))
	}
	return app.Article().
		Class("fc-card").
		ID("fc-card").
		Aria("labelledby", "fc-card-title").
		Body(
			app.P().Class("fc-card-step").Text(fmt.Sprintf("Call %d of %d", ci.Index+1, len(cs))),
			app.H2().ID("fc-card-title").Class("fc-card-title").Body(
				app.Text(call.Leader.Name),
				app.Span().Class("fc-card-role").Text(", "+roleText(call.Leader.Title, ci.Place.Country)),
			),
			app.Div().Class("fc-badges").Body(badges...),
			app.Dl().Class("fc-facts").Body(
				app.Div().Body(app.Dt().Text("In "+ci.Origin.Name), app.Dd().Text(ci.OriginTime())),
				app.Div().Body(app.Dt().Text("In "+ci.Place.Name), app.Dd().Text(ci.LocalTime())),
				app.Div().Body(app.Dt().Text("Length"), app.Dd().Text(durationText(call.Duration))),
			),
			certaintyNote,
			app.P().Class("fc-summary").Text(call.Summary),
			app.Ul().Class("fc-points").Body(points...),
			app.Div().Body(conflicts...),
			placeNote,
			app.P().Class("fc-card-sources").Body(app.Span().Text("Time and length: "), sourceLinks(s, call.Sources)),
		)
}

// badge is a visible text label (never colour alone) for the nature of a fact.
func badge(kind, text string) app.UI {
	return app.Span().Class("fc-badge").DataSet("kind", kind).Text(text)
}

// sourceLinks lists sources by publisher, each opening in a new tab.
func sourceLinks(s *story.Story, ids []string) app.UI {
	var links []app.UI
	for i, id := range ids {
		src := s.Source(id)
		if src == nil {
			continue
		}
		if i > 0 {
			links = append(links, app.Text(", "))
		}
		links = append(links, app.A().
			Href(attrText(src.URL)).
			Target("_blank").
			Rel("noopener noreferrer").
			Title(attrText(src.Headline)).
			Text(src.Publisher))
	}
	return app.Span().Class("fc-sources").Body(links...)
}

// Step sets the index of the call to show.
func (c *callCard) Step(i int) *callCard { c.IStep = i; return c }

// roleText is the leader's title, naming the country unless the title does.
func roleText(title, country string) string {
	if strings.Contains(title, country) {
		return title
	}
	return title + ", " + country
}
