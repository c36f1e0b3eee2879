package page

import (
	"fivecalls/app/locale"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// updateNotice says that a new version of the widget is ready. It is hidden
// until the page's script learns that the service worker has installed one;
// the reader chooses when to reload.
type updateNotice struct {
	app.Compo

	loc *locale.Locale
}

func newUpdateNotice(loc *locale.Locale) *updateNotice { return &updateNotice{loc: loc} }

func (n *updateNotice) Render() app.UI {
	return app.Div().Class(ui.UpdateClass).Hidden(true).Aria("live", "polite").Body(
		app.Elem("span").Text(n.loc.T(locale.UpdateReady)),
		app.Button().Class(ui.ButtonClass).Type("button").Attr(ui.ControlAttr, ui.ControlReload).Text(n.loc.T(locale.UpdateReload)),
	)
}
