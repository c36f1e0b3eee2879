package postgres_test

import (
	"context"
	"sync"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/postgres"
	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/store/storetest"
)

func mustOpen(tb testing.TB, dsn string) *postgres.Store {
	tb.Helper()
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) quiz.Store { return mustOpen(t, pgtest.DSN(t)) })
}

// TestInstancesShareStats is two server instances on one database: answers
// sent to either are counted once, and both report the same stats.
func TestInstancesShareStats(t *testing.T) {
	dsn := pgtest.DSN(t)
	var a, b *postgres.Store
	var wg sync.WaitGroup // start together: migrations must not collide
	wg.Go(func() { a = mustOpen(t, dsn) })
	wg.Go(func() { b = mustOpen(t, dsn) })
	wg.Wait()
	if a == nil || b == nil {
		t.FailNow()
	}

	ans := func(reader, id int, q, c string) quiz.Answer {
		return quiz.Answer{Story: "s", Question: q, Choice: c, Correct: c == "a",
			Reader: storetest.Token("reader", reader), ID: storetest.Token("answer", id)}
	}
	storetest.MustSave(t, a, ans(1, 1, "q1", "a"), true)
	storetest.MustSave(t, b, ans(1, 1, "q1", "a"), false) // resent to the other instance
	storetest.MustSave(t, b, ans(1, 2, "q1", "b"), false) // second answer, other instance
	storetest.MustSave(t, b, ans(2, 3, "q1", "b"), true)
	storetest.MustSave(t, a, ans(2, 4, "q2", "a"), true)

	sa, sb := storetest.MustStats(t, a, "s", 2), storetest.MustStats(t, b, "s", 2)
	for _, st := range []quiz.Stats{sa, sb} {
		if st.Answers != 3 || st.Questions["q1"]["a"] != 1 || st.Questions["q1"]["b"] != 1 || st.Finished != 1 || st.Scores[1] != 1 {
			t.Errorf("stats = %+v, want 3 answers, q1 a:1 b:1, one finished reader with 1 right", st)
		}
	}
}

func TestReopenKeepsAnswers(t *testing.T) {
	dsn := pgtest.DSN(t)
	s := mustOpen(t, dsn)
	a := quiz.Answer{Story: "s", Question: "q", Choice: "c", Reader: storetest.Token("reader", 1), ID: storetest.Token("answer", 1)}
	storetest.MustSave(t, s, a, true)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, dsn)
	storetest.MustSave(t, s, a, false)
	if st := storetest.MustStats(t, s, "s", 1); st.Answers != 1 {
		t.Errorf("answers = %d after reopening, want 1", st.Answers)
	}
}
