package sqlite_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	_ "modernc.org/sqlite"

	"fivecalls/app/quiz"
	"fivecalls/app/store/storetest"
)

// rawDB opens the file behind the store's back, as an editor would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestTwoProcessesOneFile is two servers on one SQLite file (two stores, as
// two processes would have): their writes take turns and counters stay exact.
func TestTwoProcessesOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	storetest.RunInstances(t, func(t *testing.T) (quiz.Store, quiz.Store) {
		a := mustOpen(t, path)
		return a, mustOpen(t, path)
	})
}

func TestRepair(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	s := mustOpen(t, path)
	// Readers' progress is counted from their answers: there is no row of
	// it to tamper with.
	storetest.RunRepair(t, s, func(t *testing.T) int64 {
		db := rawDB(t, path)
		for _, q := range []string{
			`UPDATE choice_counts SET n = n + 5 WHERE story = 'conformance' AND question = 'q1' AND choice = 'a'`,
			`INSERT INTO score_counts (story, answered, correct, n) VALUES ('conformance', 3, 0, 1)
				ON CONFLICT (story, answered, correct) DO UPDATE SET n = n + 1`,
		} {
			if res, err := db.Exec(q); err != nil {
				t.Fatal(err)
			} else if n, _ := res.RowsAffected(); n != 1 {
				t.Fatalf("%s: %d rows, want 1", q, n)
			}
		}
		return 0
	})
}

// TestMigrationFillsCounters opens a database written by the version before
// counters: the migration counts the answers already there.
func TestMigrationFillsCounters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	v1, err := os.ReadFile("migrations/0001_answers.sql")
	if err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL DEFAULT (unixepoch()))`,
		string(v1),
		`INSERT INTO schema_migrations (version, name) VALUES (1, '0001_answers.sql')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	// Reader 1 finished with 2 of 3 right, reader 2 answered one question,
	// reader 3 finished with none right; another story has one answer.
	for _, a := range []struct {
		id, story, question, reader, choice string
		correct                             bool
	}{
		{"a1", "s", "q1", "r1", "a", true}, {"a2", "s", "q2", "r1", "a", true}, {"a3", "s", "q3", "r1", "b", false},
		{"a4", "s", "q1", "r2", "b", false},
		{"a5", "s", "q1", "r3", "c", false}, {"a6", "s", "q2", "r3", "b", false}, {"a7", "s", "q3", "r3", "b", false},
		{"a8", "other", "q1", "r1", "a", true},
	} {
		if _, err := db.Exec(`INSERT INTO answers (id, story, question, reader, choice, correct) VALUES (?, ?, ?, ?, ?, ?)`,
			a.id, a.story, a.question, a.reader, a.choice, a.correct); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s := mustOpen(t, path)
	st := storetest.MustStats(t, s, "s", 3)
	if st.Answers != 7 || st.Readers != 3 || st.Finished != 2 || !slices.Equal(st.Scores, []int64{1, 0, 1, 0}) ||
		st.Questions["q1"]["a"] != 1 || st.Questions["q1"]["b"] != 1 || st.Questions["q1"]["c"] != 1 || st.Questions["q3"]["b"] != 2 {
		t.Errorf("stats after the migration: %+v", st)
	}
	if r := storetest.MustCheck(t, s); r.Answers != 8 || r.Readers != 4 {
		t.Errorf("recount: %d answers by %d readers, want 8 by 4", r.Answers, r.Readers)
	}
	var indexes int
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'answers_by_choice'`).Scan(&indexes); err != nil || indexes != 0 {
		t.Errorf("answers_by_choice still there (%d, %v)", indexes, err)
	}
	storetest.MustSave(t, s, quiz.Answer{Story: "s", Question: "q2", Choice: "a", Correct: true,
		Reader: "r2", ID: storetest.Token("answer", 9)}, true)
	storetest.MustCheck(t, s)
}
