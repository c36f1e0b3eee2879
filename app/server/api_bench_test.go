package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rs/zerolog"

	"fivecalls/app/quiz"
	"fivecalls/app/server"
	"fivecalls/app/store/postgres"
	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/store/storetest"
)

// BenchmarkAnswersLoad measures POST /api/answers end to end on loopback,
// with answers already stored: a real http.Server with the store (durable
// group commit), 64 keep-alive clients sending b.N distinct valid answers
// with random tokens, as browsers make them, while one more client reads GET
// /api/stats ten times a second. Each sub-benchmark is one store and one
// number of stored answers, e.g. sqlite-1M:
//
//	go test -run '^$' -bench 'AnswersLoad/sqlite-0' -benchtime 50000x ./app/server
//
// It reports stored answers per second and their p99 latency; first-stats-ms,
// the first GET /api/stats after the store is opened on the stored answers
// (a restart); stats-p99-ms, the stats reads during the load; and open-ms.
//
// The environment chooses the sizes and keeps the slow fixtures:
//
//	FIVECALLS_BENCH_SIZES     e.g. "sqlite=0,1M,10M postgres=0,1M" (the default
//	                          leaves out 10M, whose fixture takes minutes to build)
//	FIVECALLS_BENCH_FIXTURES  a folder keeping SQLite fixtures between runs; each
//	                          run works on a copy (default: built in a temporary folder)
//
// PostgreSQL runs use FIVECALLS_TEST_POSTGRES (see pgtest), in a fresh
// schema dropped afterwards. Fixtures are loaded through the store's Import.
func BenchmarkAnswersLoad(b *testing.B) {
	sizes := map[string][]int{"sqlite": {0, 1_000_000}, "postgres": {0, 1_000_000}}
	if env := os.Getenv("FIVECALLS_BENCH_SIZES"); env != "" {
		var err error
		if sizes, err = parseBenchSizes(env); err != nil {
			b.Fatal(err)
		}
	}
	for _, db := range []string{"sqlite", "postgres"} {
		for _, n := range sizes[db] {
			b.Run(db+"-"+sizeLabel(n), func(b *testing.B) {
				var open func() (quiz.Store, error)
				switch db {
				case "sqlite":
					path := filepath.Join(b.TempDir(), "fivecalls.db")
					sqliteFixture(b, n, path)
					open = func() (quiz.Store, error) { return sqlite.Open(context.Background(), path) }
				case "postgres":
					dsn := pgtest.DSN(b)
					postgresFixture(b, n, dsn)
					open = func() (quiz.Store, error) { return postgres.Open(context.Background(), dsn) }
				}
				answersLoad(b, open, int64(n))
			})
		}
	}
}

// answersLoad opens the store (as a server does on a restart), reads the
// stats once, then sends the load; see BenchmarkAnswersLoad.
func answersLoad(b *testing.B, open func() (quiz.Store, error), stored int64) {
	const clients = 64
	catalog := benchCatalog(b)
	t0 := time.Now()
	store, err := open()
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	openTook := time.Since(t0)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: server.NewAPI(zerolog.Nop(), store, catalog, server.APIOptions{}), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients + 1, MaxConnsPerHost: clients + 1}}
	defer client.CloseIdleConnections()

	readStats := func() (quiz.Stats, time.Duration, error) {
		t0 := time.Now()
		resp, err := client.Get(base + "/api/stats?story=" + catalog.Story())
		if err != nil {
			return quiz.Stats{}, 0, err
		}
		defer resp.Body.Close()
		var st quiz.Stats
		err = json.NewDecoder(resp.Body).Decode(&st)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("GET /api/stats: status %d", resp.StatusCode)
		}
		return st, time.Since(t0), err
	}
	first, firstTook, err := readStats()
	if err != nil {
		b.Fatal(err)
	}
	if first.Answers != stored {
		b.Fatalf("the first stats count %d answers, want the %d stored", first.Answers, stored)
	}

	// Ten stats reads a second, until the load ends.
	stop := make(chan struct{})
	var statsLatencies []time.Duration
	var poller sync.WaitGroup
	poller.Go(func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, took, err := readStats(); err != nil {
					b.Error(err)
				} else {
					statsLatencies = append(statsLatencies, took)
				}
			}
		}
	})

	// b.Loop hands out one answer per iteration to the clients, so that the
	// function runs once (the setup above is not repeated) and b.N answers
	// are sent.
	run := fmt.Sprint(time.Now().UnixNano()) // tokens unique to this run
	answers := make(chan int, clients)
	var okCount atomic.Int64
	latencies := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := range answers {
				q := catalog.Len()
				t0 := time.Now()
				resp, err := client.Post(base+"/api/answers", "application/json", strings.NewReader(fmt.Sprintf(
					`{"story":"load","question":"q%d","choice":"a","reader":"%s","answer":"%s"}`,
					i%q, storetest.RandomToken("reader-"+run, i/q), storetest.RandomToken("answer-"+run, i))))
				if err != nil {
					b.Error(err)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				latencies[c] = append(latencies[c], time.Since(t0))
				if resp.StatusCode != http.StatusCreated {
					b.Errorf("answer %d: status %d", i, resp.StatusCode)
					continue
				}
				okCount.Add(1)
			}
		})
	}
	start := time.Now()
	n := 0
	for b.Loop() {
		answers <- n
		n++
	}
	close(answers)
	wg.Wait()
	elapsed := time.Since(start)
	close(stop)
	poller.Wait()
	if b.Failed() {
		return
	}

	after, err := store.Stats(context.Background(), catalog.Story(), catalog.Len())
	if err != nil {
		b.Fatal(err)
	}
	if after.Answers != stored+okCount.Load() {
		b.Errorf("stats count %d answers after the load, want %d", after.Answers, stored+okCount.Load())
	}
	all := slices.Concat(latencies...)
	b.ReportMetric(float64(okCount.Load())/elapsed.Seconds(), "answers/s")
	b.ReportMetric(percentileMS(all, 99), "p99-ms")
	b.ReportMetric(ms(firstTook), "first-stats-ms")
	b.ReportMetric(percentileMS(statsLatencies, 99), "stats-p99-ms")
	b.ReportMetric(float64(len(statsLatencies)), "stats-reads")
	b.ReportMetric(ms(openTook), "open-ms")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentileMS(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ms(ds[(len(ds)-1)*p/100])
}

// fixtureAnswers are n answers of the load story by n/13 readers who
// answered every question, with random reader tokens and choices.
//
// They come reader by reader in token order, and an answer's id is its
// reader's token and question, so that the store's indexes grow at their
// ends: loading 10M answers takes about a minute instead of six on 2 CPUs.
// The indexes then hold the same keys, spread the same way, but packed
// fuller than random arrivals leave them, so the load's random inserts split
// more pages: if anything, pessimistic.
func fixtureAnswers(n int) iter.Seq[quiz.Answer] {
	readers := make([]string, (n+12)/13)
	for r := range readers {
		readers[r] = storetest.RandomToken("fixture-reader", r)
	}
	slices.Sort(readers)
	return func(yield func(quiz.Answer) bool) {
		for i := range n {
			reader, q := i/13, i%13
			c := int(uint32(reader*2654435761+q*40503) >> 30) // 0..3, spread over readers and questions
			a := quiz.Answer{Story: "load", Question: fmt.Sprintf("q%d", q), Choice: "abcd"[c : c+1], Correct: c == 0,
				Reader: readers[reader], ID: fmt.Sprintf("%s-%02d", readers[reader], q)}
			if !yield(a) {
				return
			}
		}
	}
}

// importFixture loads n answers through the store's bulk path and closes it.
func importFixture(b *testing.B, s quiz.Store, n int) {
	defer s.Close()
	if n == 0 {
		return
	}
	imp, ok := s.(storetest.Importer)
	if !ok {
		b.Fatalf("%T has no Import", s)
	}
	t0 := time.Now()
	stored, err := imp.Import(context.Background(), fixtureAnswers(n))
	if err != nil || stored != int64(n) {
		b.Fatalf("import: stored %d of %d: %v", stored, n, err)
	}
	b.Logf("imported %d answers in %s", n, time.Since(t0).Round(time.Millisecond))
}

// sqliteFixture writes a database with n stored answers at path: a copy of
// the one kept in FIVECALLS_BENCH_FIXTURES (built there first if missing),
// or a new one.
func sqliteFixture(b *testing.B, n int, path string) {
	open := func(p string) quiz.Store {
		s, err := sqlite.Open(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	dir := os.Getenv("FIVECALLS_BENCH_FIXTURES")
	if dir == "" || n == 0 {
		importFixture(b, open(path), n)
		return
	}
	// The name changes with what fixtureAnswers makes; a newer schema is
	// migrated on the copy when it is opened.
	kept := filepath.Join(dir, fmt.Sprintf("answers-sqlite-%s-v2.db", sizeLabel(n)))
	if _, err := os.Stat(kept); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		tmp := kept + ".building"
		os.Remove(tmp)
		importFixture(b, open(tmp), n)
		if err := os.Rename(tmp, kept); err != nil {
			b.Fatal(err)
		}
	}
	if err := copyFile(kept, path); err != nil {
		b.Fatal(err)
	}
}

// postgresFixture stores n answers in the database at dsn, then lets it
// settle as it would have by the time a million answers are stored: VACUUM
// ANALYZE and a CHECKPOINT, so that autovacuum and a checkpoint the import
// set off do not work through the fresh rows during the load. The load then
// starts right after a checkpoint, when every page it touches first costs a
// full-page image in the WAL: the dearest moment of PostgreSQL's cycle.
func postgresFixture(b *testing.B, n int, dsn string) {
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	importFixture(b, s, n)
	if n == 0 {
		return
	}
	c, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(context.Background())
	for _, q := range []string{"VACUUM ANALYZE answers, reader_progress, choice_counts, score_counts", "CHECKPOINT"} {
		if _, err := c.Exec(context.Background(), q); err != nil {
			b.Logf("%s: %v (the load may overlap the database's own work)", q, err)
		}
	}
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	// On disk before the load starts: otherwise the kernel writes the copy
	// back during the load, and the store's fsyncs wait behind it.
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// parseBenchSizes reads "sqlite=0,1M,10M postgres=0,1M".
func parseBenchSizes(s string) (map[string][]int, error) {
	sizes := map[string][]int{}
	for _, field := range strings.Fields(s) {
		db, list, ok := strings.Cut(field, "=")
		if !ok || (db != "sqlite" && db != "postgres") {
			return nil, fmt.Errorf("FIVECALLS_BENCH_SIZES: %q is not sqlite=… or postgres=…", field)
		}
		for _, v := range strings.Split(list, ",") {
			mult := 1
			switch {
			case strings.HasSuffix(v, "M"):
				v, mult = strings.TrimSuffix(v, "M"), 1_000_000
			case strings.HasSuffix(v, "k"):
				v, mult = strings.TrimSuffix(v, "k"), 1_000
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("FIVECALLS_BENCH_SIZES: %q is not a size", v)
			}
			sizes[db] = append(sizes[db], n*mult)
		}
	}
	return sizes, nil
}

// sizeLabel writes 0, 50k, 1M, 10M.
func sizeLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1_000 && n%1_000 == 0:
		return fmt.Sprintf("%dk", n/1_000)
	}
	return strconv.Itoa(n)
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
