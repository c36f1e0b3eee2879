package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// embedDialog gives editors what they paste into a CMS: the self-sizing
// script snippet, a plain iframe and the oEmbed URL, each with a Copy
// button (web/widget.js). It is a disclosure, so it opens without a script;
// the snippets can be selected by hand.
type embedDialog struct {
	app.Compo
}

func newEmbedDialog() *embedDialog { return &embedDialog{} }

// widgetBase is the widget's public base address, ending in "/".
func widgetBase() string {
	if b := current().PublicURL; b != "" {
		return b
	}
	return "/"
}

// embedSnippets returns the script snippet, the iframe snippet and the URL
// to paste into an oEmbed-aware CMS such as WordPress.
func embedSnippets(base, title string) (script, iframe, oembedURL string) {
	esc := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;").Replace
	script = `<div ` + EmbedSrcAttr + `="` + esc(base+"embed") + `"></div>` + "\n" +
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
		snippet("fc-embed-script", "Self-sizing embed (recommended)", script),
		snippet("fc-embed-iframe", "Plain iframe", iframe),
		snippet("fc-embed-url", "Address for WordPress (oEmbed)", page),
		app.P().Class("fc-embed-status").Aria("live", "polite"),
	)
}

func snippet(id, label, text string) app.UI {
	return app.Div().Class("fc-snippet").Body(
		app.P().Class("fc-snippet-label").ID(id+"-label").Text(label),
		// A text node, not a <textarea>: go-app v9 prerenders a textarea's
		// text as a value attribute, which browsers ignore.
		app.Elem("pre").Aria("labelledby", id+"-label").TabIndex(0).Body(app.Elem("code").ID(id).Text(text)),
		app.Button().
			Class("fc-btn").
			Type("button").
			Attr(ControlAttr, "copy").
			Attr(TargetAttr, id).
			Text("Copy"),
	)
}
