package story

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// RootPath is the path of a problem with the file as a whole, such as a file
// that is not JSON at all.
const RootPath = "(root)"

// maxProblems bounds how many problems one file can report: a hostile or badly
// broken file must not turn into megabytes of messages.
const maxProblems = 200

// Problem is one thing wrong with a story file. Path is a JSON path such as
// "calls[2].start"; Line and Col (1-based, Col counted in characters) locate
// the value in the file and are 0 when the story did not come from a file.
type Problem struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Msg  string `json:"message"`
}

// Error formats the problem as "path: line L col C: message", the form
// editors and the check command print.
func (p Problem) Error() string {
	path := p.Path
	if path == "" {
		path = RootPath
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s: line %d col %d: %s", path, p.Line, p.Col, p.Msg)
	}
	return path + ": " + p.Msg
}

// Problems is every problem found in one story, in file order as far as the
// checks allow. It is the error Decode, Validate and Load return, so callers
// can use errors.As to list the problems one by one.
type Problems []Problem

// Error lists the problems one per line.
func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// collector gathers problems and places them in the file through an index;
// with a nil index (a story built in code) problems carry paths only.
type collector struct {
	ix      *index
	probs   Problems
	dropped int
	mute    []string // paths already reported: later problems at or under them are dropped
}

// add records a problem at the value the path names (or its nearest ancestor
// present in the file).
func (c *collector) add(path, format string, args ...any) {
	off := -1
	if c.ix != nil {
		off = c.ix.offsetOf(path)
		if missing := c.ix.missing(path); missing != "" {
			format += " (%s)"
			args = append(args, missing)
		}
	}
	c.addAt(path, off, format, args...)
}

// addAt records a problem at a byte offset; a negative offset means unknown.
func (c *collector) addAt(path string, off int, format string, args ...any) {
	if c.muted(path) {
		return
	}
	if len(c.probs) >= maxProblems {
		c.dropped++
		return
	}
	if path == "" {
		path = RootPath
	}
	p := Problem{Path: path, Msg: fmt.Sprintf(format, args...)}
	if c.ix != nil && off >= 0 {
		p.Line, p.Col = c.ix.position(off)
	}
	c.probs = append(c.probs, p)
}

// muted reports whether a problem at or under the path was already
// reported, so that a rule depending on that value stays quiet.
// present reports whether the file gives the path's value (false when the
// story did not come from a file).
func (c *collector) present(path string) bool {
	if c.ix == nil {
		return false
	}
	_, ok := c.ix.at[path]
	return ok
}

func (c *collector) muted(path string) bool {
	for _, m := range c.mute {
		if within(path, m) {
			return true
		}
	}
	return false
}

// sort puts problems in file order; problems without a position keep their
// order and come last.
func (c *collector) sort() {
	slices.SortStableFunc(c.probs, func(a, b Problem) int {
		if (a.Line == 0) != (b.Line == 0) {
			if a.Line == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// within reports whether path is base or a path inside it.
func within(path, base string) bool {
	if base == RootPath || base == "" {
		return false
	}
	rest, ok := strings.CutPrefix(path, base)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

// result returns the problems as an error, or nil when there are none.
func (c *collector) result() error {
	if len(c.probs) == 0 {
		return nil
	}
	ps := c.probs
	if c.dropped > 0 {
		ps = append(ps, Problem{Path: RootPath, Msg: fmt.Sprintf("%d more problems not shown; fix the ones above and check again", c.dropped)})
	}
	return ps
}
