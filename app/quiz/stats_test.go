package quiz_test

import (
	"testing"

	"fivecalls/app/quiz"
)

func TestShareOf(t *testing.T) {
	s := quiz.Stats{Questions: map[string]map[string]int64{
		"q1": {"a": 1, "b": 2},
		"q2": {"a": 0},
		"q3": {"a": 1, "b": 0}, // the reader's own answer alone
	}}
	tests := []struct {
		question, choice string
		want             int
		ok               bool
	}{
		{"q1", "a", 33, true},
		{"q1", "b", 67, true},
		{"q1", "z", 0, true},
		{"q2", "a", 0, false},
		{"q3", "a", 0, false},
		{"q9", "a", 0, false},
	}
	for _, tt := range tests {
		got, ok := s.ShareOf(tt.question, tt.choice)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ShareOf(%q, %q) = %d, %v; want %d, %v", tt.question, tt.choice, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStanding(t *testing.T) {
	// 10 finished readers, the reader among them.
	s := quiz.Stats{Scores: []int64{1, 2, 3, 4}}
	tests := []struct {
		score, want int
	}{
		{0, 0},  // 9 others, none lower
		{1, 11}, // 1 of 9 others lower
		{2, 33}, // 3 of 9
		{3, 66}, // 6 of 9, rounded down
	}
	for _, tt := range tests {
		if got, others, ok := s.Standing(tt.score); got != tt.want || others != 9 || !ok {
			t.Errorf("Standing(%d) = %d, %d, %v; want %d, 9, true", tt.score, got, others, ok, tt.want)
		}
	}
	// Better than both others.
	if got, others, ok := (quiz.Stats{Scores: []int64{2, 0, 1}}).Standing(2); got != 100 || others != 2 || !ok {
		t.Errorf("Standing above two others = %d, %d, %v; want 100, 2, true", got, others, ok)
	}
	// The reader alone: the first to finish.
	if _, others, ok := (quiz.Stats{Scores: []int64{0, 1, 0}}).Standing(1); others != 0 || ok {
		t.Errorf("Standing with only the reader finished = %d others, %v; want 0, false", others, ok)
	}
	// One other reader: no percentage, which would give away their score.
	if _, others, ok := (quiz.Stats{Scores: []int64{1, 1, 0}}).Standing(1); others != 1 || ok {
		t.Errorf("Standing beside one other reader = %d others, %v; want 1, false", others, ok)
	}
	// Tied with everyone else: beats nobody.
	if got, _, _ := (quiz.Stats{Scores: []int64{0, 3}}).Standing(1); got != 0 {
		t.Errorf("Standing among ties = %d, want 0", got)
	}
}

func TestIncluding(t *testing.T) {
	s := quiz.Stats{
		Answers:   3,
		Finished:  1,
		Questions: map[string]map[string]int64{"q1": {"a": 1, "b": 1}, "q2": {"a": 1}},
		Scores:    []int64{0, 1, 0},
	}
	a := quiz.Answer{Question: "q2", Choice: "b"}
	got := s.Including(a, true, 2)
	if got.Questions["q2"]["b"] != 1 || got.Answers != 4 {
		t.Errorf("the answer is not counted: %+v", got)
	}
	if got.Finished != 2 || got.Scores[2] != 1 {
		t.Errorf("the finished reader is not counted: %+v", got)
	}
	// Counted once: the reader and one other finished.
	if _, others, _ := got.Standing(2); others != 1 {
		t.Errorf("Standing counts %d others, want 1", others)
	}
	// The stats given are not changed.
	if s.Questions["q2"]["b"] != 0 || s.Scores[2] != 0 || s.Answers != 3 {
		t.Errorf("Including changed its receiver: %+v", s)
	}
	// A reader not finished is counted among the answers only.
	if got := s.Including(quiz.Answer{Question: "q9", Choice: "z"}, false, 0); got.Finished != 1 || got.Questions["q9"]["z"] != 1 {
		t.Errorf("unfinished: %+v", got)
	}
}

func TestAnswerID(t *testing.T) {
	a, b := quiz.AnswerID("reader-one-xxxxxxxx", "q1"), quiz.AnswerID("reader-one-xxxxxxxx", "q2")
	if a == b || a != quiz.AnswerID("reader-one-xxxxxxxx", "q1") {
		t.Errorf("AnswerID is not one id per reader and question: %q %q", a, b)
	}
	if !quiz.ValidToken(a) {
		t.Errorf("AnswerID %q is not a valid token", a)
	}
	// The separator keeps ("ab", "c") and ("a", "bc") apart.
	if quiz.AnswerID("ab", "c") == quiz.AnswerID("a", "bc") {
		t.Error("AnswerID runs reader and question together")
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	err := quiz.Errorf(quiz.NotFound, "There is no story %q.", "x")
	if quiz.ErrorCode(err) != quiz.NotFound || quiz.ErrorMessage(err) != `There is no story "x".` {
		t.Errorf("got %q %q", quiz.ErrorCode(err), quiz.ErrorMessage(err))
	}
	internal := quiz.InternalError(errDisk)
	if quiz.ErrorCode(internal) != quiz.Internal || quiz.ErrorMessage(internal) == errDisk.Error() {
		t.Errorf("internal error leaks its cause: %q", quiz.ErrorMessage(internal))
	}
	if quiz.ErrorCode(errDisk) != quiz.Internal {
		t.Errorf("an unclassified error must be internal")
	}
}

var errDisk = errorString("disk on fire")

type errorString string

func (e errorString) Error() string { return string(e) }
