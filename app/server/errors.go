package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/rs/zerolog"

	"fivecalls/app/quiz"
)

// httpError is an error of the request itself (bad JSON, wrong method, too
// large), found before the domain is involved, with the status it deserves.
type httpError struct {
	status  int
	message string // a sentence a reader can understand
}

func (e *httpError) Error() string { return e.message }

// requestError returns an *httpError with the status and reader-facing message.
func requestError(status int, message string) error {
	return &httpError{status: status, message: message}
}

// Retry-After values, in seconds, of the 503s.
const (
	// retryBusy: the request ran out of time or was shed; the next one
	// will likely get through.
	retryBusy = "5"
	// retryUnavailable: the store refuses answers (a full or stalled disk, a
	// replaced file, a database down), which takes longer to mend.
	retryUnavailable = "30"
)

// writeError answers err as JSON {"error": "..."} with the status its code
// maps to, and Retry-After with a 503. Internal errors (ours to fix) and an
// unavailable store are logged, through errs, so that a failing disk writes
// a line per interval rather than per request; their details stay out of
// the response. Nothing from the request body (reader tokens) or the client
// address is logged.
func writeError(w http.ResponseWriter, r *http.Request, errs *errorLog, err error) {
	status, message := errorStatus(err)
	method, path := r.Method, r.URL.Path
	fields := func(e *zerolog.Event) *zerolog.Event { return e.Str("method", method).Str("path", path) }
	switch {
	case status == http.StatusInternalServerError:
		errs.error(r, "api request failed", err, fields)
	case quiz.ErrorCode(err) == quiz.Unavailable:
		errs.warn(r, "answers store unavailable", err, fields)
	}
	if status == http.StatusServiceUnavailable {
		retry := retryBusy
		if quiz.ErrorCode(err) == quiz.Unavailable {
			retry = retryUnavailable
		}
		w.Header().Set("Retry-After", retry)
	}
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{message})
}

// errorStatus maps an error to its HTTP status and reader-facing message.
func errorStatus(err error) (int, string) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he.status, he.message
	case quiz.ErrorCode(err) == quiz.Unavailable:
		return http.StatusServiceUnavailable, quiz.ErrorMessage(err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		// The client left or the request ran out of time; nothing to log.
		return http.StatusServiceUnavailable, "The server is busy. Please try again in a moment."
	}
	switch quiz.ErrorCode(err) {
	case quiz.Invalid:
		return http.StatusUnprocessableEntity, quiz.ErrorMessage(err)
	case quiz.NotFound:
		return http.StatusNotFound, quiz.ErrorMessage(err)
	case quiz.Conflict:
		return http.StatusConflict, quiz.ErrorMessage(err)
	default:
		return http.StatusInternalServerError, quiz.ErrorMessage(err)
	}
}

// writeJSON writes v as a JSON response. Headers are set before WriteHeader;
// v is encoded first so an encoding failure can still become a clean 500.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":"Something went wrong on our side. Please try again."}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
