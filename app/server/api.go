package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rs/zerolog"

	"fivecalls/app/quiz"
	"fivecalls/app/story"
)

// APIOptions tune NewAPI; zero values take the defaults.
type APIOptions struct {
	// StatsTTL is how long stats are served from memory before the database
	// is asked again; default 1s, stretched to ten times the read's duration
	// when that is longer. However many readers ask, the database sees at
	// most one stats read per interval per instance.
	StatsTTL time.Duration
	// StatsMaxAge bounds how old stats served as current may be, counted
	// from the start of the read they come from; default 10s. While one
	// request re-reads them the others get the previous stats, but never
	// stats older than this: past it they wait for the read. When the read
	// fails, the last good stats are served marked stale (see statsCache),
	// or an error when there are none.
	StatsMaxAge time.Duration
	// Now is the clock; tests replace it. Default time.Now.
	Now func() time.Time
}

// maxBodyBytes bounds a request body: an answer is a few hundred bytes.
const maxBodyBytes = 16 << 10

// NewAPI returns the quiz API for the catalog's story, served under /api/.
//
//	POST /api/answers   {"story","question","choice","reader","answer"}  (a quiz.Answer)
//	  201 {"stored":true,"correct":false,"correctChoice":"c","stats":{...},"counted":true}
//	      the answer was stored (a quiz.Receipt)
//	  200 the same body with "stored":false: the reader had already answered
//	      the question (a resend, or a second answer: the first answer
//	      counts). Either way the client may move on; nothing was lost.
//	GET /api/stats?story=ID
//	  200 {"story","answers","readers","finished","questions":{q:{choice:n}},"scores":[n...]}
//	      with "stale":true,"asOf":TIME and the header X-Fivecalls-Stats-Stale
//	      (their age in seconds) when the store cannot be read and these are
//	      the last figures read from it
//
// "reader" is the random token a browser keeps; "answer" is the answer's id,
// derived from the reader and the question (quiz.AnswerID), stored as sent.
// An answer is identified by its story, reader and question, not by its id,
// so resending it (a retry, an offline queue, a reload) is counted once.
// Both tokens are 16–64 characters of A-Z a-z 0-9 - _. An answer is
// acknowledged only after it is committed. "stats" in the answer response is
// the stats every reader gets (see statsCache for how old they may be), left
// out if they cannot be loaded, and "counted" says whether they count this
// answer: the reader's own figures are then exact without a second request.
//
// Scores are derived, not posted: a reader's score is the number of their
// stored first answers that were correct, and "scores" counts readers who
// answered every question by score. There is no POST /api/results, so a
// score cannot be claimed, only earned; a client computes "you beat N%" with
// quiz.Stats.Standing from its own tally.
//
// Errors are JSON {"error": "..."} written for readers: a body that is not
// one JSON object (malformed JSON, null, a list, data after the object), a
// key that is not exactly one of the five (names are case-sensitive) or a
// key given twice 400, body over 16 KiB 413, wrong content type 415 (application/json required),
// wrong method 405 with Allow, unknown story/question/choice or malformed
// tokens 422, unknown story in /api/stats 404, the store unavailable (a full
// or stalled disk, a replaced file, a database down) 503 with Retry-After.
// Every response carries
// Cache-Control: no-store; the API sets no cookies and logs no tokens.
func NewAPI(logger zerolog.Logger, store quiz.Store, catalog *quiz.Catalog, opts APIOptions) http.Handler {
	h, _ := newAPI(logger, store, catalog, opts, "")
	return h
}

// newAPI is NewAPI under a prefix of its routes' patterns ("/{story}" for
// a story of several), with the patterns.
func newAPI(logger zerolog.Logger, store quiz.Store, catalog *quiz.Catalog, opts APIOptions, prefix string) (http.Handler, []string) {
	if opts.StatsTTL <= 0 {
		opts.StatsTTL = time.Second
	}
	if opts.StatsMaxAge <= 0 {
		opts.StatsMaxAge = 10 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	errs := newErrorLog(logger, errorLogInterval)
	stats := &statsCache{ttl: opts.StatsTTL, maxAge: opts.StatsMaxAge, now: opts.Now, load: func(ctx context.Context) ([]byte, error) {
		st, err := store.Stats(ctx, catalog.Story(), catalog.Len())
		if err != nil {
			return nil, err
		}
		return json.Marshal(catalog.Fill(st))
	}}

	mux := newRouteTable()
	mux.Handle("POST "+prefix+"/api/answers", handleAnswersCreate(errs, store, catalog, stats))
	mux.Handle("GET "+prefix+"/api/stats", handleStatsGet(errs, catalog, stats))
	// ServeMux answers a wrong method in plain text; these make it JSON.
	mux.Handle(prefix+"/api/answers", handleMethodNotAllowed(errs, "POST"))
	mux.Handle(prefix+"/api/stats", handleMethodNotAllowed(errs, "GET, HEAD"))
	mux.Handle(prefix+"/api/", handleNotFound(errs))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	}), mux.patterns
}

// QuizCatalog returns the catalog of a (validated) story's quiz.
func QuizCatalog(s *story.Story) (*quiz.Catalog, error) {
	specs := make([]quiz.QuestionSpec, 0, len(s.Quiz.Questions))
	for _, q := range s.Quiz.Questions {
		spec := quiz.QuestionSpec{ID: q.ID}
		for _, c := range q.Choices {
			spec.Choices = append(spec.Choices, c.ID)
			if c.Correct {
				spec.Correct = c.ID
			}
		}
		specs = append(specs, spec)
	}
	return quiz.NewCatalog(s.ID, specs)
}

func handleAnswersCreate(errs *errorLog, store quiz.Store, catalog *quiz.Catalog, stats *statsCache) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a quiz.Answer
		if err := decodeJSON(w, r, &a); err != nil {
			writeError(w, r, errs, err)
			return
		}
		a, err := catalog.Check(a)
		if err != nil {
			writeError(w, r, errs, err)
			return
		}
		before := stats.now()
		stored, err := store.SaveAnswer(r.Context(), a)
		if err != nil {
			writeError(w, r, errs, err)
			return
		}
		after := stats.now()
		q, _ := catalog.Question(a.Question)
		receipt := quiz.Receipt{Stored: stored, Correct: a.Correct, CorrectChoice: q.Correct}
		// The answer is committed: a stats failure must not turn that into an error.
		if st, err := stats.counting(r.Context(), before, after); err == nil {
			receipt.Stats, receipt.Counted = st.body, st.counted
		} else if r.Context().Err() == nil {
			errs.error(r, "load stats for answer response", err, nil)
		}
		status := http.StatusCreated
		if !stored {
			status = http.StatusOK
		}
		writeJSON(w, status, receipt)
	})
}

func handleStatsGet(errs *errorLog, catalog *quiz.Catalog, stats *statsCache) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("story")
		switch {
		case id == "":
			writeError(w, r, errs, requestError(http.StatusBadRequest, "Say which story, as in /api/stats?story=ID."))
			return
		case id != catalog.Story():
			writeError(w, r, errs, quiz.Errorf(quiz.NotFound, "There is no story with that id."))
			return
		}
		st, err := stats.get(r.Context())
		if err != nil {
			writeError(w, r, errs, err)
			return
		}
		if st.stale {
			w.Header().Set(staleHeader, strconv.Itoa(int(st.age.Seconds())))
		}
		writeJSON(w, http.StatusOK, json.RawMessage(st.body))
	})
}

func handleMethodNotAllowed(errs *errorLog, allow string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, r, errs, requestError(http.StatusMethodNotAllowed, fmt.Sprintf("This address only accepts %s requests.", strings.Join(strings.Split(allow, ", "), " or "))))
	})
}

func handleNotFound(errs *errorLog) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, errs, requestError(http.StatusNotFound, "There is nothing at this address."))
	})
}

// decodeJSON reads a JSON object of at most maxBodyBytes into v (a pointer
// to a struct of string fields), strictly: anything but one object, a key
// that is not exactly one of v's fields and a key given twice are errors,
// so a client bug shows up at once instead of as a silently dropped or
// replaced field. encoding/json alone would take "Story" for "story" and
// let the last of two "choice" keys win, and reads null as an empty
// object; the keys are therefore checked on a walk of the body first.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" || (params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8")) {
		return requestError(http.StatusUnsupportedMediaType, "Send the answer as JSON, with Content-Type: application/json.")
	}
	tooLarge := requestError(http.StatusRequestEntityTooLarge, "The request is too large; an answer is at most 16 KiB.")
	if r.ContentLength > maxBodyBytes {
		return tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var maxBytes *http.MaxBytesError
	switch {
	case errors.As(err, &maxBytes):
		return tooLarge
	case err != nil:
		return requestError(http.StatusBadRequest, "The request body could not be read.")
	case len(bytes.TrimLeft(body, " \t\r\n")) == 0:
		return requestError(http.StatusBadRequest, "The request body is empty; send the answer as a JSON object.")
	}
	if err := checkObject(body, jsonFieldNames(v)); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	var typeError *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typeError) && typeError.Field != "":
		return requestError(http.StatusBadRequest, fmt.Sprintf("The field %q must be a string.", typeError.Field))
	default:
		// checkObject let through nothing else encoding/json refuses.
		return requestError(http.StatusBadRequest, "The request body could not be read.")
	}
}

// checkObject checks that body is one JSON object whose keys are each one
// of fields, exactly and once, with nothing after it.
func checkObject(body []byte, fields []string) error {
	notJSON := requestError(http.StatusBadRequest, "The request body is not valid JSON.")
	dec := json.NewDecoder(bytes.NewReader(body))
	tok, err := dec.Token()
	switch {
	case err != nil:
		return notJSON
	case tok != json.Delim('{'):
		// null, a list, a text, a number: encoding/json would read null
		// as an empty answer, and so report its fields as missing.
		return requestError(http.StatusBadRequest, "The request body must be a JSON object.")
	}
	seen := make(map[string]bool, len(fields))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return notJSON
		}
		key, _ := tok.(string)
		switch {
		case !slices.Contains(fields, key):
			msg := fmt.Sprintf("The request has an unknown field %s", quoteKey(key))
			for _, f := range fields {
				if strings.EqualFold(f, key) {
					msg += fmt.Sprintf("; names are case-sensitive, and the field is %q.", f)
					return requestError(http.StatusBadRequest, msg)
				}
			}
			return requestError(http.StatusBadRequest, msg+".")
		case seen[key]:
			return requestError(http.StatusBadRequest, fmt.Sprintf("The request gives the field %q twice; give it once.", key))
		}
		seen[key] = true
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return notJSON
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return notJSON
	}
	if rest := bytes.TrimLeft(body[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return requestError(http.StatusBadRequest, "The request has data after the JSON object; send one answer, as one JSON object.")
	}
	return nil
}

// jsonFieldNames lists the JSON names of the fields of the struct v
// points to.
func jsonFieldNames(v any) []string {
	t := reflect.TypeOf(v).Elem()
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names = append(names, name)
	}
	return names
}

// quoteKey quotes a key for a message, shortened: a request's 16 KiB key
// is not echoed back whole.
func quoteKey(key string) string {
	const max = 40
	if utf8.RuneCountInString(key) <= max {
		return strconv.Quote(key)
	}
	n := 0
	for i := range key {
		if n == max {
			return strconv.Quote(key[:i] + "…")
		}
		n++
	}
	return strconv.Quote(key)
}

// staleHeader marks stats served from memory because the store cannot be
// read: its value is their age in whole seconds.
const staleHeader = "X-Fivecalls-Stats-Stale"

// statsCache serves the story's stats, encoded, from memory.
//
// Freshness: stats are re-read when a request arrives more than ttl after
// the last read ended (ten times the read's duration, if longer, so that a
// slow database spends at most a tenth of its time on stats). One request at
// a time re-reads them (single flight); while it does, the others get the
// previous stats instead of queueing behind it, unless those were read more
// than maxAge ago: then they wait too. So served stats are at most about
// ttl + one read old (1 s and a millisecond by default, with the stores'
// counters), and never older than maxAge. The very first requests wait for
// the first read. Errors are not cached.
//
// When the store cannot be read (a database down, a disk stalled), the last
// stats read are served at once, however old, marked: "stale": true and
// "asOf" (when their read started) in the JSON and the header staleHeader.
// Meanwhile one read at a time, at most one per ttl, runs in the background
// to find out whether the store is back; the first that succeeds ends the
// stale stats. maxAge thus bounds the stats served as current, not the
// marked ones: a reader sees the figures of a minute ago, saying so, rather
// than an error. Before any read has succeeded, a failure is an error.
type statsCache struct {
	load   func(context.Context) ([]byte, error)
	ttl    time.Duration
	maxAge time.Duration
	now    func() time.Time

	mu        sync.Mutex
	body      []byte
	readAt    time.Time    // when the read that produced body started
	readEnd   time.Time    // and ended
	expires   time.Time    // when body stops being fresh: the next request re-reads
	flight    *statsFlight // non-nil while a read runs
	failing   bool         // the last read failed: body is stale
	retryAt   time.Time    // while failing, no read starts before this
	staleBody []byte       // body marked stale, made once per body
}

type statsFlight struct {
	done  chan struct{} // closed when body and err are set
	start time.Time     // when the read started
	body  []byte
	err   error
}

// statsResult is what get serves: body, and whether it is stale, with its
// age; counting adds whether the stats count an answer.
type statsResult struct {
	body    []byte
	stale   bool
	age     time.Duration
	counted bool
}

func (c *statsCache) get(ctx context.Context) (statsResult, error) {
	c.mu.Lock()
	now := c.now()
	switch {
	case c.body != nil && now.Before(c.expires),
		c.body != nil && !c.failing && c.flight != nil && now.Sub(c.readAt) < c.maxAge:
		body := c.body
		c.mu.Unlock()
		return statsResult{body: body}, nil
	case c.body != nil && c.failing:
		// The store failed the last read: no request waits for it.
		if c.flight == nil && !now.Before(c.retryAt) {
			f := c.startFlight()
			go c.read(context.WithoutCancel(ctx), f)
		}
		res := c.staleLocked(now)
		c.mu.Unlock()
		return res, nil
	}
	if f := c.flight; f != nil {
		c.mu.Unlock()
		select {
		case <-f.done:
			return c.result(f)
		case <-ctx.Done():
			return statsResult{}, ctx.Err()
		}
	}
	f := c.startFlight()
	c.mu.Unlock()
	// The read serves every waiter, so it outlives this request's
	// cancellation.
	c.read(context.WithoutCancel(ctx), f)
	return c.result(f)
}

// counting serves the stats with whether they count an answer the store
// committed between before and after: surely, when their read started
// after it; surely not, when their read ended before it began. Only when a
// read overlapped the commit is that unknown: then it waits for a read that
// starts after it (one read serves every such request), so that a reader's
// figures count them exactly. A stale answer never counts it.
func (c *statsCache) counting(ctx context.Context, before, after time.Time) (statsResult, error) {
	res, err := c.get(ctx)
	if err != nil || res.stale {
		return res, err
	}
	c.mu.Lock()
	readAt, readEnd := c.readAt, c.readEnd
	c.mu.Unlock()
	switch {
	case !readAt.Before(after):
		res.counted = true
		return res, nil
	case readEnd.Before(before):
		return res, nil
	}
	for {
		c.mu.Lock()
		if c.body != nil && !c.failing && !c.readAt.Before(after) {
			body := c.body
			c.mu.Unlock()
			return statsResult{body: body, counted: true}, nil
		}
		f := c.flight
		if f == nil || f.start.Before(after) {
			if f == nil {
				f = c.startFlight()
				c.mu.Unlock()
				go c.read(context.WithoutCancel(ctx), f)
			} else {
				c.mu.Unlock()
			}
		} else {
			c.mu.Unlock()
		}
		select {
		case <-f.done:
			if f.err != nil {
				return res, nil // the figures of before, not counting it
			}
		case <-ctx.Done():
			return statsResult{}, ctx.Err()
		}
	}
}

// startFlight registers a read; c.mu must be held.
func (c *statsCache) startFlight() *statsFlight {
	f := &statsFlight{done: make(chan struct{}), start: c.now()}
	c.flight = f
	return f
}

// read runs the flight's read and keeps its result. A read slower than
// maxAge would bring stats already too old, so it fails instead.
func (c *statsCache) read(ctx context.Context, f *statsFlight) {
	lctx, cancel := context.WithTimeout(ctx, min(10*time.Second, c.maxAge))
	start := c.now()
	f.body, f.err = c.load(lctx)
	cancel()

	c.mu.Lock()
	end := c.now()
	if f.err == nil {
		fresh := max(c.ttl, 10*end.Sub(start))
		c.body, c.readAt, c.readEnd, c.expires, c.failing, c.staleBody = f.body, start, end, end.Add(fresh), false, nil
		if limit := start.Add(c.maxAge); c.expires.After(limit) {
			c.expires = limit
		}
	} else {
		c.failing, c.retryAt = true, end.Add(c.ttl)
	}
	c.flight = nil
	c.mu.Unlock()
	close(f.done)
}

// result is what a request that waited for the flight f serves: its stats,
// or when it failed the last good ones, marked stale.
func (c *statsCache) result(f *statsFlight) (statsResult, error) {
	if f.err == nil {
		return statsResult{body: f.body}, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.body == nil {
		return statsResult{}, f.err
	}
	return c.staleLocked(c.now()), nil
}

// staleLocked returns the last good stats marked stale; c.mu must be held
// and c.body set. The marks are spliced into the JSON object (json.Marshal
// wrote it: it ends with "}") once per body.
func (c *statsCache) staleLocked(now time.Time) statsResult {
	if c.staleBody == nil {
		marks := fmt.Sprintf(`,"stale":true,"asOf":%q}`, c.readAt.UTC().Format(time.RFC3339))
		body := bytes.TrimSuffix(c.body, []byte("}"))
		c.staleBody = append(body[:len(body):len(body)], marks...)
	}
	return statsResult{body: c.staleBody, stale: true, age: now.Sub(c.readAt)}
}
