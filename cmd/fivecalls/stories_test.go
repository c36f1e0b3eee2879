package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fivecalls/app/story"
)

// writeStory writes the default story to dir/name with its id and title
// replaced, as an editor saves (beside, then renamed over).
func writeStory(tb testing.TB, dir, name, id, title string) {
	tb.Helper()
	s := story.Default()
	s.ID, s.Title = id, title
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	writeRaw(tb, dir, name, b)
}

func writeRaw(tb testing.TB, dir, name string, b []byte) {
	tb.Helper()
	tmp := filepath.Join(dir, ".tmp-"+name)
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		tb.Fatal(err)
	}
}

// serveInProcess runs fivecalls serve with args until the test ends and
// returns its address and its log.
func serveInProcess(t *testing.T, args ...string) (string, *syncWriter) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	stdout := &lineWatcher{}
	addrc := make(chan string, 1)
	stdout.onLine = func(line string) {
		if m := servingLine.FindStringSubmatch(line); m != nil {
			addrc <- m[1]
		}
	}
	logs := &syncWriter{w: &bytes.Buffer{}}
	done := make(chan int, 1)
	args = append([]string{"serve", "--addr", "127.0.0.1:0", "--db", "sqlite:" + filepath.Join(t.TempDir(), "answers.db"),
		"--web", mustServeWebDir(t), "--log-format", "json"}, args...)
	go func() { done <- run(ctx, args, func(string) string { return "" }, stdout, logs) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d after cancel", code)
		}
	})
	select {
	case addr := <-addrc:
		return "http://" + addr, logs
	case code := <-done:
		done <- code
		t.Fatalf("serve exited %d: %s", code, logs.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not listen within 30 s")
	}
	return "", nil
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

// fetch GETs url: its status and body.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, body := httpGet(t, url)
	return res.StatusCode, body
}

// eventually polls cond for up to 10 s: a watched edit shows within about
// half a second.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not within 10 s", what)
}

type liveJSON struct {
	Version  string          `json:"version"`
	File     string          `json:"file"`
	Problems []story.Problem `json:"problems"`
	Warnings []story.Problem `json:"warnings"`
}

func live(t *testing.T, url string) liveJSON {
	t.Helper()
	code, body := fetch(t, url)
	var l liveJSON
	if err := json.Unmarshal([]byte(body), &l); code != http.StatusOK || err != nil {
		t.Fatalf("GET %s = %d %s", url, code, body)
	}
	return l
}

// TestServeStoriesWatch: fivecalls serve --stories DIR --watch, with real
// files on disk: a broken file beside a good one at start (the good one is
// told, the broken one listed with its problems), then a valid edit, a
// broken edit (the last good version stays, its problems are on live.json
// with their file, path, line and column, and in the log), the fix, the
// broken file fixed (its story appears), and a file removed (its story
// goes). Without --watch (TestServeStoriesLeavesBrokenFilesOut) nothing
// is listed for authors and there is no live.json.
func TestServeStoriesWatch(t *testing.T) {
	dir := t.TempDir()
	writeStory(t, dir, "a.json", "alpha", "Alpha")
	writeRaw(t, dir, "b.json", []byte(`{"id": "beta", "title": 3}`))
	base, logs := serveInProcess(t, "--stories", dir, "--watch")

	if _, list := fetch(t, base+"/"); !strings.Contains(list, "Alpha") || !strings.Contains(list, "b.json") || !strings.Contains(list, "title: line 1 col") {
		t.Errorf("the list at start does not show alpha and b.json's problems:\n%s", list)
	}
	if code, _ := fetch(t, base+"/beta/"); code != http.StatusNotFound {
		t.Errorf("the broken file's story is served: %d", code)
	}
	first := live(t, base+"/alpha/live.json")
	if len(first.Problems) != 0 || first.Version == "" {
		t.Fatalf("live.json at start = %+v", first)
	}
	if _, page := fetch(t, base+"/alpha/"); !strings.Contains(page, `data-fc-live="/alpha/live.json"`) || !strings.Contains(page, `data-fc-version="`+first.Version+`"`) ||
		!strings.Contains(page, `<script src="/alpha/web/live.js?v=`+first.Version+`" defer>`) {
		t.Error("the page does not say where to ask whether it changed, or does not load the script that asks")
	}

	writeStory(t, dir, "a.json", "alpha", "Alpha, edited")
	eventually(t, "a valid edit shows on the next load", func() bool {
		_, page := fetch(t, base+"/alpha/")
		return strings.Contains(page, "Alpha, edited")
	})
	edited := live(t, base+"/alpha/live.json")
	if edited.Version == first.Version {
		t.Error("an edit did not change the version")
	}

	broken := strings.Replace(string(mustRead(t, filepath.Join(dir, "a.json"))), `"language": "en"`, `"language": "english!"`, 1)
	writeRaw(t, dir, "a.json", []byte(broken))
	var l liveJSON
	eventually(t, "a broken edit's problems show", func() bool {
		l = live(t, base+"/alpha/live.json")
		return len(l.Problems) > 0
	})
	if p := l.Problems[0]; len(l.Problems) != 1 || l.File != filepath.Join(dir, "a.json") || p.Path != "language" || p.Line != 5 || p.Col == 0 {
		t.Errorf("live.json after a broken edit = %+v; want the file and language's problem at line 5", l)
	}
	if l.Version != edited.Version {
		t.Error("a broken edit changed the version: the last good story must stay")
	}
	if _, page := fetch(t, base+"/alpha/"); !strings.Contains(page, "Alpha, edited") {
		t.Error("a broken edit took the last good story away")
	}
	if !strings.Contains(logs.String(), `"problem":"language: line 5 col`) {
		t.Errorf("the log does not name the problem:\n%s", logs.String())
	}

	writeStory(t, dir, "a.json", "alpha", "Alpha, fixed")
	eventually(t, "the fix shows", func() bool {
		l = live(t, base+"/alpha/live.json")
		return len(l.Problems) == 0 && l.Version != edited.Version
	})
	if !strings.Contains(logs.String(), `"message":"story file fixed"`) {
		t.Error("the log does not say the file was fixed")
	}

	writeStory(t, dir, "b.json", "beta", "Beta")
	eventually(t, "a fixed file's story appears", func() bool {
		code, page := fetch(t, base+"/beta/")
		return code == http.StatusOK && strings.Contains(page, "Beta")
	})

	if err := os.Remove(filepath.Join(dir, "a.json")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a removed file's story goes", func() bool {
		code, _ := fetch(t, base+"/alpha/")
		return code == http.StatusNotFound
	})
	if _, list := fetch(t, base+"/"); strings.Contains(list, "Alpha") || !strings.Contains(list, "Beta") {
		t.Errorf("the list after the removal:\n%s", list)
	}
}

// TestServeWatchWarns: an author's preview gives a valid story's warnings
// as fivecalls check prints them, the map's included (minimal.json's
// map.center cuts its arcs), on live.json, placed, and in the list of
// stories, folded under one line. Fails when serve leaves the reader's
// Warnings at app/story's alone.
func TestServeWatchWarns(t *testing.T) {
	dir := t.TempDir()
	writeRaw(t, dir, "minimal.json", mustRead(t, "../../app/story/testdata/corpus/valid/minimal.json"))
	base, _ := serveInProcess(t, "--stories", dir, "--watch")
	l := live(t, base+"/corpus-minimal/live.json")
	var atCenter *story.Problem
	for i, w := range l.Warnings {
		if w.Path == "map.center" {
			atCenter = &l.Warnings[i]
		}
	}
	if len(l.Problems) != 0 || atCenter == nil || atCenter.Line != 97 || !strings.Contains(atCenter.Msg, "cuts the arcs of calls 1 and 2") {
		t.Errorf("live.json = %+v; want no problems and the warning at map.center (line 97) that the arcs are cut", l)
	}
	_, list := fetch(t, base+"/")
	if want := fmt.Sprintf("%d warnings to check before publishing", len(l.Warnings)); !strings.Contains(list, want) || !strings.Contains(list, "map.center: line 97 col 15: the map centred on 0°") {
		t.Errorf("the list of stories does not say %q and list the map's warning:\n%s", want, list)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestServeStoriesLeavesBrokenFilesOut: without --watch a broken file is
// reported in the log, problem by problem, and left out; the others are
// served, the list names no problem, and no page asks live.json.
func TestServeStoriesLeavesBrokenFilesOut(t *testing.T) {
	dir := t.TempDir()
	writeStory(t, dir, "a.json", "alpha", "Alpha")
	writeRaw(t, dir, "b.json", []byte(`{"id": "beta", "title": 3, "places": {}}`))
	base, logs := serveInProcess(t, "--stories", dir)
	if _, list := fetch(t, base+"/"); !strings.Contains(list, "Alpha") || strings.Contains(list, "b.json") {
		t.Errorf("the list:\n%s", list)
	}
	if code, _ := fetch(t, base+"/alpha/live.json"); code != http.StatusNotFound {
		t.Errorf("live.json without --watch = %d, want 404", code)
	}
	if _, page := fetch(t, base+"/alpha/"); strings.Contains(page, "data-fc-live") || strings.Contains(page, "live.js") {
		t.Error("a reader's page asks whether the story changed")
	}
	out := logs.String()
	for _, want := range []string{`"problem":"title: line 1 col`, `"problem":"places: line 1 col`, `"message":"story file has problems; it is left out until they are fixed"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %s:\n%s", want, out)
		}
	}
}

// TestServeNamesItsStoriesOnce: two --story flags, or --story and
// --stories, are refused (the flag package would keep the last silently).
func TestServeNamesItsStoriesOnce(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--story", "a.json", "--story", "b.json"},
		{"serve", "--story", "a.json", "--stories", "stories"},
		{"serve", "--watch"},
		{"export", "out", "--story", "a.json", "--story", "b.json"},
		{"export", "out", "--story", "a.json", "--stories", "stories"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(t.Context(), args, func(string) string { return "" }, &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2 (stderr %q)", args, code, stderr.String())
		}
	}
	var stderr bytes.Buffer
	run(t.Context(), []string{"serve", "--story", "a.json", "--story", "b.json"}, func(string) string { return "" }, io.Discard, &stderr)
	if !strings.Contains(stderr.String(), "given twice") {
		t.Errorf("two --story flags: %q does not say so", stderr.String())
	}
	// FIVECALLS_STORY and one --story: the flag wins, as for every flag.
	var f serveFlags
	f, err := parseServeFlags([]string{"--story", "b.json"}, envOf(map[string]string{"FIVECALLS_STORY": "a.json"}), io.Discard)
	if err != nil || f.storyPath != "b.json" {
		t.Errorf("--story over FIVECALLS_STORY: %q, %v", f.storyPath, err)
	}
}

// TestExportStories: export --stories writes each story under its id and
// the list of them; a folder with a broken file exports nothing.
func TestExportStories(t *testing.T) {
	dir := t.TempDir()
	writeStory(t, dir, "a.json", "alpha", "Alpha")
	writeStory(t, dir, "b.json", "beta", "Beta")
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"export", out, "--stories", dir, "--base-path", "/graphics/", "--web", mustServeWebDir(t)}, func(string) string { return "" }, &stdout, &stderr); code != 0 {
		t.Fatalf("export --stories: exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"index.html", "index.css", "alpha/index.html", "alpha/embed/index.html", "alpha/app-worker.js", "beta/index.html", "beta/story.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the export lacks %s", name)
		}
	}
	if page := string(mustRead(t, filepath.Join(out, "beta", "index.html"))); !strings.Contains(page, `href="/graphics/beta/web/app.css?v=`) {
		t.Error("beta's page does not link its files under /graphics/beta/")
	}
	if list := string(mustRead(t, filepath.Join(out, "index.html"))); !strings.Contains(list, `href="alpha/"`) || !strings.Contains(list, `href="beta/embed/"`) {
		t.Errorf("the list:\n%s", list)
	}

	writeRaw(t, dir, "c.json", []byte(`{"id": 7}`))
	out2 := filepath.Join(t.TempDir(), "site")
	stderr.Reset()
	if code := run(t.Context(), []string{"export", out2, "--stories", dir, "--web", mustServeWebDir(t)}, func(string) string { return "" }, io.Discard, &stderr); code != 1 {
		t.Errorf("export with a broken file: exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), filepath.Join(dir, "c.json")+": id: line 1 col") {
		t.Errorf("export does not list c.json's problems: %q", stderr.String())
	}
	if _, err := os.Stat(out2); err == nil {
		t.Error("export with a broken file wrote something")
	}
}

// TestSchemaCommand: fivecalls schema prints the story format's JSON
// Schema (draft 2020-12), and takes no arguments.
func TestSchemaCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"schema"}, func(string) string { return "" }, &stdout, &stderr); code != 0 {
		t.Fatalf("schema: exit %d: %s", code, stderr.String())
	}
	var s struct {
		Schema     string         `json:"$schema"`
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil || s.Schema != "https://json-schema.org/draft/2020-12/schema" || s.Properties["calls"] == nil {
		t.Errorf("schema printed %.200q (%v)", stdout.String(), err)
	}
	if code := run(t.Context(), []string{"schema", "extra"}, func(string) string { return "" }, io.Discard, io.Discard); code != 2 {
		t.Errorf("schema with an argument: exit %d, want 2", code)
	}
}

// TestServeRereadsStoriesOnSIGHUP: without --watch, kill -HUP makes the
// server read its story files again: a story added is served, one edited
// is its new version, and the process goes on. Without the signal handler,
// SIGHUP would end the process.
func TestServeRereadsStoriesOnSIGHUP(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := mustBuildFivecalls(t)
	dir := t.TempDir()
	writeStory(t, dir, "a.json", "alpha", "Alpha")
	p := startServe(t, bin, "--stories", dir, "--web", mustServeWebDir(t), "--db", "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
	writeStory(t, dir, "a.json", "alpha", "Alpha, edited")
	writeStory(t, dir, "b.json", "beta", "Beta")
	time.Sleep(time.Second) // a watch would have seen them by now
	if code, _ := fetch(t, p.url+"/beta/"); code != http.StatusNotFound {
		t.Fatalf("without --watch or SIGHUP, a file added is served: %d", code)
	}
	p.signal(t, syscall.SIGHUP)
	eventually(t, "the story added is served after SIGHUP", func() bool {
		code, _ := fetch(t, p.url+"/beta/")
		return code == http.StatusOK
	})
	if _, page := fetch(t, p.url+"/alpha/"); !strings.Contains(page, "Alpha, edited") {
		t.Error("the story edited is not its new version after SIGHUP")
	}
	if p.exited() {
		t.Error("SIGHUP ended the server")
	}
}

// TestServeStoryWatchWaitsForAValidFile: an author who starts the preview
// on a file broken from the start is shown its problems, as check prints
// them, and the preview starts once the file is mended; it used to exit 1.
func TestServeStoryWatchWaitsForAValidFile(t *testing.T) {
	dir := t.TempDir()
	writeRaw(t, dir, "story.json", []byte(`{"id": "alpha", "title": ""}`))
	path := filepath.Join(dir, "story.json")
	go func() {
		time.Sleep(1500 * time.Millisecond)
		writeStory(t, dir, "story.json", "alpha", "Alpha, mended")
	}()
	base, logs := serveInProcess(t, "--story", path, "--watch")
	if _, page := fetch(t, base+"/"); !strings.Contains(page, "Alpha, mended") {
		t.Error("the preview does not tell the mended story")
	}
	for _, want := range []string{`"problem":"title: line 1 col 26: the title is empty`, "the preview starts once the story file is valid"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs.String())
		}
	}
}

// TestServeStoryWatch: --story FILE --watch, the one story at /: an edit
// shows on the next load, a broken edit keeps the story and says why on
// /live.json, and so does the file's removal (one story's file gone is a
// problem, not the end of the story).
func TestServeStoryWatch(t *testing.T) {
	dir := t.TempDir()
	writeStory(t, dir, "story.json", "alpha", "Alpha")
	path := filepath.Join(dir, "story.json")
	base, _ := serveInProcess(t, "--story", path, "--watch")
	if l := live(t, base+"/live.json"); l.File != path || len(l.Problems) != 0 {
		t.Errorf("live.json at start = %+v; want the file %s and no problems", l, path)
	}

	writeStory(t, dir, "story.json", "alpha", "Alpha, edited")
	eventually(t, "a valid edit shows", func() bool {
		_, page := fetch(t, base+"/")
		return strings.Contains(page, "Alpha, edited")
	})
	writeRaw(t, dir, "story.json", []byte(`{"id": "alpha", "title": ""}`))
	eventually(t, "a broken edit's problems show", func() bool {
		l := live(t, base+"/live.json")
		return len(l.Problems) > 0 && l.File == path && l.Problems[0].Line == 1
	})
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the file's removal shows", func() bool {
		l := live(t, base+"/live.json")
		return len(l.Problems) == 1 && strings.Contains(l.Problems[0].Msg, "no such file")
	})
	if _, page := fetch(t, base+"/"); !strings.Contains(page, "Alpha, edited") {
		t.Error("the last good story is gone")
	}
}
