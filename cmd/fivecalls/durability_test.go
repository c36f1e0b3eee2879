package main

// Durability with real processes: the fivecalls binary under a bounded
// loopback load of answers is killed with SIGKILL, restarted on the same
// database, and every answer that got a 2xx must be there; SIGTERM must stop
// accepting, finish what is in flight and exit 0. On SQLite always, on
// PostgreSQL when FIVECALLS_TEST_POSTGRES is set (required under CI=true or
// FIVECALLS_REQUIRE_ALL=1).

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/story"
)

// Bounds of the load: it stops by itself after loadMaxDuration or
// loadMaxAnswers, whichever comes first, and only ever talks to 127.0.0.1.
const (
	// shutdownTimeout is serve's default --shutdown-timeout.
	shutdownTimeout = 10 * time.Second

	loadWorkers     = 32
	loadMaxDuration = 20 * time.Second
	loadMaxAnswers  = 200_000
)

func TestDurability(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it under load; skipped with -short")
	}
	bin := mustBuildFivecalls(t)
	web := mustServeWebDir(t)
	var extra []string
	if serveFlagsOf(t, bin)["rate-limit"] {
		extra = append(extra, "--rate-limit", "0") // a trusted load test from one address
	}
	dbs := []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"SQLite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "answers.db") }},
		{"PostgreSQL", func(t *testing.T) string { return pgtest.DSN(t) }}, // a fresh schema, dropped afterwards
	}
	for _, db := range dbs {
		t.Run("kill -9 on "+db.name, func(t *testing.T) {
			testKillNine(t, bin, append([]string{"--web", web, "--db", db.dsn(t)}, extra...))
		})
		t.Run("SIGTERM on "+db.name, func(t *testing.T) {
			testSIGTERMDrains(t, bin, append([]string{"--web", web, "--db", db.dsn(t)}, extra...))
		})
	}
}

// testKillNine: load, kill -9 mid-load, restart, check every acknowledged
// answer is stored.
func testKillNine(t *testing.T, bin string, args []string) {
	p := startServe(t, bin, args...)
	load := newAnswerLoad(t)
	stop := load.start(p.url)

	// Let the load reach its sustained rate, then kill the server with
	// requests in flight.
	start := time.Now()
	for time.Since(start) < 10*time.Second && (time.Since(start) < 1500*time.Millisecond || load.ackedCount() < 2000) {
		time.Sleep(20 * time.Millisecond)
	}
	ackedBeforeKill, elapsed := load.ackedCount(), time.Since(start)
	if ackedBeforeKill == 0 {
		stop()
		t.Fatalf("no answer was acknowledged in %v", elapsed)
	}
	p.kill9(t)
	stop()
	acked, unknown := load.results(t)
	t.Logf("%d answers acknowledged in %v before kill -9 (%.0f/s with %d clients); %d more acknowledged as it died, %d in flight with no answer",
		ackedBeforeKill, elapsed.Round(time.Millisecond), float64(ackedBeforeKill)/elapsed.Seconds(), loadWorkers,
		len(acked)-ackedBeforeKill, len(unknown))

	p2 := startServe(t, bin, args...)
	load.verifyStored(t, p2.url, acked, unknown)
	mustStopCleanly(t, p2)
}

// testSIGTERMDrains: SIGTERM under load with one request deliberately half
// sent; the server must stop accepting, finish that request, exit 0 within
// the shutdown timeout, and have stored everything it acknowledged.
func testSIGTERMDrains(t *testing.T, bin string, args []string) {
	p := startServe(t, bin, args...)
	load := newAnswerLoad(t)
	stop := load.start(p.url)
	defer stop()
	for start := time.Now(); time.Since(start) < 10*time.Second && load.ackedCount() < 500; {
		time.Sleep(20 * time.Millisecond)
	}

	// A request in flight: headers and half the body sent.
	slow := load.reserve()
	body := load.body(slow)
	conn, err := net.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	fmt.Fprintf(conn, "POST /api/answers HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		p.addr, len(body), body[:len(body)/2])
	time.Sleep(200 * time.Millisecond) // let the handler start reading it

	sigterm := time.Now()
	p.signal(t, syscall.SIGTERM)

	// It stops accepting: new connections are refused.
	var refusedAfter time.Duration
	for refusedAfter == 0 && time.Since(sigterm) < 5*time.Second {
		c, err := net.DialTimeout("tcp", p.addr, time.Second)
		if err != nil {
			// Refused, or reset when the dial landed in the backlog of the
			// listener as it closed: either way, not accepted.
			if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, syscall.ECONNRESET) {
				t.Fatalf("dial after SIGTERM: %v", err)
			}
			refusedAfter = time.Since(sigterm)
			break
		}
		c.Close()
		time.Sleep(10 * time.Millisecond)
	}
	if refusedAfter == 0 {
		t.Fatal("still accepting connections 5 s after SIGTERM")
	}
	// ...but drains: it is still running, waiting for the half-sent request.
	if p.exited() {
		t.Fatalf("exited with a request in flight: %v", p.waitErr)
	}
	io.WriteString(conn, body[len(body)/2:])
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the request in flight at SIGTERM got no response: %v", err)
	}
	var got struct{ Stored bool }
	json.NewDecoder(res.Body).Decode(&got)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || !got.Stored {
		t.Fatalf("the request in flight at SIGTERM = %d stored=%v, want 201 stored=true", res.StatusCode, got.Stored)
	}
	load.ack(slow)

	code, err := p.wait(shutdownTimeout + 5*time.Second)
	took := time.Since(sigterm)
	if err != nil || code != 0 {
		t.Fatalf("after SIGTERM: exit code %d, %v, after %v; want 0 within %v", code, err, took.Round(time.Millisecond), shutdownTimeout)
	}
	if took > shutdownTimeout {
		t.Errorf("exited %v after SIGTERM, beyond the %v shutdown timeout", took.Round(time.Millisecond), shutdownTimeout)
	}
	stop()
	acked, unknown := load.results(t)
	t.Logf("SIGTERM: refused new connections after %v, answered the in-flight request, exited 0 after %v; %d answers acknowledged, %d without an answer",
		refusedAfter.Round(time.Millisecond), took.Round(time.Millisecond), len(acked), len(unknown))

	p2 := startServe(t, bin, args...)
	// A graceful stop answers every request it commits: the answers that
	// got no response (a keep-alive connection closed as the request went
	// out, which HTTP/1.1 cannot avoid) must not have been stored.
	if n := load.answersStored(t, p2.url); n != int64(len(acked)) {
		t.Errorf("after SIGTERM %d answers are stored, want exactly the %d acknowledged", n, len(acked))
	}
	load.verifyStored(t, p2.url, acked, unknown)
	mustStopCleanly(t, p2)
}

func mustStopCleanly(t *testing.T, p *serveProc) {
	t.Helper()
	p.signal(t, syscall.SIGTERM)
	if code, err := p.wait(shutdownTimeout + 5*time.Second); err != nil || code != 0 {
		t.Errorf("SIGTERM on an idle server: exit code %d, %v", code, err)
	}
}

// answerLoad sends distinct answers, one per reader, numbered from 0, and
// remembers which were acknowledged (2xx) and which may or may not have
// reached the database (no response, or a 5xx).
type answerLoad struct {
	t       *testing.T
	run     string // random, so ids never meet those of another run
	story   *story.Story
	client  *http.Client
	next    atomic.Int64
	nAcked  atomic.Int64
	mu      sync.Mutex
	acked   []int
	unknown []int
	refused []string          // unexpected 4xx: a bug (or a rate limiter) to report
	sentAt  map[int]time.Time // of acknowledged answers: when their request was sent
	statusN map[int]int       // responses by status
}

func newAnswerLoad(t *testing.T) *answerLoad {
	b := make([]byte, 6)
	rand.Read(b)
	tr := &http.Transport{MaxIdleConnsPerHost: loadWorkers, DisableCompression: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &answerLoad{
		t:      t,
		run:    hex.EncodeToString(b),
		story:  story.Default(),
		client: &http.Client{Transport: tr, Timeout: 15 * time.Second},
	}
}

// body is answer i: reader i answers question i mod n with a choice that
// varies too.
func (l *answerLoad) body(i int) string {
	qs := l.story.Quiz.Questions
	q := qs[i%len(qs)]
	c := q.Choices[(i/len(qs))%len(q.Choices)]
	b, _ := json.Marshal(map[string]string{
		"story": l.story.ID, "question": q.ID, "choice": c.ID,
		"reader": fmt.Sprintf("r-%s-%010d", l.run, i), "answer": fmt.Sprintf("a-%s-%010d", l.run, i),
	})
	return string(b)
}

// reserve takes the next answer number.
func (l *answerLoad) reserve() int { return int(l.next.Add(1) - 1) }

func (l *answerLoad) ack(i int) {
	l.mu.Lock()
	l.acked = append(l.acked, i)
	l.mu.Unlock()
	l.nAcked.Add(1)
}

func (l *answerLoad) ackedCount() int { return int(l.nAcked.Load()) }

// post sends answer i. sent is false when the connection was refused, so
// the server cannot have seen it.
func (l *answerLoad) post(baseURL string, i int) (status int, stored, sent bool, err error) {
	req, err := http.NewRequest(http.MethodPost, baseURL+"/api/answers", strings.NewReader(l.body(i)))
	if err != nil {
		return 0, false, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	// No Idempotency-Key header: net/http would then resend a POST whose
	// connection died, and a first attempt the server committed could hide
	// behind a second one's dial error.
	res, err := l.client.Do(req)
	if err != nil {
		// net/http resends a POST only if nothing of it was written, so a
		// dial error means the server never saw this answer.
		var op *net.OpError
		return 0, false, !(errors.As(err, &op) && op.Op == "dial"), err
	}
	defer res.Body.Close()
	var got struct{ Stored bool }
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, false, true, err
	}
	json.Unmarshal(b, &got)
	return res.StatusCode, got.Stored, true, nil
}

// start runs the load until the returned stop is called or a bound is
// reached. stop lets requests in flight finish and is safe to call twice.
func (l *answerLoad) start(baseURL string) (stop func()) {
	var (
		stopping = make(chan struct{})
		once     sync.Once
		wg       sync.WaitGroup
		deadline = time.Now().Add(loadMaxDuration)
	)
	for range loadWorkers {
		wg.Go(func() {
			for {
				select {
				case <-stopping:
					return
				default:
				}
				if time.Now().After(deadline) {
					return
				}
				i := l.reserve()
				if i >= loadMaxAnswers {
					return
				}
				sentAt := time.Now()
				status, _, sent, err := l.post(baseURL, i)
				if err == nil {
					l.mu.Lock()
					if l.statusN == nil {
						l.statusN = map[int]int{}
					}
					l.statusN[status]++
					l.mu.Unlock()
				}
				switch {
				case err == nil && status >= 200 && status <= 299:
					l.ack(i)
					l.mu.Lock()
					if l.sentAt == nil {
						l.sentAt = map[int]time.Time{}
					}
					l.sentAt[i] = sentAt
					l.mu.Unlock()
				case err == nil && status >= 400 && status <= 499:
					l.mu.Lock()
					l.refused = append(l.refused, fmt.Sprintf("answer %d: %d", i, status))
					l.mu.Unlock()
				case sent:
					l.mu.Lock()
					l.unknown = append(l.unknown, i)
					l.mu.Unlock()
				}
				if err != nil || status >= 500 {
					time.Sleep(5 * time.Millisecond) // the server is gone or busy: do not spin
				}
			}
		})
	}
	return func() {
		once.Do(func() { close(stopping) })
		wg.Wait()
	}
}

// results returns the answers acknowledged and those with an unknown
// outcome. The load must be stopped.
func (l *answerLoad) results(t *testing.T) (acked, unknown []int) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.refused) > 0 {
		t.Fatalf("%d valid answers were refused with a 4xx (a rate limiter on a trusted load?), e.g. %s", len(l.refused), l.refused[0])
	}
	return append([]int(nil), l.acked...), append([]int(nil), l.unknown...)
}

// verifyStored checks on a restarted server that every acknowledged answer
// is stored: the count at once, then each one (a resend must come back
// "stored": false, meaning it was already there). Resending the answers of
// unknown outcome then stores each of them exactly once, so the total must
// come out exact.
func (l *answerLoad) verifyStored(t *testing.T, baseURL string, acked, unknown []int) {
	t.Helper()
	n := l.answersStored(t, baseURL)
	if n < int64(len(acked)) {
		t.Errorf("after the restart %d answers are stored, but %d were acknowledged: %d lost", n, len(acked), int64(len(acked))-n)
	}
	if n > int64(len(acked)+len(unknown)) {
		t.Errorf("after the restart %d answers are stored, more than the %d sent", n, len(acked)+len(unknown))
	}

	var missing, failed atomic.Int64
	var examples sync.Map
	forEachParallel(acked, loadWorkers, func(i int) {
		status, stored, _, err := l.post(baseURL, i)
		switch {
		case err == nil && (status == http.StatusCreated || stored):
			missing.Add(1) // stored only now: it was lost
			examples.Store("missing", fmt.Sprintf("answer %d", i))
		case err != nil || status != http.StatusOK:
			failed.Add(1)
			examples.Store("resend", fmt.Sprintf("answer %d: %d %v", i, status, err))
		}
	})
	if missing.Load() > 0 || failed.Load() > 0 {
		ex := map[string]any{}
		examples.Range(func(k, v any) bool { ex[k.(string)] = v; return true })
		t.Fatalf("of %d acknowledged answers, %d were not stored before the resend and %d resends failed; e.g. %v",
			len(acked), missing.Load(), failed.Load(), ex)
	}
	forEachParallel(unknown, loadWorkers, func(i int) {
		if status, _, _, err := l.post(baseURL, i); err != nil || status < 200 || status > 299 {
			failed.Add(1)
		}
	})
	if failed.Load() > 0 {
		t.Fatalf("%d resends of unanswered answers failed", failed.Load())
	}
	// Stats are cached for up to a second: wait for the exact total.
	want := int64(len(acked) + len(unknown))
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := l.answersStored(t, baseURL)
		if got == want {
			break
		}
		if got > want || time.Now().After(deadline) {
			t.Fatalf("after resending everything, %d answers are stored, want exactly %d", got, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("restart: %d answers stored at once (%d acknowledged, %d unknown); every acknowledged one was already there",
		n, len(acked), len(unknown))
}

// answersStored reads "answers" from GET /api/stats.
func (l *answerLoad) answersStored(t *testing.T, baseURL string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/api/stats?story="+l.story.ID, nil)
	res, err := l.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var st struct {
		Answers *int64 `json:"answers"`
	}
	if err := json.NewDecoder(res.Body).Decode(&st); err != nil || res.StatusCode != http.StatusOK || st.Answers == nil {
		t.Fatalf("GET /api/stats = %d, %v", res.StatusCode, err)
	}
	return *st.Answers
}

// forEachParallel calls f for each item from n goroutines.
func forEachParallel(items []int, n int, f func(int)) {
	ch := make(chan int)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for i := range ch {
				f(i)
			}
		})
	}
	for _, i := range items {
		ch <- i
	}
	close(ch)
	wg.Wait()
}
