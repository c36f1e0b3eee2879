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
// within a tag and in <pre>, whose spaces are the text's own, and a space
// across the tag of any element but the text's own (textElements): between
// two labels, or two paragraphs, a space parts boxes, not words.
//
// It reads go-app's output: tags whose quoted values hold no `"` (see
// attrText), text escaped by html.EscapeString.
func dropUnwrittenSpaces(page []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(page))
	var before rune // the last character of text that is not a space, through tags
	pre := 0        // depth of <pre>
	for i := 0; i < len(page); {
		ch := page[i]
		switch {
		case ch == '<':
			end := tagEnd(page, i)
			pre = max(0, pre+preDepth(page[i:end]))
			if !textElement(page[i:end]) {
				before = 0 // a box's edge: what was before it is not on this run of text
			}
			out.Write(page[i:end])
			i = end
		case isSpace(ch) && pre == 0:
			// The spaces up to the next character of text, with the tags
			// between them: all stay, or all go.
			end, after := i, rune(0)
			for end < len(page) {
				if page[end] == '<' {
					tag := tagEnd(page, end)
					if !textElement(page[end:tag]) {
						break // a box's edge, or a <pre>, which decides its own spaces
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

// textElement reports whether tag opens or closes one of textElements.
func textElement(tag []byte) bool {
	name := bytes.TrimPrefix(bytes.TrimPrefix(tag, []byte("<")), []byte("/"))
	if i := bytes.IndexAny(name, " />"); i >= 0 {
		name = name[:i]
	}
	return slices.Contains(textElements, string(bytes.ToLower(name)))
}

// preDepth is +1 for a tag that opens a <pre>, -1 for one that closes it.
func preDepth(tag []byte) int {
	d := 1
	name := tag
	if bytes.HasPrefix(name, []byte("</")) {
		d, name = -1, name[2:]
	} else {
		name = name[1:]
	}
	if len(name) > 3 && bytes.EqualFold(name[:3], []byte("pre")) && (name[3] == '>' || name[3] == ' ' || name[3] == '/') {
		return d
	}
	return 0
}

// joinsWithoutSpace reports whether two runs of text, the first ending in
// before and the next starting with after, take no space between them on
// a line: where either is a full-width mark.
func joinsWithoutSpace(before, after rune) bool {
	return strings.ContainsRune(fullWidthMarks, before) || strings.ContainsRune(fullWidthMarks, after)
}
