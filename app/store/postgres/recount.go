package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"fivecalls/app/store/counters"
)

var _ counters.Checker = (*Store)(nil)

// recountReaders counts every reader's progress again from the answers.
const recountReaders = `SELECT story, reader, count(*)::integer AS answered, (count(*) FILTER (WHERE correct))::integer AS correct
	FROM answers GROUP BY story, reader`

// CheckCounters implements counters.Checker. The check reads one snapshot (a
// repeatable-read transaction): writers update answers and counters in one
// transaction, so a snapshot never sees one without the other. A repair
// first locks the answers table in SHARE mode, which waits for batches in
// flight and holds off new ones (on every instance) until the counters are
// rewritten; stats go on being served meanwhile.
func (s *Store) CheckCounters(ctx context.Context, repair bool) (r counters.Report, err error) {
	if !repair {
		err = s.reader.do(ctx, func(c *pgx.Conn) error {
			return pgx.BeginTxFunc(ctx, c, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) (err error) {
				r, err = check(ctx, tx)
				return err
			})
		})
		if err != nil {
			return r, fmt.Errorf("postgres: recount: %w", err)
		}
		return r, nil
	}
	err = s.writer.do(ctx, func(c *pgx.Conn) error {
		return pgx.BeginFunc(ctx, c, func(tx pgx.Tx) (err error) {
			if _, err := tx.Exec(ctx, `LOCK TABLE answers IN SHARE MODE`); err != nil {
				return err
			}
			if r, err = check(ctx, tx); err != nil || r.OK() {
				return err
			}
			for _, q := range []string{
				`DELETE FROM choice_counts`,
				`DELETE FROM reader_progress`,
				`DELETE FROM score_counts`,
				`INSERT INTO choice_counts (story, question, choice, n) SELECT story, question, choice, count(*) FROM answers GROUP BY story, question, choice`,
				`INSERT INTO reader_progress (story, reader, answered, correct) ` + recountReaders,
				`INSERT INTO score_counts (story, answered, correct, n) SELECT story, answered, correct, count(*) FROM reader_progress GROUP BY story, answered, correct`,
			} {
				if _, err := tx.Exec(ctx, q); err != nil {
					return err
				}
			}
			r.Repaired = true
			return nil
		})
	})
	if err != nil {
		r.Repaired = false
		return r, fmt.Errorf("postgres: repair: %w", err)
	}
	return r, nil
}

// check compares the counters with a recount of the answers, within tx.
func check(ctx context.Context, tx pgx.Tx) (counters.Report, error) {
	var r counters.Report
	storedChoices, recountedChoices := map[counters.ChoiceKey]int64{}, map[counters.ChoiceKey]int64{}
	for _, q := range []struct {
		sql  string
		into map[counters.ChoiceKey]int64
	}{
		{`SELECT story, question, choice, n FROM choice_counts`, storedChoices},
		{`SELECT story, question, choice, count(*) FROM answers GROUP BY story, question, choice`, recountedChoices},
	} {
		var k counters.ChoiceKey
		var n int64
		rows, _ := tx.Query(ctx, q.sql)
		if _, err := pgx.ForEachRow(rows, []any{&k.Story, &k.Question, &k.Choice, &n}, func() error {
			q.into[k] = n
			return nil
		}); err != nil {
			return r, err
		}
	}
	for _, n := range recountedChoices {
		r.Answers += n
	}
	r.Choices = counters.DiffChoices(storedChoices, recountedChoices)

	storedScores, recountedScores := map[counters.ScoreKey]int64{}, map[counters.ScoreKey]int64{}
	for _, q := range []struct {
		sql  string
		into map[counters.ScoreKey]int64
	}{
		{`SELECT story, answered, correct, n FROM score_counts`, storedScores},
		{`SELECT story, answered, correct, count(*) FROM (` + recountReaders + `) AS r GROUP BY story, answered, correct`, recountedScores},
	} {
		var k counters.ScoreKey
		var n int64
		rows, _ := tx.Query(ctx, q.sql)
		if _, err := pgx.ForEachRow(rows, []any{&k.Story, &k.Answered, &k.Correct, &n}, func() error {
			q.into[k] = n
			return nil
		}); err != nil {
			return r, err
		}
	}
	for _, n := range recountedScores {
		r.Readers += n
	}
	r.Scores = counters.DiffScores(storedScores, recountedScores)

	err := tx.QueryRow(ctx, `
		SELECT count(*) FROM (`+recountReaders+`) AS a
		FULL JOIN reader_progress AS p ON p.story = a.story AND p.reader = a.reader
		WHERE a.answered IS DISTINCT FROM p.answered OR a.correct IS DISTINCT FROM p.correct`).Scan(&r.ReadersDiffering)
	return r, err
}
