package quiz

import "context"

// Store keeps answers durably and aggregates them. Implementations live in
// app/store/sqlite and app/store/postgres and pass one conformance suite
// (app/store/storetest).
type Store interface {
	// SaveAnswer stores a checked answer and returns only after it is
	// committed durably, so an acknowledged answer survives a crash.
	// An answer is identified by its story, reader and question: stored is
	// false, without error, when the reader already answered the question
	// (a resend, whatever its id, or a second answer: the first answer
	// wins). If ctx ends first the answer may or may not be stored; resending
	// it is safe.
	SaveAnswer(ctx context.Context, a Answer) (stored bool, err error)
	// Stats aggregates the story's stored answers. questions is the number
	// of questions in the story: readers who answered that many are finished
	// and counted in Scores, which has questions+1 entries. Every instance
	// reads the stats about once a second however many readers answer, so
	// its cost must not grow with the number of answers: the stores keep
	// counters, updated in the transaction that stores the answers.
	Stats(ctx context.Context, story string, questions int) (Stats, error)
	// Close waits for pending answers to be committed and releases the
	// database.
	Close() error
}

// Pinger is implemented by stores that can tell whether their database
// answers, for a readiness probe. Ping must be cheap (one round trip) and
// return ctx's error when ctx ends first.
type Pinger interface {
	Ping(ctx context.Context) error
}
