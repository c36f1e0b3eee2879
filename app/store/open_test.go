package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fivecalls/app/store"
	"fivecalls/app/store/postgres/pgtest"
)

func TestOpenSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "fivecalls.db")
	s, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not created: %v", err)
	}
}

func TestOpenPostgres(t *testing.T) {
	s, err := store.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestOpenRejectsUnknownSchemes(t *testing.T) {
	for _, dsn := range []string{"", "mysql://root:hunter2@db/x", "./data/fivecalls.db", "user:hunter2@host"} {
		_, err := store.Open(context.Background(), dsn)
		if err == nil {
			t.Errorf("Open(%q): no error", dsn)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("Open(%q) error shows the password: %v", dsn, err)
		}
		if !strings.Contains(err.Error(), "sqlite:PATH") {
			t.Errorf("Open(%q) error does not say what works: %v", dsn, err)
		}
	}
}
