package counters_test

import (
	"slices"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/counters"
)

// TestBatch: three answers of two readers change each counter once, and a
// reader who moves out of a bucket another enters leaves it unchanged.
func TestBatch(t *testing.T) {
	var b counters.Batch
	if !b.Empty() {
		t.Fatal("a new batch is not empty")
	}
	for _, a := range []quiz.Answer{
		{Story: "s", Question: "q1", Choice: "a", Reader: "r2", Correct: true},
		{Story: "s", Question: "q2", Choice: "b", Reader: "r2"},
		{Story: "s", Question: "q1", Choice: "a", Reader: "r1", Correct: true},
	} {
		b.Add(a)
	}
	readers := b.Readers()
	want := []counters.ReaderDelta{
		{ReaderKey: counters.ReaderKey{Story: "s", Reader: "r1"}, Add: counters.Progress{Answered: 1, Correct: 1}},
		{ReaderKey: counters.ReaderKey{Story: "s", Reader: "r2"}, Add: counters.Progress{Answered: 2, Correct: 1}},
	}
	if !slices.Equal(readers, want) {
		t.Fatalf("Readers() = %v, want %v", readers, want)
	}
	b.Moved(readers[0], counters.Progress{Answered: 3, Correct: 1}) // r1: (2, 0) → (3, 1)
	b.Moved(readers[1], counters.Progress{Answered: 2, Correct: 1}) // r2: new → (2, 1)
	if got, want := b.Choices(), []counters.ChoiceCount{
		{ChoiceKey: counters.ChoiceKey{Story: "s", Question: "q1", Choice: "a"}, N: 2},
		{ChoiceKey: counters.ChoiceKey{Story: "s", Question: "q2", Choice: "b"}, N: 1},
	}; !slices.Equal(got, want) {
		t.Errorf("Choices() = %v, want %v", got, want)
	}
	if got, want := b.Scores(), []counters.ScoreCount{
		{ScoreKey: counters.ScoreKey{Story: "s", Answered: 2, Correct: 0}, N: -1},
		{ScoreKey: counters.ScoreKey{Story: "s", Answered: 2, Correct: 1}, N: 1},
		{ScoreKey: counters.ScoreKey{Story: "s", Answered: 3, Correct: 1}, N: 1},
	}; !slices.Equal(got, want) {
		t.Errorf("Scores() = %v, want %v", got, want)
	}

	// One reader leaves (1, 1) as another enters it: no write for (1, 1).
	var c counters.Batch
	c.Add(quiz.Answer{Story: "s", Reader: "x", Correct: true})
	c.Add(quiz.Answer{Story: "s", Reader: "y", Correct: false})
	rs := c.Readers()
	c.Moved(rs[0], counters.Progress{Answered: 1, Correct: 1}) // x: new → (1, 1)
	c.Moved(rs[1], counters.Progress{Answered: 2, Correct: 1}) // y: (1, 1) → (2, 1)
	for _, sc := range c.Scores() {
		if sc.Answered == 1 {
			t.Errorf("bucket (1, 1) written with %+d", sc.N)
		}
	}
}

func TestAddProgress(t *testing.T) {
	st := counters.NewStats("s", 3)
	counters.AddChoice(&st, "q1", "a", 4)
	counters.AddChoice(&st, "q2", "b", 2)
	counters.AddProgress(&st, 1, 0, 5) // unfinished
	counters.AddProgress(&st, 3, 2, 2) // finished, 2 right
	counters.AddProgress(&st, 4, 4, 1) // more answers than questions: a reader, not finished
	counters.AddProgress(&st, 0, 0, 9) // no answer: not a reader
	if st.Answers != 6 || st.Readers != 8 || st.Finished != 2 || !slices.Equal(st.Scores, []int64{0, 0, 2, 0}) || st.Questions["q1"]["a"] != 4 {
		t.Errorf("stats = %+v", st)
	}
}

func TestDiff(t *testing.T) {
	stored := map[counters.ChoiceKey]int64{{"s", "q1", "a"}: 3, {"s", "q1", "b"}: 0, {"s", "q2", "a"}: 1}
	recounted := map[counters.ChoiceKey]int64{{"s", "q1", "a"}: 2, {"s", "q2", "a"}: 1, {"s", "q3", "c"}: 4}
	got := counters.DiffChoices(stored, recounted)
	want := []counters.Mismatch{{"s q1=a", 3, 2}, {"s q3=c", 0, 4}}
	if !slices.Equal(got, want) {
		t.Errorf("DiffChoices = %v, want %v", got, want)
	}
	if r := (counters.Report{Choices: got}); r.OK() {
		t.Errorf("a report with mismatches is OK")
	}
	if got := want[0].String(); got != "s q1=a: stored 3, recounted 2" {
		t.Errorf("String() = %q", got)
	}
}
