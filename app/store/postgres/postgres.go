// Package postgres is the quiz.Store for several server instances: they share
// one PostgreSQL database, so they count one set of answers and show one set
// of stats. It uses github.com/jackc/pgx/v5.
//
// Writes use group commit like the SQLite store: one writer connection sends
// the queued answers as one pgx.Batch, which PostgreSQL runs as one implicit
// transaction, committed (synchronous_commit=on, forced on that connection)
// before any caller is answered. Uniqueness of the answer id and of (story,
// reader, question) is enforced by the database, so instances need no
// coordination: INSERT ... ON CONFLICT DO NOTHING decides which answer counts.
//
// Connections: one for the writer and one for Stats, each reconnected when
// lost. Stats is cached by the API (one query per interval per instance), so
// it needs no pool; pgxpool would also need github.com/jackc/puddle/v2, which
// the module does not require.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"fivecalls/app/quiz"
	"fivecalls/app/store/internal/groupcommit"
)

var _ quiz.Store = (*Store)(nil)

// Store is a quiz.Store in a PostgreSQL database.
type Store struct {
	writer *conn // used by the group commit's goroutine only
	reader *conn // Stats
	gc     *groupcommit.Committer

	closeOnce sync.Once
	closeErr  error
}

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database at dsn (a postgres:// URL or key=value
// string) and applies pending migrations. Several instances may open the
// same database at once; migrations run under an advisory lock.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn) // its errors redact the password
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	wcfg := cfg.Copy()
	// An answer is acknowledged after COMMIT returns; that must mean on disk.
	wcfg.RuntimeParams["synchronous_commit"] = "on"
	s := &Store{writer: &conn{cfg: wcfg}, reader: &conn{cfg: cfg}}
	if err := s.writer.do(ctx, func(c *pgx.Conn) error { return migrate(ctx, c) }); err != nil {
		s.writer.close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s.gc = groupcommit.New(s.commit, groupcommit.Options{})
	return s, nil
}

// SaveAnswer implements quiz.Store.
func (s *Store) SaveAnswer(ctx context.Context, a quiz.Answer) (bool, error) {
	stored, err := s.gc.Save(ctx, a)
	if err != nil && !errors.Is(err, ctx.Err()) {
		return false, quiz.InternalError(fmt.Errorf("postgres: save answer: %w", err))
	}
	return stored, err
}

// QueueDepth returns how many answers wait for their commit.
func (s *Store) QueueDepth() int { return s.gc.QueueDepth() }

const insertAnswer = `INSERT INTO answers (id, story, question, reader, choice, correct)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`

// commit is the group commit's CommitFunc. Two instances inserting the same
// answers in different orders can deadlock; PostgreSQL aborts one batch,
// which is then simply sent again.
func (s *Store) commit(ctx context.Context, answers []quiz.Answer) (stored []bool, err error) {
	err = s.writer.do(ctx, func(c *pgx.Conn) error {
		for attempt := 1; ; attempt++ {
			stored, err = insertBatch(ctx, c, answers)
			if err == nil || attempt == 3 || !retryable(err) {
				return err
			}
		}
	})
	return stored, err
}

func insertBatch(ctx context.Context, c *pgx.Conn, answers []quiz.Answer) ([]bool, error) {
	b := &pgx.Batch{}
	for _, a := range answers {
		b.Queue(insertAnswer, a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct)
	}
	br := c.SendBatch(ctx, b)
	stored := make([]bool, len(answers))
	for i := range answers {
		tag, err := br.Exec()
		if err != nil {
			br.Close()
			return nil, fmt.Errorf("insert: %w", err)
		}
		stored[i] = tag.RowsAffected() == 1
	}
	// Close reads the result of the final Sync: the implicit COMMIT.
	if err := br.Close(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return stored, nil
}

// retryable reports a deadlock or serialization failure: the transaction was
// rolled back and may be sent again as is.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001")
}

// Stats implements quiz.Store. Both queries run in one repeatable-read
// transaction so the totals agree with the score distribution.
func (s *Store) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	var st quiz.Stats
	err := s.reader.do(ctx, func(c *pgx.Conn) (err error) {
		st, err = stats(ctx, c, story, questions)
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return quiz.Stats{}, ctx.Err()
		}
		return quiz.Stats{}, quiz.InternalError(fmt.Errorf("postgres: stats: %w", err))
	}
	return st, nil
}

func stats(ctx context.Context, c *pgx.Conn, story string, questions int) (quiz.Stats, error) {
	st := quiz.Stats{Story: story, Questions: map[string]map[string]int64{}, Scores: make([]int64, questions+1)}
	tx, err := c.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return st, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	rows, _ := tx.Query(ctx, `SELECT question, choice, count(*) FROM answers WHERE story = $1 GROUP BY question, choice`, story)
	var question, choice string
	var n int64
	_, err = pgx.ForEachRow(rows, []any{&question, &choice, &n}, func() error {
		if st.Questions[question] == nil {
			st.Questions[question] = map[string]int64{}
		}
		st.Questions[question][choice] = n
		st.Answers += n
		return nil
	})
	if err != nil {
		return st, err
	}

	// One row per (answered everything?, correct answers) with its number of readers.
	rows, _ = tx.Query(ctx, `
		SELECT answered = $2, correct, count(*)
		FROM (SELECT count(*) AS answered, count(*) FILTER (WHERE correct) AS correct
		      FROM answers WHERE story = $1 GROUP BY reader) AS r
		GROUP BY 1, 2`, story, int64(questions))
	var finished bool
	var correct int64
	_, err = pgx.ForEachRow(rows, []any{&finished, &correct, &n}, func() error {
		st.Readers += n
		if finished && correct >= 0 && correct <= int64(questions) {
			st.Finished += n
			st.Scores[correct] += n
		}
		return nil
	})
	return st, err
}

// Close commits queued answers and closes the connections. Calling it again
// returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.gc.Close()
		s.closeErr = errors.Join(s.writer.close(), s.reader.close())
	})
	return s.closeErr
}
