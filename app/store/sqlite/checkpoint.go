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
// concurrently with commits (PASSIVE never blocks the writer). Under a
// sustained burst those cannot always let the WAL start over, so the writer
// still checkpoints past writerCheckpointPages, which bounds the WAL (about
// 40 MB); by then the background has copied almost everything.
const (
	checkpointInterval    = 100 * time.Millisecond
	writerCheckpointPages = 10000
)

func (s *Store) checkpointLoop() {
	t := time.NewTicker(checkpointInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stopCheckpoints:
			return
		case <-t.C:
			// Errors need no handling: a checkpoint is only an optimisation,
			// the next tick tries again and the writer's is the safety net.
			s.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}
