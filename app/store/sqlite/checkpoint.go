package sqlite

import (
	"context"
	"time"
)

// Checkpoints copy the write-ahead log back into the database file. By
// default SQLite runs one inside the commit that takes the WAL past 1000
// pages, so every few hundred answers one batch waits for a burst of random
// writes and an extra fsync: the p99 latency. Instead a background goroutine
// runs a PASSIVE checkpoint every checkpointInterval on a reader connection,
// concurrently with commits (PASSIVE never blocks the writer).
//
// Under a sustained burst those cannot let the WAL start over (commits keep
// appending while they run), so the writer still checkpoints past
// writerCheckpointPages, which bounds the WAL. That checkpoint holds up one
// batch for its fsyncs: with millions of answers stored, every answer dirties
// pages all over the indexes, and it took 20–100 ms on a 2-CPU machine, so
// with a bound of 10,000 pages (40 MB, filled in about a second at 10,000
// answers/s) it set the p99: 91–96 ms against 22–46 ms with 100,000 (200,000
// answers with 10M stored, three runs each, on a busy machine). Hence 100,000
// pages (400 MB); after a restart of the log, journal_size_limit gives the
// file back down to walKeepBytes. Recovery after a crash reads the whole
// WAL: under a second at that size.
const (
	checkpointInterval    = 100 * time.Millisecond
	writerCheckpointPages = 100_000
	walKeepBytes          = 64 << 20
)

func (s *Store) checkpointLoop() {
	t := time.NewTicker(checkpointInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			// Errors need no handling: a checkpoint is only an optimisation,
			// the next tick tries again and the writer's is the safety net.
			// With every reader busy, this tick is skipped.
			select {
			case c := <-s.readers: // Close waits for this goroutine before closing readers
				c.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
				s.releaseReader(c)
			default:
			}
		}
	}
}
