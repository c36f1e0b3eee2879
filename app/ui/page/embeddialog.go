package page

import (
	"strconv"
	"strings"

	"fivecalls/app/locale"
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
// (height: what the embed needs on a phone with the default story, ui.Pages;
// web/page.js writes the story's own in as the dialog shows it) and the URL
// to paste into an oEmbed-aware CMS such as WordPress.
func embedSnippets(base, path, title string, height int) (script, iframe, oembedURL string) {
	esc := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;").Replace
	// The div names the frame (its title) and keeps room for it (its
	// height) until the widget tells its own: the article does not jump.
	script = `<div ` + ui.EmbedSrcAttr + `="` + esc(base+path) + `" ` + ui.EmbedTitleAttr + `="` + esc(title) + `" ` +
		ui.EmbedHeightAttr + `="` + strconv.Itoa(height) + `"></div>` + "\n" +
		`<script src="` + esc(base+"web/embed.js") + `" async></script>`
	iframe = `<iframe src="` + esc(base+path) + `" title="` + esc(title) + `" width="100%" height="` + strconv.Itoa(height) + `" ` +
		`loading="lazy" allow="web-share" style="border:0"></iframe>`
	return script, iframe, base + path
}

// FrameTitle is the accessible name of a frame showing these parts: the
// story's title, and for the quiz alone the quiz's own heading ("Quiz:
// Did you read it closely?"), so that an article with the map's frame and
// the quiz's can tell them apart by name.
func (w *Widget) FrameTitle(parts ui.Part) string {
	if parts == ui.PartQuiz && len(w.story.Quiz.Questions) > 0 {
		return w.quizHeading()
	}
	return w.story.Title
}

// embedLabels are what the embed dialog calls each embed, by its parts.
var embedLabels = map[ui.Part]locale.Key{
	ui.PartMap | ui.PartTimeline | ui.PartCard: locale.EmbedCompact,
	ui.PartQuiz:                locale.EmbedQuiz,
	ui.PartList | ui.PartNotes: locale.EmbedList,
	ui.AllParts:                locale.EmbedAll,
}

func (d *embedDialog) Render() app.UI {
	loc := d.w.loc
	choices := make([]app.UI, 0, len(ui.EmbedPages))
	groups := make([]app.UI, 0, len(ui.EmbedPages))
	base := d.w.base()
	relative := "" // the path the snippets are written with, when not an address
	if d.w.opts.PublicURL == "" {
		relative = base
	}
	for i, p := range ui.EmbedPages {
		if p.Parts == ui.PartQuiz && len(d.w.story.Quiz.Questions) == 0 {
			continue // a story without a quiz has no quiz to embed
		}
		n := strconv.Itoa(i)
		choices = append(choices, app.Elem("label").Class(ui.CheckClass).Body(
			radio(ui.EmbedPartName, ui.EmbedPartName+"-"+n, n, i == 0),
			app.Elem("span").Text(d.w.itemsText(embedLabels[p.Parts])),
		))
		script, iframe, page := embedSnippets(base, strings.TrimPrefix(p.Path, "/"), d.w.FrameTitle(p.Parts), d.w.EmbedHeight(p))
		snippets := []app.UI{
			snippet(loc, ui.SnippetIDPrefix+"script-"+n, loc.T(locale.SnippetScript), script, relative, ""),
			// The plain iframe's height is the default story's: page.js
			// measures this story's on the page named.
			snippet(loc, ui.SnippetIDPrefix+"iframe-"+n, loc.T(locale.SnippetIframe), iframe, relative, d.w.opts.BasePath+strings.TrimPrefix(p.Path, "/")),
		}
		if !d.w.opts.NoAPI { // a static host answers no oEmbed
			snippets = append(snippets, snippet(loc, ui.SnippetIDPrefix+"url-"+n, loc.T(locale.SnippetOembed), page, relative, ""))
		}
		groups = append(groups, app.Div().Attr(ui.PresetAttr, n).Body(snippets...))
	}
	body := []app.UI{
		app.Elem("summary").Text(loc.T(locale.EmbedTitle)),
		app.P().Text(loc.T(locale.EmbedIntro)),
		app.Elem("fieldset").Class(ui.EmbedPartsClass).Body(append([]app.UI{app.Elem("legend").Text(loc.T(locale.EmbedShow))}, choices...)...),
		// Hidden until page.js shows it: only a script follows the step.
		app.Elem("label").Class(ui.CheckClass).Attr("hidden", true).Body(
			app.Input().Type("checkbox").ID(ui.EmbedAtStepID),
			app.Elem("span").Text(loc.T(locale.EmbedAtStep)),
		),
	}
	body = append(body, groups...)
	body = append(body, app.P().Class(ui.EmbedStatusClass).Aria("live", "polite"))
	return app.Elem("details").Class(ui.EmbedClass).Body(body...)
}

func snippet(loc *locale.Locale, id, label, text, relative, measure string) app.UI {
	code := app.Elem("code").ID(id).Text(text)
	if relative != "" {
		code = code.Attr(ui.SnippetBaseAttr, relative)
	}
	if measure != "" {
		code = code.Attr(ui.SnippetPageAttr, measure)
	}
	return app.Div().Class(ui.SnippetClass).Body(
		app.P().Class(ui.SnippetLabelClass).ID(id+"-label").Text(label),
		// A text node, not a <textarea>: go-app v9 prerenders a textarea's
		// text as a value attribute, which browsers ignore.
		app.Elem("pre").Aria("labelledby", id+"-label").TabIndex(0).Body(code),
		app.Button().
			Class(ui.ButtonClass).
			Type("button").
			Attr(ui.ControlAttr, ui.ControlCopy).
			Attr(ui.TargetAttr, id).
			Aria("describedby", id+"-label"). // which of the dialog's Copy buttons
			Attr(ui.DoneAttr, attrText(loc.T(locale.CopyDone))).
			Attr(ui.FallbackAttr, attrText(loc.T(locale.CopyManual))).
			Text(loc.T(locale.Copy)),
	)
}
