// Package postgres is the quiz.Store for several server instances: they share
// one PostgreSQL database, so they count one set of answers and show one set
// of stats. It uses github.com/jackc/pgx/v5.
//
// Writes use group commit like the SQLite store: one writer connection sends
// the queued answers as one statement (storeAnswers), which PostgreSQL runs
// as one implicit transaction, committed (synchronous_commit=on, forced on
// that connection) before any caller is answered. An answer is one reader's
// answer to one question of a story: the database keeps (story, reader,
// question) unique, so instances need no coordination: INSERT ... ON CONFLICT
// DO NOTHING decides which answer counts. The answer id a client sends is
// stored as sent, not unique (see migrations/0003_drop_answer_id_key.sql).
//
// The same statement updates the counters the stats are read from (package
// fivecalls/app/store/counters), each changed row once per batch. Counters
// stay exact with several instances writing at once: every change is an
// atomic increment (INSERT ... ON CONFLICT DO UPDATE), and a reader's
// progress row is locked until the batch commits, so two batches with
// answers of one reader take turns and each sees the other's result.
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
	"fivecalls/app/store/counters"
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
		if errors.Is(err, groupcommit.ErrClosed) {
			return false, quiz.InternalError(fmt.Errorf("postgres: save answer: %w", err))
		}
		return false, classify(fmt.Errorf("postgres: save answer: %w", err))
	}
	return stored, err
}

// QueueDepth returns how many answers wait for their commit.
func (s *Store) QueueDepth() int { return s.gc.QueueDepth() }

// storeAnswers stores a batch of answers ($1…$6: one array per column, in
// the batch's order) and updates the counters, in one statement:
//
//   - stored: the answers the database accepted (ON CONFLICT DO NOTHING
//     skips resent answers and second answers; the first in the batch wins);
//   - added, progress: each reader's progress grows by their stored answers,
//     atomically, returning the new progress;
//   - moves: each such reader leaves the bucket (new − added), unless that is
//     empty (a new reader), and enters the bucket (new);
//   - scores, choices: each changed bucket and choice count, once.
//
// Rows of one table are written in key order, so that concurrent batches of
// several instances lock them in one order.
const storeAnswers = `
WITH input AS (
	SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
		WITH ORDINALITY AS t(id, story, question, reader, choice, correct, pos)
),
stored AS (
	INSERT INTO answers (id, story, question, reader, choice, correct)
	SELECT id, story, question, reader, choice, correct FROM input ORDER BY pos
	ON CONFLICT DO NOTHING
	RETURNING id, story, question, reader, choice, correct
),
added AS (
	SELECT story, reader, count(*)::integer AS answered, (count(*) FILTER (WHERE correct))::integer AS correct
	FROM stored GROUP BY story, reader
),
progress AS (
	INSERT INTO reader_progress AS p (story, reader, answered, correct)
	SELECT story, reader, answered, correct FROM added ORDER BY story, reader
	ON CONFLICT (story, reader) DO UPDATE
		SET answered = p.answered + excluded.answered, correct = p.correct + excluded.correct
	RETURNING p.story, p.reader, p.answered, p.correct
),
moves AS (
	SELECT story, answered, correct, 1 AS n FROM progress
	UNION ALL
	SELECT p.story, p.answered - a.answered, p.correct - a.correct, -1
	FROM progress AS p JOIN added AS a USING (story, reader)
	WHERE p.answered > a.answered
),
scores AS (
	INSERT INTO score_counts AS s (story, answered, correct, n)
	SELECT story, answered, correct, sum(n) FROM moves
	GROUP BY story, answered, correct HAVING sum(n) <> 0
	ORDER BY story, answered, correct
	ON CONFLICT (story, answered, correct) DO UPDATE SET n = s.n + excluded.n
),
choices AS (
	INSERT INTO choice_counts AS c (story, question, choice, n)
	SELECT story, question, choice, count(*) FROM stored
	GROUP BY story, question, choice ORDER BY story, question, choice
	ON CONFLICT (story, question, choice) DO UPDATE SET n = c.n + excluded.n
)
SELECT id, story, question, reader, choice, correct FROM stored`

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
	n := len(answers)
	ids, stories, questions, readers, choices, correct := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]bool, n)
	for i, a := range answers {
		ids[i], stories[i], questions[i], readers[i], choices[i], correct[i] = a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct
	}
	// The statement runs as one implicit transaction. ForEachRow reads the
	// response to its end, which comes after the COMMIT (and its fsync), so
	// an error in the commit is returned here and no answer is acknowledged
	// before it is durable.
	rows, _ := c.Query(ctx, storeAnswers, ids, stories, questions, readers, choices, correct)
	// The statement returns the stored rows, not their places in the batch:
	// each marks the first answer of the batch with exactly its content, as
	// the database stores the first of identical answers.
	accepted := map[quiz.Answer]int{}
	var a quiz.Answer
	_, err := pgx.ForEachRow(rows, []any{&a.ID, &a.Story, &a.Question, &a.Reader, &a.Choice, &a.Correct}, func() error {
		accepted[a]++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store answers: %w", err)
	}
	stored := make([]bool, n)
	for i, a := range answers {
		if accepted[a] > 0 {
			accepted[a]--
			stored[i] = true
		}
	}
	return stored, nil
}

// retryable reports a deadlock or serialization failure: the transaction was
// rolled back and may be sent again as is.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001")
}

// Stats implements quiz.Store. It reads the story's counters, one row per
// choice and per progress bucket, in one statement (one snapshot).
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
		return quiz.Stats{}, classify(fmt.Errorf("postgres: stats: %w", err))
	}
	return st, nil
}

func stats(ctx context.Context, c *pgx.Conn, story string, questions int) (quiz.Stats, error) {
	st := counters.NewStats(story, questions)
	rows, _ := c.Query(ctx, `
		SELECT true, question, choice, 0, 0, n FROM choice_counts WHERE story = $1
		UNION ALL
		SELECT false, '', '', answered, correct, n FROM score_counts WHERE story = $1`, story)
	var isChoice bool
	var question, choice string
	var answered, correct, n int64
	_, err := pgx.ForEachRow(rows, []any{&isChoice, &question, &choice, &answered, &correct, &n}, func() error {
		if isChoice {
			counters.AddChoice(&st, question, choice, n)
		} else {
			counters.AddProgress(&st, answered, correct, n)
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
