package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/quiz"
	"fivecalls/app/store/storetest"
)

// BenchmarkSaveAnswer measures the store alone: 64 goroutines saving b.N
// distinct answers through the group commit, each durable before it returns.
func BenchmarkSaveAnswer(b *testing.B) {
	const writers = 64
	s := mustOpen(b, filepath.Join(b.TempDir(), "fivecalls.db"))
	var next atomic.Int64
	latencies := make([][]time.Duration, writers)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				t0 := time.Now()
				a := quiz.Answer{Story: "load", Question: fmt.Sprintf("q%d", i%13), Choice: "a", Correct: true,
					Reader: storetest.Token("reader", i/13), ID: storetest.Token("answer", i)}
				if _, err := s.SaveAnswer(context.Background(), a); err != nil {
					b.Error(err)
					return
				}
				latencies[w] = append(latencies[w], time.Since(t0))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(latencies...)
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "answers/s")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
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
