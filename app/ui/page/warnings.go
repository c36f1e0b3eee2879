package page

import (
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// warningsPanel, in an author's preview only (Options.Live), lists the weak
// spots of the story the file holds, as "fivecalls check" prints its
// warnings: a headline not confirmed, a source with no date, a call that
// runs past the next one's start. The story is valid and shows as it is,
// so the list is folded under one line, which the author opens when
// ready, rather than covering the page as the problems do. It shows only
// while the file has no problems (the problems panel shows then), is
// hidden until the page's script learns of warnings, and the script writes
// the list and counts it in the folded line. In English, as problemsPanel
// is.
type warningsPanel struct {
	app.Compo
}

func newWarningsPanel() *warningsPanel { return &warningsPanel{} }

func (p *warningsPanel) Render() app.UI {
	return app.Aside().Class(ui.WarningsClass).Lang("en").Hidden(true).Aria("live", "polite").Body(
		app.Details().Body(
			// The script counts them in the line it shows.
			app.Summary().
				Attr(ui.OneAttr, "The story file has a warning: check it before publishing.").
				Attr(ui.OtherAttr, "The story file has {n} warnings: check them before publishing.").
				Text("The story file has warnings: check them before publishing."),
			app.Ol(),
		),
	)
}
