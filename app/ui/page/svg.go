package page

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const svgNS = "http://www.w3.org/2000/svg"

// svg makes an SVG element. go-app v9 has no SVG API: every element needs
// the namespace, or the browser creates an invisible HTMLUnknownElement.
// Do not use .Class() on the result: v9 sets className, which SVG elements
// ignore in the browser; use data-* attributes for styling hooks.
func svg(tag string) app.HTMLElem {
	return app.Elem(tag).XMLNS(svgNS)
}

// fx formats a coordinate with one decimal, enough at a 1000-unit viewBox.
func fx(v float64) string {
	return strconv.FormatFloat(v, 'f', 1, 64)
}
