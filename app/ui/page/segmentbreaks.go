package page

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// dropUnwrittenSpaces takes the spaces out of the page's text where the
// language writes none: beside a Japanese or Chinese full-width mark, whose
// cell holds its own space (時刻と所要時間：例示出版, not 時刻と所要時間： 例示出版).
// go-app v9 prints a line break between an element's children, and the
// components end a text with a space before what follows it; a browser
// shows either as a space. (CSS Text has a browser drop a line break
// beside a full-width mark; Chromium does not.) It keeps every space
// within a tag and in <pre> (verbatimElements), and a space
// across the tag of any element but the text's own (textElements): between
// two labels, or two paragraphs, a space parts boxes, not words.
//
// It reads go-app's output: tags whose quoted values hold no `"` (see
// attrText), text escaped by html.EscapeString.
func dropUnwrittenSpaces(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page))
	var before rune // the last character of text that is not a space, through tags
	verbatim := 0   // depth of verbatimElements
	for i := 0; i < len(page); {
		ch := page[i]
		switch {
		case ch == '<':
			end := tagEnd(page, i)
			verbatim = max(0, verbatim+verbatimDepth(page[i:end]))
			if !textElement(page[i:end]) {
				before = 0 // a box's edge: what was before it is not on this run of text
			}
			out.Write(page[i:end])
			i = end
		case isSpace(ch) && verbatim == 0:
			// The spaces up to the next character of text, with the tags
			// between them: all stay, or all go.
			end, after := i, rune(0)
			for end < len(page) {
				if page[end] == '<' {
					tag := tagEnd(page, end)
					if !textElement(page[end:tag]) {
						break // a box's edge, or a <pre>, which keeps its own spaces
					}
					end = tag
					continue
				}
				if !isSpace(page[end]) {
					after, _ = utf8.DecodeRune(page[end:])
					break
				}
				end++
			}
			drop := before != 0 && after != 0 && joinsWithoutSpace(before, after)
			for i < end {
				if page[i] == '<' {
					tag := tagEnd(page, i)
					out.Write(page[i:tag])
					i = tag
					continue
				}
				if !drop {
					out.WriteByte(page[i])
				}
				i++
			}
		default:
			r, size := utf8.DecodeRune(page[i:])
			out.Write(page[i : i+size])
			if !isSpace(ch) {
				before = r
			}
			i += size
		}
	}
	return out.Bytes()
}

// isSpace: the spaces of HTML text that a browser collapses.
func isSpace(ch byte) bool {
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'
}

// tagEnd is the index just after the tag that starts at i, outside quoted
// values.
func tagEnd(page []byte, i int) int {
	quoted := false
	for j := i + 1; j < len(page); j++ {
		switch page[j] {
		case '"':
			quoted = !quoted
		case '>':
			if !quoted {
				return j + 1
			}
		}
	}
	return len(page)
}

// textElements are the elements that hold a run of text in the page's
// markup: a space beside one of their tags is a space in the text.
var textElements = []string{"a", "abbr", "b", "cite", "code", "em", "i", "q", "small", "span", "strong", "time"}

// verbatimElements keep their spaces as they are: they are the text's own
// (<pre>), or not text at all.
var verbatimElements = []string{"pre", "script", "style", "textarea"}

// tagName is the lower-case name of the element a tag opens or closes.
func tagName(tag []byte) (name string, closing bool) {
	tag = bytes.TrimPrefix(tag, []byte("<"))
	if bytes.HasPrefix(tag, []byte("/")) {
		tag, closing = tag[1:], true
	}
	if i := bytes.IndexAny(tag, " \t\n\r\f/>"); i >= 0 {
		tag = tag[:i]
	}
	return string(bytes.ToLower(tag)), closing
}

// textElement reports whether tag opens or closes one of textElements.
func textElement(tag []byte) bool {
	name, _ := tagName(tag)
	return slices.Contains(textElements, name)
}

// verbatimDepth is +1 for a tag that opens one of verbatimElements, -1 for
// one that closes it, 0 for any other.
func verbatimDepth(tag []byte) int {
	name, closing := tagName(tag)
	switch {
	case !slices.Contains(verbatimElements, name):
		return 0
	case closing:
		return -1
	}
	return 1
}

// joinsWithoutSpace reports whether two runs of text, the first ending in
// before and the next starting with after, take no space between them on
// a line: where either is a full-width mark.
func joinsWithoutSpace(before, after rune) bool {
	return strings.ContainsRune(FullWidthMarks, before) || strings.ContainsRune(FullWidthMarks, after)
}
