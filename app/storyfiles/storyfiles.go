// Package storyfiles reads the story files a server tells: one file
// (fivecalls serve --story) or every story file of a folder (--stories),
// and, when watched (--watch), reads them again as they change.
//
// It keeps each file's last good story: an edit that breaks a file leaves
// the story the file held before being told, beside the problems of the
// file as it is now, so that an author sees both and a reader never sees a
// broken story. It depends on app/story only, and reads with the standard
// library: a watch is a poll of each file's size and modification time,
// cheap for the few files of a newsroom's folder and the same on every
// system and file system (bind mounts, network drives, editors that save by
// renaming).
package storyfiles

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fivecalls/app/story"
)

// Ext is the extension of a story file in a folder: the others are left
// alone (a README, an editor's backup).
const Ext = ".json"

// File is one story file as last read.
type File struct {
	// Path is the file's path: as given for one file, the folder joined
	// with its name for a folder's.
	Path string
	// Story is the file's last good story: what the file holds when
	// Problems is empty, otherwise what it held before it broke. Nil when
	// it has never held a valid story since it was first read.
	Story *story.Story
	// Problems are what is wrong with the file as it is now, each with its
	// JSON path and line:column; a file that cannot be read has one, at
	// story.RootPath. Empty when Story is what the file holds.
	Problems story.Problems
	// Warnings are the weak spots of the story the file holds (the
	// Reader's Warnings), located like Problems, for an author to check
	// before publishing: a valid story is told all the same. Empty while
	// the file has problems: what it holds is not a story.
	Warnings story.Problems
}

// Source names what is read: one file, or the story files of a folder.
type Source struct {
	path   string
	folder bool
}

// One is a single story file. Removing it does not remove its story: the
// file's absence is a problem, and its last good story stays.
func One(path string) Source { return Source{path: path} }

// Folder is every story file (*.json, not hidden) directly in dir. Adding a
// file adds its story; removing one removes it.
func Folder(dir string) Source { return Source{path: dir, folder: true} }

// IsFolder reports whether the source is a folder.
func (src Source) IsFolder() bool { return src.folder }

// String is the source's path.
func (src Source) String() string { return src.path }

// Reader reads a source, and remembers what it read of each file: its
// size and time (a change of either means the file is read again), its
// bytes (the same bytes are not a change) and its last good story.
type Reader struct {
	// Load reads a file's bytes as a story: story.Load unless set (a
	// command that must stop mid-read wraps it; a test holds it).
	Load func([]byte) (*story.Story, error)
	// Warnings lists a good story's weak spots: story.Warnings unless set
	// (a command adds those of the story's map, which app/story cannot
	// see).
	Warnings func(*story.Story) story.Problems
	src      Source
	files    map[string]*fileState // by path
}

type fileState struct {
	stamp stamp
	data  []byte
	file  File
}

// stamp is what a poll compares: a file is read again when it changes.
type stamp struct {
	size    int64
	modTime time.Time
	err     string // why the file could not be looked at
}

// NewReader returns a reader of src that has read nothing yet.
func NewReader(src Source) *Reader {
	return &Reader{Load: story.Load, Warnings: story.Warnings, src: src, files: map[string]*fileState{}}
}

// Read reads the source: every file whose size or time changed since the
// last Read (every file, the first time). It returns every file, in the
// order of their paths, and whether any of them changed: a story, a
// problem, a file added or removed. The error is for a folder that cannot
// be listed; a file's own trouble is one of its problems.
func (r *Reader) Read() ([]File, bool, error) {
	stamps, err := r.scan()
	if err != nil {
		return nil, false, err
	}
	return r.read(stamps)
}

// scan looks at the files: their stamps, by path.
func (r *Reader) scan() (map[string]stamp, error) {
	if !r.src.folder {
		st, _ := stampOf(r.src.path) // a file gone is a problem of the file
		return map[string]stamp{r.src.path: st}, nil
	}
	paths, err := Files(r.src.path)
	if err != nil {
		return nil, err
	}
	out := map[string]stamp{}
	for _, path := range paths {
		if st, gone := stampOf(path); !gone { // removed between the listing and the look: gone
			out[path] = st
		}
	}
	return out, nil
}

// Files lists the story files of a folder, as a folder's source reads
// them: its files named *.json and not hidden, by name.
func Files(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read the folder of stories: %w", err)
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, Ext) || strings.HasPrefix(name, ".") || e.IsDir() {
			continue
		}
		out = append(out, filepath.Join(dir, name))
	}
	return out, nil
}

// stampOf looks at a file; gone is true when there is none.
func stampOf(path string) (st stamp, gone bool) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return stamp{err: err.Error()}, errors.Is(err, fs.ErrNotExist)
	case fi.IsDir():
		return stamp{err: "it is a folder, not a story file"}, false
	}
	return stamp{size: fi.Size(), modTime: fi.ModTime()}, false
}

// read reads the files whose stamps changed and forgets those gone.
func (r *Reader) read(stamps map[string]stamp) ([]File, bool, error) {
	changed := false
	for path := range r.files {
		if _, ok := stamps[path]; !ok {
			delete(r.files, path)
			changed = true
		}
	}
	for path, st := range stamps {
		prev := r.files[path]
		if prev != nil && prev.stamp == st {
			continue
		}
		next := &fileState{stamp: st, file: File{Path: path}}
		var last *story.Story // the story the file was last good with
		if prev != nil {
			last = prev.file.Story
		}
		data, err := ReadFile(path)
		switch {
		case err != nil:
			next.file.Story, next.file.Problems = last, problemsOf(err)
		case prev != nil && prev.data != nil && bytes.Equal(prev.data, data):
			next.data, next.file = data, prev.file // touched, not changed
		default:
			next.data = data
			if s, err := r.Load(data); err != nil {
				next.file.Story, next.file.Problems = last, problemsOf(err)
			} else {
				next.file.Story = s
				if ws := r.Warnings(s); len(ws) > 0 {
					next.file.Warnings = story.Locate(data, ws)
				}
			}
		}
		if prev == nil || !sameFile(prev.file, next.file) {
			changed = true
		}
		r.files[path] = next
	}
	files := make([]File, 0, len(r.files))
	for _, path := range slices.Sorted(maps.Keys(r.files)) {
		files = append(files, r.files[path].file)
	}
	if r.src.folder {
		files = r.oneFilePerID(files)
	}
	return files, changed, nil
}

// oneFilePerID refuses a story whose id an earlier file (by path) already
// tells: the id is its address (/ID/) and the key of its readers' answers,
// so two files cannot share it. The later file gets the problem and tells
// nothing until the ids differ.
func (r *Reader) oneFilePerID(files []File) []File {
	taken := map[string]string{} // story id → the path of the file telling it
	for i := range files {
		f := &files[i]
		if f.Story == nil {
			continue
		}
		other, dup := taken[f.Story.ID]
		if !dup {
			taken[f.Story.ID] = f.Path
			continue
		}
		p := story.Problem{Path: "id", Msg: fmt.Sprintf("%s already tells a story with the id %q; give each story its own id", filepath.Base(other), f.Story.ID)}
		if st := r.files[f.Path]; st != nil && st.data != nil {
			p = story.Locate(st.data, story.Problems{p})[0]
		}
		f.Problems = append(slices.Clip(f.Problems), p)
		f.Story, f.Warnings = nil, nil
	}
	return files
}

// sameFile reports whether two reads of a file tell the same: the same
// story (the same value: a re-read that loads equal content is no change)
// and the same problems and warnings.
func sameFile(a, b File) bool {
	return a.Story == b.Story && slices.Equal(a.Problems, b.Problems) && slices.Equal(a.Warnings, b.Warnings)
}

// problemsOf turns an error of reading or loading a file into its
// problems.
func problemsOf(err error) story.Problems {
	var ps story.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return story.Problems{{Path: story.RootPath, Msg: err.Error()}}
}

// ReadFile reads a story file, refusing a file larger than
// story.MaxFileSize before reading it whole.
func ReadFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > story.MaxFileSize {
		return nil, fmt.Errorf("the file is %.1f MB; a story file may be at most 1 MiB", float64(fi.Size())/1e6)
	}
	return io.ReadAll(io.LimitReader(f, story.MaxFileSize+1))
}
