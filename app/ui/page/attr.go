package page

import (
	"fmt"
	"strconv"
	"strings"
)

// attrText makes story text safe and faithful as an attribute value of the
// page.
//
// go-app v9 prints attribute values with strconv.Quote instead of HTML
// escaping: a `"` in a story text would close the attribute (and could open
// new ones), and a non-breaking space or newline would show as `\u00a0` or
// `\n`. Every rune that strconv.Quote would rewrite, and the HTML-special
// ones, become numeric character references, which pass through
// strconv.Quote untouched and which the browser decodes back to the
// original text.
func attrText(s string) string {
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
