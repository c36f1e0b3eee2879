package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		"6 problem(s)",
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
	if code != 1 || !strings.Contains(out, path+": ok") || !strings.Contains(out, "broken.json: 6 problem(s)") {
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
