package ui

import (
	"regexp"
	"testing"
)

// The API takes answer ids of 16–64 characters of A-Z a-z 0-9 - _. An id
// is the same for the same reader and question (a resend, a reload or a
// second tab is stored once) and differs otherwise.
func TestAnswerID(t *testing.T) {
	valid := regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)
	a := answerID("reader-aaaaaaaaaaaaaaaa", "q1")
	if !valid.MatchString(a) {
		t.Fatalf("answer id %q is not one the API takes", a)
	}
	if b := answerID("reader-aaaaaaaaaaaaaaaa", "q1"); b != a {
		t.Errorf("the same answer got two ids: %q, %q", a, b)
	}
	for _, other := range []string{answerID("reader-aaaaaaaaaaaaaaaa", "q2"), answerID("reader-bbbbbbbbbbbbbbbb", "q1"), answerID("reader-aaaaaaaaaaaaaaaaq", "1")} {
		if other == a {
			t.Errorf("two answers share the id %q", a)
		}
	}
}

func TestStatsCountTheReadersAnswers(t *testing.T) {
	st := &statsResponse{Questions: map[string]map[string]int64{"q1": {"a": 3, "b": 1}, "q2": {"a": 2}}}
	for _, tt := range []struct {
		answers map[string]string
		want    bool
	}{
		{map[string]string{}, true},
		{map[string]string{"q1": "b", "q2": "a"}, true},
		{map[string]string{"q1": "c"}, false}, // made before this answer arrived
		{map[string]string{"q3": "a"}, false},
	} {
		if got := st.counts(tt.answers); got != tt.want {
			t.Errorf("counts(%v) = %v, want %v", tt.answers, got, tt.want)
		}
	}
	var none *statsResponse
	if _, ok := none.share("q1", "a"); ok {
		t.Error("no figures gave a share")
	}
	if pct, ok := st.share("q1", "a"); !ok || pct != 75 {
		t.Errorf("share = %d, %v; want 75", pct, ok)
	}
}
