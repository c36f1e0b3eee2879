package server

import (
	"log"
	"regexp"
	"strings"

	"github.com/rs/zerolog"
)

// NewHTTPErrorLog returns a logger for http.Server.ErrorLog that writes
// net/http's own errors (failed accepts, such as running out of file
// descriptors; TLS handshakes; malformed requests it answers itself) as
// JSON lines through logger, at most once per interval per distinct error
// with a count, like the server's other errors. They used to come out as
// plain text inside the JSON log, one per failure. Client addresses, which
// net/http puts in some of these lines, are replaced by "client".
func NewHTTPErrorLog(logger zerolog.Logger) *log.Logger {
	return log.New(&httpErrorWriter{errs: newErrorLog(logger, errorLogInterval)}, "", 0)
}

type httpErrorWriter struct{ errs *errorLog }

// Addresses with a port, as net/http prints a client: 192.0.2.1:4711,
// [2001:db8::1]:4711. Also the retry delays of accept errors, which would
// make each line distinct.
var (
	clientAddr = regexp.MustCompile(`\[[0-9A-Fa-f:.%a-z]+\]:\d+|\b(?:\d{1,3}\.){3}\d{1,3}:\d+\b`)
	retryDelay = regexp.MustCompile(`; retrying in \S+$`)
)

func (w *httpErrorWriter) Write(p []byte) (int, error) {
	line := strings.TrimSpace(string(p))
	line = clientAddr.ReplaceAllString(line, "client")
	line = retryDelay.ReplaceAllString(line, "")
	w.errs.log(nil, zerolog.ErrorLevel, "http server error", errorText(line), nil)
	return len(p), nil
}

// errorText is an error whose message is a line of net/http's log.
type errorText string

func (e errorText) Error() string { return string(e) }
