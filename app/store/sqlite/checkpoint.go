package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
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
// Under a sustained load those copies never catch up with the writer, which
// appends while they run, so by themselves they would never let the log
// start over. Once the log holds restartPages, the goroutine copies again
// what was appended meanwhile, until a copy finds little, then takes the
// writer's lock between two commits and copies the rest; the next commit
// starts the log over. That last copy holds up one batch of answers, mostly
// for the fsync of the pages it copied, scattered over the database: with a
// million answers stored, 15-40 ms on a 2-CPU machine. Hence a large
// restartPages, so that few answers wait for it: under a sustained load of
// new answers (wrk -t2 -c64 -d20s, 1M stored, undisturbed runs), with 8192
// pages (32 MB, a restart every 0.4 s) the p99 was 44-54 ms, with 65536
// (256 MB, one every 2.5 s) 25-26 ms.
//
// While answers keep coming the log file is reused in place:
// journal_size_limit (walKeepBytes) is above what it grows to, since
// cutting it back at every restart and growing it again cost commits 13 µs
// per answer (p99 90 ms against 25, same load). Once answers stop, the
// goroutine cuts the file back to nothing (truncateLog), so that a burst
// does not keep a few hundred megabytes of disk.
//
// The writer's own automatic checkpoint at writerCheckpointPages stays as
// the safety net, for when the log cannot start over: another process
// writing the same file, or a reader holding an old snapshot.
const (
	writerCheckpointPages = 100_000
	walKeepBytes          = 512 << 20
	busyTimeout           = 5 * time.Second // of every connection: how long a write waits for another process's
)

// Tests change these.
var (
	checkpointInterval = 100 * time.Millisecond
	restartPages       = 65536 // 256 MB of 4 KB pages
	// restartTailPages: a copy that finds this few new pages is the last
	// before the one under the writer's lock; catchUpCopies bounds them.
	restartTailPages = 256
	catchUpCopies    = 8
	// walIdleBytes: a larger -wal file is cut back once answers stop.
	walIdleBytes int64 = 64 << 20
	// copiedUnlocked, when set, runs after the copies that do not hold off
	// the writer: a test commits there, as the writer would meanwhile.
	copiedUnlocked func()
	// underWriterLock, when set, runs as the copy that holds the writer's
	// lock ("restart") or the truncation ("truncate") begins: the crash
	// test kills the process from there, in the middle of it.
	underWriterLock func(what string)
)

// walState is what a checkpoint found: how many pages the log held, and how
// many of them were copied into the database.
type walState struct{ log, copied int }

func (s *Store) checkpointLoop() {
	t := time.NewTicker(checkpointInterval)
	defer t.Stop()
	var last walState
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			last = s.checkpoint(last)
		}
	}
}

// checkpoint copies the log into the database and, past restartPages,
// lets it start over; when nothing was written since the last checkpoint
// (last) and the log is all copied, it truncates a large log file. Errors
// need no handling: a checkpoint is only an optimisation, the next tick
// tries again and the writer's is the safety net. With every reader busy,
// the tick is skipped. While the store has a fault it does not wait for
// the writer's lock, which a stalled commit may hold for long (the watcher
// empties the log meanwhile: diskTakesCommits).
func (s *Store) checkpoint(last walState) walState {
	var c *sql.Conn
	select {
	case c = <-s.readers: // Close waits for this goroutine before closing readers
	default:
		return last
	}
	log, copied, err := walCheckpoint(c)
	now := walState{log, copied}
	restart := err == nil && log >= restartPages
	// Copy what the writer appended during the last copy, until a copy
	// finds little: the copy under the writer's lock holds up the answers
	// of the next commit.
	for i := 0; restart && i < catchUpCopies; i++ {
		var more int
		if _, more, err = walCheckpoint(c); err != nil || more-copied <= restartTailPages {
			break
		}
		copied = more
	}
	s.releaseReader(c)
	if err != nil || s.health.fault.Load() != nil {
		return now
	}
	switch {
	case restart:
		if copiedUnlocked != nil {
			copiedUnlocked()
		}
		// Between two commits: the next waits for this copy.
		s.writeMu.Lock()
		if underWriterLock != nil {
			underWriterLock("restart")
		}
		walCheckpoint(s.writer)
		s.writeMu.Unlock()
	case now == last && log == copied && fileSize(s.path+"-wal") > walIdleBytes:
		s.truncateLog()
	}
	return now
}

// walCheckpoint runs a PASSIVE checkpoint on c and returns how many pages
// the log holds and how many of them are copied into the database.
func walCheckpoint(c *sql.Conn) (log, copied int, err error) {
	var busy int
	err = c.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &copied)
	return log, copied, err
}

// truncateLog cuts the -wal file back to nothing, on the writer, between
// two commits. It does not wait for readers (another process may hold a
// long read, a recount): while one reads, SQLite leaves the file as it is,
// and a later checkpoint tries again.
func (s *Store) truncateLog() {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	ctx := context.Background()
	if _, err := s.writer.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return
	}
	if underWriterLock != nil {
		underWriterLock("truncate")
	}
	s.writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	s.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeout.Milliseconds()))
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
