package page

import (
	"strconv"
	"strings"

	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// embedDialog gives editors what they paste into a CMS: the self-sizing
// script snippet, a plain iframe and the oEmbed URL, each with a Copy
// button (web/page.js), for each of the embeds (ui.EmbedPages). It is a
// disclosure, so it opens without a script; the snippets can be selected by
// hand.
type embedDialog struct {
	app.Compo

	w *Widget
}

func newEmbedDialog(w *Widget) *embedDialog { return &embedDialog{w: w} }

// embedSnippets returns, for an embed's address (its path under the
// widget's base, e.g. "embed/quiz"), the script snippet, the iframe snippet
// (height: what the embed needs on a phone) and the URL to paste into an
// oEmbed-aware CMS such as WordPress.
func embedSnippets(base, path, title string, height int) (script, iframe, oembedURL string) {
	esc := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;").Replace
	script = `<div ` + ui.EmbedSrcAttr + `="` + esc(base+path) + `"></div>` + "\n" +
		`<script src="` + esc(base+"web/embed.js") + `" async></script>`
	iframe = `<iframe src="` + esc(base+path) + `" title="` + esc(title) + `" width="100%" height="` + strconv.Itoa(height) + `" ` +
		`loading="lazy" allow="web-share" style="border:0"></iframe>`
	return script, iframe, base + path
}

func (d *embedDialog) Render() app.UI {
	choices := make([]app.UI, 0, len(ui.EmbedPages))
	groups := make([]app.UI, 0, len(ui.EmbedPages))
	for i, p := range ui.EmbedPages {
		n := strconv.Itoa(i)
		choices = append(choices, app.Elem("label").Class(ui.CheckClass).Body(
			radio(ui.EmbedPartName, ui.EmbedPartName+"-"+n, n, i == 0),
			app.Elem("span").Text(p.Label),
		))
		script, iframe, page := embedSnippets(d.w.base(), strings.TrimPrefix(p.Path, "/"), d.w.story.Title, p.Height)
		groups = append(groups, app.Div().Attr(ui.PresetAttr, n).Body(
			snippet(ui.SnippetIDPrefix+"script-"+n, "Self-sizing embed (recommended)", script),
			snippet(ui.SnippetIDPrefix+"iframe-"+n, "Plain iframe", iframe),
			snippet(ui.SnippetIDPrefix+"url-"+n, "Address for WordPress (oEmbed)", page),
		))
	}
	body := []app.UI{
		app.Elem("summary").Text("Embed this interactive"),
		app.P().Text("Choose what to show, then paste one of these into your article. The script version resizes itself; WordPress and other oEmbed sites only need the address."),
		app.Elem("fieldset").Class(ui.EmbedPartsClass).Body(append([]app.UI{app.Elem("legend").Text("Show")}, choices...)...),
	}
	body = append(body, groups...)
	body = append(body, app.P().Class(ui.EmbedStatusClass).Aria("live", "polite"))
	return app.Elem("details").Class(ui.EmbedClass).Body(body...)
}

func snippet(id, label, text string) app.UI {
	return app.Div().Class(ui.SnippetClass).Body(
		app.P().Class(ui.SnippetLabelClass).ID(id+"-label").Text(label),
		// A text node, not a <textarea>: go-app v9 prerenders a textarea's
		// text as a value attribute, which browsers ignore.
		app.Elem("pre").Aria("labelledby", id+"-label").TabIndex(0).Body(app.Elem("code").ID(id).Text(text)),
		app.Button().
			Class(ui.ButtonClass).
			Type("button").
			Attr(ui.ControlAttr, ui.ControlCopy).
			Attr(ui.TargetAttr, id).
			Text("Copy"),
	)
}
