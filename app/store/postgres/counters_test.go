package postgres_test

import (
	"context"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"fivecalls/app/quiz"
	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/store/storetest"
)

// rawConn connects to the test schema behind the store's back, as an editor would.
func rawConn(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// TestTwoInstancesConcurrentLoad is two servers on one database taking
// answers at once, a reader's answers and a resent answer split between
// them: counters never drift, and equal a full recount afterwards.
func TestTwoInstancesConcurrentLoad(t *testing.T) {
	storetest.RunInstances(t, func(t *testing.T) (quiz.Store, quiz.Store) {
		dsn := pgtest.DSN(t)
		var a, b quiz.Store
		var wg sync.WaitGroup // start together: migrations must not collide
		wg.Go(func() { a = mustOpen(t, dsn) })
		wg.Go(func() { b = mustOpen(t, dsn) })
		wg.Wait()
		if a == nil || b == nil {
			t.FailNow()
		}
		return a, b
	})
}

func TestRepair(t *testing.T) {
	dsn := pgtest.DSN(t)
	s := mustOpen(t, dsn)
	storetest.RunRepair(t, s, func(t *testing.T) int64 {
		c := rawConn(t, dsn)
		for _, q := range []string{
			`UPDATE choice_counts SET n = n + 5 WHERE story = 'conformance' AND question = 'q1' AND choice = 'a'`,
			`DELETE FROM reader_progress WHERE story = 'conformance' AND reader = '` + storetest.Token("reader", 0) + `'`,
			`INSERT INTO score_counts AS s (story, answered, correct, n) VALUES ('conformance', 3, 0, 1)
				ON CONFLICT (story, answered, correct) DO UPDATE SET n = s.n + 1`,
		} {
			if tag, err := c.Exec(context.Background(), q); err != nil {
				t.Fatal(err)
			} else if tag.RowsAffected() != 1 {
				t.Fatalf("%s: %d rows, want 1", q, tag.RowsAffected())
			}
		}
		return 1
	})
}

// TestRepairWhileWriting repairs counters while another instance keeps
// storing answers: the repair holds writers off, so nothing is lost or
// counted twice.
func TestRepairWhileWriting(t *testing.T) {
	dsn := pgtest.DSN(t)
	writer, repairer := mustOpen(t, dsn), mustOpen(t, dsn)
	c := rawConn(t, dsn)
	var wg sync.WaitGroup
	const answers = 3000
	wg.Go(func() {
		for i := range answers {
			a := quiz.Answer{Story: "s", Question: []string{"q1", "q2", "q3"}[i%3], Choice: "a", Correct: i%2 == 0,
				Reader: storetest.Token("reader", i/3), ID: storetest.Token("answer", i)}
			if _, err := writer.SaveAnswer(context.Background(), a); err != nil {
				t.Error(err)
				return
			}
		}
	})
	repairs := 0
	for range 5 {
		time.Sleep(20 * time.Millisecond) // let the writer store some answers in between
		// A count of a choice nobody chose: always a difference to repair.
		if _, err := c.Exec(context.Background(), `INSERT INTO choice_counts AS c (story, question, choice, n) VALUES ('s', 'q9', 'z', 1)
			ON CONFLICT (story, question, choice) DO UPDATE SET n = c.n + 1`); err != nil {
			t.Fatal(err)
		}
		r, err := repairer.CheckCounters(context.Background(), true)
		if err != nil {
			t.Fatal(err)
		}
		if r.Repaired {
			repairs++
		}
	}
	wg.Wait()
	if repairs != 5 {
		t.Errorf("%d of 5 repairs found the tampered counters", repairs)
	}
	if st := storetest.MustStats(t, writer, "s", 3); st.Answers != answers || st.Finished != answers/3 {
		t.Errorf("stats = %+v, want %d answers, %d finished", st, answers, answers/3)
	}
	storetest.MustCheck(t, writer)
}

// TestMigrationFillsCounters opens a database written by the version before
// counters: the migration counts the answers already there.
func TestMigrationFillsCounters(t *testing.T) {
	dsn := pgtest.DSN(t)
	v1, err := os.ReadFile("migrations/0001_answers.sql")
	if err != nil {
		t.Fatal(err)
	}
	c := rawConn(t, dsn)
	ctx := context.Background()
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
		string(v1),
		`INSERT INTO schema_migrations (version, name) VALUES (1, '0001_answers.sql')`,
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// Reader 1 finished with 2 of 3 right, reader 2 answered one question,
	// reader 3 finished with none right; another story has one answer.
	for _, a := range [][]any{
		{"a1", "s", "q1", "r1", "a", true}, {"a2", "s", "q2", "r1", "a", true}, {"a3", "s", "q3", "r1", "b", false},
		{"a4", "s", "q1", "r2", "b", false},
		{"a5", "s", "q1", "r3", "c", false}, {"a6", "s", "q2", "r3", "b", false}, {"a7", "s", "q3", "r3", "b", false},
		{"a8", "other", "q1", "r1", "a", true},
	} {
		if _, err := c.Exec(ctx, `INSERT INTO answers (id, story, question, reader, choice, correct) VALUES ($1, $2, $3, $4, $5, $6)`, a...); err != nil {
			t.Fatal(err)
		}
	}

	s := mustOpen(t, dsn)
	st := storetest.MustStats(t, s, "s", 3)
	if st.Answers != 7 || st.Readers != 3 || st.Finished != 2 || !slices.Equal(st.Scores, []int64{1, 0, 1, 0}) ||
		st.Questions["q1"]["a"] != 1 || st.Questions["q1"]["b"] != 1 || st.Questions["q1"]["c"] != 1 || st.Questions["q3"]["b"] != 2 {
		t.Errorf("stats after the migration: %+v", st)
	}
	if r := storetest.MustCheck(t, s); r.Answers != 8 || r.Readers != 4 {
		t.Errorf("recount: %d answers by %d readers, want 8 by 4", r.Answers, r.Readers)
	}
	var indexes int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'answers_by_choice'`).Scan(&indexes); err != nil || indexes != 0 {
		t.Errorf("answers_by_choice still there (%d, %v)", indexes, err)
	}
	storetest.MustSave(t, s, quiz.Answer{Story: "s", Question: "q2", Choice: "a", Correct: true,
		Reader: "r2", ID: storetest.Token("answer", 9)}, true)
	storetest.MustCheck(t, s)
}
