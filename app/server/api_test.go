package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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
	"fivecalls/app/store/postgres"
	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"
)

const storyID = "five-calls"

func mustCatalog(tb testing.TB) *quiz.Catalog {
	tb.Helper()
	c, err := quiz.NewCatalog(storyID, []quiz.QuestionSpec{
		{ID: "q1", Choices: []string{"a", "b", "c"}, Correct: "b"},
		{ID: "q2", Choices: []string{"a", "b"}, Correct: "a"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func mustSQLite(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "fivecalls.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// clock is a settable time for the stats cache.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newAPI(tb testing.TB, store quiz.Store) (http.Handler, *clock) {
	tb.Helper()
	clk := &clock{t: time.Date(2017, 1, 28, 9, 0, 0, 0, time.UTC)}
	return server.NewAPI(zerolog.Nop(), store, mustCatalog(tb), server.APIOptions{StatsTTL: time.Second, Now: clk.Now}), clk
}

func token(kind string, n int) string { return fmt.Sprintf("%s-%016d", kind, n) }

func answerBody(question, choice string, reader, answer int) string {
	b, _ := json.Marshal(map[string]string{
		"story": storyID, "question": question, "choice": choice,
		"reader": token("reader", reader), "answer": token("answer", answer),
	})
	return string(b)
}

func do(tb testing.TB, h http.Handler, method, target, contentType string, body io.Reader) *httptest.ResponseRecorder {
	tb.Helper()
	r := httptest.NewRequest(method, target, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if got := w.Header().Get("Cache-Control"); got != "no-store" {
		tb.Errorf("%s %s: Cache-Control = %q, want no-store", method, target, got)
	}
	if got := w.Header().Get("Set-Cookie"); got != "" {
		tb.Errorf("%s %s: sets a cookie %q", method, target, got)
	}
	if got := w.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
		tb.Errorf("%s %s: Content-Type = %q, want JSON", method, target, got)
	}
	return w
}

func postAnswer(tb testing.TB, h http.Handler, body string) *httptest.ResponseRecorder {
	tb.Helper()
	return do(tb, h, http.MethodPost, "/api/answers", "application/json", strings.NewReader(body))
}

type answerResponse struct {
	Stored        bool        `json:"stored"`
	Correct       bool        `json:"correct"`
	CorrectChoice string      `json:"correctChoice"`
	Stats         *quiz.Stats `json:"stats"`
	Counted       bool        `json:"counted"`
}

func decode[T any](tb testing.TB, w *httptest.ResponseRecorder) T {
	tb.Helper()
	var v T
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		tb.Fatalf("decode %T: %v", v, err)
	}
	return v
}

func getStats(tb testing.TB, h http.Handler) quiz.Stats {
	tb.Helper()
	w := do(tb, h, http.MethodGet, "/api/stats?story="+storyID, "", nil)
	if w.Code != http.StatusOK {
		tb.Fatalf("GET /api/stats: %d %s", w.Code, w.Body)
	}
	return decode[quiz.Stats](tb, w)
}

func TestAnswersCreate(t *testing.T) {
	h, _ := newAPI(t, mustSQLite(t))
	tests := []struct {
		name          string
		body          string
		status        int
		stored        bool
		correct       bool
		correctChoice string
	}{
		{"right answer", answerBody("q1", "b", 1, 1), http.StatusCreated, true, true, "b"},
		{"wrong answer", answerBody("q2", "b", 1, 2), http.StatusCreated, true, false, "a"},
		{"same answer id again", answerBody("q2", "b", 1, 2), http.StatusOK, false, false, "a"},
		{"second answer of a reader to a question", answerBody("q1", "a", 1, 3), http.StatusOK, false, false, "b"},
		{"another reader", answerBody("q1", "a", 2, 4), http.StatusCreated, true, false, "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := postAnswer(t, h, tt.body)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			got := decode[answerResponse](t, w)
			if got.Stored != tt.stored || got.Correct != tt.correct || got.CorrectChoice != tt.correctChoice {
				t.Errorf("got %+v, want stored %v correct %v correctChoice %q", got, tt.stored, tt.correct, tt.correctChoice)
			}
			if got.Stats == nil || got.Stats.Story != storyID {
				t.Errorf("stats missing from the answer response: %+v", got.Stats)
			}
		})
	}
}

func TestOneVotePerReader(t *testing.T) {
	h, clk := newAPI(t, mustSQLite(t))
	postAnswer(t, h, answerBody("q1", "a", 1, 1))
	for i := range 5 { // the same reader tries to stuff the ballot with new answer ids
		if w := postAnswer(t, h, answerBody("q1", "c", 1, 10+i)); w.Code != http.StatusOK {
			t.Fatalf("status = %d, want 200", w.Code)
		}
	}
	clk.Add(2 * time.Second)
	st := getStats(t, h)
	if st.Questions["q1"]["a"] != 1 || st.Questions["q1"]["c"] != 0 || st.Answers != 1 {
		t.Errorf("stats = %+v, want only the first answer counted", st)
	}
}

func TestAnswersErrors(t *testing.T) {
	h, _ := newAPI(t, mustSQLite(t))
	valid := answerBody("q1", "a", 1, 1)
	big := `{"story":"` + strings.Repeat("x", 20<<10) + `"}`
	tests := []struct {
		name        string
		method      string
		contentType string
		body        io.Reader
		status      int
		want        string // in the error message
	}{
		{"malformed JSON", "POST", "application/json", strings.NewReader(`{"story":`), 400, "not valid JSON"},
		{"syntax error", "POST", "application/json", strings.NewReader(`{story}`), 400, "not valid JSON"},
		{"empty body", "POST", "application/json", strings.NewReader(``), 400, "empty"},
		{"two objects", "POST", "application/json", strings.NewReader(valid + valid), 400, "The request has data after the JSON object"},
		{"text after the object", "POST", "application/json", strings.NewReader(valid + " x"), 400, "The request has data after the JSON object"},
		{"array", "POST", "application/json", strings.NewReader(`[]`), 400, "The request body must be a JSON object."},
		{"null", "POST", "application/json", strings.NewReader(`null`), 400, "The request body must be a JSON object."},
		{"null in spaces", "POST", "application/json", strings.NewReader(" null\n"), 400, "The request body must be a JSON object."},
		{"field in another case", "POST", "application/json", strings.NewReader(strings.Replace(valid, `"story"`, `"Story"`, 1)), 400, `The request has an unknown field "Story"; names are case-sensitive, and the field is "story".`},
		{"field given twice", "POST", "application/json", strings.NewReader(strings.Replace(valid, `"choice":"a"`, `"choice":"a","choice":"b"`, 1)), 400, `The request gives the field "choice" twice`},
		{"field given twice in two cases", "POST", "application/json", strings.NewReader(strings.Replace(valid, `"choice":"a"`, `"choice":"a","CHOICE":"b"`, 1)), 400, `unknown field "CHOICE"; names are case-sensitive, and the field is "choice".`},
		{"long unknown field", "POST", "application/json", strings.NewReader(`{"` + strings.Repeat("k", 5000) + `":1}`), 400, `unknown field "kkkkk`},
		{"number field", "POST", "application/json", strings.NewReader(`{"choice":1}`), 400, `"choice" must be a string`},
		{"unknown field", "POST", "application/json", strings.NewReader(`{"score":13}`), 400, `unknown field "score"`},
		{"too large", "POST", "application/json", strings.NewReader(big), 413, "too large"},
		{"too large without length", "POST", "application/json", io.MultiReader(strings.NewReader(big)), 413, "too large"},
		{"text/plain", "POST", "text/plain", strings.NewReader(valid), 415, "JSON"},
		{"form", "POST", "application/x-www-form-urlencoded", strings.NewReader(valid), 415, "JSON"},
		{"no content type", "POST", "", strings.NewReader(valid), 415, "JSON"},
		{"latin-1", "POST", "application/json; charset=latin1", strings.NewReader(valid), 415, "JSON"},
		{"unknown story", "POST", "application/json", strings.NewReader(strings.Replace(valid, storyID, "other", 1)), 422, "no story"},
		{"unknown question", "POST", "application/json", strings.NewReader(answerBody("q9", "a", 1, 1)), 422, "no question"},
		{"unknown choice", "POST", "application/json", strings.NewReader(answerBody("q2", "c", 1, 1)), 422, "no choice"},
		{"short reader token", "POST", "application/json", strings.NewReader(strings.Replace(valid, token("reader", 1), "abc", 1)), 422, "reader token"},
		{"answer id with a slash", "POST", "application/json", strings.NewReader(strings.Replace(valid, token("answer", 1), "../../etc/passwd/xxxxxx", 1)), 422, "answer id"},
		{"missing fields", "POST", "application/json", strings.NewReader(`{}`), 422, "reader token"},
		{"GET answers", "GET", "", nil, 405, "only accepts POST"},
		{"DELETE answers", "DELETE", "", nil, 405, "only accepts POST"},
		{"POST stats", "POST", "application/json", strings.NewReader(valid), 405, "GET or HEAD"},
		{"unknown API path", "GET", "", nil, 404, "nothing at this address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := "/api/answers"
			switch {
			case strings.Contains(tt.name, "stats"):
				target = "/api/stats?story=" + storyID
			case strings.Contains(tt.name, "unknown API"):
				target = "/api/results"
			}
			w := do(t, h, tt.method, target, tt.contentType, tt.body)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			got := decode[struct{ Error string }](t, w)
			if !strings.Contains(got.Error, tt.want) {
				t.Errorf("error = %q, want it to contain %q", got.Error, tt.want)
			}
			if strings.Contains(got.Error, token("reader", 1)) {
				t.Errorf("error repeats the reader token: %q", got.Error)
			}
			if len(got.Error) > 200 {
				t.Errorf("error is %d bytes long: a request's text must not be echoed whole: %.80q…", len(got.Error), got.Error)
			}
			if tt.status == 405 && w.Header().Get("Allow") == "" {
				t.Errorf("405 without an Allow header")
			}
		})
	}
}

func TestCharsetUTF8IsJSON(t *testing.T) {
	h, _ := newAPI(t, mustSQLite(t))
	w := do(t, h, "POST", "/api/answers", "application/json; charset=UTF-8", strings.NewReader(answerBody("q1", "a", 1, 1)))
	if w.Code != http.StatusCreated {
		t.Fatalf("status = %d, want 201; body %s", w.Code, w.Body)
	}
}

func TestStatsErrors(t *testing.T) {
	h, _ := newAPI(t, mustSQLite(t))
	for _, tt := range []struct {
		target string
		status int
	}{
		{"/api/stats", 400},
		{"/api/stats?story=", 400},
		{"/api/stats?story=other", 404},
	} {
		if w := do(t, h, "GET", tt.target, "", nil); w.Code != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.target, w.Code, tt.status)
		}
	}
}

func TestStats(t *testing.T) {
	store := mustSQLite(t)
	h1, _ := newAPI(t, store)
	postAnswer(t, h1, answerBody("q1", "b", 1, 1)) // reader 1: both right
	postAnswer(t, h1, answerBody("q2", "a", 1, 2))
	postAnswer(t, h1, answerBody("q1", "a", 2, 3)) // reader 2: one wrong, unfinished
	postAnswer(t, h1, answerBody("q1", "a", 3, 4)) // reader 3: both wrong
	postAnswer(t, h1, answerBody("q2", "b", 3, 5))

	h, _ := newAPI(t, store) // a fresh cache
	st := getStats(t, h)
	want := quiz.Stats{
		Story: storyID, Answers: 5, Readers: 3, Finished: 2,
		Questions: map[string]map[string]int64{"q1": {"a": 2, "b": 1, "c": 0}, "q2": {"a": 1, "b": 1}},
		Scores:    []int64{1, 0, 1},
	}
	if st.Story != want.Story || st.Answers != want.Answers || st.Readers != want.Readers || st.Finished != want.Finished ||
		!slices.Equal(st.Scores, want.Scores) || !equalCounts(st.Questions, want.Questions) {
		t.Errorf("stats = %+v\nwant    %+v", st, want)
	}
	// Reader 1, both right, and reader 3 finished: one other reader, too
	// few for a percentage.
	if _, others, ok := st.Standing(2); others != 1 || ok {
		t.Errorf("Standing(2) = %d others, %v; want 1, false", others, ok)
	}
	if w := do(t, h, http.MethodHead, "/api/stats?story="+storyID, "", nil); w.Code != http.StatusOK {
		t.Errorf("HEAD /api/stats: %d", w.Code)
	}
}

// TestReceiptSaysWhetherItsStatsCountTheAnswer: the stats sent back with
// an answer say whether they count it, exactly, so that the reader's own
// figures need no second request: a read that started after the answer was
// stored counts it; one that ended before it was stored does not; and when a
// read overlapped the commit, the answer waits for a read that starts after
// it. (Break it: answer counted=true always, and the second case fails;
// counted=false, and the first and third do.)
func TestReceiptSaysWhetherItsStatsCountTheAnswer(t *testing.T) {
	store := &holdingStore{Store: mustSQLite(t)}
	h, clk := newAPI(t, store)

	// No stats read yet: the first is made after the answer is stored.
	first := decode[answerResponse](t, postAnswer(t, h, answerBody("q1", "b", 1, 1)))
	if !first.Counted || first.Stats == nil || first.Stats.Questions["q1"]["b"] != 1 {
		t.Errorf("first answer: counted %v, stats %+v; want counted, with it", first.Counted, first.Stats)
	}

	// Within the stats' second of freshness: the stats of before.
	clk.Add(100 * time.Millisecond)
	second := decode[answerResponse](t, postAnswer(t, h, answerBody("q2", "a", 1, 2)))
	if second.Counted || second.Stats == nil || second.Stats.Questions["q2"]["a"] != 0 {
		t.Errorf("second answer: counted %v, stats %+v; want stats without it, said so", second.Counted, second.Stats)
	}

	// A read that overlaps the commit: it started before the answer was
	// stored and ended while it was being stored.
	clk.Add(2 * time.Second) // the stats are stale: the next request reads them
	store.statsGate = make(chan struct{})
	read := make(chan struct{})
	go func() { getStats(t, h); close(read) }() // the read starts, and waits
	for store.waiting.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	clk.Add(time.Millisecond)
	store.saveGate = make(chan struct{})
	answered := make(chan *httptest.ResponseRecorder)
	go func() { answered <- postAnswer(t, h, answerBody("q1", "a", 2, 3)) }() // the answer starts being stored, and waits
	for store.waiting.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	clk.Add(time.Millisecond)
	close(store.statsGate) // the read ends, before the answer is stored
	<-read
	clk.Add(time.Millisecond)
	store.statsGate = nil
	close(store.saveGate) // the answer is stored
	third := decode[answerResponse](t, <-answered)
	if !third.Counted || third.Stats == nil || third.Stats.Questions["q1"]["a"] != 1 {
		t.Errorf("answer overlapping a read: counted %v, stats %+v; want a read made after it, counting it", third.Counted, third.Stats)
	}
}

// holdingStore holds Stats and SaveAnswer at their gates while these are set.
type holdingStore struct {
	quiz.Store
	statsGate, saveGate chan struct{}
	waiting             atomic.Int64
}

func (s *holdingStore) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	if g := s.statsGate; g != nil {
		s.waiting.Add(1)
		<-g
	}
	return s.Store.Stats(ctx, story, questions)
}

func (s *holdingStore) SaveAnswer(ctx context.Context, a quiz.Answer) (bool, error) {
	if g := s.saveGate; g != nil {
		s.waiting.Add(1)
		<-g
	}
	return s.Store.SaveAnswer(ctx, a)
}

func TestStatsCached(t *testing.T) {
	store := &countingStore{Store: mustSQLite(t)}
	h, clk := newAPI(t, store)
	if st := getStats(t, h); st.Answers != 0 {
		t.Fatalf("answers = %d, want 0", st.Answers)
	}
	postAnswer(t, h, answerBody("q1", "b", 1, 1))
	if st := getStats(t, h); st.Answers != 0 {
		t.Errorf("answers = %d within the TTL, want the cached 0", st.Answers)
	}
	if n := store.stats.Load(); n != 1 {
		t.Errorf("the store was asked for stats %d times within the TTL, want 1", n)
	}
	clk.Add(time.Second)
	if st := getStats(t, h); st.Answers != 1 {
		t.Errorf("answers = %d after the TTL, want 1", st.Answers)
	}
	if n := store.stats.Load(); n != 2 {
		t.Errorf("the store was asked for stats %d times, want 2", n)
	}
}

func TestStatsSingleFlight(t *testing.T) {
	store := &countingStore{Store: mustSQLite(t), delay: 50 * time.Millisecond}
	h, clk := newAPI(t, store)
	storm := func() {
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() { getStats(t, h) })
		}
		wg.Wait()
	}
	storm()
	if n := store.stats.Load(); n != 1 {
		t.Errorf("a read storm asked the store %d times, want 1", n)
	}
	clk.Add(2 * time.Second)
	storm() // one request refreshes; the others get the previous stats meanwhile
	if n := store.stats.Load(); n != 2 {
		t.Errorf("a read storm after expiry asked the store %d times in total, want 2", n)
	}
}

// TestStatsFreshness: while one request re-reads the stats the others get
// the previous ones, but never stats read more than StatsMaxAge ago.
func TestStatsFreshness(t *testing.T) {
	store := &gatedStore{Store: mustSQLite(t), gate: make(chan struct{}, 1)}
	clk := &clock{t: time.Date(2017, 1, 28, 9, 0, 0, 0, time.UTC)}
	h := server.NewAPI(zerolog.Nop(), store, mustCatalog(t), server.APIOptions{StatsTTL: time.Second, StatsMaxAge: 10 * time.Second, Now: clk.Now})

	store.gate <- struct{}{}
	if st := getStats(t, h); st.Answers != 0 { // read at 0 s
		t.Fatalf("answers = %d, want 0", st.Answers)
	}
	if w := postAnswer(t, h, answerBody("q1", "b", 1, 1)); w.Code != http.StatusCreated {
		t.Fatalf("POST: %d", w.Code)
	}

	clk.Add(2 * time.Second) // expired: the next request re-reads, slowly
	reread := make(chan quiz.Stats)
	go func() { reread <- getStats(t, h) }()
	for store.calls.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	if st := getStats(t, h); st.Answers != 0 {
		t.Errorf("during the re-read: answers = %d, want the previous stats (0)", st.Answers)
	}

	clk.Add(9 * time.Second) // the previous stats are now 11 s old: too old to serve
	waiter := make(chan quiz.Stats)
	go func() { waiter <- getStats(t, h) }()
	select {
	case st := <-waiter:
		t.Fatalf("got stats read 11 s ago (answers %d) instead of waiting for the re-read", st.Answers)
	case <-time.After(50 * time.Millisecond):
	}
	store.gate <- struct{}{}
	for name, ch := range map[string]chan quiz.Stats{"the re-reading request": reread, "the waiting request": waiter} {
		if st := <-ch; st.Answers != 1 {
			t.Errorf("%s: answers = %d, want 1", name, st.Answers)
		}
	}
	if n := store.calls.Load(); n != 2 {
		t.Errorf("the store was read %d times, want 2", n)
	}
}

// TestStatsIntervalFollowsReadTime: a slow read stretches the interval to
// ten times its duration, but never past StatsMaxAge.
func TestStatsIntervalFollowsReadTime(t *testing.T) {
	for _, tt := range []struct {
		read          time.Duration
		fresh, reread time.Duration // since the first read started: still cached; read again
	}{
		{100 * time.Millisecond, 1000 * time.Millisecond, 1200 * time.Millisecond}, // 1 s after the read ended
		{500 * time.Millisecond, 5400 * time.Millisecond, 5600 * time.Millisecond}, // 0.5 s + 10 × 0.5 s
		{2 * time.Second, 9900 * time.Millisecond, 10100 * time.Millisecond},       // 2 s + 20 s, capped at 10 s
	} {
		t.Run(tt.read.String(), func(t *testing.T) {
			clk := &clock{t: time.Date(2017, 1, 28, 9, 0, 0, 0, time.UTC)}
			start := clk.Now()
			store := &slowStore{Store: mustSQLite(t), clk: clk, took: tt.read}
			h := server.NewAPI(zerolog.Nop(), store, mustCatalog(t), server.APIOptions{StatsTTL: time.Second, StatsMaxAge: 10 * time.Second, Now: clk.Now})
			getStats(t, h)
			clk.Add(start.Add(tt.fresh).Sub(clk.Now()))
			getStats(t, h)
			if n := store.calls.Load(); n != 1 {
				t.Errorf("at %v: %d reads, want 1 (still cached)", tt.fresh, n)
			}
			clk.Add(tt.reread - tt.fresh)
			getStats(t, h)
			if n := store.calls.Load(); n != 2 {
				t.Errorf("at %v: %d reads, want 2", tt.reread, n)
			}
		})
	}
}

// gatedStore's Stats waits for a token on gate, so a test decides when a
// read ends.
type gatedStore struct {
	quiz.Store
	gate  chan struct{}
	calls atomic.Int64
}

func (s *gatedStore) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	s.calls.Add(1)
	<-s.gate
	return s.Store.Stats(ctx, story, questions)
}

// slowStore's Stats takes `took` on the test's clock.
type slowStore struct {
	quiz.Store
	clk   *clock
	took  time.Duration
	calls atomic.Int64
}

func (s *slowStore) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	s.calls.Add(1)
	s.clk.Add(s.took)
	return s.Store.Stats(ctx, story, questions)
}

func TestInternalErrorIsLoggedWithoutTokens(t *testing.T) {
	var logs bytes.Buffer
	store := &countingStore{Store: mustSQLite(t), saveErr: quiz.InternalError(errors.New("disk on fire"))}
	h := server.NewAPI(zerolog.New(&logs), store, mustCatalog(t), server.APIOptions{})
	w := postAnswer(t, h, answerBody("q1", "b", 1, 1))
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", w.Code)
	}
	if body := w.Body.String(); strings.Contains(body, "disk") || !strings.Contains(body, "Please try again") {
		t.Errorf("body = %s, want a generic message", body)
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("the internal error was not logged: %s", logs.String())
	}
	if strings.Contains(logs.String(), token("reader", 1)) || strings.Contains(logs.String(), token("answer", 1)) {
		t.Errorf("the log holds a token: %s", logs.String())
	}

	logs.Reset()
	postAnswer(t, h, `{`)
	if logs.Len() != 0 {
		t.Errorf("a client error was logged: %s", logs.String())
	}
}

func TestQuizCatalog(t *testing.T) {
	s := &story.Story{ID: "s", Quiz: story.Quiz{Questions: []story.Question{
		{ID: "q1", Choices: []story.Choice{{ID: "a"}, {ID: "b", Correct: true}}},
	}}}
	c, err := server.QuizCatalog(s)
	if err != nil {
		t.Fatal(err)
	}
	if q, ok := c.Question("q1"); !ok || q.Correct != "b" || c.Story() != "s" {
		t.Errorf("catalog question = %+v, %v", q, ok)
	}
}

// TestTwoInstancesOnePostgres is two server instances behind a load balancer:
// answers sent to either are counted once, and both show one set of stats.
func TestTwoInstancesOnePostgres(t *testing.T) {
	dsn := pgtest.DSN(t)
	open := func() quiz.Store {
		s, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, clkA := newAPI(t, open())
	b, clkB := newAPI(t, open())

	for _, step := range []struct {
		h      http.Handler
		body   string
		status int
	}{
		{a, answerBody("q1", "b", 1, 1), 201},
		{b, answerBody("q2", "a", 1, 2), 201}, // reader 1 finishes on the other instance
		{b, answerBody("q1", "b", 1, 1), 200}, // a retry lands on the other instance
		{a, answerBody("q1", "a", 1, 3), 200}, // a second answer to q1
		{b, answerBody("q1", "c", 2, 4), 201},
	} {
		if w := postAnswer(t, step.h, step.body); w.Code != step.status {
			t.Fatalf("status = %d, want %d; body %s", w.Code, step.status, w.Body)
		}
	}
	clkA.Add(time.Minute)
	clkB.Add(time.Minute)
	sa, sb := getStats(t, a), getStats(t, b)
	want := map[string]map[string]int64{"q1": {"a": 0, "b": 1, "c": 1}, "q2": {"a": 1, "b": 0}}
	for name, st := range map[string]quiz.Stats{"instance a": sa, "instance b": sb} {
		if st.Answers != 3 || st.Readers != 2 || !equalCounts(st.Questions, want) || !slices.Equal(st.Scores, []int64{0, 0, 1}) {
			t.Errorf("%s: stats = %+v, want 3 answers by 2 readers, %v, scores [0 0 1]", name, st, want)
		}
	}
}

// TestTwoInstancesConcurrentLoad is two servers on one PostgreSQL taking
// answers at once over HTTP: each reader's answers, and resends of them, go
// to either instance. Afterwards both show the exact stats and the counters
// equal a full recount of the stored answers.
func TestTwoInstancesConcurrentLoad(t *testing.T) {
	dsn := pgtest.DSN(t)
	var stores [2]*postgres.Store
	var servers [2]*httptest.Server
	for i := range stores {
		s, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
		servers[i] = httptest.NewServer(server.NewAPI(zerolog.Nop(), s, mustCatalog(t), server.APIOptions{}))
		t.Cleanup(servers[i].Close)
	}

	// 300 readers; reader r answers q1, and q2 when r is even, choosing "b"
	// for q1 when r%3 == 0 (right) and "a" otherwise; every answer is sent
	// twice, to both instances, by different goroutines.
	const readers = 300
	var posts []string
	want := quiz.Stats{Questions: map[string]map[string]int64{"q1": {"a": 0, "b": 0, "c": 0}, "q2": {"a": 0, "b": 0}}, Scores: make([]int64, 3)}
	id := 0
	for r := range readers {
		q1 := "a"
		if r%3 == 0 {
			q1 = "b"
		}
		id++
		posts = append(posts, answerBody("q1", q1, r, id))
		want.Questions["q1"][q1]++
		want.Answers++
		want.Readers++
		if r%2 == 0 {
			id++
			posts = append(posts, answerBody("q2", "a", r, id))
			want.Questions["q2"]["a"]++
			want.Answers++
			want.Finished++
			score := 1 // q2 "a" is right
			if q1 == "b" {
				score++
			}
			want.Scores[score]++
		}
	}
	client := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	const senders = 8
	for g := range senders {
		wg.Go(func() {
			for i := g; i < 2*len(posts); i += senders {
				j, k := i%len(posts), i/len(posts)
				target := servers[(j+k)%2].URL // the two copies of an answer, and a reader's two answers, go to both instances
				resp, err := client.Post(target+"/api/answers", "application/json", strings.NewReader(posts[j]))
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
					t.Errorf("POST: status %d", resp.StatusCode)
				}
			}
		})
	}
	wg.Wait()

	for i, s := range stores {
		st, err := s.Stats(context.Background(), storyID, 2)
		if err != nil {
			t.Fatal(err)
		}
		if st.Answers != want.Answers || st.Readers != want.Readers || st.Finished != want.Finished ||
			!slices.Equal(st.Scores, want.Scores) || !equalCounts(catalogFill(t, st).Questions, want.Questions) {
			t.Errorf("instance %d: stats = %+v\nwant %+v", i, st, want)
		}
	}
	r, err := stores[0].CheckCounters(context.Background(), false)
	if err != nil || !r.OK() || r.Answers != want.Answers {
		t.Errorf("recount: %+v, %v; want every counter equal to the recount of %d answers", r, err, want.Answers)
	}
}

func catalogFill(tb testing.TB, st quiz.Stats) quiz.Stats { return mustCatalog(tb).Fill(st) }

// countingStore counts Stats calls and can slow them down or fail saves.
type countingStore struct {
	quiz.Store
	stats   atomic.Int64
	delay   time.Duration
	saveErr error
}

func (s *countingStore) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	s.stats.Add(1)
	time.Sleep(s.delay)
	return s.Store.Stats(ctx, story, questions)
}

func (s *countingStore) SaveAnswer(ctx context.Context, a quiz.Answer) (bool, error) {
	if s.saveErr != nil {
		return false, s.saveErr
	}
	return s.Store.SaveAnswer(ctx, a)
}

func equalCounts(got, want map[string]map[string]int64) bool {
	if len(got) != len(want) {
		return false
	}
	for q, w := range want {
		if len(got[q]) != len(w) {
			return false
		}
		for c, n := range w {
			if got[q][c] != n {
				return false
			}
		}
	}
	return true
}

// FuzzDecodeAnswer sends arbitrary bodies to POST /api/answers: whatever
// arrives, the answer is a JSON object with a 2xx or 4xx status, never a
// crash or a 500.
func FuzzDecodeAnswer(f *testing.F) {
	for _, seed := range []string{
		answerBody("q1", "b", 1, 1),
		`{"story":"five-calls","question":"q1","choice":"b","reader":"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000","answer":"x"}`,
		"{\"story\":\"\xff\xfe\"}",
		`{"choice":["a"]}`, `null`, `[]`, `"x"`, `{`, ``, `{"a":1}{}`, `{"story":1e999}`,
	} {
		f.Add(seed)
	}
	h := server.NewAPI(zerolog.Nop(), memStore{}, mustCatalog(f), server.APIOptions{})
	f.Fuzz(func(t *testing.T, body string) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/api/answers", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200, 201, 400, 413, 422:
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
		var v map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || len(v) == 0 {
			t.Fatalf("response %q is not a JSON object: %v", w.Body, err)
		}
	})
}

// memStore is a quiz.Store that stores nothing, for tests of the HTTP layer alone.
type memStore struct{}

func (memStore) SaveAnswer(context.Context, quiz.Answer) (bool, error) { return true, nil }
func (memStore) Stats(_ context.Context, story string, questions int) (quiz.Stats, error) {
	return quiz.Stats{Story: story, Scores: make([]int64, questions+1)}, nil
}
func (memStore) Close() error { return nil }

// downStore fails every call while down is set, as a store whose database
// is down does.
type downStore struct {
	quiz.Store
	down  atomic.Bool
	stats atomic.Int64
}

func (s *downStore) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	s.stats.Add(1)
	if s.down.Load() {
		return quiz.Stats{}, quiz.UnavailableError(errors.New("connection refused"))
	}
	return s.Store.Stats(ctx, story, questions)
}

func (s *downStore) SaveAnswer(ctx context.Context, a quiz.Answer) (bool, error) {
	if s.down.Load() {
		return false, quiz.UnavailableError(errors.New("connection refused"))
	}
	return s.Store.SaveAnswer(ctx, a)
}

// TestStatsStaleWhileStoreDown: with the store down, the last good stats
// are served at once, however old, marked stale in the JSON and a header,
// while at most one read per TTL checks whether the store is back; once it
// is, fresh stats again. With nothing read yet, 503 with Retry-After.
func TestStatsStaleWhileStoreDown(t *testing.T) {
	store := &downStore{Store: mustSQLite(t)}
	h, clk := newAPI(t, store)
	type staleStats struct {
		Answers int64
		Stale   bool
		AsOf    string
	}
	get := func() (*httptest.ResponseRecorder, staleStats) {
		w := do(t, h, http.MethodGet, "/api/stats?story="+storyID, "", nil)
		var st staleStats
		if w.Code == http.StatusOK {
			if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil {
				t.Fatalf("stats: %v: %s", err, w.Body)
			}
		}
		return w, st
	}
	readAt := clk.Now()
	postAnswer(t, h, answerBody("q1", "b", 1, 1))
	if w, st := get(); w.Code != http.StatusOK || st.Stale || st.Answers != 1 || w.Header().Get("X-Fivecalls-Stats-Stale") != "" {
		t.Fatalf("store up: %d %+v %v", w.Code, st, w.Header())
	}

	store.down.Store(true)
	clk.Add(time.Minute) // far past StatsMaxAge
	reads := store.stats.Load()
	for i := range 20 {
		w, st := get()
		if w.Code != http.StatusOK || !st.Stale || st.Answers != 1 || st.AsOf != readAt.Format(time.RFC3339) {
			t.Fatalf("store down, request %d: %d %+v; want the last stats, stale, as of %v", i, w.Code, st, readAt)
		}
		if got := w.Header().Get("X-Fivecalls-Stats-Stale"); got != "60" {
			t.Errorf("X-Fivecalls-Stats-Stale = %q, want 60 (seconds)", got)
		}
	}
	// Background retries run one at a time; let them finish.
	deadline := time.Now().Add(5 * time.Second)
	for store.stats.Load()-reads < 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	if n := store.stats.Load() - reads; n != 1 {
		t.Errorf("20 requests within one TTL read the down store %d times, want 1", n)
	}

	store.down.Store(false)
	clk.Add(time.Second) // the next retry is due
	get()                // starts it, in the background
	deadline = time.Now().Add(5 * time.Second)
	for {
		w, st := get()
		if w.Code == http.StatusOK && !st.Stale && st.Answers == 1 && w.Header().Get("X-Fivecalls-Stats-Stale") == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("store back: %d %+v, want fresh stats", w.Code, st)
		}
		time.Sleep(5 * time.Millisecond)
	}

	// Nothing read yet: an error, 503, with Retry-After.
	cold := &downStore{Store: mustSQLite(t)}
	cold.down.Store(true)
	hc, _ := newAPI(t, cold)
	w := do(t, hc, http.MethodGet, "/api/stats?story="+storyID, "", nil)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("store down from the start: %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	w = postAnswer(t, hc, answerBody("q1", "b", 1, 1))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "try again") {
		t.Errorf("POST with the store down: %d %s, Retry-After %q; want 503 with Retry-After", w.Code, w.Body, w.Header().Get("Retry-After"))
	}
}
