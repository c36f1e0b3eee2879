package ui

import (
	"fmt"
	"strconv"
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

// widgetBase is the widget's public base address, ending in "/": the
// public URL, or else the path it is served under.
func widgetBase() string {
	c := current()
	if c.PublicURL != "" {
		return c.PublicURL
	}
	if c.BasePath != "" {
		return c.BasePath
	}
	return "/"
}

// embedSnippets returns, for an embed's address (its path under the
// widget's base, e.g. "embed/quiz"), the script snippet, the iframe snippet
// (height: what the embed needs on a phone) and the URL to paste into an
// oEmbed-aware CMS such as WordPress.
func embedSnippets(base, path, title string, height int) (script, iframe, oembedURL string) {
	esc := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;").Replace
	script = `<div ` + EmbedSrcAttr + `="` + esc(base+path) + `"></div>` + "\n" +
		`<script src="` + esc(base+"web/embed.js") + `" async></script>`
	iframe = `<iframe src="` + esc(base+path) + `" title="` + esc(title) + `" width="100%" height="` + strconv.Itoa(height) + `" ` +
		`loading="lazy" allow="web-share" style="border:0"></iframe>`
	return script, iframe, base + path
}

func (d *embedDialog) Render() app.UI {
	s := current().Story
	if s == nil {
		return app.Div()
	}
	choices := make([]app.UI, 0, len(EmbedPresets))
	groups := make([]app.UI, 0, len(EmbedPresets))
	for i, p := range EmbedPresets {
		id := fmt.Sprintf("%s-%d", EmbedPartName, i)
		choices = append(choices, app.Elem("label").Class("fc-check").Body(
			radio(EmbedPartName, id, fmt.Sprint(i), i == 0),
			app.Elem("span").Text(p.Label),
		))
		path := strings.TrimPrefix(Address{Embed: true, Parts: p.Parts}.Path(), "/")
		script, iframe, page := embedSnippets(widgetBase(), path, s.Title, p.Height())
		groups = append(groups, app.Div().Attr(PresetAttr, fmt.Sprint(i)).Body(
			snippet(fmt.Sprintf("fc-embed-script-%d", i), "Self-sizing embed (recommended)", script),
			snippet(fmt.Sprintf("fc-embed-iframe-%d", i), "Plain iframe", iframe),
			snippet(fmt.Sprintf("fc-embed-url-%d", i), "Address for WordPress (oEmbed)", page),
		))
	}
	body := []app.UI{
		app.Elem("summary").Text("Embed this interactive"),
		app.P().Text("Choose what to show, then paste one of these into your article. The script version resizes itself; WordPress and other oEmbed sites only need the address."),
		app.Elem("fieldset").Class("fc-embed-parts").Body(append([]app.UI{app.Elem("legend").Text("Show")}, choices...)...),
	}
	body = append(body, groups...)
	body = append(body, app.P().Class("fc-embed-status").Aria("live", "polite"))
	return app.Elem("details").Class("fc-embed").Body(body...)
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
