package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rs/zerolog"
)

// TestPanicIsLoggedWithStackAndRequestID: a recovered panic leaves a line
// an operator can act on: the request it broke and where.
func TestPanicIsLoggedWithStackAndRequestID(t *testing.T) {
	var logs bytes.Buffer
	logger := zerolog.New(&logs)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { explodeForTest() })
	h := withRequestLog(logger, nil, nil, withRecover(logger, mux))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/boom", nil))
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", w.Code)
	}
	id := w.Header().Get("X-Request-Id")
	var panicLine, access map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %s", line)
		}
		switch m["message"] {
		case "handler panicked":
			panicLine = m
		case "request":
			access = m
		}
	}
	if panicLine == nil {
		t.Fatalf("no panic line in:\n%s", logs.String())
	}
	if panicLine["request_id"] != id || panicLine["panic"] != "kaboom" {
		t.Errorf("panic line %v: want request_id %s and the value", panicLine, id)
	}
	if stack, _ := panicLine["stack"].(string); !strings.Contains(stack, "explodeForTest") || !strings.Contains(stack, "middleware_test.go") {
		t.Errorf("the stack does not show where it panicked:\n%s", stack)
	}
	if access == nil || access["request_id"] != id || access["status"] != 500.0 || access["route"] != "GET /boom" {
		t.Errorf("access line %v: want the request id, 500 and the route", access)
	}
}

func explodeForTest() { panic("kaboom") }
