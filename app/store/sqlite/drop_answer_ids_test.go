package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"fivecalls/app/store/storetest"
)

// counterRows returns every row of the counter tables, in key order.
func counterRows(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT 'choice ' || story || ' ' || question || ' ' || choice || ' ' || n FROM choice_counts ORDER BY story, question, choice`,
		`SELECT 'score ' || story || ' ' || answered || ' ' || correct || ' ' || n FROM score_counts ORDER BY story, answered, correct`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var row string
			if err := rows.Scan(&row); err != nil {
				t.Fatal(err)
			}
			out = append(out, row)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestMigrationDropsAnswerIDs upgrades a database at 0004, whose answer_ids
// holds the id of every stored answer, in place: every answer (with its id
// and time) and every counter is kept, answer_ids and its triggers are gone,
// and an answer is identified by its story, reader and question alone.
//
// Leaving 0005_drop_answer_ids.sql empty fails it: answer_ids is still there,
// and storing an answer under an id it holds fails.
func TestMigrationDropsAnswerIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	const story, createdAt = "s", 1_700_000_000
	old := storetest.MigrationAnswers(story)
	oldDatabase(t, path, 4, old, createdAt)
	db := rawDB(t, path)
	var ids int
	if err := db.QueryRow(`SELECT count(*) FROM answer_ids JOIN answers USING (id)`).Scan(&ids); err != nil || ids != len(old) {
		t.Fatalf("the database at 0004 has %d answer ids (%v), want %d", ids, err, len(old))
	}
	counters := counterRows(t, db)
	if len(counters) == 0 {
		t.Fatal("the database at 0004 has no counters")
	}
	db.Close()

	s := mustOpen(t, path)
	db = rawDB(t, path)
	mustKeep(t, db, old, createdAt)
	if got := counterRows(t, db); !slices.Equal(got, counters) {
		t.Errorf("counters after the migration:\n%q\nwant\n%q", got, counters)
	}
	var leftover, version int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'answer_ids' OR type = 'trigger'`).Scan(&leftover); err != nil || leftover != 0 {
		t.Errorf("answer_ids and its triggers: %d left (%v), want none", leftover, err)
	}
	if err := db.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil || version != 5 {
		t.Errorf("schema version %d (%v), want 5", version, err)
	}
	storetest.CheckKeyedByQuestion(t, s, story, old)
}
