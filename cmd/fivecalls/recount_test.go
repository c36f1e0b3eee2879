package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fivecalls/app/quiz"
	"fivecalls/app/store/postgres"
	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/store/storetest"
)

// saveSome stores answers of three readers through the store, as a server would.
func saveSome(t *testing.T, s quiz.Store) {
	t.Helper()
	for i := range 9 {
		a := quiz.Answer{Story: "five-calls", Question: []string{"q1", "q2", "q3"}[i%3], Choice: "a", Correct: i%2 == 0,
			Reader: storetest.Token("reader", i/3), ID: storetest.Token("answer", i)}
		storetest.MustSave(t, s, a, true)
	}
}

func TestRecountSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fivecalls.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	saveSome(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	dsn := "sqlite:" + path

	code, out, errOut := runArgs(t, "recount", "--db", dsn)
	if code != 0 || !strings.Contains(out, "recounted 9 answers by 3 readers") || !strings.Contains(out, "every counter equals the recount") {
		t.Fatalf("recount of exact counters: exit %d\n%s%s", code, out, errOut)
	}

	// An editor deletes an answer by hand: the counters no longer match.
	// Reader 1 had answered q1, q2 (right) and q3; now q1 and q3.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM answers WHERE id = ?`, storetest.Token("answer", 4)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, _ = runArgs(t, "recount", "--db", dsn)
	for _, want := range []string{
		"recounted 8 answers by 3 readers",
		"choice count five-calls q2=a: stored 3, recounted 2",
		"readers at five-calls answered 2, 0 right: stored 0, recounted 1",
		"readers at five-calls answered 3, 1 right: stored 1, recounted 0",
		"run fivecalls recount --repair",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("recount of drifted counters: exit %d, want 1", code)
	}
	if strings.Contains(out, storetest.Token("reader", 1)) {
		t.Errorf("the output shows a reader token:\n%s", out)
	}

	if code, out, _ = runArgs(t, "recount", "--db", dsn, "--repair"); code != 0 || !strings.Contains(out, "repaired") {
		t.Errorf("recount --repair: exit %d\n%s", code, out)
	}
	if code, out, _ = runArgs(t, "recount", "--db", dsn); code != 0 || !strings.Contains(out, "every counter equals the recount") {
		t.Errorf("recount after the repair: exit %d\n%s", code, out)
	}
}

func TestRecountPostgres(t *testing.T) {
	dsn := pgtest.DSN(t)
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	saveSome(t, s)
	code, out, errOut := runArgs(t, "recount", "--db", dsn)
	if code != 0 || !strings.Contains(out, "recounted 9 answers by 3 readers") || !strings.Contains(out, "every counter equals the recount") {
		t.Errorf("recount: exit %d\n%s%s", code, out, errOut)
	}
}

func TestRecountUsage(t *testing.T) {
	code, _, errOut := runArgs(t, "recount", "-h")
	if code != 0 || !strings.Contains(errOut, "Usage: fivecalls recount") || !strings.Contains(errOut, "--repair rewrites") {
		t.Errorf("recount -h: exit %d, %q", code, errOut)
	}
	if code, out, _ := runArgs(t, "--help"); code != 0 || !strings.Contains(out, "fivecalls recount") {
		t.Errorf("--help does not mention recount")
	}
	if code, _, _ := runArgs(t, "recount", "extra"); code != 2 {
		t.Errorf("recount with an argument: exit %d, want 2", code)
	}

	missing := filepath.Join(t.TempDir(), "nothing-here.db")
	code, _, errOut = runArgs(t, "recount", "--db", "sqlite:"+missing)
	if code != 1 || !strings.Contains(errOut, "no database at "+missing) {
		t.Errorf("recount of a missing file: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("recount created %s", missing)
	}
	code, _, errOut = runArgs(t, "recount", "--db", "mysql://user:secret@host/db")
	if code != 1 || strings.Contains(errOut, "secret") || !strings.Contains(errOut, "unsupported database") {
		t.Errorf("recount of an unsupported database: exit %d, %q", code, errOut)
	}
}
