package story

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// index maps JSON paths to where their values start in the file, so that a
// problem found after decoding (when only Go values are left) can still point
// an editor at a line and column.
type index struct {
	data  []byte
	lines []int          // byte offset at which each line starts
	at    map[string]int // path → byte offset of the value
	order []entry        // values in file order, to map a bare offset to a path
}

type entry struct {
	path string
	off  int
}

func newIndex(data []byte) *index {
	ix := &index{data: data, lines: []int{0}, at: map[string]int{}}
	for i, b := range data {
		if b == '\n' {
			ix.lines = append(ix.lines, i+1)
		}
	}
	return ix
}

func (ix *index) add(path string, off int) {
	ix.at[path] = off
	ix.order = append(ix.order, entry{path, off})
}

// offsetOf returns the offset of the path's value, falling back to the nearest
// ancestor present: a missing field is reported at its enclosing object.
func (ix *index) offsetOf(path string) int {
	for {
		if off, ok := ix.at[path]; ok {
			return off
		}
		if path == "" || path == RootPath {
			return -1
		}
		path = parentPath(path)
	}
}

// missing says which field of which object the file lacks, when the path
// is absent from the file: "the story has no \"origin\"", "calls[1] has
// no \"start\"". The problem is then placed at that object, where the
// field is to be added. It returns "" when the path's value is in the
// file.
func (ix *index) missing(path string) string {
	if _, ok := ix.at[path]; ok || path == "" || path == RootPath || strings.HasSuffix(path, "]") {
		return ""
	}
	// The outermost field absent: calls[1] lacking "leader" lacks
	// "leader.name" too.
	child, parent := path, parentPath(path)
	for parent != "" {
		if _, ok := ix.at[parent]; ok {
			break
		}
		child, parent = parent, parentPath(parent)
	}
	if strings.HasSuffix(child, "]") {
		return ""
	}
	key := child[len(parent):]
	key = strings.TrimPrefix(key, ".")
	if strings.HasPrefix(key, "[") {
		if k, err := strconv.Unquote(key[1 : len(key)-1]); err == nil {
			key = k
		}
	}
	object := parent
	if parent == "" {
		object = "the story"
	}
	return fmt.Sprintf("%s has no %q", object, key)
}

// pathAt returns the path of the innermost value starting at or before off;
// encoding/json reports type errors by offset only.
func (ix *index) pathAt(off int) string {
	i := sort.Search(len(ix.order), func(i int) bool { return ix.order[i].off > off })
	if i == 0 {
		return ""
	}
	return ix.order[i-1].path
}

// position converts a byte offset to a 1-based line and a 1-based column
// counted in characters, as editors count them (an invalid byte counts as one).
func (ix *index) position(off int) (line, col int) {
	if off > len(ix.data) {
		off = len(ix.data)
	}
	l := sort.Search(len(ix.lines), func(i int) bool { return ix.lines[i] > off }) - 1
	return l + 1, utf8.RuneCount(ix.data[ix.lines[l]:off]) + 1
}

// parentPath drops the last step of a path: "calls[2].start" → "calls[2]" →
// "calls" → "".
func parentPath(path string) string {
	if n := len(path); n > 0 && path[n-1] == ']' {
		for i := n - 1; i >= 0; i-- {
			if path[i] == '[' {
				return path[:i]
			}
		}
		return ""
	}
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			return path[:i]
		}
	}
	return ""
}

// fieldPath appends an object key to a path; keys that are not plain
// identifiers are quoted so that the path stays unambiguous and printable.
func fieldPath(path, key string) string {
	plain := key != ""
	for i := 0; i < len(key) && plain; i++ {
		c := key[i]
		plain = c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9'
	}
	if !plain {
		return path + "[" + strconv.Quote(clip(key)) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// indexPath appends a list position to a path.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// clip shortens a string for a message: a 2,000-character headline or a
// hostile megabyte must not be echoed back whole.
func clip(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// quote renders a value for a message: clipped, in double quotes, with
// control and invisible characters escaped so a message cannot smuggle them
// into a terminal or a log.
func quote(s string) string {
	return strconv.Quote(clip(s))
}
