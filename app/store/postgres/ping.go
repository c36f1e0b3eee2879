package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"fivecalls/app/quiz"
)

var _ quiz.Pinger = (*Store)(nil)

// Ping sends an empty statement on the Stats connection, connecting again
// first if that connection was lost: it fails while the database cannot be
// reached or refuses this store's login.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.reader.do(ctx, func(c *pgx.Conn) error { return c.Ping(ctx) }); err != nil {
		return fmt.Errorf("postgres: ping: %w", err)
	}
	return nil
}
