package postgres

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"fivecalls/app/quiz"
	"fivecalls/app/store/internal/groupcommit"
)

// classify wraps err as quiz.Unavailable when it says the database cannot
// be used for now (unreachable, restarting, out of disk or connections, too
// slow, a transaction to retry): the API then answers 503 with Retry-After,
// and the stats API serves its last figures, marked stale. Anything else is
// an internal error, ours to fix.
func classify(err error) error {
	if unavailable(err) {
		return quiz.UnavailableError(err)
	}
	return quiz.InternalError(err)
}

func unavailable(err error) bool {
	var (
		pgErr   *pgconn.PgError
		connErr *pgconn.ConnectError
		netErr  net.Error
	)
	switch {
	case errors.Is(err, groupcommit.ErrCommitTimeout), errors.Is(err, groupcommit.ErrStalled),
		errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &connErr), errors.As(err, &netErr),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		pgconn.SafeToRetry(err), pgconn.Timeout(err):
		return true
	case errors.As(err, &pgErr):
		// SQLSTATE classes: 08 connection, 53 insufficient resources (disk
		// full, too many connections), 57P shutting down or starting, 58
		// system (I/O) errors; 40001 and 40P01 ask for a retry.
		c := pgErr.Code
		return strings.HasPrefix(c, "08") || strings.HasPrefix(c, "53") || strings.HasPrefix(c, "57P") ||
			strings.HasPrefix(c, "58") || c == "40001" || c == "40P01"
	}
	return false
}
