package storyfiles

import (
	"context"
	"maps"
	"time"
)

// The watch's pace: a saved edit shows within about Poll + Settle.
const (
	// Poll is how often Watch looks at the files: a stat of each (and a
	// listing of the folder), microseconds for a newsroom's few files.
	Poll = 250 * time.Millisecond
	// Settle is how long the files must stay unchanged before they are
	// read: an editor or a copy may write a file in several steps, and the
	// story is read once, whole.
	Settle = 300 * time.Millisecond
)

// Watch reads the source again whenever a file changes, is added or is
// removed, until ctx ends: it looks every poll, and reads once nothing has
// changed for settle. changed gets every file, as Read returns them, each
// time one of them changed; a folder that cannot be listed goes to failed
// (at most once until it can be listed again), and the stories read before
// stay. Call Read first: Watch reports changes since then.
func (r *Reader) Watch(ctx context.Context, poll, settle time.Duration, changed func([]File), failed func(error)) {
	t := time.NewTicker(poll)
	defer t.Stop()
	seen := r.stamps()
	var since time.Time // when the files last changed; zero: read since
	listed := true
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now, err := r.scan()
		if err != nil {
			if listed && failed != nil {
				failed(err)
			}
			listed = false
			continue
		}
		listed = true
		if !maps.Equal(now, seen) {
			seen, since = now, time.Now()
			continue
		}
		if since.IsZero() || time.Since(since) < settle {
			continue
		}
		since = time.Time{}
		if files, ok, _ := r.read(now); ok {
			changed(files)
		}
	}
}

// stamps are the stamps of the files as last read.
func (r *Reader) stamps() map[string]stamp {
	out := make(map[string]stamp, len(r.files))
	for path, st := range r.files {
		out[path] = st.stamp
	}
	return out
}
