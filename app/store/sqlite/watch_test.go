package sqlite_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fivecalls/app/quiz"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/store/storetest"
)

func answerN(n int) quiz.Answer {
	return quiz.Answer{Story: "s", Question: "q", Choice: "c", Correct: n%2 == 0,
		Reader: storetest.Token("reader", n), ID: storetest.Token("answer", n)}
}

// waitFor polls cond for up to 5 s (the watcher checks every second).
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("not within 5 s: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestDeletedFileRefusesAnswersAndIsRestored: after rm fivecalls.db*, the
// next answer is refused as unavailable (the commit's own check), not
// acknowledged into the unlinked file; Ping fails; and the database is
// written back at its path with every acknowledged answer, so a restart
// loses nothing.
func TestDeletedFileRefusesAnswersAndIsRestored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	s := mustOpen(t, path)
	for n := range 50 {
		storetest.MustSave(t, s, answerN(n), true)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.SaveAnswer(t.Context(), answerN(50))
	if quiz.ErrorCode(err) != quiz.Unavailable {
		t.Fatalf("an answer right after the delete: %v, want unavailable", err)
	}
	var f *sqlite.Fault
	if !errors.As(s.Fault(), &f) || f.Kind != sqlite.FaultFileGone {
		t.Errorf("Fault() = %v, want %s", s.Fault(), sqlite.FaultFileGone)
	}
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping after the delete: no error; readiness must fail")
	}
	if got := s.FaultCounts()[sqlite.FaultFileGone]; got != 1 {
		t.Errorf("FaultCounts()[file_gone] = %d, want 1", got)
	}
	waitFor(t, "the database written back at its path", func() bool { _, err := os.Stat(path); return err == nil })
	// Still refused: the open file is not the one at the path.
	if _, err := s.SaveAnswer(t.Context(), answerN(51)); quiz.ErrorCode(err) != quiz.Unavailable {
		t.Errorf("an answer after the rescue: %v, want unavailable until a restart", err)
	}
	s.Close()

	restarted := mustOpen(t, path)
	st := storetest.MustStats(t, restarted, "s", 1)
	if st.Answers < 50 || st.Answers > 51 {
		t.Fatalf("after a restart %d answers, want the 50 acknowledged (and perhaps the refused one, which a resend counts once)", st.Answers)
	}
	for n := range 50 {
		storetest.MustSave(t, restarted, answerN(n), false) // already there
	}
}

// TestReplacedFileIsNotOverwritten: a file moved over the database's path
// is left alone; the answers of the open database are saved beside it.
func TestReplacedFileIsNotOverwritten(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fivecalls.db")
	s := mustOpen(t, path)
	for n := range 20 {
		storetest.MustSave(t, s, answerN(n), true)
	}
	other := mustOpen(t, filepath.Join(dir, "other.db"))
	storetest.MustSave(t, other, answerN(1000), true)
	other.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
		if err := os.Rename(filepath.Join(dir, "other.db")+suffix, path+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveAnswer(t.Context(), answerN(20)); quiz.ErrorCode(err) != quiz.Unavailable {
		t.Fatalf("an answer after the replacement: %v, want unavailable", err)
	}
	var orphan string
	waitFor(t, "the open database saved beside the replacement", func() bool {
		m, _ := filepath.Glob(path + ".orphaned-*")
		if len(m) == 1 {
			orphan = m[0]
		}
		return orphan != ""
	})
	s.Close()
	replacement := mustOpen(t, path)
	if st := storetest.MustStats(t, replacement, "s", 1); st.Answers != 1 {
		t.Errorf("the replacement holds %d answers, want its own 1: it was overwritten", st.Answers)
	}
	saved := mustOpen(t, orphan)
	if st := storetest.MustStats(t, saved, "s", 1); st.Answers < 20 {
		t.Errorf("the saved database holds %d answers, want the 20 acknowledged", st.Answers)
	}
}
