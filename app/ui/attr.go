package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// attrText makes story text safe and faithful as an attribute value.
//
// go-app v9 writes prerendered attribute values with strconv.Quote instead of
// HTML escaping: a `"` in a story text would close the attribute (and could
// open new ones), and a non-breaking space or newline would show as `\u00a0`
// or `\n`. On the server every rune that strconv.Quote would rewrite, and the
// HTML-special ones, become numeric character references, which pass through
// strconv.Quote untouched and which the browser decodes back to the original
// text. In the browser go-app uses setAttribute, which needs no escaping.
func attrText(s string) string {
	if !app.IsServer {
		return s
	}
	return escapeAttr(s)
}

// escapeAttr is attrText's server half, separate so tests run it anywhere.
func escapeAttr(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '&' || r == '<' || r == '>' || r == '\'' || !strconv.IsPrint(r):
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
