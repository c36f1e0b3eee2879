package story

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMegabyteStringsAreCheckedQuickly puts a string of about a megabyte
// (as much as a story file may hold) in each kind of string field of the
// default story, and checks that Load refuses it, naming the field, well
// under a second. The check used to count characters from the start of the
// string at every character: quadratic, 468 s of CPU for 990,000
// characters. One second is hundreds of times what a linear check needs, so
// this fails on the quadratic check and not on a busy machine.
func TestMegabyteStringsAreCheckedQuickly(t *testing.T) {
	def := DefaultJSON()
	var doc any
	if err := json.Unmarshal(def, &doc); err != nil {
		t.Fatal(err)
	}
	// One field of each kind: calls[3].points[1].text stands for every
	// calls[i].points[j].text.
	kinds := map[string][]any{}
	walkStrings(doc, nil, func(steps []any) {
		kind := listIndex.ReplaceAllString(pathOf(steps), "[]")
		if _, ok := kinds[kind]; !ok {
			kinds[kind] = append([]any(nil), steps...)
		}
	})
	if len(kinds) < 30 {
		t.Fatalf("found %d kinds of string field in the default story; the walk is broken", len(kinds))
	}
	room := MaxFileSize - len(def) - 1024
	fillers := map[string]string{
		"ASCII":                          strings.Repeat("a", room),
		"two-byte characters":            strings.Repeat("é", room/2),
		"a control character at the end": strings.Repeat("a", room-1) + "\u0007",
	}
	for kind, steps := range kinds {
		for name, filler := range fillers {
			data := withString(t, doc, steps, filler)
			if len(data) > MaxFileSize {
				t.Fatalf("%s: the test file is %d bytes, over the limit", kind, len(data))
			}
			start := time.Now()
			_, err := Load(data)
			took := time.Since(start)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Errorf("%s with %s: Load = %v, want problems", kind, name, err)
				continue
			}
			if want := pathOf(steps); !strings.Contains(ps.Error(), want) {
				t.Errorf("%s with %s: no problem at %s:\n%v", kind, name, want, clip(ps.Error()))
			}
			if took > time.Second {
				t.Errorf("%s with %s: Load took %v, want well under a second", kind, name, took)
			}
		}
	}
}

// TestLongTextMessages: a text over the limit is reported for its length
// even when it also holds a bad character (the length is checked first), and
// a bad character is found at its true position.
func TestLongTextMessages(t *testing.T) {
	c := &checker{collector: &collector{}}
	c.text("title", strings.Repeat("a", MaxTextRunes)+"\u0007", "the title")
	if got := c.probs.Error(); !strings.Contains(got, "2,001 characters long") {
		t.Errorf("an over-long text with a control character: %q, want its length", got)
	}
	c = &checker{collector: &collector{}}
	c.text("title", strings.Repeat("é", 1500)+"\u0007", "the title")
	if got := c.probs.Error(); !strings.Contains(got, "at character 1501") {
		t.Errorf("a control character after 1,500 two-byte characters: %q, want character 1501", got)
	}
}

var listIndex = regexp.MustCompile(`\[\d+\]`)

// walkStrings calls f with the steps (object keys and list indexes) to every
// string in v.
func walkStrings(v any, steps []any, f func([]any)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			walkStrings(x, append(steps, k), f)
		}
	case []any:
		for i, x := range v {
			walkStrings(x, append(steps, i), f)
		}
	case string:
		f(steps)
	}
}

// pathOf writes steps as a problem path: calls[2].points[0].text.
func pathOf(steps []any) string {
	path := ""
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			path = fieldPath(path, s)
		case int:
			path = indexPath(path, s)
		}
	}
	return path
}

// withString returns doc as JSON with the string at steps replaced by s;
// doc is left as it was.
func withString(tb testing.TB, doc any, steps []any, s string) []byte {
	tb.Helper()
	var set func(v any, steps []any) any
	set = func(v any, steps []any) any {
		if len(steps) == 0 {
			return s
		}
		switch v := v.(type) {
		case map[string]any:
			c := make(map[string]any, len(v))
			for k, x := range v {
				c[k] = x
			}
			k := steps[0].(string)
			c[k] = set(v[k], steps[1:])
			return c
		case []any:
			c := append([]any(nil), v...)
			i := steps[0].(int)
			c[i] = set(v[i], steps[1:])
			return c
		}
		tb.Fatalf("no value at %v", steps)
		return nil
	}
	b, err := json.Marshal(set(doc, steps))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
