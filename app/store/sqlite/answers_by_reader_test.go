package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/storetest"
)

// v3Database writes a database as the version before
// 0004_answers_by_reader.sql left it: migrations 1 to 3, with the answers
// inserted before the counters were filled, as 0002 does.
func v3Database(t *testing.T, path string, answers []quiz.Answer, createdAt int64) {
	t.Helper()
	db := rawDB(t, path)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL DEFAULT (unixepoch()))`)
	exec(read("0001_answers.sql"))
	for _, a := range answers {
		exec(`INSERT INTO answers (id, story, question, reader, choice, correct, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct, createdAt)
	}
	for v, name := range []string{"0001_answers.sql", "0002_counters.sql", "0003_write_probe.sql"} {
		if v > 0 {
			exec(read(name))
		}
		exec(`INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, v+1, name)
	}
	db.Close()
}

// TestMigrationKeysAnswersByReader upgrades a database of the previous
// schema in place: every answer is kept with its id and time, the counters
// go on from where they were, and an id stays stored once (a resend, or
// the same id from another reader, is not stored), also after an editor
// deletes an answer by hand (its id is free again) or changes its id.
func TestMigrationKeysAnswersByReader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	const story, createdAt = "s", 1_700_000_000
	var old []quiz.Answer // 40 readers; reader r answered q1..q(1+r%3), q1 right for even r
	for r := range 40 {
		for q := range 1 + r%3 {
			old = append(old, quiz.Answer{Story: story, Question: fmt.Sprintf("q%d", q+1), Choice: []string{"a", "b"}[r%2],
				Correct: r%2 == 0 && q == 0, Reader: storetest.Token("reader", r), ID: storetest.Token("answer", len(old))})
		}
	}
	v3Database(t, path, old, createdAt)

	s := mustOpen(t, path)
	before := storetest.MustStats(t, s, story, 3)
	if before.Answers != int64(len(old)) || before.Readers != 40 || before.Finished != 13 || !slices.Equal(before.Scores, []int64{6, 7, 0, 0}) {
		t.Fatalf("stats after the migration: %+v", before)
	}
	storetest.MustCheck(t, s)
	db := rawDB(t, path)
	var answers, ids, stamped, progressTables int
	for _, q := range []struct {
		sql  string
		into *int
	}{
		{`SELECT count(*) FROM answers`, &answers},
		{`SELECT count(*) FROM answer_ids JOIN answers USING (id)`, &ids},
		{fmt.Sprintf(`SELECT count(*) FROM answers WHERE created_at = %d`, createdAt), &stamped},
		{`SELECT count(*) FROM sqlite_schema WHERE name = 'reader_progress'`, &progressTables},
	} {
		if err := db.QueryRow(q.sql).Scan(q.into); err != nil {
			t.Fatal(err)
		}
	}
	if answers != len(old) || ids != len(old) || stamped != len(old) || progressTables != 0 {
		t.Errorf("after the migration: %d answers, %d of their ids in answer_ids, %d with their time, %d reader_progress tables; want %d, %d, %d, 0",
			answers, ids, stamped, progressTables, len(old), len(old), len(old))
	}

	// Reader 0 had answered q1 (right): resent, or its id from reader 1, it
	// is not stored; reader 0's q2 counts from their stored progress.
	storetest.MustSave(t, s, old[0], false)
	other := old[0]
	other.Reader, other.Question = storetest.Token("reader", 1), "q3"
	storetest.MustSave(t, s, other, false)
	storetest.MustSave(t, s, quiz.Answer{Story: story, Question: "q2", Choice: "a", Reader: storetest.Token("reader", 0), ID: storetest.Token("answer", 1000)}, true)
	storetest.MustSave(t, s, quiz.Answer{Story: story, Question: "q3", Choice: "a", Correct: true, Reader: storetest.Token("reader", 0), ID: storetest.Token("answer", 1001)}, true)
	after := storetest.MustStats(t, s, story, 3)
	if after.Answers != before.Answers+2 || after.Readers != 40 || after.Finished != 14 || !slices.Equal(after.Scores, []int64{6, 7, 1, 0}) {
		t.Errorf("stats after reader 0 finished with 2 right: %+v", after)
	}
	storetest.MustCheck(t, s)

	// An editor deletes reader 0's q1 by hand, and gives reader 2's q1 a new
	// id: the deleted answer may be stored again, and reader 2's old id may
	// be stored (here by reader 3), but not their new one.
	for _, q := range []string{
		`DELETE FROM answers WHERE id = '` + old[0].ID + `'`,
		`UPDATE answers SET id = 'edited-by-hand-0001' WHERE id = '` + old[3].ID + `'`,
	} {
		if res, err := db.Exec(q); err != nil {
			t.Fatal(err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%s: %d rows", q, n)
		}
	}
	if err := db.QueryRow(`SELECT count(*) FROM answer_ids`).Scan(&ids); err != nil || ids != len(old)+1 {
		t.Errorf("answer_ids after the edits: %d rows, %v; want %d", ids, err, len(old)+1)
	}
	storetest.MustSave(t, s, old[0], true)
	storetest.MustSave(t, s, quiz.Answer{Story: story, Question: "q2", Choice: "a", Reader: storetest.Token("reader", 3), ID: "edited-by-hand-0001"}, false)
	storetest.MustSave(t, s, quiz.Answer{Story: story, Question: "q2", Choice: "a", Reader: storetest.Token("reader", 3), ID: old[3].ID}, true)
	if _, err := db.Exec(`INSERT INTO answers (id, story, question, reader, choice, correct) VALUES (?, 's', 'q9', 'by-hand', 'a', 0)`, old[5].ID); err == nil {
		t.Errorf("an editor stored an answer with an id already stored")
	}
}
