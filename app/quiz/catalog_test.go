package quiz_test

import (
	"strings"
	"testing"

	"fivecalls/app/quiz"
)

func mustCatalog(tb testing.TB) *quiz.Catalog {
	tb.Helper()
	c, err := quiz.NewCatalog("five-calls", []quiz.QuestionSpec{
		{ID: "q1", Choices: []string{"a", "b", "c"}, Correct: "b"},
		{ID: "q2", Choices: []string{"a", "b"}, Correct: "a"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestNewCatalogRejects(t *testing.T) {
	tests := []struct {
		name  string
		story string
		qs    []quiz.QuestionSpec
		want  string
	}{
		{"empty story", "", []quiz.QuestionSpec{{ID: "q", Choices: []string{"a", "b"}, Correct: "a"}}, "empty story"},
		{"no questions", "s", nil, "no questions"},
		{"empty question id", "s", []quiz.QuestionSpec{{Choices: []string{"a", "b"}, Correct: "a"}}, "empty id"},
		{"duplicate question", "s", []quiz.QuestionSpec{
			{ID: "q", Choices: []string{"a", "b"}, Correct: "a"},
			{ID: "q", Choices: []string{"a", "b"}, Correct: "a"},
		}, "duplicate question"},
		{"one choice", "s", []quiz.QuestionSpec{{ID: "q", Choices: []string{"a"}, Correct: "a"}}, "two choices"},
		{"duplicate choice", "s", []quiz.QuestionSpec{{ID: "q", Choices: []string{"a", "a"}, Correct: "a"}}, "duplicate choice"},
		{"correct not a choice", "s", []quiz.QuestionSpec{{ID: "q", Choices: []string{"a", "b"}, Correct: "c"}}, "not one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := quiz.NewCatalog(tt.story, tt.qs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewCatalog error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	c := mustCatalog(t)
	valid := quiz.Answer{Story: "five-calls", Question: "q1", Choice: "b", Reader: strings.Repeat("r", 22), ID: strings.Repeat("i", 22)}
	tests := []struct {
		name    string
		edit    func(*quiz.Answer)
		wantErr string // empty: valid
		correct bool
	}{
		{"correct", func(*quiz.Answer) {}, "", true},
		{"wrong", func(a *quiz.Answer) { a.Choice = "a" }, "", false},
		{"client cannot claim correct", func(a *quiz.Answer) { a.Choice = "c"; a.Correct = true }, "", false},
		{"unknown story", func(a *quiz.Answer) { a.Story = "other" }, "no story", false},
		{"unknown question", func(a *quiz.Answer) { a.Question = "q9" }, "no question", false},
		{"unknown choice", func(a *quiz.Answer) { a.Choice = "z" }, "no choice", false},
		{"choice of another question", func(a *quiz.Answer) { a.Question = "q2"; a.Choice = "c" }, "no choice", false},
		{"short reader", func(a *quiz.Answer) { a.Reader = "short" }, "reader token", false},
		{"bad answer id", func(a *quiz.Answer) { a.ID = strings.Repeat("x", 20) + "<" }, "answer id", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid
			tt.edit(&a)
			got, err := c.Check(a)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Check error = %v, want it to contain %q", err, tt.wantErr)
				}
				if code := quiz.ErrorCode(err); code != quiz.Invalid {
					t.Errorf("code = %q, want %q", code, quiz.Invalid)
				}
				return
			}
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if got.Correct != tt.correct {
				t.Errorf("Correct = %v, want %v", got.Correct, tt.correct)
			}
		})
	}
}

func TestCheckDoesNotEchoTokens(t *testing.T) {
	c := mustCatalog(t)
	secret := "SECRET-token-that-is-far-too-long-to-be-valid-" + strings.Repeat("x", 40)
	_, err := c.Check(quiz.Answer{Story: "five-calls", Question: "q1", Choice: "a", Reader: secret, ID: secret})
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("Check error = %v, want an error without the token", err)
	}
}

func TestCheckTruncatesLongIDs(t *testing.T) {
	c := mustCatalog(t)
	_, err := c.Check(quiz.Answer{Story: strings.Repeat("s", 10000), Reader: strings.Repeat("r", 16), ID: strings.Repeat("i", 16)})
	if err == nil || len(err.Error()) > 200 {
		t.Fatalf("Check error = %.300v, want a short error", err)
	}
}

func TestFill(t *testing.T) {
	c := mustCatalog(t)
	s := c.Fill(quiz.Stats{Story: "five-calls", Questions: map[string]map[string]int64{"q1": {"b": 3}}, Scores: []int64{1}})
	if got := s.Questions["q1"]; len(got) != 3 || got["a"] != 0 || got["b"] != 3 {
		t.Errorf("q1 = %v, want a:0 b:3 c:0", got)
	}
	if got := s.Questions["q2"]; len(got) != 2 {
		t.Errorf("q2 = %v, want two zero choices", got)
	}
	if len(s.Scores) != 3 || s.Scores[0] != 1 {
		t.Errorf("Scores = %v, want [1 0 0]", s.Scores)
	}
}

func TestValidToken(t *testing.T) {
	tests := []struct {
		tok  string
		want bool
	}{
		{strings.Repeat("a", 15), false},
		{strings.Repeat("a", 16), true},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
		{"0123456789abcdefABCDEF-_", true},
		{"550e8400-e29b-41d4-a716-446655440000", true},
		{"aaaaaaaaaaaaaaa=", false},
		{"aaaaaaaaaaaaaaa é", false},
		{"aaaaaaaaaaaaaaa\x00", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := quiz.ValidToken(tt.tok); got != tt.want {
			t.Errorf("ValidToken(%q) = %v, want %v", tt.tok, got, tt.want)
		}
	}
}
