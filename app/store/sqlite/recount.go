package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"fivecalls/app/store/counters"
)

var _ counters.Checker = (*Store)(nil)

// recountReaders counts every reader's progress from the answers, in the
// order of the primary key.
const recountReaders = `SELECT story, reader, count(*) AS answered, sum(correct) AS correct FROM answers GROUP BY story, reader`

// CheckCounters implements counters.Checker. The check reads one snapshot
// (a read transaction, which WAL keeps consistent while writers go on). A
// repair holds the database's write lock from the check to the rewrite, so
// nothing is stored in between; other processes' answers wait for it (up to
// busy_timeout, then fail and are resent by the browsers).
func (s *Store) CheckCounters(ctx context.Context, repair bool) (counters.Report, error) {
	if !repair {
		c, err := s.acquireReader(ctx)
		if err != nil {
			return counters.Report{}, fmt.Errorf("sqlite: recount: %w", err)
		}
		defer s.releaseReader(c)
		tx, err := c.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return counters.Report{}, fmt.Errorf("sqlite: recount: %w", err)
		}
		defer tx.Rollback()
		r, err := check(ctx, tx)
		if err != nil {
			return r, fmt.Errorf("sqlite: recount: %w", err)
		}
		return r, nil
	}

	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.writer.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		return counters.Report{}, fmt.Errorf("sqlite: repair: %w", err)
	}
	defer tx.Rollback()
	r, err := check(ctx, tx)
	if err != nil || r.OK() {
		return r, err
	}
	for _, q := range []string{
		`DELETE FROM choice_counts`,
		`DELETE FROM score_counts`,
		`INSERT INTO choice_counts (story, question, choice, n) SELECT story, question, choice, count(*) FROM answers GROUP BY story, question, choice`,
		`INSERT INTO score_counts (story, answered, correct, n) SELECT story, answered, correct, count(*) FROM (` + recountReaders + `) GROUP BY story, answered, correct`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return r, fmt.Errorf("sqlite: repair: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return r, fmt.Errorf("sqlite: repair: commit: %w", err)
	}
	r.Repaired = true
	return r, nil
}

// check compares the counters with a recount of the answers, within tx.
func check(ctx context.Context, tx *sql.Tx) (counters.Report, error) {
	var r counters.Report
	storedChoices, recountedChoices := map[counters.ChoiceKey]int64{}, map[counters.ChoiceKey]int64{}
	for _, q := range []struct {
		sql  string
		into map[counters.ChoiceKey]int64
	}{
		{`SELECT story, question, choice, n FROM choice_counts`, storedChoices},
		{`SELECT story, question, choice, count(*) FROM answers GROUP BY story, question, choice`, recountedChoices},
	} {
		if err := scanRows(ctx, tx, q.sql, func(rows *sql.Rows) error {
			var k counters.ChoiceKey
			var n int64
			err := rows.Scan(&k.Story, &k.Question, &k.Choice, &n)
			q.into[k] = n
			return err
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
		{`SELECT story, answered, correct, count(*) FROM (` + recountReaders + `) GROUP BY story, answered, correct`, recountedScores},
	} {
		if err := scanRows(ctx, tx, q.sql, func(rows *sql.Rows) error {
			var k counters.ScoreKey
			var n int64
			err := rows.Scan(&k.Story, &k.Answered, &k.Correct, &n)
			q.into[k] = n
			return err
		}); err != nil {
			return r, err
		}
	}
	for _, n := range recountedScores {
		r.Readers += n
	}
	r.Scores = counters.DiffScores(storedScores, recountedScores)
	// Readers' progress is not stored but counted from their answers (see
	// Store.count), so r.ReadersDiffering stays 0.
	return r, nil
}

func scanRows(ctx context.Context, tx *sql.Tx, query string, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
