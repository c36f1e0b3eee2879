package main

// Bad story files, the part of the bad input catalogue that arrives as a
// file: `fivecalls check` lists the problem and exits 1, and `fivecalls
// serve` refuses to start (exit 1, nothing listened on, no database made).

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/story"
)

// badStoryFiles are the files both commands must refuse, each with a piece
// of the message that says why.
func badStoryFiles(tb testing.TB) []struct{ name, content, want string } {
	tb.Helper()
	def := story.DefaultJSON()
	padTo := func(n int) string { return string(def) + strings.Repeat(" ", n-len(def)) }
	return []struct{ name, content, want string }{
		{"not-json.json", "Five calls: a story in plain text.\n", "line 1 col 1: this is not valid JSON"},
		{"empty.json", "", "the file is empty"},
		{"html.json", "<!doctype html><title>404</title>", "line 1 col 1: this is not valid JSON"},
		{"binary.json", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "line 1 col 1: this is not valid JSON"},
		{"list.json", "[]", "expected an object, found a list"},
		{"truncated.json", string(def[:len(def)/2]), "the file ends in the middle of the story"},
		{"two-objects.json", string(def) + "{}", "there is more after the end of the story"},
		{"nested.json", strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000), "more than 32 levels deep"},
		{"invalid-utf8.json", strings.Replace(string(def), `"title": "`, "\"title\": \"\xff\xfe", 1), "the text is not valid UTF-8"},
		{"over-limit.json", padTo(story.MaxFileSize + 1), "a story file may be at most 1 MiB"},
		{"10mb.json", padTo(10_000_000), "a story file may be at most 1 MiB"},
		{"javascript-url.json", strings.Replace(string(def), `"https://`, `"javascript:alert(1)//`, 1), "only http and https links are allowed"},
	}
}

func writeStoryFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestCheckRefusesBadStoryFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range badStoryFiles(t) {
		t.Run(c.name, func(t *testing.T) {
			path := writeStoryFile(t, dir, c.name, c.content)
			var stdout, stderr bytes.Buffer
			start := time.Now()
			code := run(t.Context(), []string{"check", path}, func(string) string { return "" }, &stdout, &stderr)
			if code != 1 {
				t.Errorf("exit code %d, want 1; stdout %q stderr %q", code, stdout.String(), stderr.String())
			}
			out := stdout.String()
			if !strings.Contains(out, path+": ") || !strings.Contains(out, c.want) {
				t.Errorf("output %q does not name the file and say %q", truncateOutput(out), c.want)
			}
			if strings.Contains(out, ": ok: ") {
				t.Errorf("output says ok: %q", truncateOutput(out))
			}
			// A hostile file costs little: it is refused without parsing megabytes.
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// The boundary: a valid story of exactly the limit passes.
	def := story.DefaultJSON()
	path := writeStoryFile(t, dir, "at-limit.json", string(def)+strings.Repeat(" ", story.MaxFileSize-len(def)))
	var stdout bytes.Buffer
	if code := run(t.Context(), []string{"check", path}, func(string) string { return "" }, &stdout, &stdout); code != 0 {
		t.Errorf("a valid story of exactly %d bytes: exit %d, %q", story.MaxFileSize, code, stdout.String())
	}
	// Files that are not there or not files.
	for _, p := range []string{filepath.Join(dir, "missing.json"), dir} {
		stdout.Reset()
		if code := run(t.Context(), []string{"check", p}, func(string) string { return "" }, &stdout, &stdout); code != 1 || !strings.Contains(stdout.String(), p) {
			t.Errorf("check %s: exit %d, %q", p, code, stdout.String())
		}
	}
}

func TestServeRefusesBadStoryFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range badStoryFiles(t) {
		t.Run(c.name, func(t *testing.T) {
			path := writeStoryFile(t, dir, c.name, c.content)
			db := filepath.Join(t.TempDir(), "answers.db")
			// Were the story accepted, serve would run until ctx ends.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			code := run(ctx, []string{"serve", "--story", path, "--db", "sqlite:" + db, "--addr", "127.0.0.1:0", "--log-format", "json"},
				func(string) string { return "" }, &stdout, &stderr)
			if ctx.Err() != nil {
				t.Fatal("serve started with a bad story")
			}
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q, want nothing (no serving line)", stdout.String())
			}
			if !strings.Contains(stderr.String(), c.want) || !strings.Contains(stderr.String(), filepath.Base(path)) {
				t.Errorf("stderr %q does not name the file and say %q", truncateOutput(stderr.String()), c.want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("the answers database was created for a story that was refused")
			}
		})
	}
}

func truncateOutput(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// TestStoryChecksStopWhenAsked: check, serve and export stop at once when
// the process is asked to (SIGTERM ends ctx), with a message and exit 1,
// instead of finishing the story's checks first. A megabyte string made
// those take minutes while both commands ignored SIGTERM.
func TestStoryChecksStopWhenAsked(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Replace(string(story.DefaultJSON()), `"title": "`, `"title": "`+strings.Repeat("é", 400_000), 1)
	path := writeStoryFile(t, dir, "huge-title.json", huge)
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	db := filepath.Join(dir, "answers.db")
	for _, args := range [][]string{
		{"check", path},
		{"serve", "--story", path, "--db", "sqlite:" + db, "--addr", "127.0.0.1:0", "--log-format", "json"},
		{"export", "--story", path, filepath.Join(dir, "out")},
	} {
		var stdout, stderr bytes.Buffer
		code := run(stopped, args, func(string) string { return "" }, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "stopped before the story was checked") {
			t.Errorf("%s after SIGTERM: exit %d, stderr %q; want 1 and a message that it stopped", args[0], code, truncateOutput(stderr.String()))
		}
		if strings.Contains(stdout.String(), ": ok: ") || strings.Contains(stdout.String(), "serving") {
			t.Errorf("%s after SIGTERM went on: %q", args[0], truncateOutput(stdout.String()))
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("serve made a database after SIGTERM")
	}
	// Without the signal the same file is refused for its length, quickly.
	var stdout bytes.Buffer
	if code := run(t.Context(), []string{"check", path}, func(string) string { return "" }, &stdout, &stdout); code != 1 || !strings.Contains(stdout.String(), "400,0") {
		t.Errorf("check: exit %d, %q; want the title's length refused", code, truncateOutput(stdout.String()))
	}
}

// TestStoryChecksStopWhileRunning: check, serve and export stop when asked
// (ctx ends, as SIGTERM ends it in main) while the story's check is
// running, not only before it starts. The check of a large hostile story is
// held until the end of the test, so each command can only return in time
// by leaving it behind: no timing decides the outcome, only whether the
// command stops within a generous 10 s.
func TestStoryChecksStopWhileRunning(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Replace(string(story.DefaultJSON()), `"title": "`, `"title": "`+strings.Repeat("é", 400_000), 1)
	path := writeStoryFile(t, dir, "huge-title.json", huge)
	started := make(chan struct{}, 3)
	release := make(chan struct{})
	var finished atomic.Int64
	loadStory = func(data []byte) (*story.Story, error) {
		started <- struct{}{}
		<-release // the check runs on and on
		defer finished.Add(1)
		return story.Load(data)
	}
	t.Cleanup(func() {
		close(release)
		loadStory = story.Load
	})
	db := filepath.Join(dir, "answers.db")
	for _, args := range [][]string{
		{"check", path},
		{"serve", "--story", path, "--db", "sqlite:" + db, "--addr", "127.0.0.1:0", "--log-format", "json"},
		{"export", "--story", path, filepath.Join(dir, "out")},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr bytes.Buffer
		code := make(chan int, 1)
		go func() { code <- run(ctx, args, func(string) string { return "" }, &stdout, &stderr) }()
		select {
		case <-started:
		case c := <-code:
			cancel()
			t.Fatalf("%s returned %d without checking the story: %q", args[0], c, truncateOutput(stderr.String()))
		case <-time.After(10 * time.Second):
			cancel()
			t.Fatalf("%s did not start checking the story within 10 s", args[0])
		}
		cancel() // SIGTERM, while the check runs
		select {
		case c := <-code:
			if c != 1 || !strings.Contains(stderr.String(), "stopped before the story was checked") {
				t.Errorf("%s stopped mid-check: exit %d, stderr %q; want 1 and a message that it stopped", args[0], c, truncateOutput(stderr.String()))
			}
			if strings.Contains(stdout.String(), ": ok: ") || strings.Contains(stdout.String(), "serving") {
				t.Errorf("%s went on after SIGTERM: %q", args[0], truncateOutput(stdout.String()))
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s still running 10 s after SIGTERM, waiting for the story's check", args[0])
		}
		if n := finished.Load(); n != 0 {
			t.Fatalf("%d checks finished; the commands must have stopped without them", n)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("serve made a database after SIGTERM")
	}
}
