package sqlite_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/storetest"
)

// oldDatabase writes a database as the version with migrations 1 to
// version left it, from the migration files themselves, with the answers
// inserted before the counters were filled, as 0002 does.
func oldDatabase(t *testing.T, path string, version int, answers []quiz.Answer, createdAt int64) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(names) < version {
		t.Fatalf("migrations: %v, %v", names, err)
	}
	slices.Sort(names)
	db := rawDB(t, path)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL DEFAULT (unixepoch()))`)
	for v, name := range names[:version] {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		exec(string(b))
		exec(`INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, v+1, filepath.Base(name))
		if v == 0 {
			for _, a := range answers {
				exec(`INSERT INTO answers (id, story, question, reader, choice, correct, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
					a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct, createdAt)
			}
		}
	}
	db.Close()
}

// mustKeep fails the test unless answers holds exactly want, each with its
// id, choice and time.
func mustKeep(t *testing.T, db *sql.DB, want []quiz.Answer, createdAt int64) {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM answers`).Scan(&n); err != nil || n != len(want) {
		t.Errorf("%d answers stored (%v), want %d", n, err, len(want))
	}
	for _, a := range want {
		var got quiz.Answer
		var at int64
		err := db.QueryRow(`SELECT id, choice, correct, created_at FROM answers WHERE story = ? AND reader = ? AND question = ?`, a.Story, a.Reader, a.Question).
			Scan(&got.ID, &got.Choice, &got.Correct, &at)
		if err != nil || got.ID != a.ID || got.Choice != a.Choice || got.Correct != a.Correct || at != createdAt {
			t.Fatalf("answer %s of %s to %s: %+v at %d (%v); want %+v at %d", a.ID, a.Reader, a.Question, got, at, err, a, createdAt)
		}
	}
}

// TestMigrationKeysAnswersByReader upgrades a database of the schema before
// 0004 in place: every answer is kept with its id and time, reader_progress
// is gone, and the counters go on from where they were.
func TestMigrationKeysAnswersByReader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	const story, createdAt = "s", 1_700_000_000
	old := storetest.MigrationAnswers(story)
	oldDatabase(t, path, 3, old, createdAt)

	s := mustOpen(t, path)
	before := storetest.MustStats(t, s, story, 3)
	if before.Answers != int64(len(old)) || before.Readers != 40 || before.Finished != 13 || !slices.Equal(before.Scores, []int64{6, 7, 0, 0}) {
		t.Fatalf("stats after the migration: %+v", before)
	}
	storetest.MustCheck(t, s)
	db := rawDB(t, path)
	mustKeep(t, db, old, createdAt)
	var progressTables int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'reader_progress'`).Scan(&progressTables); err != nil || progressTables != 0 {
		t.Errorf("reader_progress tables after the migration: %d, %v; want none", progressTables, err)
	}

	// Reader 0 had answered q1 (right): resent, it is not stored; reader
	// 0's q2 and q3 count from their stored progress.
	storetest.MustSave(t, s, old[0], false)
	storetest.MustSave(t, s, quiz.Answer{Story: story, Question: "q2", Choice: "a", Reader: storetest.Token("reader", 0), ID: storetest.Token("answer", 1000)}, true)
	storetest.MustSave(t, s, quiz.Answer{Story: story, Question: "q3", Choice: "a", Correct: true, Reader: storetest.Token("reader", 0), ID: storetest.Token("answer", 1001)}, true)
	after := storetest.MustStats(t, s, story, 3)
	if after.Answers != before.Answers+2 || after.Readers != 40 || after.Finished != 14 || !slices.Equal(after.Scores, []int64{6, 7, 1, 0}) {
		t.Errorf("stats after reader 0 finished with 2 right: %+v", after)
	}
	storetest.MustCheck(t, s)
}
