package client

import (
	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// pageAPI is what the page's script (web/page.js) tells the WebAssembly
// through its global (ui.PageAPI): the reader's token, the step shown and
// the reader's progress, which it keeps (in localStorage where the browser
// allows it). The WebAssembly never reads the storage itself.
type pageAPI struct{ v app.Value }

// newPageAPI finds the page's script's global; ok is false without it.
func newPageAPI() (pageAPI, bool) {
	v := app.Window().Get(ui.PageAPI)
	return pageAPI{v}, v.Truthy()
}

// reader is the reader's random token.
func (p pageAPI) reader() string { return p.v.Call("reader").String() }

// step is the step shown (0: the overview).
func (p pageAPI) step() int { return p.v.Call("step").Int() }

// given is an answer the reader gave.
type given struct{ question, choice string }

// unsent are the answers given that the server has not acknowledged.
func (p pageAPI) unsent() []given {
	list := p.v.Call("unsent")
	out := make([]given, 0, list.Length())
	for i := 0; i < list.Length(); i++ {
		a := list.Index(i)
		out = append(out, given{a.Get("question").String(), a.Get("choice").String()})
	}
	return out
}

// acknowledge records that the server has the reader's answer to the
// question.
func (p pageAPI) acknowledge(question string) { p.v.Call("acknowledge", question) }

// result is the reader's progress: how many of how many questions they
// answered, and how many right.
func (p pageAPI) result() (answered, questions, score int) {
	r := p.v.Call("result")
	return r.Get("answered").Int(), r.Get("questions").Int(), r.Get("score").Int()
}
