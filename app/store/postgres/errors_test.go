package postgres

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"fivecalls/app/quiz"
	"fivecalls/app/store/internal/groupcommit"
)

// TestClassify: a database that cannot be used for now is Unavailable (503
// and stale stats), a bug or bad data is Internal (500).
func TestClassify(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, refused := pgx.Connect(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if refused == nil {
		t.Fatal("connected to port 1")
	}
	for _, tt := range []struct {
		name string
		err  error
		want quiz.Code
	}{
		{"connection refused", refused, quiz.Unavailable},
		{"commit timeout", groupcommit.ErrCommitTimeout, quiz.Unavailable},
		{"stalled", groupcommit.ErrStalled, quiz.Unavailable},
		{"query timeout", context.DeadlineExceeded, quiz.Unavailable},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, quiz.Unavailable},
		{"disk full", &pgconn.PgError{Code: "53100"}, quiz.Unavailable},
		{"too many connections", &pgconn.PgError{Code: "53300"}, quiz.Unavailable},
		{"serialization failure", &pgconn.PgError{Code: "40001"}, quiz.Unavailable},
		{"unique violation", &pgconn.PgError{Code: "23505"}, quiz.Internal},
		{"syntax error", &pgconn.PgError{Code: "42601"}, quiz.Internal},
		{"anything else", errors.New("boom"), quiz.Internal},
	} {
		if got := quiz.ErrorCode(classify(fmt.Errorf("postgres: save answer: %w", tt.err))); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
