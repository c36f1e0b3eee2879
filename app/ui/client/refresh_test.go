package client

import (
	"testing"

	"fivecalls/app/quiz"
)

// TestCountsAll: figures read after a receipt are taken only when they
// count every answer the receipt's did, question by question, and every
// finished reader; more answers elsewhere do not make up for one missing.
// Break it: compare the answers' totals alone.
func TestCountsAll(t *testing.T) {
	receipt := &quiz.Stats{Answers: 3, Finished: 1, Questions: map[string]map[string]int64{"q1": {"a": 1, "b": 1}, "q2": {"a": 1}}}
	for _, c := range []struct {
		name string
		st   quiz.Stats
		want bool
	}{
		{"the same", *receipt, true},
		{"two more readers", quiz.Stats{Answers: 7, Finished: 3, Questions: map[string]map[string]int64{"q1": {"a": 3, "b": 1}, "q2": {"a": 2, "c": 1}}}, true},
		{"older: the reader's answer to q2 missing, others' to q1 there", quiz.Stats{Answers: 4, Finished: 1, Questions: map[string]map[string]int64{"q1": {"a": 3, "b": 1}}}, false},
		{"older: fewer finished", quiz.Stats{Answers: 5, Finished: 0, Questions: map[string]map[string]int64{"q1": {"a": 2, "b": 1}, "q2": {"a": 2}}}, false},
	} {
		if got := countsAll(&c.st, receipt); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
