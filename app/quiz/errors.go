package quiz

import (
	"errors"
	"fmt"
)

// Code classifies an error by what the caller can do about it; the server maps
// each code to one HTTP status.
type Code string

// The error codes.
const (
	// Invalid: the input is wrong (a malformed token, an unknown question or
	// choice in an answer). Sending it again will not help.
	Invalid Code = "invalid"
	// NotFound: the thing asked for does not exist (an unknown story).
	NotFound Code = "not_found"
	// Conflict: the input contradicts what is already stored.
	Conflict Code = "conflict"
	// Internal: our fault (a database failure); the details are logged, never
	// shown to readers.
	Internal Code = "internal"
	// Unavailable: the store cannot take answers for now (its disk is full
	// or stalled, its file was deleted or replaced, its database does not
	// answer). Nothing is wrong with the input: sending it again later
	// works, and is safe, since a reader's answer to a question counts once.
	Unavailable Code = "unavailable"
)

// Error is an error with a code and a message written for readers.
// Err, when set, carries the low-level cause for logs.
type Error struct {
	Code    Code
	Message string // a sentence a reader can understand
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted reader-facing message.
func Errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// InternalError wraps a low-level cause as an Internal error whose message
// says nothing about it.
func InternalError(err error) error {
	return &Error{Code: Internal, Message: "Something went wrong on our side. Please try again.", Err: err}
}

// UnavailableError wraps a low-level cause as an Unavailable error whose
// message asks the reader to try again later and says nothing about it.
func UnavailableError(err error) error {
	return &Error{Code: Unavailable, Message: "Answers cannot be saved right now. Please try again in a minute.", Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, or Internal
// when there is none: an error nobody classified is our fault.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the reader-facing message of err. Unclassified and
// internal errors get a generic sentence so no detail leaks.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal {
		return e.Message
	}
	return "Something went wrong on our side. Please try again."
}
