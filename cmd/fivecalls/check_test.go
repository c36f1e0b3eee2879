package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"fivecalls/app/story"
)

// TestCheckWarns: weak spots in a valid story are listed as warnings, each
// with its path and position, but the file still passes: exit 0 and the
// one-line summary. A file with problems gets its problems only.
func TestCheckWarns(t *testing.T) {
	small, err := os.ReadFile("../../app/story/testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name    string
		edits   [][2]string
		code    int
		want    []string // lines expected, in order
		notWant []string
	}{
		{"no weak spots", nil, 0,
			[]string{": ok: two-calls: 2 places, 2 calls, 1 question, 1 source"},
			[]string{": warning: "}},
		{"placeholder headline and no date", [][2]string{
			{`"headline": "Two calls"`, `"headline": "[Report on two calls]"`},
			{`"date": "2017-01-28"`, `"date": ""`},
		}, 0, []string{
			`: warning: sources[0].headline: line 77 col 19: the headline "[Report on two calls]" is in square brackets, a placeholder`,
			": warning: sources[0].date: line 79 col 15: the source has no date",
			": 2 warnings; the story is valid, these are weak spots to look at",
			": ok: two-calls: 2 places, 2 calls, 1 question, 1 source",
		}, nil},
		{"headline unknown", [][2]string{
			{`"headline": "Two calls"`, `"headline": "", "description": "Report on two calls"`},
		}, 0, []string{
			`: warning: sources[0].headline: line 77 col 19: the headline is unknown; the source is described only as "Report on two calls"`,
			": 1 warning;",
			": ok: two-calls",
		}, nil},
		{"a point from outside the article is a note, not a warning", [][2]string{
			{`"sources": [` + "\n    {\n      \"id\": \"wire\",", `"sources": [
    {"id": "paper", "publisher": "A paper", "headline": "A later account", "url": "https://example.com/later", "date": "2017-02-01"},
    {
      "id": "wire",`},
			{`"points": [{"text": "They agreed to meet.", "sources": ["wire"]}]`, `"points": [{"text": "They agreed to meet.", "sources": ["paper"]}]`},
		}, 0, []string{
			`: note: 1 point rests on sources outside the article alone (the first: calls[0].points[0]); the widget marks each "Outside the article"`,
			": ok: two-calls: 2 places, 2 calls, 1 question, 2 sources",
		}, []string{": warning: "}},
		{"a problem hides the warnings", [][2]string{
			{`"headline": "Two calls"`, `"headline": "[Report on two calls]"`},
			{`"lat": 35.6762`, `"lat": 135.6762`},
		}, 1, []string{
			": places[1].lat: line 22 col 14: the latitude 135.6762 is out of range",
			": 1 problem",
		}, []string{": warning: ", ": ok:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := string(small)
			for _, e := range tt.edits {
				if !strings.Contains(data, e[0]) {
					t.Fatalf("edit does not apply: %q", e[0])
				}
				data = strings.Replace(data, e[0], e[1], 1)
			}
			path := writeStoryFile(t, dir, strings.ReplaceAll(tt.name, " ", "-")+".json", data)
			code, out, _ := runArgs(t, "check", path)
			if code != tt.code {
				t.Errorf("exit %d, want %d:\n%s", code, tt.code, out)
			}
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, path+w)
				if i < 0 {
					t.Fatalf("output lacks %q after the lines before it:\n%s", path+w, out)
				}
				rest = rest[i+len(path+w):]
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output contains %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestCheckWarnsOnTheDefaultStory: the shipped story is valid, and the
// only warnings check gives on it are unknowns the widget tells readers
// are unknown (an unconfirmed headline, a date not known, or known to the
// month); the points from outside the article are a note.
func TestCheckWarnsOnTheDefaultStory(t *testing.T) {
	code, out, _ := runArgs(t, "story")
	if code != 0 {
		t.Fatalf("story exit %d", code)
	}
	path := writeStoryFile(t, t.TempDir(), "default.json", out)
	code, out, _ = runArgs(t, "check", path)
	if code != 0 || !strings.Contains(out, path+": ok: five-calls-2017: ") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	said := []string{
		"the headline is unknown; the source is described only as ",
		`the source has no date, and the widget says "date unknown"`,
		"the source is dated to the month only (",
	}
	warnings := 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, path+": warning: ") {
			continue
		}
		warnings++
		known := false
		for _, s := range said {
			known = known || strings.Contains(line, s)
		}
		if !known {
			t.Errorf("a warning that is not an unknown the story says is unknown: %s", line)
		}
	}
	if warnings == 0 || !strings.Contains(out, fmt.Sprintf("%s: %s;", path, plural(warnings, "warning", "warnings"))) {
		t.Errorf("%d warnings listed, and the count does not match:\n%s", warnings, out)
	}
	if !strings.Contains(out, path+": note: ") || !strings.Contains(out, `the widget marks each "Outside the article"`) {
		t.Errorf("no note of the points from outside the article:\n%s", out)
	}
}

// TestCheckWarnsOfCutArcs: a story's own map.center that cuts arcs at the
// map's edge gets a warning naming them and the centre that keeps them
// whole (minimal.json, centred on Greenwich, flies Washington to Tokyo
// across the Pacific); one that cuts none gets none (every-optional-field,
// centred on 90°W). Fails with mapCenterWarnings left out of check.
func TestCheckWarnsOfCutArcs(t *testing.T) {
	const corpus = "../../app/story/testdata/corpus/valid/"
	code, out, _ := runArgs(t, "check", corpus+"minimal.json")
	want := "warning: map.center: line 97 col 15: the map centred on 0° cuts the arcs of calls 1 and 2 at its edge, in two pieces; without map.center the map is centred on 150°W, where every arc is whole"
	if code != 0 || !strings.Contains(out, want) {
		t.Errorf("minimal.json: exit %d, want the warning %q in:\n%s", code, want, out)
	}
	code, out, _ = runArgs(t, "check", corpus+"every-optional-field.json")
	if code != 0 || strings.Contains(out, "map.center") {
		t.Errorf("every-optional-field.json: exit %d, want no warning about map.center:\n%s", code, out)
	}
}

// TestCheckAFolder: a folder stands for its story files, as serve --stories
// reads it (*.json, not hidden), each checked in turn, then a line counts
// them; a folder without one is a problem of its own.
func TestCheckAFolder(t *testing.T) {
	small, err := os.ReadFile("../../app/story/testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeStoryFile(t, dir, "a-valid.json", string(small))
	writeStoryFile(t, dir, "b-broken.json", strings.Replace(string(small), `"lat": 35.6762`, `"lat": 135.6762`, 1))
	writeStoryFile(t, dir, ".hidden.json", "{")
	writeStoryFile(t, dir, "notes.txt", "not a story")
	code, out, _ := runArgs(t, "check", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (a file has a problem):\n%s", code, out)
	}
	for _, want := range []string{"a-valid.json: ok: two-calls", "b-broken.json: 1 problem\n", "2 files checked: 1 valid, 1 with problems\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{".hidden.json", "notes.txt"} {
		if strings.Contains(out, not) {
			t.Errorf("output names %s, which is not a story file of the folder:\n%s", not, out)
		}
	}
	empty := t.TempDir()
	if code, out, _ := runArgs(t, "check", empty); code != 1 || !strings.Contains(out, empty+": no story files (*.json) in the folder") {
		t.Errorf("an empty folder: exit %d, output:\n%s", code, out)
	}
}

// TestCheckStandardInput: "check -" reads the story from the standard
// input, as an editor's buffer or a pipe gives it, named so in the output,
// beside files; a pipe over the limit is told it is over, not a size it
// cannot know.
func TestCheckStandardInput(t *testing.T) {
	small, err := os.ReadFile("../../app/story/testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func(r io.Reader) { stdin = r }(stdin)
	for _, tt := range []struct {
		name, in string
		args     []string
		code     int
		want     []string
	}{
		{"valid", string(small), []string{"-"}, 0, []string{"<standard input>: ok: two-calls: 2 places, 2 calls, 1 question, 1 source\n"}},
		{"a problem", strings.Replace(string(small), `"lat": 35.6762`, `"lat": 135.6762`, 1), []string{"-"}, 1, []string{
			"<standard input>: places[1].lat: line 22 col 14: the latitude 135.6762 is out of range",
			"<standard input>: 1 problem\n",
		}},
		{"beside a file", "", []string{"-", "../../app/story/testdata/small.json"}, 1, []string{
			"<standard input>: (root): line 1 col 1: the file is empty",
			"small.json: ok: two-calls",
			"2 files checked: 1 valid, 1 with problems\n",
		}},
		{"over the limit", strings.Repeat(" ", story.MaxFileSize+100), []string{"-"}, 1, []string{
			"<standard input>: (root): the file is over 1 MiB; a story file may be at most 1 MiB\n",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdin = strings.NewReader(tt.in)
			code, out, _ := runArgs(t, append([]string{"check"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d:\n%s", code, tt.code, out)
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}
