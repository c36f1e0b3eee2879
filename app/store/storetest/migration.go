package storetest

import (
	"fmt"
	"slices"
	"testing"

	"fivecalls/app/quiz"
)

// MigrationAnswers are the answers a migration test stores before it
// migrates: reader r answered q1..q(1+r%3) of story, q1 right for even r,
// each answer with its own id. 40 readers, 13 of them finished (3 questions).
func MigrationAnswers(story string) []quiz.Answer {
	var old []quiz.Answer
	for r := range 40 {
		for q := range 1 + r%3 {
			old = append(old, quiz.Answer{Story: story, Question: fmt.Sprintf("q%d", q+1), Choice: []string{"a", "b"}[r%2],
				Correct: r%2 == 0 && q == 0, Reader: Token("reader", r), ID: Token("answer", len(old))})
		}
	}
	return old
}

// CheckKeyedByQuestion fails the test unless s, migrated with
// MigrationAnswers(story) stored, counts them all and keys an answer by
// (story, reader, question), not by its id: reader 0's first answer resent
// with a new id is not stored again, and reader 1 finishing with an answer
// that reuses that id is counted.
func CheckKeyedByQuestion(t *testing.T, s quiz.Store, story string, old []quiz.Answer) {
	t.Helper()
	before := MustStats(t, s, story, 3)
	if before.Answers != int64(len(old)) || before.Readers != 40 || before.Finished != 13 || !slices.Equal(before.Scores, []int64{6, 7, 0, 0}) {
		t.Fatalf("stats after the migration: %+v", before)
	}
	MustCheck(t, s)

	resent := old[0]
	resent.ID = Token("answer", 1000)
	MustSave(t, s, resent, false)
	MustSave(t, s, quiz.Answer{Story: story, Question: "q3", Choice: "a", Correct: true, Reader: Token("reader", 1), ID: old[0].ID}, true)
	after := MustStats(t, s, story, 3)
	if after.Answers != before.Answers+1 || after.Readers != 40 || after.Finished != 14 || !slices.Equal(after.Scores, []int64{6, 8, 0, 0}) {
		t.Errorf("stats after reader 1 finished with 1 right: %+v", after)
	}
	MustCheck(t, s)
}
