package server_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"fivecalls/app/quiz"
	"fivecalls/app/server"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/store/storetest"
)

// BenchmarkAnswersLoad measures POST /api/answers end to end on loopback:
// a real http.Server with the SQLite store (durable group commit), and 64
// keep-alive clients sending b.N distinct valid answers between them, then
// stopping. Tokens are random, as browsers make them. It reports stored
// answers per second and the p99 latency.
//
//	go test -run '^$' -bench AnswersLoad -benchtime 50000x ./app/server
func BenchmarkAnswersLoad(b *testing.B) {
	const clients = 64
	catalog := benchCatalog(b)
	store, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "fivecalls.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: server.NewAPI(zerolog.Nop(), store, catalog, server.APIOptions{}), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	url := "http://" + ln.Addr().String() + "/api/answers"
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	defer client.CloseIdleConnections()

	var next, stored atomic.Int64
	latencies := make([][]time.Duration, clients)
	errs := make(chan error, clients)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				q := catalog.Len()
				t0 := time.Now()
				resp, err := client.Post(url, "application/json", strings.NewReader(fmt.Sprintf(
					`{"story":"load","question":"q%d","choice":"a","reader":"%s","answer":"%s"}`, i%q, storetest.RandomToken("reader", i/q), storetest.RandomToken("answer", i))))
				if err != nil {
					errs <- err
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				latencies[c] = append(latencies[c], time.Since(t0))
				if resp.StatusCode != http.StatusCreated {
					errs <- fmt.Errorf("answer %d: status %d", i, resp.StatusCode)
					return
				}
				stored.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	all := slices.Concat(latencies...)
	slices.Sort(all)
	b.ReportMetric(float64(stored.Load())/elapsed.Seconds(), "answers/s")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
}

func benchCatalog(tb testing.TB) *quiz.Catalog {
	tb.Helper()
	qs := make([]quiz.QuestionSpec, 13)
	for i := range qs {
		qs[i] = quiz.QuestionSpec{ID: fmt.Sprintf("q%d", i), Choices: []string{"a", "b", "c", "d"}, Correct: "a"}
	}
	c, err := quiz.NewCatalog("load", qs)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
