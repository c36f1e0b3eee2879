package sqlite

import (
	"context"
	"fmt"

	"fivecalls/app/quiz"
)

var _ quiz.Pinger = (*Store)(nil)

// Ping reads the database's first page through a reader connection: it
// fails once the store is closed or the file cannot be read.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM sqlite_schema LIMIT 1)").Scan(&n); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}
