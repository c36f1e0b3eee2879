package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// syncBuffer is a bytes.Buffer safe for the error log's timer goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines(tb testing.TB) []map[string]any {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			tb.Fatalf("not a JSON line: %q", line)
		}
		out = append(out, m)
	}
	return out
}

// TestErrorLogCountsRepeats: an error met by a thousand requests writes its
// first line at once and one line with the count at the end of the
// interval; a different error is not held back by it; after the interval
// the error is logged at once again.
func TestErrorLogCountsRepeats(t *testing.T) {
	var buf syncBuffer
	l := newErrorLog(zerolog.New(&buf), 200*time.Millisecond)
	disk := errors.New("database or disk is full")
	for range 1000 {
		l.warn(nil, "answers store unavailable", disk, nil)
	}
	l.error(nil, "prerender failed", errors.New("boom"), nil)
	if got := buf.lines(t); len(got) != 2 || got[0]["error"] != disk.Error() || got[1]["error"] != "boom" {
		t.Fatalf("before the interval ends: %v; want the first of each error", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(buf.lines(t)) < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	got := buf.lines(t)
	if len(got) != 3 || got[2]["repeated"] != float64(999) || got[2]["message"] != "answers store unavailable" || got[2]["level"] != "warn" {
		t.Fatalf("after the interval: %v; want one line with repeated 999", got)
	}
	time.Sleep(300 * time.Millisecond) // boom's interval ends without repeats: no line
	if got := buf.lines(t); len(got) != 3 {
		t.Fatalf("a lone error's interval wrote %d lines, want none more: %v", len(got)-3, got[3:])
	}
	l.warn(nil, "answers store unavailable", disk, nil)
	if got := buf.lines(t); len(got) != 4 {
		t.Errorf("the error after its interval: %d lines, want it logged at once", len(got))
	}
}

// TestErrorLogBoundsDistinctErrors: past errorLogMaxKeys distinct errors in
// an interval, new ones write no line of their own (one, the first, says
// that others follow) and are counted once, in one line at the end of the
// interval. A flood of distinct errors (each with a client's address, say)
// must not write a line per request.
func TestErrorLogBoundsDistinctErrors(t *testing.T) {
	var buf syncBuffer
	l := newErrorLog(zerolog.New(&buf), 500*time.Millisecond)
	for i := range errorLogMaxKeys {
		l.warn(nil, "bad request", fmt.Errorf("error %d", i), nil)
	}
	const past = 500
	for i := range past {
		l.warn(nil, "bad request", fmt.Errorf("other error %d", i), nil)
	}
	if got := len(buf.lines(t)); got != errorLogMaxKeys+1 {
		t.Fatalf("%d distinct errors wrote %d lines at once, want %d: one each up to the bound, then one", errorLogMaxKeys+past, got, errorLogMaxKeys+1)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(buf.lines(t)) < errorLogMaxKeys+2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // any other summary line
	got := buf.lines(t)
	if len(got) != errorLogMaxKeys+2 {
		t.Fatalf("after the interval: %d lines, want %d (one summary)", len(got), errorLogMaxKeys+2)
	}
	if sum := got[len(got)-1]; sum["repeated"] != float64(past-1) {
		t.Errorf("summary %v: want repeated %d, the errors past the bound that wrote no line", sum, past-1)
	}
}
