package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"fivecalls/app/server"
	"fivecalls/app/story"
	"fivecalls/app/storyfiles"

	"github.com/rs/zerolog"
)

// storiesToServe reads what serve tells: the embedded story, the file of
// --story, or the files of --stories. One story must be valid, or serve
// does not start; a folder's files with problems are logged, problem by
// problem, and the others are told. The reader is nil for the embedded
// story, which never changes.
func storiesToServe(ctx context.Context, logger zerolog.Logger, f serveFlags) (*storyfiles.Reader, []storyfiles.File, error) {
	var r *storyfiles.Reader
	switch {
	case f.storiesDir != "":
		r = storyfiles.NewReader(storyfiles.Folder(f.storiesDir))
	case f.storyPath != "":
		r = storyfiles.NewReader(storyfiles.One(f.storyPath))
	default:
		return nil, []storyfiles.File{{Story: story.Default()}}, nil
	}
	r.Load, r.Warnings = loadStory, storyWarnings
	files, err := readStories(ctx, r)
	switch {
	case err != nil && f.storiesDir != "":
		return nil, nil, fmt.Errorf("--stories %s: %w", f.storiesDir, err)
	case err != nil:
		return nil, nil, err
	case f.storiesDir == "" && files[0].Story == nil && f.watch:
		if files, err = awaitValid(ctx, logger, r, files); err != nil {
			return nil, nil, err
		}
	case f.storiesDir == "" && files[0].Story == nil:
		return nil, nil, fmt.Errorf("story %s: %w", f.storyPath, problemsError(files[0].Problems))
	}
	for _, file := range files {
		logProblems(logger, file)
	}
	if f.storiesDir != "" && told(files) == 0 && !f.watch {
		return nil, nil, fmt.Errorf("--stories %s: no valid story file (*%s) to serve", f.storiesDir, storyfiles.Ext)
	}
	return r, files, nil
}

// awaitValid waits for an author's one story file, broken from the start,
// to be mended: --watch is a preview, and an author who starts it on a
// file with problems is shown them, as check prints them, each time they
// change, and the preview starts once the file is valid. It gives up when
// ctx ends.
func awaitValid(ctx context.Context, logger zerolog.Logger, r *storyfiles.Reader, files []storyfiles.File) ([]storyfiles.File, error) {
	shown := ""
	for files[0].Story == nil {
		if now := files[0].Problems.Error(); now != shown {
			shown = now
			logProblems(logger, files[0])
			logger.Warn().Str("file", files[0].Path).Msg("the preview starts once the story file is valid; fix the problems above and save it")
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("story %s: %w", files[0].Path, problemsError(files[0].Problems))
		case <-time.After(storyfiles.Poll):
		}
		var err error
		if files, err = readStories(ctx, r); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// readStories reads the source, giving up when ctx ends (see untilDone).
func readStories(ctx context.Context, r *storyfiles.Reader) ([]storyfiles.File, error) {
	var files []storyfiles.File
	err := untilDone(ctx, func() error {
		var err error
		files, _, err = r.Read()
		return err
	})
	return files, err
}

// told counts the files with a story to tell.
func told(files []storyfiles.File) int {
	n := 0
	for _, f := range files {
		if f.Story != nil {
			n++
		}
	}
	return n
}

// logProblems writes the problems of a story file to the log, one line
// each as "fivecalls check" prints them, and what is told meanwhile.
func logProblems(logger zerolog.Logger, f storyfiles.File) {
	if len(f.Problems) == 0 {
		return
	}
	for _, p := range f.Problems {
		logger.Error().Str("file", f.Path).Str("problem", p.Error()).Msg("story file problem")
	}
	ev := logger.Warn().Str("file", f.Path).Int("problems", len(f.Problems))
	if f.Story != nil {
		ev.Str("story", f.Story.ID).Msg("story file has problems; its last good version is told until they are fixed")
	} else {
		ev.Msg("story file has problems; it is left out until they are fixed")
	}
}

// watchStories reads the story files again as they change, until ctx
// ends, and tells them.
func watchStories(ctx context.Context, logger zerolog.Logger, r *storyfiles.Reader, files []storyfiles.File, h *server.Server) {
	l := newStoryLog(logger, files)
	logger.Info().Str("poll", storyfiles.Poll.String()).Msg("watching the story files")
	r.Watch(ctx, storyfiles.Poll, storyfiles.Settle, func(files []storyfiles.File) {
		l.update(files)
		if err := h.Update(files); err != nil {
			logger.Error().Err(err).Msg("story update failed")
		}
	}, func(err error) {
		logger.Error().Err(err).Msg("story files cannot be read; the stories read before are told")
	})
}

// rereadOnSignal reads the story files again each time sig arrives, until
// ctx ends, and tells them: how a server that does not watch its files
// takes an edited, added or removed story without a restart (kill -HUP).
func rereadOnSignal(ctx context.Context, logger zerolog.Logger, r *storyfiles.Reader, files []storyfiles.File, h *server.Server, sig <-chan os.Signal) {
	l := newStoryLog(logger, files)
	for {
		select {
		case <-ctx.Done():
			return
		case <-sig:
		}
		files, changed, err := r.Read()
		if err != nil {
			logger.Error().Err(err).Msg("story files cannot be read; the stories read before are told")
			continue
		}
		logger.Info().Bool("changed", changed).Msg("story files read again")
		if !changed {
			continue
		}
		l.update(files)
		if err := h.Update(files); err != nil {
			logger.Error().Err(err).Msg("story update failed")
		}
	}
}

// storyLog logs what changed in the story files' problems: each problem
// once per change, and a file fixed.
type storyLog struct {
	logger zerolog.Logger
	logged map[string]story.Problems // by path
}

func newStoryLog(logger zerolog.Logger, files []storyfiles.File) *storyLog {
	l := &storyLog{logger: logger, logged: map[string]story.Problems{}}
	for _, f := range files {
		l.logged[f.Path] = f.Problems
	}
	return l
}

func (l *storyLog) update(files []storyfiles.File) {
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Path] = true
		if before, ok := l.logged[f.Path]; !ok || !slices.Equal(before, f.Problems) {
			if len(f.Problems) == 0 && len(before) > 0 {
				l.logger.Info().Str("file", f.Path).Msg("story file fixed")
			}
			logProblems(l.logger, f)
			l.logged[f.Path] = f.Problems
		}
	}
	for path := range l.logged {
		if !seen[path] {
			delete(l.logged, path)
		}
	}
}

// problemsError is a file's problems as an error; a file that could not be
// read at all says why in its own words.
func problemsError(ps story.Problems) error {
	if len(ps) == 1 && ps[0].Path == story.RootPath && ps[0].Line == 0 {
		return errors.New(ps[0].Msg)
	}
	return ps
}
