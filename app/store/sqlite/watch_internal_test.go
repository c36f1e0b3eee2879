package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

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
