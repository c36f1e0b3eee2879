package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/store/storetest"
)

func mustOpen(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) quiz.Store {
		return mustOpen(t, filepath.Join(t.TempDir(), "fivecalls.db"))
	})
}

func TestOpenCreatesDirectoryAndWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "nested", "fivecalls.db")
	s := mustOpen(t, path)
	storetest.MustSave(t, s, quiz.Answer{Story: "s", Question: "q", Choice: "c",
		Reader: storetest.Token("reader", 1), ID: storetest.Token("answer", 1)}, true)
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no write-ahead log next to the database: %v", err)
	}
}

func TestReopenKeepsAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	a := quiz.Answer{Story: "s", Question: "q", Choice: "c", Correct: true,
		Reader: storetest.Token("reader", 1), ID: storetest.Token("answer", 1)}

	s := mustOpen(t, path)
	storetest.MustSave(t, s, a, true)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpen(t, path) // migrations run again and must be a no-op
	storetest.MustSave(t, s, a, false)
	st := storetest.MustStats(t, s, "s", 1)
	if st.Answers != 1 || st.Scores[1] != 1 {
		t.Errorf("after reopening: %+v, want the one answer, correct", st)
	}
}

func TestOpenRejectsNonPaths(t *testing.T) {
	for _, path := range []string{"", ":memory:", "file:x.db", "x.db?mode=ro"} {
		if _, err := sqlite.Open(context.Background(), path); err == nil {
			t.Errorf("Open(%q): no error", path)
		}
	}
}
