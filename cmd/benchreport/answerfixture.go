package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"iter"
	mrand "math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"fivecalls/app/quiz"
	"fivecalls/app/store/postgres"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/story"
)

// The answers load runs against databases that already hold answers of the
// default story, the one bin/fivecalls serves: fixtures, built once per run
// of the section and copied for each measurement, so that every measurement
// starts from the same database.
//
// A fixture looks like a database that n answers reached through the API:
// readers with random tokens (22 characters of base64url, as browsers make
// them) who each answered every question, with random answer ids, arriving
// in random order. Arrival order matters: B-tree pages filled by random
// inserts are about 70% full, while answers loaded in key order would pack
// them full, and then the load's first insert into each page would split
// it.

// loadQuiz is the quiz of the story bin/fivecalls serves by default, with
// the catalog that checks answers as the server does.
type loadQuiz struct {
	catalog   *quiz.Catalog
	questions []quiz.QuestionSpec // in the story's order
}

func defaultQuiz() (*loadQuiz, error) {
	s := story.Default()
	q := &loadQuiz{}
	for _, sq := range s.Quiz.Questions {
		spec := quiz.QuestionSpec{ID: sq.ID}
		for _, c := range sq.Choices {
			spec.Choices = append(spec.Choices, c.ID)
			if c.Correct {
				spec.Correct = c.ID
			}
		}
		q.questions = append(q.questions, spec)
	}
	var err error
	q.catalog, err = quiz.NewCatalog(s.ID, q.questions)
	return q, err
}

// fixtureAnswers yields n answers of the quiz, as described above, from a
// fixed seed (the same fixture every run).
func fixtureAnswers(q *loadQuiz, n int) iter.Seq[quiz.Answer] {
	return func(yield func(quiz.Answer) bool) {
		rng := mrand.New(mrand.NewChaCha8([32]byte{'f', 'i', 'v', 'e'}))
		token := func() string {
			var b [16]byte
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			return base64.RawURLEncoding.EncodeToString(b[:])
		}
		for i := 0; i < n; {
			reader := token()
			for _, spec := range q.questions {
				if i == n {
					return
				}
				a, err := q.catalog.Check(quiz.Answer{Story: q.catalog.Story(), Question: spec.ID,
					Choice: spec.Choices[rng.IntN(len(spec.Choices))], Reader: reader, ID: token()})
				if err != nil || !yield(a) {
					return
				}
				i++
			}
		}
	}
}

// buildSQLiteFixture writes an SQLite database of n answers at path. The
// store creates the schema (its migrations); the answers go in through SQL
// in large transactions with a large page cache and no fsync (a fixture need
// not survive a power cut); then the store's own recount fills the counters,
// exactly as `fivecalls recount --repair` would. 10M answers take a few
// minutes on 2 CPUs.
func buildSQLiteFixture(ctx context.Context, path string, q *loadQuiz, n int) error {
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	params := url.Values{}
	params.Add("_pragma", "journal_mode(WAL)")
	params.Add("_pragma", "synchronous(OFF)")
	params.Add("_pragma", "cache_size(-2000000)") // 2 GB: 10M answers' B-trees stay in memory
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path, RawQuery: params.Encode()}).String())
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	const perTx = 1_000_000
	var tx *sql.Tx
	var insert *sql.Stmt
	stored := 0
	for a := range fixtureAnswers(q, n) {
		if stored%perTx == 0 {
			if tx != nil {
				if err := tx.Commit(); err != nil {
					return err
				}
			}
			if tx, err = db.BeginTx(ctx, nil); err != nil {
				return err
			}
			if insert, err = tx.PrepareContext(ctx, `INSERT INTO answers (id, story, question, reader, choice, correct) VALUES (?, ?, ?, ?, ?, ?)`); err != nil {
				tx.Rollback()
				return err
			}
		}
		if _, err := insert.ExecContext(ctx, a.ID, a.Story, a.Question, a.Reader, a.Choice, a.Correct); err != nil {
			tx.Rollback()
			return err
		}
		stored++
	}
	if tx != nil {
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	return recountFixture(ctx, path, n)
}

// recountFixture fills the counters of a fixture from its answers.
func recountFixture(ctx context.Context, path string, n int) error {
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	r, err := s.CheckCounters(ctx, true)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("recount: %w", err)
	}
	if r.Answers != int64(n) {
		return fmt.Errorf("recount: %d answers stored, want %d", r.Answers, n)
	}
	return nil
}

// pgFixture is a PostgreSQL database of n answers that each measurement
// copies (CREATE DATABASE … TEMPLATE), and drops at the end.
type pgFixture struct {
	admin string // the DSN of FIVECALLS_TEST_POSTGRES
	name  string // the template database
}

// buildPostgresFixture makes a new database on the server of dsn and
// stores n answers in it through the store's Import, in the fixture's
// random order; then VACUUM ANALYZE and a CHECKPOINT settle it as a million
// answers arriving over days would have. Its user must be allowed to create
// databases (as for the tests: README, "Tests").
func buildPostgresFixture(ctx context.Context, dsn string, q *loadQuiz, n int) (*pgFixture, error) {
	f := &pgFixture{admin: dsn, name: "fivecalls_bench_" + randomSuffix()}
	if err := f.exec(ctx, "CREATE DATABASE "+pgx.Identifier{f.name}.Sanitize()); err != nil {
		return nil, err
	}
	fdsn, err := withDatabase(dsn, f.name)
	if err != nil {
		f.drop()
		return nil, err
	}
	s, err := postgres.Open(ctx, fdsn)
	if err != nil {
		f.drop()
		return nil, err
	}
	stored, err := s.Import(ctx, fixtureAnswers(q, n))
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err == nil && stored != int64(n) {
		err = fmt.Errorf("stored %d answers, want %d", stored, n)
	}
	if err == nil {
		err = execOn(ctx, fdsn, "VACUUM ANALYZE", "CHECKPOINT")
	}
	if err != nil {
		f.drop()
		return nil, fmt.Errorf("postgres fixture: %w", err)
	}
	return f, nil
}

// copy makes a new database from the fixture and returns its DSN and a
// function that drops it. The copy is on disk before the load starts (a
// CHECKPOINT), so that the load's commits do not wait behind its writes.
func (f *pgFixture) copy(ctx context.Context) (string, func(), error) {
	name := "fivecalls_bench_" + randomSuffix()
	if err := f.exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{f.name}.Sanitize()+" STRATEGY FILE_COPY"); err != nil {
		return "", nil, err
	}
	drop := func() { dropDatabase(f.admin, name) }
	dsn, err := withDatabase(f.admin, name)
	if err == nil {
		err = execOn(ctx, f.admin, "CHECKPOINT")
	}
	if err != nil {
		drop()
		return "", nil, err
	}
	return dsn, drop, nil
}

func (f *pgFixture) drop() { dropDatabase(f.admin, f.name) }

func (f *pgFixture) exec(ctx context.Context, q string) error { return execOn(ctx, f.admin, q) }

// emptyPostgres makes an empty database for a measurement with nothing
// stored; the server's migrations create the schema.
func emptyPostgres(ctx context.Context, admin string) (string, func(), error) {
	name := "fivecalls_bench_" + randomSuffix()
	if err := execOn(ctx, admin, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, err
	}
	dsn, err := withDatabase(admin, name)
	if err != nil {
		dropDatabase(admin, name)
		return "", nil, err
	}
	return dsn, func() { dropDatabase(admin, name) }, nil
}

func dropDatabase(admin, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := execOn(ctx, admin, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		logf("answers: drop database %s: %v", name, err)
	}
}

func execOn(ctx context.Context, dsn string, queries ...string) error {
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	for _, q := range queries {
		if _, err := c.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", strings.Fields(q)[0], err)
		}
	}
	return nil
}

// withDatabase returns dsn (a postgres:// URL) naming another database.
func withDatabase(dsn, name string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", fmt.Errorf("FIVECALLS_TEST_POSTGRES is not a postgres:// URL") // the error would show the password
	}
	u.Path = "/" + name
	return u.String(), nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
