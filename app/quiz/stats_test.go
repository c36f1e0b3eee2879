package quiz_test

import (
	"testing"

	"fivecalls/app/quiz"
)

func TestShareOf(t *testing.T) {
	s := quiz.Stats{Questions: map[string]map[string]int64{
		"q1": {"a": 1, "b": 2},
		"q2": {"a": 0},
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
		{"q9", "a", 0, false},
	}
	for _, tt := range tests {
		got, ok := s.ShareOf(tt.question, tt.choice)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ShareOf(%q, %q) = %d, %v; want %d, %v", tt.question, tt.choice, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBeatPercent(t *testing.T) {
	s := quiz.Stats{Scores: []int64{1, 2, 3, 4}} // 10 finished readers
	tests := []struct{ score, want int }{
		{0, 0},
		{1, 10},
		{2, 30},
		{3, 60},
		{4, 100},
		{-1, 0},
	}
	for _, tt := range tests {
		if got := s.BeatPercent(tt.score); got != tt.want {
			t.Errorf("BeatPercent(%d) = %d, want %d", tt.score, got, tt.want)
		}
	}
	if got := (quiz.Stats{}).BeatPercent(3); got != 0 {
		t.Errorf("BeatPercent with nobody finished = %d, want 0", got)
	}
	// Rounded down: beating 2 of 3 readers is 66%, not 67%.
	if got := (quiz.Stats{Scores: []int64{2, 1}}).BeatPercent(1); got != 66 {
		t.Errorf("BeatPercent = %d, want 66", got)
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
