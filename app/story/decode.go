package story

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxFileSize is the largest story file accepted, in bytes. The default story
// is about a tenth of it; the limit lets a server read an uploaded or mounted
// file without being made to parse megabytes.
const MaxFileSize = 1 << 20

// maxDepth bounds nesting: a story is six levels deep, and a file nested
// thousands deep is an attack, not a story.
const maxDepth = 32

// Decode reads a story file strictly: it rejects files over MaxFileSize,
// text that is not UTF-8, anything that is not one JSON object, unknown or
// repeated fields, values of the wrong type and anything after the closing
// brace. It reports every such problem at once, as Problems, each with its
// JSON path and line:column. Decode does not check the story's content; Load
// does both.
func Decode(data []byte) (*Story, error) {
	s, _, c := decode(data)
	if err := c.result(); err != nil {
		return nil, err
	}
	return s, nil
}

// decode reads what it can. It returns a nil story only when the file cannot
// be read as a story at all (too big, not JSON); otherwise the story holds
// every well-typed value, so Load can go on to report content problems in
// the same pass as unknown fields. The collector holds the problems found
// and the path index that places them.
func decode(data []byte) (*Story, *index, *collector) {
	if len(data) > MaxFileSize {
		// Reject before indexing: a 10 MB file costs nothing but this check.
		c := &collector{}
		size := byteSize(len(data))
		if len(data) == MaxFileSize+1 {
			// A read stopped one byte past the limit (a pipe's, which
			// has no size to ask for) knows only that.
			size = "over " + byteSize(MaxFileSize)
		}
		c.add(RootPath, "the file is %s; a story file may be at most %s", size, byteSize(MaxFileSize))
		return nil, nil, c
	}
	ix := newIndex(data)
	c := &collector{ix: ix}
	if enc := wideEncoding(data); enc != "" {
		c.addAt(RootPath, 0, "the file is saved as %s; save it as UTF-8 (without BOM)", enc)
		return nil, ix, c
	}
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		c.addAt(RootPath, 0, "the file starts with a byte order mark; save it as UTF-8 without BOM")
		return nil, ix, c
	}
	if len(bytes.TrimSpace(data)) == 0 {
		c.addAt(RootPath, 0, "the file is empty; a story file is one JSON object")
		return nil, ix, c
	}

	w := &walker{data: data, dec: json.NewDecoder(bytes.NewReader(data)), c: c}
	w.dec.UseNumber()
	readable := w.value("", reflect.TypeFor[Story](), 0)
	if readable {
		if rest := bytes.TrimLeft(data[w.dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
			c.addAt(RootPath, len(data)-len(rest), "there is more after the end of the story; a story file holds exactly one JSON object")
		} else if !json.Valid(data) {
			// A safety net: json.Decoder.Token is more lenient than JSON.
			w.syntax(RootPath, 0, errors.New("invalid JSON"))
			readable = false
		}
	}
	if readable && bytes.TrimLeft(data, " \t\r\n")[0] != '{' {
		// A list, a text, a number or null is not a story: the story's
		// fields would all be reported missing, repeating it.
		if len(c.probs) == 0 {
			c.addAt(RootPath, 0, "expected an object, found null: a story file is one JSON object, { … }")
		}
		readable = false
	}
	checkUTF8(data, c)
	if !readable {
		return nil, ix, c
	}

	// The walk found every unknown field and type error; encoding/json now
	// fills the structs, skipping values of the wrong type. Should it still
	// object to something the walk let through, that is mapped too.
	var s Story
	strict := len(c.probs) == 0
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(&s); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case !strict:
			// Already reported by the walk (a type error, or a message
			// refusing its JSON); encoding/json filled the rest (Messages
			// keeps the messages that read).
		case errors.As(err, &te):
			off := int(te.Offset) - 1
			c.addAt(ix.pathAt(off), off, "expected %s, found %s", kindName(te.Type), te.Value)
		default:
			c.addAt(RootPath, -1, "the file could not be read: %s", strings.TrimPrefix(err.Error(), "json: "))
			return nil, ix, c
		}
	}
	return &s, ix, c
}

// walker reads the file token by token alongside the Go types it will fill,
// recording where every value starts and every mismatch, so that one pass
// reports all unknown fields and type errors (encoding/json stops at the
// first unknown field and reports no position for it).
type walker struct {
	data []byte
	dec  *json.Decoder
	c    *collector
}

// value reads one value at path, expected to fit t (nil: skip, unchecked).
// It returns false when the file cannot be read further.
func (w *walker) value(path string, t reflect.Type, depth int) bool {
	// An optional value (a pointer, such as map.center) is checked as the
	// value it points to.
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	off := skipSpace(w.data, int(w.dec.InputOffset()))
	if depth > maxDepth {
		w.c.addAt(path, off, "the file nests lists and objects more than %d levels deep", maxDepth)
		return false
	}
	if t != nil && t.Kind() != reflect.Map && reflect.PointerTo(t).Implements(unmarshaler) {
		return w.own(path, off, t, depth)
	}
	tok, err := w.dec.Token()
	if err != nil {
		w.syntax(path, off, err)
		return false
	}
	w.c.ix.add(path, off)
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			return w.object(path, off, t, depth)
		case '[':
			return w.array(path, off, t, depth)
		}
		// Token lets a trailing comma through; JSON does not.
		w.syntax(path, off, errors.New("unexpected "+tok.String()))
		return false
	case string:
		w.expect(path, off, t, reflect.String, "text "+quote(tok))
	case bool:
		w.expect(path, off, t, reflect.Bool, strconv.FormatBool(tok))
	case json.Number:
		w.number(path, off, t, string(tok))
	case nil:
		// null leaves the Go zero value, as encoding/json does; validation
		// then reports a required field as missing.
	}
	return true
}

// unmarshaler is the interface of a type that reads its own JSON.
var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// own reads a value of a type that reads its own JSON (a message, text or
// plural forms): the walk indexes its parts, and the type says what is
// wrong with it, at its place.
func (w *walker) own(path string, off int, t reflect.Type, depth int) bool {
	if !w.value(path, nil, depth) {
		return false
	}
	raw := w.data[off:w.dec.InputOffset()]
	if err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		w.c.addAt(path, off, "%s", err.Error())
	}
	return true
}

func (w *walker) object(path string, off int, t reflect.Type, depth int) bool {
	// An object is a struct, whose fields are known, or a map by text
	// (messages by key), whose keys validation checks.
	var elem reflect.Type
	isMap := t != nil && t.Kind() == reflect.Map && t.Key().Kind() == reflect.String
	if isMap {
		elem, t = t.Elem(), nil
	} else if t != nil && t.Kind() != reflect.Struct {
		w.mismatch(path, off, t, "an object")
		t = nil
	}
	var fields map[string]reflect.Type
	if t != nil {
		fields = jsonFields(t)
	}
	seen := map[string]bool{}
	for n := 0; w.dec.More(); n++ {
		if n > 0 && w.trailingComma(path, '}') {
			return false
		}
		koff := skipSpace(w.data, int(w.dec.InputOffset()))
		tok, err := w.dec.Token()
		if err != nil {
			w.syntax(path, koff, err)
			return false
		}
		key, ok := tok.(string)
		if !ok {
			w.syntax(path, koff, errors.New("expected an object key"))
			return false
		}
		kpath := fieldPath(path, key)
		ft, known := fields[key]
		switch {
		case t != nil && !known:
			w.c.addAt(kpath, koff, "unknown field %s%s", quote(key), suggest(key, fields))
		case seen[key]:
			w.c.addAt(kpath, koff, "the field %s appears twice in this object; keep one", quote(key))
		}
		seen[key] = true
		if isMap {
			ft = elem
		}
		if !w.value(kpath, ft, depth+1) {
			return false
		}
	}
	if _, err := w.dec.Token(); err != nil { // the closing brace
		w.syntax(path, skipSpace(w.data, int(w.dec.InputOffset())), err)
		return false
	}
	return true
}

func (w *walker) array(path string, off int, t reflect.Type, depth int) bool {
	var elem reflect.Type
	if t != nil {
		if t.Kind() == reflect.Slice {
			elem = t.Elem()
		} else {
			w.mismatch(path, off, t, "a list")
		}
	}
	for i := 0; w.dec.More(); i++ {
		if i > 0 && w.trailingComma(path, ']') {
			return false
		}
		if !w.value(indexPath(path, i), elem, depth+1) {
			return false
		}
	}
	if _, err := w.dec.Token(); err != nil { // the closing bracket
		w.syntax(path, skipSpace(w.data, int(w.dec.InputOffset())), err)
		return false
	}
	return true
}

// number checks a number against the Go kind exactly as encoding/json will
// parse it, so the decode that follows cannot fail on it.
func (w *walker) number(path string, off int, t reflect.Type, n string) {
	if t == nil {
		return
	}
	switch t.Kind() {
	case reflect.Int:
		if _, err := strconv.ParseInt(n, 10, strconv.IntSize); err != nil {
			if f, ferr := strconv.ParseFloat(n, 64); ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				// 2.0 or 2e0: whole, and JSON Schema's "integer" takes
				// it, but encoding/json does not.
				w.c.addAt(path, off, "write the whole number %s without a decimal point or exponent (found %s)", strconv.FormatFloat(f, 'f', -1, 64), clip(n))
			} else if errors.Is(err, strconv.ErrRange) {
				w.c.addAt(path, off, "the number %s is too large", clip(n))
			} else {
				w.c.addAt(path, off, "expected a whole number, found %s", clip(n))
			}
		}
	case reflect.Float64:
		if _, err := strconv.ParseFloat(n, 64); err != nil {
			w.c.addAt(path, off, "the number %s is too large", clip(n))
		}
	default:
		w.mismatch(path, off, t, "the number "+clip(n))
	}
}

func (w *walker) expect(path string, off int, t reflect.Type, k reflect.Kind, found string) {
	if t != nil && t.Kind() != k {
		w.mismatch(path, off, t, found)
	}
}

func (w *walker) mismatch(path string, off int, t reflect.Type, found string) {
	w.c.addAt(path, off, "expected %s, found %s", kindName(t), found)
}

// trailingComma reports a comma after the last value of the object or
// list at path, whose closing bracket is end, and says whether there is
// one. json.Decoder takes the bracket after it for a missing key or value
// and reports that at the bracket, which sends an editor to the wrong
// mistake at the wrong place; a trailing comma is the commonest slip in
// hand-written JSON, so it is named, at the comma.
func (w *walker) trailingComma(path string, end byte) bool {
	comma := skipBlanks(w.data, int(w.dec.InputOffset()))
	if comma >= len(w.data) || w.data[comma] != ',' {
		return false
	}
	if next := skipBlanks(w.data, comma+1); next >= len(w.data) || w.data[next] != end {
		return false
	}
	what := "item of this list"
	if end == '}' {
		what = "field of this object"
	}
	w.c.addAt(path, comma, "there is a trailing comma after the last %s, which JSON does not allow; remove it", what)
	return true
}

// syntax reports why the file stopped being JSON, where it did. The offsets
// in json.Decoder's errors are sometimes absolute and sometimes relative to
// the value being read, so the place is found again by a plain scan of the
// whole file, whose offsets are always absolute.
func (w *walker) syntax(path string, off int, err error) {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		w.c.addAt(path, len(w.data), "the file ends in the middle of the story; is it cut off?")
		return
	}
	var se *json.SyntaxError
	if errors.As(json.Unmarshal(w.data, new(any)), &se) {
		if se.Error() == "unexpected end of JSON input" {
			w.c.addAt(path, len(w.data), "the file ends in the middle of the story; is it cut off?")
			return
		}
		off = max(int(se.Offset)-1, 0)
		err = se
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if hint := syntaxHint(w.data, off, msg); hint != "" {
		msg = hint
	}
	w.c.addAt(path, off, "this is not valid JSON: %s", msg)
}

// curlyQuotes are the quotation marks a word processor or a phone's
// keyboard types, which JSON does not take for its double quote.
const curlyQuotes = "“”„‟″«»‘’‚"

// syntaxHint says in an editor's words what the commonest slips that stop
// a file being JSON are, where encoding/json's message would puzzle them
// ("invalid character 'â'" is the first byte of a curly quote); "" for
// the others, whose message stands.
func syntaxHint(data []byte, off int, msg string) string {
	if off < len(data) {
		r, _ := utf8.DecodeRune(data[off:])
		switch {
		case strings.ContainsRune(curlyQuotes, r):
			return fmt.Sprintf("%s is a curly quotation mark, as a word processor or a phone's keyboard writes them, where JSON needs a straight double quote (\"): put \" around names and texts (inside a text, curly quotes may stay)", string(r))
		case bytes.HasPrefix(data[off:], []byte("//")) || bytes.HasPrefix(data[off:], []byte("/*")):
			return "JSON has no comments (// or /* */); remove the comment"
		}
	}
	switch {
	case strings.Contains(msg, `'\n' in string literal`):
		return "a text runs on to the end of its line without its closing quote (\"); add the quote where the text ends (a line break inside a text is written \\n)"
	case strings.Contains(msg, "after object key:value pair"):
		return "a comma is missing here, between two fields (or the text before this point lacks its closing quote)"
	case strings.Contains(msg, "after array element"):
		return "a comma is missing here, between two items of a list"
	}
	return ""
}

// checkUTF8 reports bytes that are not UTF-8. encoding/json would quietly turn
// them into U+FFFD, and a newsroom would publish the damage.
func checkUTF8(data []byte, c *collector) {
	last := "\x00" // no path is this
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			if p := c.ix.pathAt(i); p != last {
				c.addAt(p, i, "the text is not valid UTF-8 (byte 0x%02X); save the file as UTF-8", data[i])
				last = p
			}
		}
		i += size
	}
}

// jsonFields lists the JSON names of a struct's fields and their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	fields := make(map[string]reflect.Type, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	return fields
}

// suggest names the field a misspelt key was probably meant to be: a case
// slip ("Title" for "title", which encoding/json would accept silently, so
// the walk demands exact names), or the nearest name within two letters'
// slip (one for a short name), the first in alphabetical order on a tie.
func suggest(key string, fields map[string]reflect.Type) string {
	best, bestDist := "", 3 // a slip of up to two letters ("sumary", "sourses")
	if len(key) <= 4 {
		bestDist = 2 // one, in a short name: "to" is not a slip of "id"
	}
	for name := range fields {
		if strings.EqualFold(name, key) {
			return fmt.Sprintf("; did you mean %q?", name)
		}
		d := editDistance(strings.ToLower(key), strings.ToLower(name))
		if d < bestDist || d == bestDist && best != "" && name < best {
			best, bestDist = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// kindName says what a Go type expects, in an editor's words.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// skipBlanks returns the offset of the first byte at or after off that is
// not JSON white space.
func skipBlanks(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// byteSize formats a size for a message: "10.0 MB", "1 MiB".
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

// wideEncoding names the encoding of a file saved as UTF-16 or UTF-32, as
// an editor's "Unicode" does on Windows, from its byte order mark or, with
// none, from the zero bytes around its first character, which in JSON is
// ASCII (RFC 8259 asks for UTF-8; RFC 4627 read encodings the same way).
// It is "" for any other file: a JSON text in UTF-8 has no zero byte.
func wideEncoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}), len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[2] == 0 && data[3] == 0:
		return "UTF-32 (little-endian)"
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}), len(data) >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] != 0:
		return "UTF-32 (big-endian)"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), len(data) >= 2 && data[0] != 0 && data[1] == 0:
		return "UTF-16 (little-endian)"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), len(data) >= 2 && data[0] == 0 && data[1] != 0:
		return "UTF-16 (big-endian)"
	}
	return ""
}
