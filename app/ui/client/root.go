// Package client is the widget's WebAssembly (cmd/wasm): it adopts the page
// the server rendered (app/ui/page) without moving it, and owns the motion
// and the network. The page's script (web/page.js) starts it on the
// reader's first interaction; everything the reader can do works before it
// arrives and without it.
//
// It never renders the widget. go-app mounts its component (root) at the
// page's mount point, an empty element ahead of the widget; root adopts
// the page as it is:
//
//   - motion (motion.go) follows the step shown, which the page's script
//     announces with ui.StepEvent: the night shading and the clock travel
//     to the call's start, its arc draws, its places pulse;
//   - quizClient (quiz.go) follows the answers (ui.AnswerEvent): it posts
//     them, those given before it ran included, and fills in the readers'
//     figures, with app/quiz's wire types and figures.
//
// What it knows of the reader (their token, their progress) it asks the
// page's script, which owns it (pageAPI).
package client

import (
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Routes registers root for every path: the page is whatever the server
// rendered, under any base path.
func Routes() {
	app.RouteWithRegexpFunc("^.*$", func() app.Composer { return &root{} })
}

// root is the component go-app mounts at the page's mount point
// (ui.MountClass). It renders that empty element again, and adopts the
// page around it.
type root struct {
	app.Compo

	motion *motion
	quiz   *quizClient
}

func (r *root) Render() app.UI { return app.Div().Class(ui.MountClass) }

// OnMount adopts the page: in one task with nothing between, the animated
// night and clock take over from the prerendered ones of the step shown
// (ui.MotionAttr), and the answers given before the WebAssembly ran are
// sent.
func (r *root) OnMount(ctx app.Context) {
	doc := app.Window().Get("document")
	page, ok := newPageAPI()
	if !ok || !doc.Call("querySelector", "."+ui.RootClass).Truthy() {
		return
	}
	r.motion = newMotion(ctx, doc, page)
	r.quiz = newQuizClient(ctx, doc, page)
	r.motion.adopt()
	r.quiz.adopt()
	doc.Get("documentElement").Call("setAttribute", ui.MotionAttr, "true")
}

// OnDismount stops following the page.
func (r *root) OnDismount() {
	if r.motion != nil {
		r.motion.release()
	}
	if r.quiz != nil {
		r.quiz.release()
	}
}
