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

	_ "modernc.org/sqlite" // registers driver "sqlite"

	"fivecalls/app/quiz"
	"fivecalls/app/store/internal/groupcommit"
)

var _ quiz.Store = (*Store)(nil)

// Store is a quiz.Store in one SQLite file.
type Store struct {
	db     *sql.DB   // readers and migrations
	writer *sql.Conn // the group commit's own connection
	insert *sql.Stmt // prepared on writer
	gc     *groupcommit.Committer

	stopCheckpoints chan struct{}
	checkpoints     sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
}

const readers = 4 // connections for Stats; the API caches stats, so few are needed

// Open opens or creates the database file at path, creating its directory
// and applying pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: %q is not a database file path", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("sqlite: create directory: %w", err)
	}
	params := url.Values{}
	params.Add("_pragma", "busy_timeout(5000)") // wait for another process's write instead of failing
	params.Add("_pragma", "journal_mode(WAL)")
	params.Add("_pragma", "synchronous(FULL)")
	params.Set("_txlock", "immediate") // writes take the lock at BEGIN, under busy_timeout; read-only transactions stay deferred
	db, err := sql.Open("sqlite", path+"?"+params.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1 + readers)
	db.SetMaxIdleConns(1 + readers)
	db.SetConnMaxIdleTime(0)

	s := &Store{db: db}
	if err := s.open(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s.gc = groupcommit.New(s.commit, groupcommit.Options{})
	s.stopCheckpoints = make(chan struct{})
	s.checkpoints.Go(s.checkpointLoop)
	return s, nil
}

func (s *Store) open(ctx context.Context) error {
	if err := migrate(ctx, s.db); err != nil {
		return err
	}
	var err error
	if s.writer, err = s.db.Conn(ctx); err != nil {
		return fmt.Errorf("writer connection: %w", err)
	}
	// See checkpointLoop: the writer checkpoints only as a safety net.
	if _, err := s.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", writerCheckpointPages)); err != nil {
		s.writer.Close()
		return fmt.Errorf("set wal_autocheckpoint: %w", err)
	}
	s.insert, err = s.writer.PrepareContext(ctx,
		`INSERT INTO answers (id, story, question, reader, choice, correct) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		s.writer.Close()
		return fmt.Errorf("prepare insert: %w", err)
	}
	return nil
}

// SaveAnswer implements quiz.Store.
func (s *Store) SaveAnswer(ctx context.Context, a quiz.Answer) (bool, error) {
	stored, err := s.gc.Save(ctx, a)
	if err != nil && !errors.Is(err, ctx.Err()) {
		return false, quiz.InternalError(fmt.Errorf("sqlite: save answer: %w", err))
	}
	return stored, err
}

// QueueDepth returns how many answers wait for their commit.
func (s *Store) QueueDepth() int { return s.gc.QueueDepth() }

// commit is the group commit's CommitFunc: one transaction, one fsync.
//
// It ignores ctx's deadline: a commit only waits for the local disk and, for
// the lock, busy_timeout; and a cancellable context costs the driver a
// watcher goroutine per statement, which at thousands of inserts a second
// is CPU the writer needs.
func (s *Store) commit(ctx context.Context, answers []quiz.Answer) (stored []bool, err error) {
	ctx = context.WithoutCancel(ctx)
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	insert := tx.StmtContext(ctx, s.insert)
	stored = make([]bool, len(answers))
	for i, a := range answers {
		res, err := insert.ExecContext(ctx, a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct)
		if err != nil {
			return nil, fmt.Errorf("insert: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("insert: %w", err)
		}
		stored[i] = n == 1
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return stored, nil
}

// Stats implements quiz.Store. Both queries run in one read transaction so the
// totals agree with the score distribution.
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
	st := quiz.Stats{Story: story, Questions: map[string]map[string]int64{}, Scores: make([]int64, questions+1)}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return st, err
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx,
		`SELECT question, choice, count(*) FROM answers WHERE story = ? GROUP BY question, choice`, story)
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var question, choice string
		var n int64
		if err := rows.Scan(&question, &choice, &n); err != nil {
			rows.Close()
			return st, err
		}
		if st.Questions[question] == nil {
			st.Questions[question] = map[string]int64{}
		}
		st.Questions[question][choice] = n
		st.Answers += n
	}
	if err := rows.Err(); err != nil {
		return st, err
	}

	// One row per (answered everything?, correct answers) with its number of readers.
	rows, err = tx.QueryContext(ctx, `
		SELECT answered = ?, correct, count(*)
		FROM (SELECT count(*) AS answered, sum(correct) AS correct FROM answers WHERE story = ? GROUP BY reader)
		GROUP BY 1, 2`, questions, story)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var finished bool
		var correct, n int64
		if err := rows.Scan(&finished, &correct, &n); err != nil {
			return st, err
		}
		st.Readers += n
		if finished && correct >= 0 && correct <= int64(questions) {
			st.Finished += n
			st.Scores[correct] += n
		}
	}
	return st, rows.Err()
}

// Close commits queued answers and closes the database. Calling it again
// returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.gc.Close()
		close(s.stopCheckpoints)
		s.checkpoints.Wait()
		s.closeErr = errors.Join(s.insert.Close(), s.writer.Close(), s.db.Close())
	})
	return s.closeErr
}

//go:embed migrations/*.sql
var migrations embed.FS
