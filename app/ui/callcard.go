package ui

import (
	"fmt"
	"strings"

	"fivecalls/app/story"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// callCard tells one call: who, where, when in Washington and at the
// capital, how long, what was said, and where each fact comes from. Facts
// from outside the article, uncertain facts and disagreements carry a badge.
// The page has every call's card; the stylesheet shows the current one.
type callCard struct {
	app.Compo

	ICall int // the call's index in the story
	// Brief keeps an embed that shows the map to the height of a phone
	// screen: what was said beyond the summary, and the sources, fold into
	// a disclosure a tap opens. A disagreement still shows as a badge.
	IBrief bool
}

func newCallCard() *callCard { return &callCard{} }

func (c *callCard) Render() app.UI {
	s := current().Story
	cs := calls(s)
	if len(cs) == 0 {
		return app.Div()
	}
	ci := cs[clampStep(c.ICall, len(cs))]
	n := ci.Index + 1
	titleID := fmt.Sprintf("fc-card-title-%d", n)
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
	day, _ := s.Day()
	var points []app.UI
	for _, p := range call.Points {
		var pb, later app.UI = app.Text(""), app.Text("")
		if s.FromOutside(p.Sources) {
			pb = badge("outside", "Outside the article")
		}
		// A fact that became public later must not read as known that day.
		if reported, ok := p.ReportedOn(); ok && p.ReportedAfter(day) {
			later = badge("later", "Reported "+reported.Format("2 Jan 2006"))
		}
		points = append(points, app.Elem("li").Body(
			app.Elem("span").Text(p.Text+" "),
			later,
			pb,
			sourceLinks(s, p.Sources),
		))
	}
	if c.IBrief && len(call.Conflicts) > 0 {
		badges = append(badges, badge("conflict", "Sources disagree"))
	}
	var conflicts []app.UI
	for _, cf := range call.Conflicts {
		conflicts = append(conflicts, app.Div().Class("fc-conflict").Body(
			badge("conflict", "Sources disagree"),
			app.P().Text(cf.Text),
			sourceLinks(s, cf.Sources),
		))
	}
	card := []app.UI{
		app.P().Class("fc-card-step").Text(fmt.Sprintf("Call %d of %d", ci.Index+1, len(cs))),
		app.Elem("h2").ID(titleID).Class("fc-card-title").Body(
			app.Elem("span").Text(call.Leader.Name+","),
			app.Elem("span").Class("fc-card-role").Text(roleText(call.Leader.Title, ci.Place.Country)),
		),
		app.Div().Class("fc-badges").Body(badges...),
		app.Elem("dl").Class("fc-facts").Body(
			app.Div().Body(app.Elem("dt").Text("In "+ci.Origin.Name), app.Elem("dd").Text(ci.OriginTime())),
			app.Div().Body(app.Elem("dt").Text("In "+ci.Place.Name), app.Elem("dd").Text(ci.LocalTime())),
			app.Div().Body(app.Elem("dt").Text("Length"), app.Elem("dd").Text(durationText(call.Duration))),
		),
	}
	summary := app.P().Class("fc-summary").Text(call.Summary)
	told := []app.UI{
		app.Elem("ul").Class("fc-points").Body(points...),
		app.Div().Body(conflicts...),
		placeNote,
		app.P().Class("fc-card-sources").Body(app.Elem("span").Text("Time and length: "), sourceLinks(s, call.Sources)),
	}
	if c.IBrief {
		// The badge above says the time is uncertain; why, with the rest.
		more := append([]app.UI{app.Elem("summary").Text(moreText(len(call.Points), len(call.Conflicts))), certaintyNote}, told...)
		card = append(card, summary, app.Elem("details").Class("fc-more").Body(more...))
	} else {
		card = append(append(card, certaintyNote, summary), told...)
	}
	return app.Elem("article").
		Class("fc-card").
		Attr(StepAttr, fmt.Sprint(n)).
		Aria("labelledby", titleID).
		Body(card...)
}

// badge is a visible text label (never colour alone) for the nature of a fact.
func badge(kind, text string) app.UI {
	return app.Elem("span").Class("fc-badge").DataSet("kind", kind).Text(text)
}

// sourceLinks lists sources by publisher, each opening in a new tab. The
// commas between them come from CSS: the prerendered HTML is indented, and a
// text comma would show a stray space before it.
func sourceLinks(s *story.Story, ids []string) app.UI {
	var links []app.UI
	for _, id := range ids {
		src := s.Source(id)
		if src == nil {
			continue
		}
		links = append(links, app.Elem("span").Class("fc-source").Body(sourceLink(src.URL, sourceTitle(src), src.Publisher)))
	}
	return app.Elem("span").Class("fc-sources").Body(links...)
}

// Call sets the index of the call to tell.
func (c *callCard) Call(i int) *callCard { c.ICall = i; return c }

// Brief folds the card's details into a disclosure (see IBrief).
func (c *callCard) Brief(b bool) *callCard { c.IBrief = b; return c }

// moreText names what the folded part of a brief card holds.
func moreText(points, conflicts int) string {
	switch {
	case conflicts > 0:
		return "What was said, where sources disagree, and the sources"
	case points > 0:
		return "What was said, and the sources"
	}
	return "The sources"
}

// roleText is the leader's title, naming the country unless the title does.
func roleText(title, country string) string {
	if strings.Contains(title, country) {
		return title
	}
	return title + ", " + country
}

// sourceLink is a link to a source, opening in a new tab on a reader's click.
func sourceLink(url, title, text string) app.UI {
	a := app.Elem("a").
		Attr("href", attrText(url)).
		Attr("target", "_blank").
		Attr("rel", "noopener noreferrer")
	if title != "" {
		a = a.Attr("title", attrText(title))
	}
	return a.Text(text)
}
