package server_test

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"testing"

	"fivecalls/app/server"
	"fivecalls/app/story"
	"fivecalls/app/storyfiles"

	"github.com/rs/zerolog"
)

// liveBody is GET live.json, each member as sent, so that a member left
// out is told from one that is empty.
func liveBody(tb testing.TB, h http.Handler, target string) map[string]json.RawMessage {
	tb.Helper()
	w := serve(h, "GET", target, "", "")
	var body map[string]json.RawMessage
	if err := json.Unmarshal(w.Body.Bytes(), &body); w.Code != http.StatusOK || err != nil {
		tb.Fatalf("GET %s = %d %s", target, w.Code, w.Body)
	}
	for _, key := range []string{"version", "file", "problems", "warnings"} {
		if _, ok := body[key]; !ok {
			tb.Errorf("GET %s = %s: no %q, which docs/api.md promises", target, w.Body, key)
		}
	}
	return body
}

// TestLiveJSONFromTheStart: live.json, which a preview's open pages ask
// every second, answers {"version", "file", "problems", "warnings"} from
// the first request, before any change to the file: the file as the server
// was given it, and problems and warnings as lists, empty when there are
// none.
func TestLiveJSONFromTheStart(t *testing.T) {
	t.Run("one story", func(t *testing.T) {
		s := story.Default()
		h, err := server.New(zerolog.Nop(), server.Config{Story: s, StoryFile: "stories/a.json", Watch: true, WebDir: mustWebDir(t)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		body := liveBody(t, h, "/live.json")
		if got := string(body["file"]); got != `"stories/a.json"` {
			t.Errorf("file at start = %s, want \"stories/a.json\"", got)
		}
		if got := string(body["problems"]); got != "[]" {
			t.Errorf("problems at start = %s, want []", got)
		}
		if got := string(body["warnings"]); got != "[]" {
			t.Errorf("warnings at start = %s, want []", got)
		}
		if err := h.Update([]storyfiles.File{{Path: "stories/a.json", Story: s, Warnings: story.Problems{{Path: "sources[0].date", Line: 9, Col: 15, Msg: "the source has no date"}}}}); err != nil {
			t.Fatal(err)
		}
		body = liveBody(t, h, "/live.json")
		if got := string(body["warnings"]); got != `[{"path":"sources[0].date","line":9,"col":15,"message":"the source has no date"}]` {
			t.Errorf("warnings after an update = %s", got)
		}
		// Problems and warnings both, as when the server adds a problem of
		// its own to a valid file's: the problems alone are sent.
		if err := h.Update([]storyfiles.File{{Path: "stories/a.json", Story: s, Problems: story.Problems{{Path: "title", Line: 3, Col: 12, Msg: "the title is empty"}},
			Warnings: story.Problems{{Path: "sources[0].date", Msg: "the source has no date"}}}}); err != nil {
			t.Fatal(err)
		}
		body = liveBody(t, h, "/live.json")
		if got := string(body["file"]); got != `"stories/a.json"` {
			t.Errorf("file after an update = %s, want \"stories/a.json\"", got)
		}
		if got := string(body["problems"]); got != `[{"path":"title","line":3,"col":12,"message":"the title is empty"}]` {
			t.Errorf("problems after an update = %s", got)
		}
		if got := string(body["warnings"]); got != "[]" {
			t.Errorf("warnings of a file with problems = %s, want []", got)
		}
	})
	t.Run("several stories", func(t *testing.T) {
		dir := t.TempDir()
		storyFile(t, dir, "a.json", "alpha", "Alpha")
		h, _, _ := severalServer(t, dir, func(cfg *server.Config) { cfg.Watch = true })
		body := liveBody(t, h, "/alpha/live.json")
		var file string
		if err := json.Unmarshal(body["file"], &file); err != nil || file != filepath.Join(dir, "a.json") {
			t.Errorf("file at start = %s, want %q", body["file"], filepath.Join(dir, "a.json"))
		}
		if got := string(body["problems"]); got != "[]" {
			t.Errorf("problems at start = %s, want []", got)
		}
	})
}
