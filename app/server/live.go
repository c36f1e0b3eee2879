package server

import (
	"net/http"

	"fivecalls/app/story"
	"fivecalls/app/storyfiles"
)

// livePath is where, under Config.Watch, a story's open pages ask whether
// it has changed: GET live.json under the story's base answers its version
// now and the problems of its file (see web/page.js, which asks every
// second while the page is shown). Without Watch the route does not exist.
const livePath = "live.json"

// liveState is what live.json says besides the version: the story's file,
// what is wrong with it as it is now, and the weak spots of the story it
// holds when nothing is. Each is always sent, as docs/api.md promises:
// File "" when the server was given the story without its file's path (a
// story built in code), the lists empty rather than members that come and
// go.
type liveState struct {
	File     string         `json:"file"`
	Problems story.Problems `json:"problems"`
	Warnings story.Problems `json:"warnings"`
}

func newLiveState(f storyfiles.File) *liveState {
	orEmpty := func(ps story.Problems) story.Problems {
		if ps == nil {
			return story.Problems{}
		}
		return ps
	}
	ws := f.Warnings
	if len(f.Problems) > 0 { // a problem the server found (its site would not build): the page shows it alone
		ws = nil
	}
	return &liveState{File: f.Path, Problems: orEmpty(f.Problems), Warnings: orEmpty(ws)}
}

// handleLive answers live.json: {"version", "file", "problems": [{"path",
// "line", "col", "message"}], "warnings": [the same]}, never cached.
func (st *site) handleLive() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l := st.live.Load()
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, struct {
			Version string `json:"version"`
			*liveState
		}{st.version, l})
	})
}
