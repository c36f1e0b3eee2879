package storetest

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/counters"
)

// Importer is a store with a bulk path (both stores have one).
type Importer interface {
	Import(ctx context.Context, answers iter.Seq[quiz.Answer]) (stored int64, err error)
}

// MustCheck recounts s's answers and fails the test unless every counter
// equals the recount. It returns the report.
func MustCheck(t testing.TB, s quiz.Store) counters.Report {
	t.Helper()
	c, ok := s.(counters.Checker)
	if !ok {
		t.Fatalf("%T cannot check its counters", s)
	}
	r, err := c.CheckCounters(context.Background(), false)
	if err != nil {
		t.Fatalf("CheckCounters: %v", err)
	}
	if !r.OK() {
		t.Errorf("counters differ from a recount: choices %v, scores %v, %d readers' progress", r.Choices, r.Scores, r.ReadersDiffering)
	}
	return r
}

// workload is a set of answers with the stats they must give, whatever the
// order they arrive in: every attempt at one (reader, question) chooses the
// same choice, so "the first answer counts" decides which id is stored but
// not what is counted.
type workload struct {
	questions int
	answers   []quiz.Answer // several per (reader, question): resends and second answers
	want      quiz.Stats    // of story
}

// newWorkload: readers answer some or all of questions q1..qN with choices
// a–d ("a" is right), each (reader, question) attempted `attempts` times with
// distinct ids plus one exact resend.
func newWorkload(readers, questions, attempts int) workload {
	w := workload{questions: questions, want: quiz.Stats{Story: story, Questions: map[string]map[string]int64{}, Scores: make([]int64, questions+1)}}
	id := 0
	for r := range readers {
		answered := 1 + r%questions // some finish, most do not
		if r%3 == 0 {
			answered = questions
		}
		right := 0
		for q := range answered {
			question := fmt.Sprintf("q%d", q+1)
			choice := "abcd"[(r*7+q*3)%4 : (r*7+q*3)%4+1]
			for range attempts {
				id++
				a := quiz.Answer{Story: story, Question: question, Choice: choice, Correct: choice == "a",
					Reader: Token("reader", r), ID: Token("answer", id)}
				w.answers = append(w.answers, a)
				if id%5 == 0 {
					w.answers = append(w.answers, a) // resent
				}
			}
			if w.want.Questions[question] == nil {
				w.want.Questions[question] = map[string]int64{}
			}
			w.want.Questions[question][choice]++
			w.want.Answers++
			if choice == "a" {
				right++
			}
		}
		w.want.Readers++
		if answered == questions {
			w.want.Finished++
			w.want.Scores[right]++
		}
	}
	return w
}

// check fails the test unless st is the workload's stats.
func (w workload) check(t testing.TB, st quiz.Stats) {
	t.Helper()
	if st.Answers != w.want.Answers || st.Readers != w.want.Readers || st.Finished != w.want.Finished ||
		!slices.Equal(st.Scores, w.want.Scores) || !equalCounts(st.Questions, w.want.Questions) {
		t.Errorf("stats = %+v\nwant    %+v", st, w.want)
	}
}

// shuffled returns the answers in a fixed pseudo-random order.
func (w workload) shuffled(seed int) []quiz.Answer {
	out := slices.Clone(w.answers)
	x := uint64(seed)*0x9E3779B97F4A7C15 + 1
	for i := len(out) - 1; i > 0; i-- {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		j := int(x % uint64(i+1))
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// saveConcurrently sends the answers from senders goroutines spread over the
// stores, and fails the test on any error.
func saveConcurrently(t *testing.T, answers []quiz.Answer, senders int, stores ...quiz.Store) {
	t.Helper()
	var wg sync.WaitGroup
	for g := range senders {
		s := stores[g%len(stores)]
		wg.Go(func() {
			for i := g; i < len(answers); i += senders {
				if _, err := s.SaveAnswer(ctx(t), answers[i]); err != nil {
					t.Errorf("SaveAnswer: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// testCountersMatchRecount: after answers from many goroutines, with resends
// and second answers landing in the same batches, the stats are exact and
// every counter equals a recount of the stored answers.
func testCountersMatchRecount(t *testing.T, s quiz.Store) {
	w := newWorkload(120, 4, 3)
	saveConcurrently(t, w.shuffled(1), 16, s)
	w.check(t, MustStats(t, s, story, w.questions))
	r := MustCheck(t, s)
	if r.Answers != w.want.Answers || r.Readers != w.want.Readers {
		t.Errorf("recount: %d answers by %d readers, want %d by %d", r.Answers, r.Readers, w.want.Answers, w.want.Readers)
	}
	// Another story's answers land in its own counters.
	other := quiz.Answer{Story: "another-story", Question: "q1", Choice: "a", Correct: true, Reader: Token("reader", 1), ID: Token("other", 1)}
	MustSave(t, s, other, true)
	w.check(t, MustStats(t, s, story, w.questions))
	if st := MustStats(t, s, "another-story", 1); st.Answers != 1 || !slices.Equal(st.Scores, []int64{0, 1}) {
		t.Errorf("another-story: %+v, want one right answer", st)
	}
	MustCheck(t, s)
}

// testScoreMovesAsReaderAnswers follows one reader through a quiz: their
// bucket moves with each stored answer, and never with one that is not.
func testScoreMovesAsReaderAnswers(t *testing.T, s quiz.Store) {
	steps := []struct {
		a                quiz.Answer
		stored           bool
		readers, finishd int64
		scores           []int64
	}{
		{answer(1, 1, "q1", "a", true), true, 1, 0, []int64{0, 0, 0, 0}},
		{answer(1, 2, "q1", "b", false), false, 1, 0, []int64{0, 0, 0, 0}}, // second answer: not counted
		{answer(1, 3, "q2", "b", false), true, 1, 0, []int64{0, 0, 0, 0}},
		{answer(1, 3, "q2", "b", false), false, 1, 0, []int64{0, 0, 0, 0}}, // resent
		{answer(1, 4, "q3", "a", true), true, 1, 1, []int64{0, 0, 1, 0}},   // finished with 2 right
		{answer(2, 5, "q1", "a", true), true, 2, 1, []int64{0, 0, 1, 0}},
		{answer(1, 6, "q3", "b", false), false, 2, 1, []int64{0, 0, 1, 0}}, // cannot change a finished score
	}
	for i, st := range steps {
		MustSave(t, s, st.a, st.stored)
		got := MustStats(t, s, story, 3)
		if got.Readers != st.readers || got.Finished != st.finishd || !slices.Equal(got.Scores, st.scores) {
			t.Errorf("after step %d: readers %d finished %d scores %v; want %d %d %v", i+1, got.Readers, got.Finished, got.Scores, st.readers, st.finishd, st.scores)
		}
	}
	// The same counters answer for a story told with fewer questions.
	if got := MustStats(t, s, story, 1); got.Finished != 1 || !slices.Equal(got.Scores, []int64{0, 1}) {
		t.Errorf("as a one-question quiz: finished %d scores %v, want reader 2 finished with 1 right", got.Finished, got.Scores)
	}
	MustCheck(t, s)
}

// testImport: the bulk path stores what SaveAnswer would, across its
// transactions (resends and second answers in other batches), with exact
// counters; importing again stores nothing.
func testImport(t *testing.T, s quiz.Store) {
	imp, ok := s.(Importer)
	if !ok {
		t.Fatalf("%T has no Import", s)
	}
	w := newWorkload(9000, 5, 2) // more answers than one import transaction holds
	answers := w.shuffled(2)
	n, err := imp.Import(ctx(t), slices.Values(answers))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if n != w.want.Answers {
		t.Errorf("Import stored %d, want %d", n, w.want.Answers)
	}
	w.check(t, MustStats(t, s, story, w.questions))
	MustCheck(t, s)
	if n, err := imp.Import(ctx(t), slices.Values(answers[:1000])); err != nil || n != 0 {
		t.Errorf("importing again: stored %d, err %v; want 0, nil", n, err)
	}
	w.check(t, MustStats(t, s, story, w.questions))
}

// RunInstances checks two instances of a store on one database under
// concurrent load: answers of one reader and resends of one answer arrive at
// both at once, and afterwards both show the exact stats and every counter
// equals a recount. open returns the two instances, closed in t.Cleanup.
func RunInstances(t *testing.T, open func(t *testing.T) (a, b quiz.Store)) {
	a, b := open(t)
	w := newWorkload(400, 5, 3)
	saveConcurrently(t, w.shuffled(3), 24, a, b)
	w.check(t, MustStats(t, a, story, w.questions))
	w.check(t, MustStats(t, b, story, w.questions))
	MustCheck(t, a)
}

// RunRepair checks that a recount finds counters that drifted and that a
// repair rewrites them. tamper changes the counters of s behind its back
// (with SQL): it must add 5 to the count of q1=a and add one reader to the
// (3 answered, 0 right) bucket, and, in a store that keeps readers'
// progress in rows of its own, delete reader 0's; it returns how many
// progress rows it changed (0 or 1).
func RunRepair(t *testing.T, s quiz.Store, tamper func(t *testing.T) (progressRows int64)) {
	c, ok := s.(counters.Checker)
	if !ok {
		t.Fatalf("%T cannot check its counters", s)
	}
	w := newWorkload(30, 3, 1)
	saveConcurrently(t, w.answers, 1, s)
	MustCheck(t, s)
	progressRows := tamper(t)

	r, err := c.CheckCounters(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	wantChoice := counters.Mismatch{Counter: story + " q1=a", Stored: w.want.Questions["q1"]["a"] + 5, Recounted: w.want.Questions["q1"]["a"]}
	if r.OK() || r.Repaired || !slices.Contains(r.Choices, wantChoice) || r.ReadersDiffering != progressRows || len(r.Scores) != 1 {
		t.Errorf("check after tampering: %+v; want %v, %d reader, 1 bucket, not repaired", r, wantChoice, progressRows)
	}
	if r.Answers != w.want.Answers {
		t.Errorf("recounted %d answers, want %d", r.Answers, w.want.Answers)
	}
	if got, err := c.CheckCounters(context.Background(), false); err != nil || got.OK() {
		t.Errorf("a check without repair changed the counters: %+v, %v", got, err)
	}

	r, err = c.CheckCounters(context.Background(), true)
	if err != nil || !r.Repaired {
		t.Fatalf("repair: %+v, %v; want repaired", r, err)
	}
	MustCheck(t, s)
	w.check(t, MustStats(t, s, story, w.questions))
	// Counting goes on from the repaired counters: reader 1 had answered q1
	// and q2, reader 0 (whose progress row, if any, was deleted) every
	// question.
	MustSave(t, s, answer(1, 100001, "q3", "a", true), true)
	MustSave(t, s, answer(0, 100002, "q1", "a", true), false)
	MustCheck(t, s)
	if r, err := c.CheckCounters(context.Background(), true); err != nil || r.Repaired {
		t.Errorf("repairing exact counters: %+v, %v; want nothing to repair", r, err)
	}
}
