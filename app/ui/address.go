package ui

import (
	"net/url"
	"strconv"
	"strings"
)

// Address is what a widget URL selects: the page (the widget or its embed
// form), the call it opens at and the colour theme. It is read in one place,
// ParseAddress, by the prerender, the page cache, oEmbed and the export, so
// all of them agree on what a URL means.
type Address struct {
	Embed bool
	// Call is the call to open at, 1-based; 0 when the URL names none: the
	// page opens on the overview of every call.
	Call int
	// Theme is "light" or "dark", or "" for the reader's own preference.
	Theme string
}

// Paths of the widget's pages, relative to its base.
const (
	PathHome  = "/"
	PathEmbed = "/embed"
)

// ParseAddress reads an address from a path relative to the widget's base
// ("/", "/embed", "/embed/index.html", …) and a query, for a story with the
// given number of calls. Anything it does not understand is ignored: a call
// outside 1…calls, an unknown theme, other parameters.
func ParseAddress(path string, q url.Values, calls int) Address {
	var a Address
	a.Embed = isEmbedPath(path) || q.Get("embed") == "1"
	if n, err := strconv.Atoi(q.Get("call")); err == nil && n >= 1 && n <= calls {
		a.Call = n
	}
	switch t := q.Get("theme"); t {
	case "light", "dark":
		a.Theme = t
	}
	return a
}

// Query is the address's canonical query string (without the page, which
// the path carries): the same address always gives the same string.
func (a Address) Query() url.Values {
	q := url.Values{}
	if a.Call > 0 {
		q.Set("call", strconv.Itoa(a.Call))
	}
	if a.Theme != "" {
		q.Set("theme", a.Theme)
	}
	return q
}

// isEmbedPath reports whether a path relative to the widget's base is one
// of the embed page's: /embed on a server, embed/ or embed/index.html in a
// static export.
func isEmbedPath(p string) bool {
	p = "/" + strings.TrimPrefix(p, "/")
	return p == PathEmbed || p == PathEmbed+"/" || p == PathEmbed+"/index.html"
}
