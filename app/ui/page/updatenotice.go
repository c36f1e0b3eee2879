package page

import (
	"fivecalls/app/locale"
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// updateNotice says that a new version of the widget is ready. It is hidden
// until the page's script learns that the service worker has installed one
// or, in an author's preview, that the story has changed (the notice then
// says where to ask, Options.Live, and the page's version); the reader
// chooses when to reload.
type updateNotice struct {
	app.Compo
	w *Widget
}

func newUpdateNotice(w *Widget) *updateNotice { return &updateNotice{w: w} }

func (n *updateNotice) Render() app.UI {
	div := app.Div().Class(ui.UpdateClass)
	if live := n.w.opts.Live; live != "" {
		div = div.Attr(ui.LiveAttr, live).Attr(ui.VersionAttr, n.w.opts.Version)
	}
	return div.Hidden(true).Aria("live", "polite").Body(
		app.Elem("span").Text(n.w.loc.T(locale.UpdateReady)),
		app.Button().Class(ui.ButtonClass).Type("button").Attr(ui.ControlAttr, ui.ControlReload).Text(n.w.loc.T(locale.UpdateReload)),
	)
}
