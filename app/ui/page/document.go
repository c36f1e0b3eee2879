package page

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"fivecalls/app/ui"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// document is the HTML around the widget. It is written here, with
// html/template's escaping, rather than by go-app's Handler: that one
// quotes attributes with strconv.Quote, blocks zoom in its viewport, shows
// a loading screen over the page and starts the WebAssembly at once, all of
// which the widget would have to undo.
//
// The head links the state stylesheets (the page's, and its rules about
// the steps on the radios, which the script turns off) and the widget's
// stylesheet, and the
// page's script (not deferred: it runs before the first paint, see
// web/page.js), in an author's preview the live preview's (web/live.js), with the zone table as data for the animated clock. The
// body starts with go-app's mount point: the WebAssembly mounts its
// component there, replacing that empty element and nothing else.
var document = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}" class="{{.StepClasses}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<meta name="theme-color" content="{{.ThemeColor}}">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Description}}">
<meta property="og:type" content="website">
<link rel="icon" href="{{.Icon}}">
<link rel="apple-touch-icon" href="{{.AppleTouchIcon}}">
<link rel="manifest" href="{{.Manifest}}">
<link rel="stylesheet" href="{{.StateCSS}}">
<link rel="stylesheet" href="{{.RadioStepsCSS}}" id="{{.RadioStepsID}}">
<link rel="stylesheet" href="{{.AppCSS}}">
<script src="{{.Script}}"></script>
{{- if .LiveScript}}
<script src="{{.LiveScript}}" defer></script>
{{- end}}
<script type="application/json" id="{{.ZonesID}}">{{.Zones}}</script>
<noscript><link rel="stylesheet" href="{{.NoScriptCSS}}"></noscript>
{{.Head}}</head>
<body><div class="{{.MountClass}}"></div>
{{.Body}}
</body>
</html>
`))

// stepClasses are the classes on <html> that hold the step shown, as
// web/page.js keeps them once it runs (ui.ScriptStepsClass): the server
// writes the first, so that the page's first styling, before its script's
// DOMContentLoaded, already follows them, and the script need not restyle
// the story to take over from the radios.
func (w *Widget) stepClasses(step int) string {
	upTo := step
	if step == 0 {
		upTo = len(w.calls)
	}
	var b strings.Builder
	b.WriteString(ui.AtClassPrefix + strconv.Itoa(step))
	for s := 1; s <= upTo; s++ {
		b.WriteString(" " + ui.UpToClassPrefix + strconv.Itoa(s))
	}
	return b.String()
}

// ThemeColors are the story's colours for the installed app's window and
// the browser's toolbar: its own, or the widget's.
func ThemeColors(theme, background string) (string, string) {
	if theme == "" {
		theme = "#1d3557"
	}
	if background == "" {
		background = "#ffffff"
	}
	return theme, background
}

// Render renders the page an address opens, as a whole HTML document. head
// is markup the server adds to the head, already escaped: link previews,
// oEmbed discovery.
func (w *Widget) Render(a ui.Address, head template.HTML) ([]byte, error) {
	theme, _ := ThemeColors(w.story.Theme.Color, w.story.Theme.Background)
	liveScript := "" // an author's preview only
	if w.opts.Live != "" {
		liveScript = w.asset("web/live.js")
	}
	body := markup(newRoot(w, a))
	var b bytes.Buffer
	err := document.Execute(&b, map[string]any{
		"Lang":           w.loc.Lang(),
		"StepClasses":    w.stepClasses(a.Step),
		"Dir":            w.loc.Dir(),
		"Title":          w.story.Title,
		"Description":    w.story.Dek,
		"ThemeColor":     theme,
		"Icon":           w.asset("web/icon.svg"),
		"AppleTouchIcon": w.asset("web/apple-touch-icon.png"),
		"Manifest":       w.asset("manifest.webmanifest"),
		"StateCSS":       w.asset("state.css"),
		"RadioStepsCSS":  w.asset("radio-steps.css"),
		"RadioStepsID":   ui.RadioStepsID,
		"AppCSS":         w.asset("web/app.css"),
		"Script":         w.asset("web/page.js"),
		"NoScriptCSS":    w.asset("web/noscript.css"),
		"LiveScript":     liveScript,
		"ZonesID":        ui.ZonesID,
		// json.Marshal escapes <, > and &, so the table cannot end its
		// script element.
		"Zones":      template.JS(w.zones),
		"MountClass": ui.MountClass,
		"Head":       head,
		"Body":       template.HTML(body),
	})
	if err != nil {
		return nil, fmt.Errorf("render the page: %w", err)
	}
	return b.Bytes(), nil
}

// markup is the HTML of a part of the page as the server sends it:
// go-app's, with its bare attributes written out and the spaces the
// language does not write taken out.
func markup(part app.UI) []byte {
	return dropUnwrittenSpaces(fixBareAttributes([]byte(app.HTMLString(part))))
}

// fixBareAttributes writes ="true" after the aria-* and data-* attributes
// go-app v9 prints bare: it omits a value of "true", which is right for
// boolean attributes such as checked, but an empty aria-hidden is not
// "true" to a browser, nor an empty data-x to the selector [data-x="true"].
// It reads tags only, outside quoted values.
func fixBareAttributes(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page) + 1024)
	inTag, quoted := false, false
	for i := 0; i < len(page); i++ {
		ch := page[i]
		switch {
		case quoted:
			if ch == '"' {
				quoted = false
			}
		case inTag && ch == '"':
			quoted = true
		case inTag && ch == '>':
			inTag = false
		case !inTag && ch == '<' && i+1 < len(page) && isLetter(page[i+1]):
			inTag = true
		case inTag && ch == ' ' && (bytes.HasPrefix(page[i+1:], []byte("aria-")) || bytes.HasPrefix(page[i+1:], []byte("data-"))):
			j := i + 1
			for j < len(page) && (isLetter(page[j]) || page[j] == '-' || (page[j] >= '0' && page[j] <= '9')) {
				j++
			}
			out.Write(page[i:j])
			if j < len(page) && page[j] != '=' {
				out.WriteString(`="true"`)
			}
			i = j - 1
			continue
		}
		out.WriteByte(ch)
	}
	return out.Bytes()
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
