package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// Checkpoints copy the write-ahead log back into the database file, and
// once all of it is copied, the next commit starts writing the log from its
// beginning again. By default SQLite checkpoints inside the commit that
// takes the log past 1000 pages, so that commit's answers wait for a burst
// of random writes and an fsync of the database. Instead a background
// goroutine copies the log every checkpointInterval, on a reader
// connection, while the writer goes on committing (a PASSIVE checkpoint
// never blocks it).
//
// Under a sustained load those checkpoints never copy all of the log: the
// writer appends to it while they run, so it would never start over, and
// would grow until the writer's own checkpoint at writerCheckpointPages,
// which copies what is left and fsyncs in the middle of a commit: measured
// on a 2-CPU machine under a sustained load, a 400 MB log made one commit
// every two seconds take about 100 ms, the p99 latency. So once the log
// holds restartPages, the goroutine copies it once more (what was appended
// during the last copy: a few milliseconds' worth), then takes the writer's
// lock between two commits and copies the rest, which is now small. With
// nothing left to copy, the next commit starts the log over, so it stays
// below restartPages plus a few commits, and the file is reused in place:
// journal_size_limit (walKeepBytes) is above that, so it is never cut
// short and grown again.
//
// The writer's automatic checkpoint at writerCheckpointPages stays as the
// safety net, for when the log cannot start over: another process writing
// the same file, or a reader holding an old snapshot.
const (
	writerCheckpointPages = 100_000
	walKeepBytes          = 64 << 20
)

// Tests change these.
var (
	checkpointInterval = 100 * time.Millisecond
	restartPages       = 8192 // 32 MB of 4 KB pages
	// copiedUnlocked, when set, runs after the copies that do not hold off
	// the writer: a test commits there, as the writer would meanwhile.
	copiedUnlocked func()
)

func (s *Store) checkpointLoop() {
	t := time.NewTicker(checkpointInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.checkpoint()
		}
	}
}

// checkpoint copies the log into the database and, past restartPages,
// lets it start over. Errors need no handling: a checkpoint is only an
// optimisation, the next tick tries again and the writer's is the safety
// net. With every reader busy, the tick is skipped. While the store has a
// fault it does not wait for the writer's lock, which a stalled commit may
// hold for long (the watcher empties the log meanwhile: diskTakesCommits).
func (s *Store) checkpoint() {
	var c *sql.Conn
	select {
	case c = <-s.readers: // Close waits for this goroutine before closing readers
	default:
		return
	}
	pages, err := walCheckpoint(c)
	if err == nil && pages >= restartPages {
		// What the writer appended while that copy ran.
		_, err = walCheckpoint(c)
	}
	s.releaseReader(c)
	if err != nil || pages < restartPages || s.health.fault.Load() != nil {
		return
	}
	if copiedUnlocked != nil {
		copiedUnlocked()
	}
	// Between two commits: the next waits for this copy.
	s.writeMu.Lock()
	walCheckpoint(s.writer)
	s.writeMu.Unlock()
}

// walCheckpoint runs a PASSIVE checkpoint on c and returns how many pages
// the log held.
func walCheckpoint(c *sql.Conn) (pages int, err error) {
	var busy, copied int
	err = c.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &pages, &copied)
	return pages, err
}
