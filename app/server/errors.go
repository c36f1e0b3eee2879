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

// writeError answers err as JSON {"error": "..."} with the status its code
// maps to. Only internal errors are logged: they are ours to fix, and their
// details stay out of the response. Nothing from the request body (reader
// tokens) or the client address is logged.
func writeError(w http.ResponseWriter, r *http.Request, logger zerolog.Logger, err error) {
	status, message := errorStatus(err)
	if status == http.StatusInternalServerError {
		requestLogger(r, logger).Error().Err(err).Str("method", r.Method).Str("path", r.URL.Path).Msg("api request failed")
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
