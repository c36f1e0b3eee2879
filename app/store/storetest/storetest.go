// Package storetest is the conformance suite every quiz.Store passes, so the
// SQLite and PostgreSQL stores count answers the same way, and their counters
// always equal a recount of the stored answers.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"fivecalls/app/quiz"
)

// Run runs the suite. open must return a new, empty store for the test and
// close it in t.Cleanup; closing it twice must be safe.
func Run(t *testing.T, open func(t *testing.T) quiz.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s quiz.Store)
	}{
		{"ResentAnswerCountsOnce", testResentAnswerCountsOnce},
		{"AnswerIDIsNotUnique", testAnswerIDIsNotUnique},
		{"FirstAnswerPerQuestionWins", testFirstAnswerWins},
		{"StatsPerChoice", testStatsPerChoice},
		{"ScoreDistribution", testScoreDistribution},
		{"StoriesAreSeparate", testStoriesAreSeparate},
		{"EmptyStory", testEmptyStory},
		{"ConcurrentWriters", testConcurrentWriters},
		{"ConcurrentDuplicates", testConcurrentDuplicates},
		{"ContextCancelled", testContextCancelled},
		{"SaveAfterClose", testSaveAfterClose},
		{"CountersMatchRecount", testCountersMatchRecount},
		{"ScoreMovesAsReaderAnswers", testScoreMovesAsReaderAnswers},
		{"Import", testImport},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

const story = "conformance"

// Token returns a valid reader or answer token unique to kind and n.
func Token(kind string, n int) string { return fmt.Sprintf("%s-%016d", kind, n) }

// RandomToken returns a token unique to kind and n that looks like the random
// tokens browsers make (22 characters of base64url), for benchmarks: random
// tokens make random index inserts, which cost more than the appends
// sequential tokens make.
func RandomToken(kind string, n int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s-%d", kind, n))
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}

func answer(reader, id int, question, choice string, correct bool) quiz.Answer {
	return quiz.Answer{Story: story, Question: question, Choice: choice, Correct: correct,
		Reader: Token("reader", reader), ID: Token("answer", id)}
}

func ctx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// MustSave saves a and fails the test unless stored is want.
func MustSave(t testing.TB, s quiz.Store, a quiz.Answer, want bool) {
	t.Helper()
	got, err := s.SaveAnswer(context.Background(), a)
	if err != nil {
		t.Fatalf("SaveAnswer(%s %s=%s): %v", a.ID, a.Question, a.Choice, err)
	}
	if got != want {
		t.Fatalf("SaveAnswer(%s %s=%s) stored = %v, want %v", a.ID, a.Question, a.Choice, got, want)
	}
}

// MustStats returns the stats of story or fails the test.
func MustStats(t testing.TB, s quiz.Store, story string, questions int) quiz.Stats {
	t.Helper()
	st, err := s.Stats(context.Background(), story, questions)
	if err != nil {
		t.Fatalf("Stats(%s): %v", story, err)
	}
	return st
}

// testResentAnswerCountsOnce: an answer is a reader's answer to a question
// of a story, whatever its id, so a resend with its id or with another one
// (a client that made a new id) is stored once.
func testResentAnswerCountsOnce(t *testing.T, s quiz.Store) {
	a := answer(1, 1, "q1", "a", true)
	MustSave(t, s, a, true)
	MustSave(t, s, a, false)
	// The same id with other content is the reader's second answer.
	b := a
	b.Choice, b.Correct = "b", false
	MustSave(t, s, b, false)
	// Another id for the same reader and question is a resend too.
	c := answer(1, 2, "q1", "a", true)
	MustSave(t, s, c, false)
	st := MustStats(t, s, story, 3)
	if st.Answers != 1 || st.Readers != 1 || st.Questions["q1"]["a"] != 1 || st.Questions["q1"]["b"] != 0 {
		t.Errorf("stats = %+v, want one answer q1=a by one reader", st)
	}
}

// testAnswerIDIsNotUnique: two readers whose answers carry the same id (a
// collision, or a client that sends a constant) are both counted, as is one
// reader's answer to another question under an id already stored.
func testAnswerIDIsNotUnique(t *testing.T, s quiz.Store) {
	MustSave(t, s, answer(1, 1, "q1", "a", true), true)
	MustSave(t, s, answer(2, 1, "q1", "b", false), true)
	MustSave(t, s, answer(1, 1, "q2", "c", false), true)
	st := MustStats(t, s, story, 3)
	want := map[string]map[string]int64{"q1": {"a": 1, "b": 1}, "q2": {"c": 1}}
	if !equalCounts(st.Questions, want) || st.Answers != 3 || st.Readers != 2 {
		t.Errorf("stats = %+v, want questions %v, 3 answers, 2 readers", st, want)
	}
	MustCheck(t, s)
}

func testFirstAnswerWins(t *testing.T, s quiz.Store) {
	MustSave(t, s, answer(1, 1, "q1", "a", true), true)
	MustSave(t, s, answer(1, 2, "q1", "b", false), false)
	MustSave(t, s, answer(1, 3, "q2", "b", false), true) // another question still counts
	st := MustStats(t, s, story, 3)
	want := map[string]map[string]int64{"q1": {"a": 1}, "q2": {"b": 1}}
	if !equalCounts(st.Questions, want) || st.Answers != 2 || st.Readers != 1 {
		t.Errorf("stats = %+v, want questions %v, 2 answers, 1 reader", st, want)
	}
}

func testStatsPerChoice(t *testing.T, s quiz.Store) {
	id := 0
	save := func(reader int, q, c string) {
		id++
		MustSave(t, s, answer(reader, id, q, c, c == "a"), true)
	}
	save(1, "q1", "a")
	save(2, "q1", "a")
	save(3, "q1", "b")
	save(1, "q2", "c")
	save(4, "q3", "a")
	st := MustStats(t, s, story, 3)
	want := map[string]map[string]int64{"q1": {"a": 2, "b": 1}, "q2": {"c": 1}, "q3": {"a": 1}}
	if !equalCounts(st.Questions, want) {
		t.Errorf("Questions = %v, want %v", st.Questions, want)
	}
	if st.Story != story || st.Answers != 5 || st.Readers != 4 || st.Finished != 0 {
		t.Errorf("story %q answers %d readers %d finished %d; want %q 5 4 0", st.Story, st.Answers, st.Readers, st.Finished, story)
	}
	if pct, ok := st.ShareOf("q1", "a"); pct != 67 || !ok {
		t.Errorf("ShareOf(q1, a) = %d, %v; want 67, true", pct, ok)
	}
}

func testScoreDistribution(t *testing.T, s quiz.Store) {
	// Three questions; "a" is right. Scores count finished readers only.
	readers := map[int][]string{
		1: {"a", "a", "a"}, // 3
		2: {"a", "b", "b"}, // 1
		3: {"b", "a", "b"}, // 1
		4: {"b", "b", "b"}, // 0
		5: {"a", "a"},      // unfinished
	}
	id := 0
	for r, choices := range readers {
		for i, c := range choices {
			id++
			MustSave(t, s, answer(r, id, fmt.Sprintf("q%d", i+1), c, c == "a"), true)
		}
	}
	// A later, different answer must not change a score.
	MustSave(t, s, answer(4, 999, "q1", "a", true), false)

	st := MustStats(t, s, story, 3)
	if want := []int64{1, 2, 0, 1}; !slices.Equal(st.Scores, want) {
		t.Errorf("Scores = %v, want %v", st.Scores, want)
	}
	if st.Finished != 4 || st.Readers != 5 || st.Answers != 14 {
		t.Errorf("finished %d readers %d answers %d; want 4 5 14", st.Finished, st.Readers, st.Answers)
	}
	// A reader who scored 1 beat one of the three other finished readers.
	if got, others, ok := st.Standing(1); got != 33 || others != 3 || !ok {
		t.Errorf("Standing(1) = %d, %d, %v; want 33, 3, true", got, others, ok)
	}
}

func testStoriesAreSeparate(t *testing.T, s quiz.Store) {
	a := answer(1, 1, "q1", "a", true)
	MustSave(t, s, a, true)
	b := answer(1, 2, "q1", "a", true)
	b.Story = "another-story"
	MustSave(t, s, b, true) // same reader and question, another story
	if st := MustStats(t, s, story, 1); st.Answers != 1 || !slices.Equal(st.Scores, []int64{0, 1}) {
		t.Errorf("stats of %s = %+v, want one answer", story, st)
	}
	if st := MustStats(t, s, "another-story", 1); st.Answers != 1 {
		t.Errorf("stats of another-story = %+v, want one answer", st)
	}
}

func testEmptyStory(t *testing.T, s quiz.Store) {
	st := MustStats(t, s, "nobody-answered", 4)
	if st.Answers != 0 || st.Readers != 0 || len(st.Questions) != 0 || !slices.Equal(st.Scores, make([]int64, 5)) {
		t.Errorf("stats = %+v, want zero with 5 score buckets", st)
	}
	if st.Questions == nil {
		t.Errorf("Questions is nil, want an empty map")
	}
}

func testConcurrentWriters(t *testing.T, s quiz.Store) {
	const writers, each = 8, 200
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				n := w*each + i
				stored, err := s.SaveAnswer(ctx(t), answer(n, n, "q1", "a", true))
				if err != nil || !stored {
					errs <- fmt.Errorf("answer %d: stored %v, err %v", n, stored, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st := MustStats(t, s, story, 1)
	if st.Answers != writers*each || st.Finished != writers*each {
		t.Errorf("answers %d finished %d, want %d acknowledged answers", st.Answers, st.Finished, writers*each)
	}
}

// testConcurrentDuplicates resends every answer from several goroutines at
// once, so duplicates land in one batch, half of them with the same id and
// half with another: each must be stored exactly once.
func testConcurrentDuplicates(t *testing.T, s quiz.Store) {
	const senders, answers = 6, 100
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := make(map[int]int)
	for sender := range senders {
		wg.Go(func() {
			for n := range answers {
				ok, err := s.SaveAnswer(ctx(t), answer(n, 2*n+sender%2, "q1", "b", false))
				if err != nil {
					t.Errorf("answer %d: %v", n, err)
					return
				}
				if ok {
					mu.Lock()
					stored[n]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for n := range answers {
		if stored[n] != 1 {
			t.Errorf("answer %d reported stored %d times, want 1", n, stored[n])
		}
	}
	if st := MustStats(t, s, story, 1); st.Answers != answers {
		t.Errorf("answers = %d, want %d", st.Answers, answers)
	}
}

func testContextCancelled(t *testing.T, s quiz.Store) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.SaveAnswer(cancelled, answer(1, 1, "q1", "a", true)); !errors.Is(err, context.Canceled) {
		t.Errorf("SaveAnswer with a cancelled context: err = %v, want context.Canceled", err)
	}
	if _, err := s.Stats(cancelled, story, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Stats with a cancelled context: err = %v, want context.Canceled", err)
	}
	// The store still works, and the cancelled answer was not stored.
	MustSave(t, s, answer(2, 2, "q1", "a", true), true)
	if st := MustStats(t, s, story, 1); st.Answers != 1 {
		t.Errorf("answers = %d, want 1", st.Answers)
	}
}

func testSaveAfterClose(t *testing.T, s quiz.Store) {
	MustSave(t, s, answer(1, 1, "q1", "a", true), true)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := s.SaveAnswer(context.Background(), answer(2, 2, "q1", "a", true)); err == nil {
		t.Errorf("SaveAnswer after Close: no error")
	} else if quiz.ErrorCode(err) != quiz.Internal {
		t.Errorf("SaveAnswer after Close: code %q, want internal", quiz.ErrorCode(err))
	}
}

func equalCounts(got, want map[string]map[string]int64) bool {
	if len(got) != len(want) {
		return false
	}
	for q, w := range want {
		g := got[q]
		if len(g) != len(w) {
			return false
		}
		for c, n := range w {
			if g[c] != n {
				return false
			}
		}
	}
	return true
}
