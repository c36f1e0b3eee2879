package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// embedDialog gives editors what they paste into a CMS: the self-sizing
// script snippet, a plain iframe and the oEmbed URL, each with a Copy
// button. It is a disclosure, so it opens even before the WebAssembly runs.
type embedDialog struct {
	app.Compo

	copied string // which snippet was just copied, for the status line
}

func newEmbedDialog() *embedDialog { return &embedDialog{} }

// widgetBase is the widget's public base address, ending in "/".
func widgetBase() string {
	if b := current().PublicURL; b != "" {
		return b
	}
	if app.IsServer {
		return "/"
	}
	u, err := url.Parse(app.Window().Get("location").Get("href").String())
	if err != nil {
		return "/"
	}
	u.RawQuery, u.Fragment = "", ""
	u.Path = strings.TrimSuffix(u.Path, "embed")
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String()
}

// embedSnippets returns the script snippet, the iframe snippet and the URL
// to paste into an oEmbed-aware CMS such as WordPress.
func embedSnippets(base, title string) (script, iframe, oembedURL string) {
	esc := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;").Replace
	script = `<div data-fivecalls-src="` + esc(base+"embed") + `"></div>` + "\n" +
		`<script src="` + esc(base+"web/embed.js") + `" async></script>`
	iframe = `<iframe src="` + esc(base+"embed") + `" title="` + esc(title) + `" width="100%" height="1400" ` +
		`loading="lazy" allow="web-share" style="border:0"></iframe>`
	return script, iframe, base
}

func (d *embedDialog) Render() app.UI {
	s := current().Story
	if s == nil {
		return app.Div()
	}
	script, iframe, page := embedSnippets(widgetBase(), s.Title)
	return app.Elem("details").Class("fc-embed").Body(
		app.Elem("summary").Text("Embed this interactive"),
		app.P().Text("Paste one of these into your article. The script version resizes itself; WordPress and other oEmbed sites only need the address."),
		d.snippet("fc-embed-script", "Self-sizing embed (recommended)", script),
		d.snippet("fc-embed-iframe", "Plain iframe", iframe),
		d.snippet("fc-embed-url", "Address for WordPress (oEmbed)", page),
		app.P().Class("fc-embed-status").Aria("live", "polite").Text(d.copied),
	)
}

func (d *embedDialog) snippet(id, label, text string) app.UI {
	return app.Div().Class("fc-snippet").Body(
		app.P().Class("fc-snippet-label").ID(id+"-label").Text(label),
		// A text node, not a <textarea>: go-app v9 prerenders a textarea's
		// text as a value attribute, which browsers ignore.
		app.Elem("pre").Aria("labelledby", id+"-label").TabIndex(0).Body(app.Elem("code").ID(id).Text(text)),
		app.Button().
			Class("fc-btn").
			Type("button").
			DataSet("target", id).
			OnClick(d.onCopy).
			Text("Copy"),
	)
}

// onCopy copies the snippet next to the button, or selects it for a manual
// copy where the clipboard is unavailable (an insecure page, a sandbox).
func (d *embedDialog) onCopy(ctx app.Context, e app.Event) {
	id := ctx.JSSrc().Get("dataset").Get("target").String()
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		return
	}
	text := el.Get("textContent").String()
	selectText(el)
	clip := app.Window().Get("navigator").Get("clipboard")
	if clip.Truthy() {
		clip.Call("writeText", text)
		d.copied = "Copied."
		return
	}
	d.copied = "Selected: press Ctrl+C or ⌘C to copy."
}

// selectText selects an element's text, for a manual copy.
func selectText(el app.Value) {
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() {
		return
	}
	r := app.Window().Get("document").Call("createRange")
	r.Call("selectNodeContents", el)
	sel.Call("removeAllRanges")
	sel.Call("addRange", r)
}
