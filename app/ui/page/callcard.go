package page

import (
	"strconv"

	"fivecalls/app/locale"
	"fivecalls/app/story"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// callCard tells one call: who, where, when where it was made from and at
// the place called, how long, what was said, and where each fact comes
// from. Facts from outside the article, uncertain facts and disagreements
// carry a badge. The page has every call's card; the state stylesheet shows
// the step shown's.
type callCard struct {
	app.Compo

	w *Widget
	c Call
	// brief keeps an embed that shows the map to the height of a phone
	// screen: what was said beyond the summary, and the sources, fold into
	// a disclosure a tap opens. A disagreement still shows as a badge.
	brief bool
}

func newCallCard(w *Widget, c Call, brief bool) *callCard {
	return &callCard{w: w, c: c, brief: brief}
}

func (c *callCard) Render() app.UI {
	s, ci, loc := c.w.story, c.c, c.w.loc
	titleID := ui.CardTitleIDPrefix + strconv.Itoa(ci.Step)
	call := ci.Call
	var badges []app.UI
	if call.Certainty != story.High {
		badges = append(badges, badge(ui.BadgeUncertain, c.w.CertaintyText(call.Certainty)))
	}
	var certaintyNote app.UI = app.Text("")
	if call.CertaintyNote != "" && call.Certainty != story.High {
		certaintyNote = app.P().Class(ui.CertaintyClass).Text(call.CertaintyNote)
	}
	var placeNote app.UI = app.Text("")
	if ci.To.Note != "" {
		placeNote = app.P().Class(ui.PlaceNoteClass).Body(app.Text(ci.To.Note+" "), sourceLinks(c.w, ci.To.Sources))
	}
	// The call's own sources give its time and length, not the call: their
	// badge goes with them, on the line that names them ("Outside the
	// article" under "Shinzo Abe" would deny the article's account of the
	// call itself).
	var timeBadge app.UI = app.Text("")
	if s.FromOutside(call.Sources) {
		timeBadge = badge(ui.BadgeOutside, loc.T(locale.OutsideArticle))
	}
	day, _ := s.Day()
	var points []app.UI
	for _, p := range call.Points {
		var pb, later app.UI = app.Text(""), app.Text("")
		if s.FromOutside(p.Sources) {
			pb = badge(ui.BadgeOutside, loc.T(locale.OutsideArticle))
		}
		// A fact that became public later must not read as known that day.
		if reported, ok := p.ReportedOn(); ok && p.ReportedAfter(day) {
			later = badge(ui.BadgeLater, loc.T(locale.ReportedOn, loc.Date(reported, locale.DateMedium)))
		}
		points = append(points, app.Elem("li").Body(
			app.Elem("span").Text(p.Text+" "),
			later,
			pb,
			sourceLinks(c.w, p.Sources),
		))
	}
	if c.brief && len(call.Conflicts) > 0 {
		badges = append(badges, badge(ui.BadgeConflict, loc.T(locale.SourcesDisagree)))
	}
	var conflicts []app.UI
	for _, cf := range call.Conflicts {
		conflicts = append(conflicts, app.Div().Class(ui.ConflictClass).Body(
			badge(ui.BadgeConflict, loc.T(locale.SourcesDisagree)),
			app.P().Text(cf.Text),
			sourceLinks(c.w, cf.Sources),
		))
	}
	card := []app.UI{
		app.P().Class(ui.CardStepClass).Text(ci.Position(len(c.w.calls))),
		app.Elem("h2").ID(titleID).Class(ui.CardTitleClass).Body(heading(loc, ci)...),
		app.Div().Class(ui.BadgesClass).Body(badges...),
		app.Elem("dl").Class(ui.FactsClass).Body(
			app.Div().Body(app.Elem("dt").Text(loc.T(locale.InPlace, ci.From.Name)), app.Elem("dd").Text(ci.FromTime())),
			app.Div().Body(app.Elem("dt").Text(loc.T(locale.InPlace, ci.To.Name)), app.Elem("dd").Text(ci.ToTime())),
			ending(loc, ci),
			app.Div().Body(app.Elem("dt").Text(loc.T(locale.Length)), app.Elem("dd").Text(ci.Length())),
		),
	}
	summary := app.P().Class(ui.SummaryClass).Text(call.Summary)
	told := []app.UI{
		app.Elem("ul").Class(ui.PointsClass).Body(points...),
		app.Div().Body(conflicts...),
		placeNote,
		app.P().Class(ui.CardSourcesClass).Body(app.Elem("span").Text(loc.T(locale.TimeAndLength)), timeBadge, sourceLinks(c.w, call.Sources)),
	}
	if c.brief {
		// The badge above says the time is uncertain; why, with the rest.
		more := append([]app.UI{app.Elem("summary").Text(moreText(loc, len(call.Points), len(call.Conflicts))), certaintyNote}, told...)
		card = append(card, summary, app.Elem("details").Class(ui.MoreClass).Body(more...))
	} else {
		card = append(append(card, certaintyNote, summary), told...)
	}
	return app.Elem("article").
		Class(ui.CardClass, ui.StepClass(ci.Step)).
		Attr(ui.StepAttr, strconv.Itoa(ci.Step)).
		Aria("labelledby", titleID).
		Body(card...)
}

// heading is the card's title: the person and their title, "Angela
// Merkel, Chancellor of Germany", or the item's route.
func heading(loc *locale.Locale, c Call) []app.UI {
	if c.Role() == "" {
		return []app.UI{app.Elem("span").Text(c.Who())}
	}
	return []app.UI{
		app.Elem("span").Text(loc.T(locale.LeaderName, c.Who())),
		app.Elem("span").Class(ui.CardRoleClass).Text(c.Role()),
	}
}

// ending is the card's row for the item's end where it ends, when the
// story gives it (an arrival); nothing otherwise.
func ending(loc *locale.Locale, c Call) app.UI {
	end := c.EndTime()
	if end == "" {
		return app.Text("")
	}
	return app.Div().Body(app.Elem("dt").Text(loc.T(locale.EndInPlace, c.To.Name)), app.Elem("dd").Text(end))
}

// badge is a visible text label (never colour alone) for the nature of a fact.
func badge(kind, text string) app.UI {
	return app.Elem("span").Class(ui.BadgeClass).Attr(ui.BadgeKindAttr, kind).Text(text)
}

// sourceLinks lists sources by publisher, each opening in a new tab. The
// commas between them (the locale's, on each source) are shown by CSS: the
// prerendered HTML is indented, and a text comma would show a stray space
// before it.
func sourceLinks(w *Widget, ids []string) app.UI {
	var links []app.UI
	sep := w.loc.T(locale.SourceSeparator)
	for _, id := range ids {
		src := w.story.Source(id)
		if src == nil {
			continue
		}
		links = append(links, app.Elem("span").Class(ui.SourceClass).Attr(ui.SourceSeparatorAttr, sep).Body(sourceLink(src.URL, w.sourceTitle(src), src.Publisher)))
	}
	return app.Elem("span").Class(ui.SourcesClass).Body(links...)
}

// moreText names what the folded part of a brief card holds.
func moreText(loc *locale.Locale, points, conflicts int) string {
	switch {
	case conflicts > 0:
		return loc.T(locale.MoreConflicts)
	case points > 0:
		return loc.T(locale.MorePoints)
	}
	return loc.T(locale.MoreSources)
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
