package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fivecalls/app/quiz"
)

// BenchmarkSave saves b.N distinct answers with random tokens from 64
// goroutines through s, each durable before it returns, and reports answers
// per second and the p99 latency of SaveAnswer.
func BenchmarkSave(b *testing.B, s quiz.Store) {
	const writers = 64
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
				a := quiz.Answer{Story: "load", Question: fmt.Sprintf("q%d", i%13), Choice: "a", Correct: true,
					Reader: RandomToken("reader", i/13), ID: RandomToken("answer", i)}
				t0 := time.Now()
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
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "answers/s")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
}
