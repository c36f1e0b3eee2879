package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fivecalls/app/locale"
	"fivecalls/app/story"
)

// runArgs runs the program in-process and returns its exit code and output.
func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestHelpExplainsEveryCommand(t *testing.T) {
	code, out, _ := runArgs(t, "--help")
	if code != 0 {
		t.Fatalf("--help exit %d", code)
	}
	for _, cmd := range []string{"serve", "check", "story", "export"} {
		if !strings.Contains(out, "fivecalls "+cmd) {
			t.Errorf("--help does not mention %s", cmd)
		}
		code, _, errOut := runArgs(t, cmd, "-h")
		if code != 0 || !strings.Contains(errOut, "Usage: fivecalls "+cmd) {
			t.Errorf("%s -h: exit %d, %q", cmd, code, errOut)
		}
	}
	if code, _, errOut := runArgs(t, "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	if code, _, _ := runArgs(t); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
}

// TestCheckListsEveryProblem: a story with several mistakes gets every one,
// each with its path and line, and exit 1.
func TestCheckListsEveryProblem(t *testing.T) {
	code, out, _ := runArgs(t, "check", "../../app/story/testdata/broken.json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := []string{
		"places[1].lat: line 22 col 14:",
		"calls[0].to: line 32 col 13:",
		`calls[1].start: line 47 col 16: "2017-01-28T25:00" is not an RFC 3339 time`,
		`calls[1].speaker: line 53 col 7: unknown field "speaker"`,
		"quiz.questions[0].choices: line 63 col 20: exactly one choice must be correct",
		"sources[0].url: line 79 col 14:",
		"6 problems",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

// TestStoryPrintsAValidStartingPoint: the printed default story passes check.
func TestStoryPrintsAValidStartingPoint(t *testing.T) {
	code, out, _ := runArgs(t, "story")
	if code != 0 {
		t.Fatalf("story exit %d", code)
	}
	path := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runArgs(t, "check", path)
	if code != 0 || !strings.Contains(out, "ok: "+story.Default().ID+": 6 places, 5 calls, 13 questions") {
		t.Errorf("check of the printed story: exit %d, %q", code, out)
	}
	// Several files: one bad one makes the exit 1, and each is reported.
	code, out, _ = runArgs(t, "check", path, "../../app/story/testdata/broken.json")
	if code != 1 || !strings.Contains(out, path+": ok") || !strings.Contains(out, "broken.json: 6 problems") {
		t.Errorf("check of two files: exit %d, %q", code, out)
	}
}

func TestExportNeedsADirectory(t *testing.T) {
	if code, _, errOut := runArgs(t, "export"); code != 2 || !strings.Contains(errOut, "Usage: fivecalls export DIR") {
		t.Errorf("export without DIR: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runArgs(t, "export", t.TempDir(), "--base-path", "relative/"); code != 2 || !strings.Contains(errOut, "must start with /") {
		t.Errorf("relative base path: exit %d, %q", code, errOut)
	}
}

// TestCheckRefusesLanguagesAndMessagesItCannotServe: check says why a
// story's language or one of its messages cannot be used, at its path and
// line, in words an editor can act on: the languages that ship, the key
// meant, the argument a message is not given, the plural forms of the
// language.
func TestCheckRefusesLanguagesAndMessagesItCannotServe(t *testing.T) {
	// printed writes the default story, edited; the text "MARK" is then
	// replaced by JSON of a shape no Go value marshals to.
	printed := func(t *testing.T, edit func(s *story.Story), mark string) string {
		t.Helper()
		s := story.Default()
		edit(s)
		b, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if mark != "" {
			b = bytes.Replace(b, []byte(`"MARK"`), []byte(mark), 1)
		}
		path := filepath.Join(t.TempDir(), "story.json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tt := range []struct {
		name string
		edit func(s *story.Story)
		mark string
		want []string
	}{
		{"a language whose catalogue does not ship", func(s *story.Story) { s.Language = "ar" },
			"", []string{`language: line 5 col 15: the widget does not speak "ar" yet (its languages are de, en, es, fr, ja, ru): a story in it gives every message itself`}},
		{"a language the widget knows nothing of", func(s *story.Story) { s.Language = "pt-BR" },
			"", []string{`language: line 5 col 15: the widget does not know how "pt-BR" writes dates and numbers: its languages are de, en, es, fr, ja, ru`}},
		{"a message that is neither text nor plural forms", func(s *story.Story) {
			s.Messages = map[locale.Key]locale.Message{"overview-title": {Text: "MARK"}, "overveiw-label": {Text: "x"}}
		}, `{"plural": 0, "other": "x"}`, []string{
			`messages["overview-title"]: line `, `"plural" is the number of the argument the forms depend on, 1 or more`,
			`messages["overveiw-label"]: line `, // the rest is still checked
			"2 problems",                        // and nothing else: the rest of the file was read
		}},
		{"a key misspelt", func(s *story.Story) {
			s.Messages = map[locale.Key]locale.Message{"overveiw-title": {Text: "Calls"}}
		}, "", []string{`messages["overveiw-title"]: line `, `"overveiw-title" is not a message of the widget (did you mean "overview-title"?)`}},
		{"an argument the message is not given", func(s *story.Story) {
			s.Messages = map[locale.Key]locale.Message{"item-position": {Text: "Call %[1]d of %[2]d, %[3]s"}}
		}, "", []string{`messages["item-position"]: line `, `uses %[3]s, which this message is not given (it is given %[1]d, %[2]d)`}},
		{"a plural form Russian does not use", func(s *story.Story) {
			s.Language = "ru"
			s.Messages = map[locale.Key]locale.Message{"overview-title": {Plural: 1, Forms: map[string]string{"two": "%[1]d звонка", "other": "%[1]d звонков"}}}
		}, "", []string{`messages["overview-title"]: line `, `"two" is not a plural form of this language (its forms are one, few, many, other)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := runArgs(t, "check", printed(t, tt.edit, tt.mark))
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
