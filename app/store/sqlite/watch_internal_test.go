package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"fivecalls/app/quiz"
	"fivecalls/app/store/storetest"
)

func testAnswer(n int) quiz.Answer {
	return quiz.Answer{Story: "s", Question: "q", Choice: "c", Reader: storetest.Token("reader", n), ID: storetest.Token("answer", n)}
}

func waitUntil(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("not within 5 s: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestStalledDiskRefusesAnswers: a commit stuck past the commit timeout (a
// frozen disk, here a commit held on the writer's lock) answers its caller
// Unavailable at the timeout; within a watch interval the store reports the
// stall, fails Ping and refuses answers at once; when the commit returns,
// it takes answers again.
func TestStalledDiskRefusesAnswers(t *testing.T) {
	commitTimeout = 200 * time.Millisecond
	defer func() { commitTimeout = 0 }()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "answers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	s.writeMu.Lock() // the disk freezes
	start := time.Now()
	_, err = s.SaveAnswer(t.Context(), testAnswer(1))
	if quiz.ErrorCode(err) != quiz.Unavailable {
		t.Fatalf("an answer on a frozen disk: %v, want unavailable", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("it waited %v, want about the 200 ms commit timeout", took)
	}
	waitUntil(t, "the stall reported", func() bool {
		var f *Fault
		return errors.As(s.Fault(), &f) && f.Kind == FaultStalled
	})
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping while stalled: no error")
	}
	start = time.Now()
	if _, err := s.SaveAnswer(t.Context(), testAnswer(2)); quiz.ErrorCode(err) != quiz.Unavailable || time.Since(start) > 100*time.Millisecond {
		t.Errorf("an answer while stalled: %v after %v, want unavailable at once", err, time.Since(start))
	}

	s.writeMu.Unlock() // the disk thaws: the stuck commit completes
	waitUntil(t, "answers taken again", func() bool { return s.Fault() == nil })
	storetest.MustSave(t, s, testAnswer(3), true)
	if n := s.FaultCounts()[FaultStalled]; n != 1 {
		t.Errorf("FaultCounts()[stalled] = %d, want 1", n)
	}
}

// TestNotWritableRefusesAnswers: files that cannot be written (a read-only
// remount, a permission change; here the check says so, since root may
// write anyway) make the store refuse answers until they can be again.
func TestNotWritableRefusesAnswers(t *testing.T) {
	readOnly := make(chan bool, 1)
	readOnly <- false
	checkWritable = func(path string) error {
		ro := <-readOnly
		readOnly <- ro
		if ro {
			return syscall.EROFS
		}
		return writable(path)
	}
	t.Cleanup(func() { checkWritable = writable }) // after the store's watcher has stopped
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "answers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	<-readOnly
	readOnly <- true

	waitUntil(t, "the read-only files reported", func() bool {
		var f *Fault
		return errors.As(s.Fault(), &f) && f.Kind == FaultNotWritable
	})
	if _, err := s.SaveAnswer(t.Context(), testAnswer(1)); quiz.ErrorCode(err) != quiz.Unavailable {
		t.Errorf("an answer to read-only files: %v, want unavailable", err)
	}
	<-readOnly
	readOnly <- false
	waitUntil(t, "answers taken again", func() bool { return s.Fault() == nil })
	storetest.MustSave(t, s, testAnswer(2), true)
}

// ioError is an error with SQLite's result code for a failed write, as the
// driver returns when the disk fails a write or an fsync (EIO).
type ioError struct{}

func (ioError) Error() string { return "disk I/O error (SQLITE_IOERR_WRITE)" }
func (ioError) Code() int     { return sqlite3.SQLITE_IOERR_WRITE }

// TestIOErrorFailsReadiness: a commit that fails with an I/O error makes
// the store refuse answers and fail Ping (so /readyz) instead of staying
// ready while every commit fails; the watcher's probe commits again when
// the disk is fine, and then answers are taken again.
func TestIOErrorFailsReadiness(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "answers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	// What commit does with a statement's error.
	if err := s.storageError(fmt.Errorf("commit: %w", ioError{})); quiz.ErrorCode(err) != quiz.Unavailable {
		t.Errorf("a commit's I/O error: %v, want unavailable", err)
	}
	var f *Fault
	if !errors.As(s.Fault(), &f) || f.Kind != FaultIOError {
		t.Fatalf("Fault() = %v after an I/O error, want %s", s.Fault(), FaultIOError)
	}
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping after an I/O error: no error, so readiness stays green")
	}
	if _, err := s.SaveAnswer(t.Context(), testAnswer(1)); quiz.ErrorCode(err) != quiz.Unavailable {
		t.Errorf("an answer after an I/O error: %v, want unavailable", err)
	}
	waitUntil(t, "the probe commits and answers are taken again", func() bool { return s.Fault() == nil })
	storetest.MustSave(t, s, testAnswer(2), true)
	if n := s.FaultCounts()[FaultIOError]; n != 1 {
		t.Errorf("FaultCounts()[io_error] = %d, want 1", n)
	}
}

// TestWatcherGoesOnWhileTheWriterIsStuck: with the disk marked full and
// the writer's lock held by a commit that does not return (a stalled disk),
// a round of the watcher still ends at once, so the files are still checked
// every interval; when the commit returns, the probe finds that the disk
// takes commits and answers are taken again.
func TestWatcherGoesOnWhileTheWriterIsStuck(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "answers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.raise(&Fault{Kind: FaultDiskFull, Err: errors.New("database or disk is full")})
	s.writeMu.Lock() // the stuck commit
	locked := true
	defer func() {
		if locked {
			s.writeMu.Unlock()
		}
	}()

	done := make(chan struct{})
	go func() { s.watch(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("the watcher waits for the writer's lock held by a stuck commit")
	}
	s.writeMu.Unlock() // the commit returns
	locked = false
	waitUntil(t, "the probe commits and answers are taken again", func() bool { return s.Fault() == nil })
	storetest.MustSave(t, s, testAnswer(1), true)
}
