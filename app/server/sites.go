package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"fivecalls/app/story"
	"fivecalls/app/storyfiles"
)

// siteSet is every story told, as one value: update builds the next set
// and swaps it in whole, so a request sees one set from start to end.
type siteSet struct {
	// root is the one story of a server without Config.Several.
	root *site
	// byID are the stories of Config.Several, by id, and list them in
	// the order of their files, for the list at /.
	byID map[string]*site
	list []*site
	// broken are the files of Config.Several that have no story to tell.
	broken []storyfiles.File
	// index is the list of them at / (renderIndex).
	index *cachedFile
}

// current is the set of stories told now.
func (s *srv) current() *siteSet { return s.sites.Load() }

// siteOf is the site a request is for, or nil.
func (s *srv) siteOf(r *http.Request) *site {
	set := s.current()
	if !s.cfg.Several {
		return set.root
	}
	return set.byID[r.PathValue(storyPathValue)]
}

// update tells the files as they are now. A story whose JSON is what a
// site already tells at its prefix keeps that site (and its cached pages);
// another gets a new one.
func (s *srv) update(files []storyfiles.File) error {
	s.updating.Lock()
	defer s.updating.Unlock()
	old := s.current()
	next := &siteSet{byID: map[string]*site{}}
	var errs []error
	for _, f := range files {
		prefix := "/"
		var before *site
		switch {
		case !s.cfg.Several:
			before = old.root
		case f.Story != nil:
			prefix = "/" + f.Story.ID + "/"
			before = old.byID[f.Story.ID]
		}
		st := before
		if f.Story != nil && (before == nil || !sameStory(before, f.Story)) {
			built, err := s.newSite(f.Story, prefix)
			if err != nil {
				err = fmt.Errorf("%s: %w", fileName(f), err)
				errs = append(errs, err)
				f.Problems = append(f.Problems, story.Problem{Path: story.RootPath, Msg: err.Error()})
			} else {
				st = built
				if s.updated { // at start, the process says what it serves
					s.logger.Info().Str("story", f.Story.ID).Str("file", f.Path).Str("version", st.version).Str("path", prefix).Msg("story updated")
				}
			}
		}
		if st == nil {
			next.broken = append(next.broken, f)
			continue
		}
		st.live.Store(newLiveState(f))
		if !s.cfg.Several {
			next.root = st
			continue
		}
		if _, dup := next.byID[st.story.ID]; dup {
			// A story kept from before whose id another file now tells.
			next.broken = append(next.broken, f)
			continue
		}
		next.byID[st.story.ID] = st
		next.list = append(next.list, st)
	}
	if !s.cfg.Several && next.root == nil {
		next.root = old.root
	}
	if !s.cfg.Several && next.root == nil {
		return errors.Join(append(errs, errors.New("no story to serve"))...)
	}
	for id := range old.byID {
		if next.byID[id] == nil {
			s.logger.Info().Str("story", id).Msg("story removed")
		}
	}
	if s.siteRoutes == nil {
		for _, st := range append([]*site{next.root}, next.list...) {
			if st != nil {
				s.siteRoutes = st.routes
				break
			}
		}
	}
	if s.cfg.Several {
		next.index = newCachedFile("text/html; charset=utf-8", indexOf(next, s.cfg.Watch))
	}
	s.sites.Store(next)
	s.updated = true
	return errors.Join(errs...)
}

// sameStory reports whether a site tells this story as it is.
func sameStory(st *site, s *story.Story) bool {
	b, err := json.Marshal(s)
	return err == nil && bytes.Equal(b, st.storyJSON)
}

// fileName names a file in messages: its path, or "the story" for one
// built in code.
func fileName(f storyfiles.File) string {
	if f.Path == "" {
		return "the story"
	}
	return f.Path
}
