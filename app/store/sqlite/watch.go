package sqlite

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/rs/zerolog"

	"fivecalls/app/quiz"
)

// The store refuses answers, with quiz.Unavailable, while it has a Fault:
// a reason to believe an answer it acknowledged could be lost, or that it
// cannot store one now. SQLite keeps writing into a file that was deleted or
// replaced (its descriptors still name the old one), so without this every
// answer after `rm fivecalls.db*` was acknowledged and lost at the next
// restart.
//
// Faults are found three ways:
//
//   - after every commit, before any answer of it is acknowledged, the store
//     checks that its path still names the file it wrote to (a stat of the
//     database and its -wal and -shm files, microseconds): an answer is never
//     acknowledged into a file the path no longer names;
//   - every watchInterval a watcher checks the same, that the files are
//     writable and whether a commit is stuck (a stalled disk), and, while
//     the disk is full or failing, empties the -wal file into the database
//     and tries a small commit to see whether the disk takes one again;
//   - a commit that fails for want of space (SQLITE_FULL) marks the disk
//     full, and one that fails with an I/O error (SQLITE_IOERR) marks the
//     disk failing.
//
// A file deleted, moved or replaced is permanent until the server restarts
// (the open file is not the one the path names, and never will be again);
// the others end when their cause does.
const watchInterval = time.Second

// The kinds of Fault.
const (
	// FaultFileGone: the path names no file (deleted, or moved away).
	FaultFileGone = "file_gone"
	// FaultFileReplaced: the path names another file than the one open.
	FaultFileReplaced = "file_replaced"
	// FaultNotWritable: the files cannot be written (permissions, a
	// read-only mount).
	FaultNotWritable = "not_writable"
	// FaultDiskFull: a commit failed for want of space.
	FaultDiskFull = "disk_full"
	// FaultIOError: a commit failed with an I/O error (SQLITE_IOERR).
	FaultIOError = "io_error"
	// FaultStalled: a commit has not finished within the commit timeout.
	FaultStalled = "stalled"
)

// Fault is why the store refuses answers.
type Fault struct {
	Kind string // one of the Fault kinds
	Err  error  // what was found, for the log
}

func (f *Fault) Error() string { return f.Kind + ": " + f.Err.Error() }
func (f *Fault) Unwrap() error { return f.Err }

// FaultKind names the fault for metrics.
func (f *Fault) FaultKind() string { return f.Kind }

// permanent reports whether only a restart ends the fault.
func (f *Fault) permanent() bool { return f.Kind == FaultFileGone || f.Kind == FaultFileReplaced }

// health is the store's current fault, the count of faults by kind, and
// where changes are logged.
type health struct {
	fault atomic.Pointer[Fault] // nil: taking answers

	mu     sync.Mutex // orders changes and their log lines
	begun  map[string]int64
	log    zerolog.Logger
	rescue sync.Once
}

// SetLogger sets where the store logs a fault's start (once, at error
// level), its end, and the rescue of a deleted or replaced file. Default:
// nowhere.
func (s *Store) SetLogger(l zerolog.Logger) {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	s.health.log = l
}

// FaultCounts returns how many faults of each kind began since Open, for
// metrics.
func (s *Store) FaultCounts() map[string]int64 {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return maps.Clone(s.health.begun)
}

// Fault returns why the store refuses answers now, or nil.
func (s *Store) Fault() error {
	if f := s.health.fault.Load(); f != nil {
		return f
	}
	return nil
}

// raise makes f the store's fault, unless it has one already; a permanent
// fault replaces a passing one. The first time a file fault is raised, a
// copy of the open database is written out (rescue).
func (s *Store) raise(f *Fault) {
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if cur := h.fault.Load(); cur != nil && (cur.permanent() || !f.permanent()) {
		return
	}
	h.fault.Store(f)
	h.begun[f.Kind]++
	h.log.Error().Str("fault", f.Kind).Err(f.Err).Str("db", s.path).
		Msg("the answers store refuses answers (503) until this is mended")
	if f.permanent() {
		h.rescue.Do(func() {
			s.detachFiles()
			s.background.Go(func() { s.rescue(f) })
		})
	}
}

// clear ends the store's fault if it is of the kind.
func (s *Store) clear(kind string) {
	h := &s.health
	h.mu.Lock()
	defer h.mu.Unlock()
	if cur := h.fault.Load(); cur == nil || cur.Kind != kind || cur.permanent() {
		return
	}
	h.fault.Store(nil)
	h.log.Warn().Str("fault", kind).Str("db", s.path).Msg("the answers store takes answers again")
}

// watchedFile is one of the database's files as it was at open.
type watchedFile struct {
	path string
	info os.FileInfo // nil: absent at open, not checked
}

// recordFiles notes which files the path and its -wal and -shm name now,
// right after open.
func (s *Store) recordFiles() error {
	for i, suffix := range []string{"", "-wal", "-shm"} {
		p := s.path + suffix
		fi, err := os.Stat(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if err != nil && suffix == "" {
			return fmt.Errorf("the database file is not there right after opening it: %w", err)
		}
		s.files[i] = watchedFile{path: p, info: fi}
	}
	return nil
}

// checkFiles returns a Fault when a path no longer names the file that
// was open: deleted, moved away, or replaced.
func (s *Store) checkFiles() *Fault {
	for _, f := range s.files {
		if f.info == nil {
			continue
		}
		fi, err := os.Stat(f.path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return &Fault{Kind: FaultFileGone, Err: fmt.Errorf("%s was deleted or moved while open; answers written since would be lost at the next restart", f.path)}
		case err != nil:
			return &Fault{Kind: FaultFileGone, Err: fmt.Errorf("%s cannot be checked: %w", f.path, err)}
		case !os.SameFile(fi, f.info):
			return &Fault{Kind: FaultFileReplaced, Err: fmt.Errorf("%s was replaced by another file while open; answers written since would not be in it", f.path)}
		}
	}
	return nil
}

// detachFiles removes the names of the open -wal and -shm files, when the
// path still names them, once the database file itself is gone or another:
// SQLite pairs a database with whatever -wal is beside it, so the next
// process to open the path would lay this database's pages over another
// one, or over the copy written back by rescue. This process keeps reading
// them through its open descriptors.
func (s *Store) detachFiles() {
	for _, f := range s.files[1:] {
		if fi, err := os.Stat(f.path); err == nil && f.info != nil && os.SameFile(fi, f.info) {
			os.Remove(f.path)
		}
	}
}

// watchLoop checks the files every watchInterval until the store closes.
func (s *Store) watchLoop() {
	t := time.NewTicker(watchInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.watch()
		}
	}
}

// watch runs the checks once.
func (s *Store) watch() {
	if f := s.checkFiles(); f != nil {
		s.raise(f)
		return
	}
	if s.gc.Stalled() {
		s.raise(&Fault{Kind: FaultStalled, Err: errors.New("a commit has run past the commit timeout: the disk does not answer")})
	} else {
		s.clear(FaultStalled)
	}
	if err := writableFiles(s.files[:2]); err != nil {
		s.raise(&Fault{Kind: FaultNotWritable, Err: err})
	} else {
		s.clear(FaultNotWritable)
	}
	if cur := s.health.fault.Load(); cur != nil && (cur.Kind == FaultDiskFull || cur.Kind == FaultIOError) {
		s.probeDisk(cur.Kind)
	}
}

// probeDisk starts a probe of a disk found full or failing, in the
// background, and the probe ends the fault of the kind if the disk takes a
// commit. The watcher does not wait for it: the writer's lock may be held
// by a commit stuck on a stalled disk, and the probe's own fsync may hang
// as well, and meanwhile the files must still be checked every interval.
// While the lock is held (such a commit, an import, a rescue, the last
// probe) no probe starts; the next interval tries again.
func (s *Store) probeDisk(kind string) {
	if !s.writeMu.TryLock() {
		return
	}
	s.background.Go(func() {
		defer s.writeMu.Unlock()
		if s.diskTakesCommits() {
			s.clear(kind)
		}
	})
}

// diskTakesCommits tries a commit on a disk found full or failing. First it
// copies the -wal file back into the database and truncates it: under a
// sustained load the -wal grows (see checkpoint.go), so it may be what
// filled the disk, and the space it frees may be all there is. No answer is committed
// meanwhile (the store refuses them), so the checkpoint can complete.
// s.writeMu must be held.
func (s *Store) diskTakesCommits() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return writeProbe(ctx, s.writer) == nil
}

// checkWritable is writable; tests replace it, since root may write what
// its mode forbids.
var checkWritable = writable

// writableFiles checks that each file there at open may be written.
func writableFiles(files []watchedFile) error {
	for _, f := range files {
		if f.info == nil {
			continue
		}
		if err := checkWritable(f.path); err != nil {
			return fmt.Errorf("%s cannot be written: %w", f.path, err)
		}
	}
	return nil
}

// sqliteCoded is an error with an SQLite result code. The driver's errors
// are (checked at build time), and so are a test's.
type sqliteCoded interface{ Code() int }

var _ sqliteCoded = (*sqlitedriver.Error)(nil)

// storageError classifies a commit's error: SQLite's codes for a full disk,
// an I/O error, a read-only file or a lock held too long by another process
// make it quiz.Unavailable; anything else stays as it is, an internal error.
//
// A full disk and an I/O error also raise a fault, which fails readiness
// and refuses answers until the watcher's probe commits again (within a
// watch interval when the disk is fine). One I/O error is enough: it is the
// disk or file system failing a read, write or fsync, and after a failed
// fsync Linux may drop the pages it could not write and let the next fsync
// succeed (PostgreSQL's "fsyncgate", 2018), so more commits could be
// acknowledged on a file already damaged; a one-off costs about a second
// of 503, while waiting for several would keep readiness green as every
// commit fails.
func (s *Store) storageError(err error) error {
	var se sqliteCoded
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL:
		s.raise(&Fault{Kind: FaultDiskFull, Err: err})
		return quiz.UnavailableError(err)
	case sqlite3.SQLITE_IOERR:
		s.raise(&Fault{Kind: FaultIOError, Err: err})
		return quiz.UnavailableError(err)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY:
		return quiz.UnavailableError(err)
	}
	return err
}

// rescue saves the answers of a database whose file was deleted or
// replaced while open, from the open file, which is still readable: back at
// its path when the path and its -wal and -shm are gone (rm fivecalls.db*),
// so that a restart finds every answer; beside it, as PATH.orphaned-TIME,
// when something else is there now (a replacement the operator meant). If
// that fails too, the log says where the open file can still be copied from
// while the process runs.
func (s *Store) rescue(f *Fault) {
	s.health.mu.Lock()
	log := s.health.log
	s.health.mu.Unlock()
	failed := func(format string, args ...any) {
		log.Error().Str("fault", f.Kind).Str("db", s.path).Msgf(format, args...)
	}
	dir := filepath.Dir(s.path)
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.rescue-%d", filepath.Base(s.path), time.Now().UnixNano()))
	err := s.copyTo(tmp)
	if err != nil {
		os.Remove(tmp)
		failed("the answers in the open database could not be copied out (%v); "+
			"do not stop the server until they are: copy %s to a safe place", err, openFileHint(s.path))
		return
	}
	defer os.Remove(tmp)
	os.Chmod(tmp, s.files[0].info.Mode().Perm()) // as the database was
	if f.Kind == FaultFileGone && absent(s.path, s.path+"-wal", s.path+"-shm") {
		// Link does not replace a file that appeared meanwhile.
		if err := os.Link(tmp, s.path); err == nil {
			syncDir(dir)
			log.Warn().Str("fault", f.Kind).Str("db", s.path).Str("rescued_to", s.path).
				Msg("the deleted database was written back from the open file, with every answer it held; restart the server to take answers again")
			return
		}
	}
	orphan := s.path + ".orphaned-" + time.Now().UTC().Format("20060102T150405Z")
	if err := os.Link(tmp, orphan); err != nil {
		failed("the answers in the open database could not be saved as %s (%v); "+
			"do not stop the server until they are: copy %s to a safe place", orphan, err, openFileHint(s.path))
		return
	}
	syncDir(dir)
	log.Warn().Str("fault", f.Kind).Str("db", s.path).Str("rescued_to", orphan).
		Msg("the answers of the open database, which the path no longer names, were saved beside it; " +
			"merge them into the database in use (README: \"When the database file is deleted or replaced\")")
}

// copyTo writes a consistent copy of the open database to path, durably.
// It reads through the writer's connection, opened at start: a connection
// opened now would read whatever the path names now.
func (s *Store) copyTo(path string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s.writeMu.Lock()
	_, err := s.writer.ExecContext(ctx, "VACUUM INTO ?", path)
	s.writeMu.Unlock()
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// absent reports whether none of the paths exists.
func absent(paths ...string) bool {
	for _, p := range paths {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			return false
		}
	}
	return true
}

// openFileHint names where the deleted file can still be read: the
// process's descriptor of it, on Linux.
func openFileHint(path string) string {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return "the database file this process still has open"
	}
	abs, _ := filepath.Abs(path)
	for _, e := range entries {
		target, err := os.Readlink("/proc/self/fd/" + e.Name())
		if err == nil && strings.TrimSuffix(target, " (deleted)") == abs {
			return fmt.Sprintf("/proc/%d/fd/%s (the open database file)", os.Getpid(), e.Name())
		}
	}
	return "the database file this process still has open"
}

// syncDir makes a new name in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
