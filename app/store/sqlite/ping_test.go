package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
)

func TestPingAnswersUntilClosed(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), "fivecalls.db"))
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping of an open store: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.Ping(ctx); err == nil {
		t.Error("Ping with an ended context: no error")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping of a closed store: no error")
	}
}
