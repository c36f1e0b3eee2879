package storyfiles_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fivecalls/app/story"
	"fivecalls/app/storyfiles"
)

// storyJSON is the default story with its id and title replaced.
func storyJSON(t *testing.T, id, title string) []byte {
	t.Helper()
	s := story.Default()
	s.ID, s.Title = id, title
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	// Written beside and renamed, as editors save: a reader never sees half
	// a file (the watch copes with both; this keeps the test's steps apart).
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// byID is the files' stories by id, and their problems by base name.
func summary(files []storyfiles.File) (stories map[string]string, problems map[string]story.Problems) {
	stories, problems = map[string]string{}, map[string]story.Problems{}
	for _, f := range files {
		if f.Story != nil {
			stories[f.Story.ID] = f.Story.Title
		}
		if len(f.Problems) > 0 {
			problems[filepath.Base(f.Path)] = f.Problems
		}
	}
	return stories, problems
}

func TestReadFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.json"), storyJSON(t, "alpha", "Alpha"))
	write(t, filepath.Join(dir, "b.json"), []byte(`{"id": "beta", "title": 3}`))
	write(t, filepath.Join(dir, "c.json"), storyJSON(t, "alpha", "Alpha again"))
	write(t, filepath.Join(dir, "notes.txt"), []byte("not a story"))
	if err := os.Mkdir(filepath.Join(dir, "drafts.json"), 0o755); err != nil {
		t.Fatal(err)
	}

	files, changed, err := storyfiles.NewReader(storyfiles.Folder(dir)).Read()
	if err != nil || !changed {
		t.Fatalf("Read = %v, %v", changed, err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.Path))
	}
	if got := strings.Join(names, " "); got != "a.json b.json c.json" {
		t.Errorf("files = %s, want the three .json files in order (no notes.txt, no folder)", got)
	}
	stories, problems := summary(files)
	if len(stories) != 1 || stories["alpha"] != "Alpha" {
		t.Errorf("stories = %v, want alpha from a.json only", stories)
	}
	if ps := problems["b.json"]; len(ps) < 2 || ps[0].Line == 0 {
		t.Errorf("b.json's problems = %v, want every problem, placed", ps)
	}
	if ps := problems["c.json"]; len(ps) != 1 || ps[0].Path != "id" || !strings.Contains(ps[0].Msg, "a.json") || ps[0].Line != 2 {
		t.Errorf("c.json's problems = %v, want one at id (line 2) naming a.json", ps)
	}
	// The default story has weak spots (sources with no date): a.json keeps
	// them, c.json, which tells nothing, has none.
	if len(files[0].Warnings) == 0 || len(files[2].Warnings) != 0 {
		t.Errorf("warnings: a.json %d, c.json %d; want some for a.json, none for c.json, refused", len(files[0].Warnings), len(files[2].Warnings))
	}
}

func TestReadOneFileKeepsTheLastGoodStory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.json")
	write(t, path, storyJSON(t, "alpha", "Alpha"))
	r := storyfiles.NewReader(storyfiles.One(path))
	if files, _, err := r.Read(); err != nil || len(files) != 1 || files[0].Story == nil {
		t.Fatalf("Read = %+v, %v", files, err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	files, changed, err := r.Read()
	if err != nil || !changed || len(files) != 1 {
		t.Fatalf("Read after removal = %+v, %v, %v", files, changed, err)
	}
	if files[0].Story == nil || files[0].Story.Title != "Alpha" || len(files[0].Problems) != 1 {
		t.Errorf("a removed single file: %+v; want its last story and one problem", files[0])
	}
}

// TestWatch edits real files on disk while the watch runs: a valid edit,
// a broken one, the fix, a file added, a file written in two steps (read
// once, whole), a file removed, and a file touched without a change (no
// news). Each step waits for the watch to report. Breaking read (always
// reporting "changed", or never) or the debounce (reading before the file
// settles: settle*0 in Watch) makes a step time out or see the wrong
// stories.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	write(t, a, storyJSON(t, "alpha", "Alpha"))
	r := storyfiles.NewReader(storyfiles.Folder(dir))
	if _, _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	const settle = 400 * time.Millisecond
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	reports := make(chan []storyfiles.File, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Watch(ctx, 20*time.Millisecond, settle, func(f []storyfiles.File) { reports <- f }, func(err error) { t.Errorf("watch: %v", err) })
	}()
	defer func() { cancel(); <-done }()
	next := func(step string) (map[string]string, map[string]story.Problems) {
		t.Helper()
		select {
		case f := <-reports:
			return summary(f)
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the watch reported nothing in 10 s", step)
			return nil, nil
		}
	}

	write(t, a, storyJSON(t, "alpha", "Alpha, edited"))
	if stories, problems := next("valid edit"); stories["alpha"] != "Alpha, edited" || len(problems) != 0 {
		t.Errorf("after a valid edit: %v %v", stories, problems)
	}

	broken := strings.Replace(string(storyJSON(t, "alpha", "Alpha, broken")), `"language": "en"`, `"language": "english!"`, 1)
	write(t, a, []byte(broken))
	stories, problems := next("broken edit")
	if stories["alpha"] != "Alpha, edited" {
		t.Errorf("after a broken edit the story is %q; want the last good one kept", stories["alpha"])
	}
	if ps := problems["a.json"]; len(ps) != 1 || ps[0].Path != "language" || ps[0].Line == 0 || ps[0].Col == 0 {
		t.Errorf("after a broken edit the problems are %v; want language's, placed", ps)
	}

	write(t, a, storyJSON(t, "alpha", "Alpha, fixed"))
	if stories, problems := next("fix"); stories["alpha"] != "Alpha, fixed" || len(problems) != 0 {
		t.Errorf("after the fix: %v %v", stories, problems)
	}

	write(t, b, storyJSON(t, "beta", "Beta"))
	if stories, _ := next("file added"); len(stories) != 2 || stories["beta"] != "Beta" {
		t.Errorf("after adding b.json: %v", stories)
	}

	// Written in place, in two steps well within settle of each other: the
	// half file is never read.
	whole := storyJSON(t, "beta", "Beta, written in two steps")
	f, err := os.OpenFile(b, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(whole[:len(whole)/2])
	time.Sleep(settle / 8)
	f.Write(whole[len(whole)/2:])
	f.Close()
	if stories, problems := next("file written in two steps"); stories["beta"] != "Beta, written in two steps" || len(problems) != 0 {
		t.Errorf("after a file written in two steps: %v %v; want it read once, whole", stories, problems)
	}

	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	if stories, _ := next("file removed"); len(stories) != 1 || stories["beta"] != "Beta, written in two steps" {
		t.Errorf("after removing a.json: %v", stories)
	}

	// Touched: a new time, the same bytes. No report.
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(b, later, later); err != nil {
		t.Fatal(err)
	}
	select {
	case f := <-reports:
		t.Errorf("a file touched but not changed was reported: %v", f)
	case <-time.After(500 * time.Millisecond):
	}
}

// TestReadWarnings: a valid file's story comes with its weak spots, placed
// in the file, from the reader's Warnings; a broken edit has problems and
// no warnings (what it holds is not a story), and the fix brings them
// back. A change of warnings alone is a change: an author's preview shows
// them. Break it: leave Warnings unset on a good read, or keep them on a
// broken one.
func TestReadWarnings(t *testing.T) {
	small, err := os.ReadFile("../story/testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	long := []byte(strings.Replace(string(small), `"minutes": 42, "approx": true`, `"minutes": 130, "approx": true`, 1))
	if string(long) == string(small) {
		t.Fatal("small.json has no call of 42 minutes to lengthen")
	}
	path := filepath.Join(t.TempDir(), "story.json")
	write(t, path, long)
	r := storyfiles.NewReader(storyfiles.One(path))
	files, _, err := r.Read()
	if err != nil || len(files) != 1 || files[0].Story == nil {
		t.Fatalf("Read = %+v, %v", files, err)
	}
	if ws := files[0].Warnings; len(ws) != 1 || ws[0].Path != "calls[0].duration.minutes" || ws[0].Line != 35 || !strings.Contains(ws[0].Msg, "past the start of call 2") {
		t.Errorf("warnings = %v, want one at calls[0].duration.minutes (line 35): the call runs past the next one's start", ws)
	}

	write(t, path, []byte(strings.Replace(string(long), `"language": "en"`, `"language": 3`, 1)))
	time.Sleep(10 * time.Millisecond) // a stamp of its own, on a coarse clock
	files, changed, err := r.Read()
	if err != nil || !changed || len(files[0].Problems) == 0 {
		t.Fatalf("a broken edit: %+v, changed %v, %v; want problems", files, changed, err)
	}
	if len(files[0].Warnings) != 0 {
		t.Errorf("a broken file's warnings = %v, want none", files[0].Warnings)
	}

	write(t, path, small)
	time.Sleep(10 * time.Millisecond)
	if files, changed, _ = r.Read(); !changed || len(files[0].Problems) != 0 || len(files[0].Warnings) != 0 {
		t.Errorf("the fix, with no weak spot left: %+v, changed %v; want no problems and no warnings", files[0], changed)
	}

	r.Warnings = func(*story.Story) story.Problems { return story.Problems{{Path: "title", Msg: "a house rule"}} }
	write(t, path, long)
	time.Sleep(10 * time.Millisecond)
	if files, _, _ = r.Read(); len(files[0].Warnings) != 1 || files[0].Warnings[0].Msg != "a house rule" || files[0].Warnings[0].Line == 0 {
		t.Errorf("warnings from the reader's own Warnings = %v, want the house rule, placed", files[0].Warnings)
	}
}
