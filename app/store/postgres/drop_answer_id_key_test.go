package postgres_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/store/storetest"
)

// tableRows returns every row of a query as text, in its order.
func tableRows(t *testing.T, c *pgx.Conn, query string) []string {
	t.Helper()
	rows, _ := c.Query(context.Background(), query)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// TestMigrationDropsAnswerIDKey upgrades a database at 0002, where the
// answer id was the primary key, in place: every answer (with its id and
// time) and every counter is kept, the id is no longer unique, and an
// answer is identified by its story, reader and question alone.
//
// Leaving 0003_drop_answer_id_key.sql empty fails it: the key is still
// there, and reader 1's answer under reader 0's id is refused.
func TestMigrationDropsAnswerIDKey(t *testing.T) {
	dsn := pgtest.DSN(t)
	c := rawConn(t, dsn)
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := c.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
	old := storetest.MigrationAnswers("s")
	for v, name := range []string{"0001_answers.sql", "0002_counters.sql"} {
		b, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		exec(string(b))
		exec(`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, v+1, name)
		if v == 0 {
			for _, a := range old {
				exec(`INSERT INTO answers (id, story, question, reader, choice, correct, created_at) VALUES ($1, $2, $3, $4, $5, $6, '2023-11-14 22:13:20+00')`,
					a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct)
			}
		}
	}
	const (
		answersQuery  = `SELECT concat_ws(' ', id, story, question, reader, choice, correct, extract(epoch FROM created_at)) FROM answers ORDER BY story, reader, question`
		countersQuery = `SELECT concat_ws(' ', 'choice', story, question, choice, n) FROM choice_counts
			UNION ALL SELECT concat_ws(' ', 'progress', story, reader, answered, correct) FROM reader_progress
			UNION ALL SELECT concat_ws(' ', 'score', story, answered, correct, n) FROM score_counts ORDER BY 1`
	)
	answers, counters := tableRows(t, c, answersQuery), tableRows(t, c, countersQuery)
	if len(answers) != len(old) || len(counters) == 0 {
		t.Fatalf("the database at 0002: %d answers, %d counter rows", len(answers), len(counters))
	}

	s := mustOpen(t, dsn)
	if got := tableRows(t, c, answersQuery); !slices.Equal(got, answers) {
		t.Errorf("answers after the migration:\n%q\nwant\n%q", got, answers)
	}
	if got := tableRows(t, c, countersQuery); !slices.Equal(got, counters) {
		t.Errorf("counters after the migration:\n%q\nwant\n%q", got, counters)
	}
	keys := tableRows(t, c, `SELECT concat_ws(' ', conname, contype) FROM pg_constraint
		WHERE conrelid = 'answers'::regclass AND contype IN ('p', 'u') ORDER BY 1`)
	if !slices.Equal(keys, []string{"answers_story_reader_question_key u"}) {
		t.Errorf("constraints of answers after the migration: %q, want only the unique (story, reader, question)", keys)
	}
	var identity string
	if err := c.QueryRow(ctx, `SELECT relreplident::text FROM pg_class WHERE oid = 'answers'::regclass`).Scan(&identity); err != nil || identity != "i" {
		t.Errorf("replica identity of answers %q (%v), want the unique index (i)", identity, err)
	}
	storetest.CheckKeyedByQuestion(t, s, "s", old)
}
