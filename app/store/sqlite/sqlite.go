// Package sqlite is the embedded default quiz.Store: one database file, no
// server to run, using the pure-Go driver modernc.org/sqlite (no cgo, so the
// binary cross-compiles).
//
// Durability: WAL mode with synchronous=FULL, so every commit fsyncs the WAL
// and an acknowledged answer survives power loss (WAL with NORMAL may lose the
// last commits). Throughput comes from group commit instead: one writer
// goroutine on one connection commits whatever answers are queued in one
// transaction, while readers use other connections concurrently, which WAL
// allows.
//
// Stats are read from counters (package fivecalls/app/store/counters) that
// the same transaction updates, once per batch, so reading them costs the
// same with ten answers or ten million. A reader's progress, which the
// counters need, is counted from their answers, which the primary key keeps
// together (see migrations 0004_answers_by_reader.sql and
// 0005_drop_answer_ids.sql for why the schema writes as few pages per answer
// as it can: one random leaf of one B-tree). Several processes may share
// one file: BEGIN IMMEDIATE makes their writes take turns, so counters stay
// exact.
//
// The store watches its file (see watch.go): it never acknowledges an
// answer into a file its path no longer names, and refuses answers with
// quiz.Unavailable while its disk is full or stalled or its files cannot be
// written.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers driver "sqlite"

	"fivecalls/app/quiz"
	"fivecalls/app/store/counters"
	"fivecalls/app/store/internal/groupcommit"
)

var _ quiz.Store = (*Store)(nil)

// Store is a quiz.Store in one SQLite file.
type Store struct {
	path     string
	files    [3]watchedFile // the database, -wal and -shm as they were at open
	health   health
	db       *sql.DB        // the migrations, then only the connections below (see readers.go)
	readers  chan *sql.Conn // for Stats, Ping, checkpoints and recounts
	nReaders int            // how many were opened
	writeMu  sync.Mutex     // one transaction at a time on writer: the group commit's, Import's or a repair's
	writer   *sql.Conn
	stmts    writerStmts // prepared on writer
	gc       *groupcommit.Committer

	stop       chan struct{}  // closed by Close: ends the background goroutines
	background sync.WaitGroup // checkpoints, the watcher, a rescue

	closeOnce sync.Once
	closeErr  error
}

// commitTimeout is the group commit's; 0 takes its default, 10 s. Tests
// shorten it.
var commitTimeout time.Duration

const readers = 4 // connections for Stats and checkpoints; the API caches stats, so few are needed

// writerStmts are the writer's prepared statements.
type writerStmts struct {
	insert, progress, choice, score *sql.Stmt
}

func (w writerStmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{w.insert, w.progress, w.choice, w.score} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// Open opens or creates the database file at path, creating its directory
// and applying pending migrations. It fails, saying why, when the database
// cannot be written: its folder or file not writable, or a disk that does
// not take a commit.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: %q is not a database file path", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("sqlite: create directory: %w", err)
	}
	// SQLite creates the -wal and -shm files beside the database.
	if err := writable(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("sqlite: the folder %s cannot be written (%w): SQLite needs to create files beside the database", filepath.Dir(path), err)
	}
	// An empty file is an empty database. The connections then open it
	// with mode=rw, never creating it: once the file is deleted, a new one
	// must fail rather than start an empty database at the path, where a
	// restart would take it for the real one.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	} else {
		f.Close()
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	params := url.Values{}
	params.Set("mode", "rw")
	params.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds())) // wait for another process's write instead of failing
	params.Add("_pragma", "journal_mode(WAL)")
	params.Add("_pragma", "synchronous(FULL)")
	params.Set("_txlock", "immediate") // writes take the lock at BEGIN, under busy_timeout; read-only transactions stay deferred
	dsn := url.URL{Scheme: "file", Path: abs, RawQuery: params.Encode()}
	db, err := sql.Open("sqlite", dsn.String())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1 + readers)
	db.SetMaxIdleConns(1 + readers)
	db.SetConnMaxIdleTime(0)

	// Every kind counted from zero, so that metrics show each from the start.
	begun := map[string]int64{FaultFileGone: 0, FaultFileReplaced: 0, FaultNotWritable: 0, FaultDiskFull: 0, FaultIOError: 0, FaultStalled: 0}
	s := &Store{path: path, db: db, health: health{begun: begun}}
	if err := s.open(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s.gc = groupcommit.New(s.commit, groupcommit.Options{CommitTimeout: commitTimeout})
	s.stop = make(chan struct{})
	s.background.Go(s.checkpointLoop)
	s.background.Go(s.watchLoop)
	return s, nil
}

func (s *Store) open(ctx context.Context) error {
	if err := migrate(ctx, s.db); err != nil {
		return err
	}
	if err := writeProbe(ctx, s.db); err != nil {
		return fmt.Errorf("the database cannot be written: %w", err)
	}
	if err := s.recordFiles(); err != nil {
		return err
	}
	if err := writableFiles(s.files[:2]); err != nil {
		return err
	}
	var err error
	if s.writer, err = s.db.Conn(ctx); err != nil {
		return fmt.Errorf("writer connection: %w", err)
	}
	if err := s.openReaders(ctx); err != nil {
		s.writer.Close()
		return fmt.Errorf("reader connections: %w", err)
	}
	// See checkpointLoop: the writer checkpoints only as a safety net.
	for _, pragma := range []string{
		fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", writerCheckpointPages),
		fmt.Sprintf("PRAGMA journal_size_limit = %d", walKeepBytes),
	} {
		if _, err := s.writer.ExecContext(ctx, pragma); err != nil {
			s.closeReaders(false)
			s.writer.Close()
			return fmt.Errorf("%s: %w", pragma, err)
		}
	}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		// The primary key, (story, reader, question), keeps a resent answer
		// (whatever its id) and a reader's second answer to a question from
		// being stored.
		{&s.stmts.insert, `INSERT INTO answers (id, story, question, reader, choice, correct)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`},
		// A reader's answers are together in the primary key, in the pages
		// the inserts have just written.
		{&s.stmts.progress, `SELECT count(*), coalesce(sum(correct), 0) FROM answers WHERE story = ? AND reader = ?`},
		{&s.stmts.choice, `INSERT INTO choice_counts (story, question, choice, n) VALUES (?, ?, ?, ?)
			ON CONFLICT (story, question, choice) DO UPDATE SET n = n + excluded.n`},
		{&s.stmts.score, `INSERT INTO score_counts (story, answered, correct, n) VALUES (?, ?, ?, ?)
			ON CONFLICT (story, answered, correct) DO UPDATE SET n = n + excluded.n`},
	} {
		if *p.stmt, err = s.writer.PrepareContext(ctx, p.sql); err != nil {
			s.stmts.close()
			s.closeReaders(false)
			s.writer.Close()
			return fmt.Errorf("prepare %q: %w", p.sql[:30], err)
		}
	}
	return nil
}

// SaveAnswer implements quiz.Store. While the store has a fault it
// refuses the answer at once, with quiz.Unavailable.
func (s *Store) SaveAnswer(ctx context.Context, a quiz.Answer) (bool, error) {
	if f := s.health.fault.Load(); f != nil {
		return false, quiz.UnavailableError(f)
	}
	stored, err := s.gc.Save(ctx, a)
	switch {
	case err == nil, errors.Is(err, ctx.Err()):
		return stored, err
	case quiz.ErrorCode(err) == quiz.Unavailable:
		return false, err
	case errors.Is(err, groupcommit.ErrCommitTimeout), errors.Is(err, groupcommit.ErrStalled):
		return false, quiz.UnavailableError(fmt.Errorf("sqlite: save answer: %w", err))
	default:
		return false, quiz.InternalError(fmt.Errorf("sqlite: save answer: %w", err))
	}
}

// QueueDepth returns how many answers wait for their commit.
func (s *Store) QueueDepth() int { return s.gc.QueueDepth() }

// commit is the group commit's CommitFunc: one transaction, one fsync. The
// answers are inserted one by one (the database decides which are stored),
// then each counter they change is written once.
//
// It ignores ctx's deadline: a commit only waits for the local disk and, for
// the lock, busy_timeout; and a cancellable context costs the driver a
// watcher goroutine per statement, which at thousands of inserts a second
// is CPU the writer needs. (The group commit answers its callers at the
// commit timeout all the same.)
//
// After the commit, and before any of its answers is acknowledged, it
// checks that the path still names the files it wrote to.
func (s *Store) commit(ctx context.Context, answers []quiz.Answer) (stored []bool, err error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if f := s.health.fault.Load(); f != nil && f.permanent() {
		return nil, quiz.UnavailableError(f)
	}
	ctx = context.WithoutCancel(ctx)
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.storageError(fmt.Errorf("begin: %w", err))
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			err = s.storageError(err)
		}
	}()
	insert := tx.StmtContext(ctx, s.stmts.insert)
	stored = make([]bool, len(answers))
	var batch counters.Batch
	for i, a := range answers {
		res, err := insert.ExecContext(ctx, a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct)
		if err != nil {
			return nil, fmt.Errorf("insert: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("insert: %w", err)
		}
		if stored[i] = n == 1; stored[i] {
			batch.Add(a)
		}
	}
	if err := s.count(ctx, tx, &batch); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	if f := s.checkFiles(); f != nil {
		// Committed into a file the path no longer names: a restart would
		// not find these answers, so none is acknowledged.
		s.raise(f)
		return nil, quiz.UnavailableError(f)
	}
	return stored, nil
}

// count adds a batch of stored answers to the counters, in the batch's
// transaction: each reader's progress first, counted from their answers
// once the batch's are stored (it says which score bucket they leave), then
// each changed choice count and score bucket, once. The transaction holds
// the database's write lock, so no other process adds to a reader's answers
// in between.
func (s *Store) count(ctx context.Context, tx *sql.Tx, b *counters.Batch) error {
	if b.Empty() {
		return nil
	}
	progress := tx.StmtContext(ctx, s.stmts.progress)
	for _, r := range b.Readers() {
		var after counters.Progress
		if err := progress.QueryRowContext(ctx, r.Story, r.Reader).Scan(&after.Answered, &after.Correct); err != nil {
			return fmt.Errorf("count reader progress: %w", err)
		}
		b.Moved(r, after)
	}
	choice := tx.StmtContext(ctx, s.stmts.choice)
	for _, c := range b.Choices() {
		if _, err := choice.ExecContext(ctx, c.Story, c.Question, c.Choice, c.N); err != nil {
			return fmt.Errorf("count choices: %w", err)
		}
	}
	score := tx.StmtContext(ctx, s.stmts.score)
	for _, sc := range b.Scores() {
		if _, err := score.ExecContext(ctx, sc.Story, sc.Answered, sc.Correct, sc.N); err != nil {
			return fmt.Errorf("count scores: %w", err)
		}
	}
	return nil
}

// Stats implements quiz.Store. It reads the story's counters, one row per
// choice and per progress bucket, in one statement (one snapshot).
func (s *Store) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	st, err := s.stats(ctx, story, questions)
	if err != nil {
		if ctx.Err() != nil {
			return quiz.Stats{}, ctx.Err()
		}
		return quiz.Stats{}, quiz.InternalError(fmt.Errorf("sqlite: stats: %w", err))
	}
	return st, nil
}

func (s *Store) stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	st := counters.NewStats(story, questions)
	c, err := s.acquireReader(ctx)
	if err != nil {
		return st, err
	}
	defer s.releaseReader(c)
	rows, err := c.QueryContext(ctx, `
		SELECT 'c', question, choice, 0, 0, n FROM choice_counts WHERE story = ?1
		UNION ALL
		SELECT 's', '', '', answered, correct, n FROM score_counts WHERE story = ?1`, story)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, question, choice string
		var answered, correct, n int64
		if err := rows.Scan(&kind, &question, &choice, &answered, &correct, &n); err != nil {
			return st, err
		}
		if kind == "c" {
			counters.AddChoice(&st, question, choice, n)
		} else {
			counters.AddProgress(&st, answered, correct, n)
		}
	}
	return st, rows.Err()
}

// Close commits queued answers and closes the database. Calling it again
// returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.gc.Close()
		close(s.stop)
		s.background.Wait()
		f := s.health.fault.Load()
		keepWAL := f != nil && f.permanent()
		errs := []error{s.stmts.close(), s.closeReaders(keepWAL)}
		if keepWAL {
			errs = append(errs, persistWAL(s.writer))
		}
		s.closeErr = errors.Join(append(errs, s.writer.Close(), s.db.Close())...)
	})
	return s.closeErr
}

//go:embed migrations/*.sql
var migrations embed.FS
