package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/storetest"
)

// BenchmarkSaveAnswer measures the store alone, without HTTP.
func BenchmarkSaveAnswer(b *testing.B) {
	storetest.BenchmarkSave(b, mustOpen(b, filepath.Join(b.TempDir(), "fivecalls.db")))
}

// BenchmarkStats measures the query behind GET /api/stats on 100,000 answers
// (the API runs it at most once per second per instance).
func BenchmarkStats(b *testing.B) {
	s := mustOpen(b, filepath.Join(b.TempDir(), "fivecalls.db"))
	const answers = 100_000
	var wg sync.WaitGroup
	for w := range 64 {
		wg.Go(func() {
			for i := w; i < answers; i += 64 {
				a := quiz.Answer{Story: "load", Question: fmt.Sprintf("q%d", i%13), Choice: "abcd"[i%4 : i%4+1], Correct: i%4 == 0,
					Reader: storetest.Token("reader", i/13), ID: storetest.Token("answer", i)}
				if _, err := s.SaveAnswer(context.Background(), a); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if st := storetest.MustStats(b, s, "load", 13); st.Answers != answers {
			b.Fatalf("answers = %d", st.Answers)
		}
	}
}
