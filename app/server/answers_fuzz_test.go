package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fivecalls/app/server"
	"fivecalls/app/story"

	"github.com/rs/zerolog"
)

// answersCorpusDir is the committed seed corpus. It is FuzzDecodeAnswer's
// directory, so that target replays it too; FuzzAnswersAPI adds it to its
// own seeds.
const answersCorpusDir = "testdata/fuzz/FuzzDecodeAnswer"

// addAnswerCorpus adds the committed corpus files ("go test fuzz v1" with
// one string) as seeds.
func addAnswerCorpus(f *testing.F) {
	f.Helper()
	entries, err := os.ReadDir(answersCorpusDir)
	if err != nil {
		f.Fatalf("the committed seed corpus is missing: %v", err)
	}
	n := 0
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(answersCorpusDir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		header, value, ok := strings.Cut(strings.TrimSpace(string(b)), "\n")
		if !ok || header != "go test fuzz v1" || !strings.HasPrefix(value, "string(") || !strings.HasSuffix(value, ")") {
			f.Fatalf("%s is not a one-string corpus file", e.Name())
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(value, "string("), ")"))
		if err != nil {
			f.Fatalf("%s: %v", e.Name(), err)
		}
		f.Add(s)
		n++
	}
	if n < 10 {
		f.Fatalf("only %d seeds in %s", n, answersCorpusDir)
	}
}

// FuzzAnswersAPI posts arbitrary bodies to POST /api/answers through the
// whole server (middleware, rate limit off, SQLite store), and checks the
// contract: a JSON object with either a 2xx and "stored" (201 stored:true,
// 200 stored:false) or a 4xx and a non-empty "error", never a 5xx; and the
// database gains an answer exactly when the response is 201. One server
// serves every iteration.
func FuzzAnswersAPI(f *testing.F) {
	s := story.Default()
	q := s.Quiz.Questions[0]
	valid := func(choice, reader, answer string) string {
		b, _ := json.Marshal(map[string]string{"story": s.ID, "question": q.ID, "choice": choice, "reader": reader, "answer": answer})
		return string(b)
	}
	f.Add(valid(q.Choices[0].ID, "fuzz-reader-0000000001", "fuzz-answer-000000001"))
	f.Add(valid(q.Choices[1].ID, "fuzz-reader-0000000002", "fuzz-answer-000000002"))
	f.Add(valid(q.Choices[1].ID, "fuzz-reader-0000000002", "fuzz-answer-000000003")) // second answer, same reader
	addAnswerCorpus(f)

	st := mustSQLite(f)
	h, err := server.New(zerolog.Nop(), server.Config{Story: s, WebDir: mustWebDir(f)}, st)
	if err != nil {
		f.Fatal(err)
	}
	stored := func(tb testing.TB) int64 {
		stats, err := st.Stats(context.Background(), s.ID, len(s.Quiz.Questions))
		if err != nil {
			tb.Fatal(err)
		}
		return stats.Answers
	}
	want := stored(f)

	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/api/answers", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)

		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("status %d with Content-Type %q for %q", w.Code, ct, body)
		}
		var res map[string]json.RawMessage
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || res == nil {
			t.Fatalf("status %d: response %q is not a JSON object (%v) for %q", w.Code, w.Body, err, body)
		}
		switch {
		case w.Code == http.StatusCreated || w.Code == http.StatusOK:
			var got bool
			if err := json.Unmarshal(res["stored"], &got); err != nil {
				t.Fatalf("status %d without a boolean stored: %s", w.Code, w.Body)
			}
			if got != (w.Code == http.StatusCreated) {
				t.Errorf("status %d with stored:%v", w.Code, got)
			}
			if _, ok := res["error"]; ok {
				t.Errorf("status %d with an error: %s", w.Code, w.Body)
			}
			if got {
				want++
			}
		case w.Code >= 400 && w.Code < 500:
			var msg string
			if err := json.Unmarshal(res["error"], &msg); err != nil || strings.TrimSpace(msg) == "" {
				t.Errorf("status %d without an error message: %s", w.Code, w.Body)
			}
			if _, ok := res["stored"]; ok {
				t.Errorf("status %d says stored: %s", w.Code, w.Body)
			}
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
		if got := stored(t); got != want {
			t.Fatalf("after status %d for %q the database holds %d answers, want %d", w.Code, body, got, want)
		}
	})
}
