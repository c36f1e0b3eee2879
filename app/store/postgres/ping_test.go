package postgres_test

import (
	"context"
	"testing"

	"fivecalls/app/store/postgres/pgtest"
)

func TestPingAnswersUntilClosed(t *testing.T) {
	s := mustOpen(t, pgtest.DSN(t))
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping of an open store: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.Ping(ctx); err == nil {
		t.Error("Ping with an ended context: no error")
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping after an ended context (the connection is made again): %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping of a closed store: no error")
	}
}
