package postgres

import (
	"context"
	"fmt"
	"iter"

	"fivecalls/app/quiz"
)

// importBatch is how many answers Import sends per statement (and
// transaction): large enough that the round trip, the commit and the counter
// writes vanish in the inserts.
const importBatch = 10_000

// Import stores checked answers in large transactions, much faster than one
// SaveAnswer per answer, to load a database (a benchmark's, or answers
// brought over from elsewhere). The rules and the counters are SaveAnswer's:
// an answer already stored (a resend) or a reader's second answer to a
// question is skipped.
// An answer is durable once its transaction commits; after an error the
// committed ones stay, and importing again is safe. It returns how many
// answers were stored.
func (s *Store) Import(ctx context.Context, answers iter.Seq[quiz.Answer]) (stored int64, err error) {
	batch := make([]quiz.Answer, 0, importBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := s.commit(ctx, batch)
		if err != nil {
			return fmt.Errorf("postgres: import: %w", err)
		}
		for _, ok := range res {
			if ok {
				stored++
			}
		}
		batch = batch[:0]
		return nil
	}
	for a := range answers {
		if batch = append(batch, a); len(batch) == importBatch {
			if err := flush(); err != nil {
				return stored, err
			}
		}
	}
	return stored, flush()
}
