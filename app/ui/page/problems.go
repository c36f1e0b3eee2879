package page

import (
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// problemsPanel, in an author's preview only (Options.Live), lists what is
// wrong with the story's file as it is now, one problem a line as
// "fivecalls check" prints them (file, JSON path, line, column, message),
// while the page goes on showing the last good story. It is hidden until
// the page's script learns of problems, and hidden again once they are
// fixed; the script writes the list. It is in English, as the check's
// problems are, whatever the story's language: lang says so to a screen
// reader reading a German or Japanese page.
type problemsPanel struct {
	app.Compo
}

func newProblemsPanel() *problemsPanel { return &problemsPanel{} }

func (p *problemsPanel) Render() app.UI {
	return app.Aside().Class(ui.ProblemsClass).Lang("en").Hidden(true).Aria("live", "polite").Body(
		app.P().Body(
			app.Strong().Text("The story file has problems."),
			app.Text(" This is its last good version, until they are fixed:"),
		),
		app.Ol(),
	)
}
