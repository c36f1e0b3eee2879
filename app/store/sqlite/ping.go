package sqlite

import (
	"context"
	"fmt"

	"fivecalls/app/quiz"
	"fivecalls/app/store/internal/groupcommit"
)

var _ quiz.Pinger = (*Store)(nil)

// Ping reads the database's first page through a reader connection: it
// fails once the store is closed or the file cannot be read, and while the
// store refuses answers (a Fault: its file replaced, its disk full or
// stalled), so that readiness fails too.
func (s *Store) Ping(ctx context.Context) error {
	if f := s.health.fault.Load(); f != nil {
		return f
	}
	if s.gc.Stalled() {
		return &Fault{Kind: FaultStalled, Err: groupcommit.ErrStalled}
	}
	c, err := s.acquireReader(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	defer s.releaseReader(c)
	var n int
	if err := c.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM sqlite_schema LIMIT 1)").Scan(&n); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}
