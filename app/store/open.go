// Package store opens the quiz.Store a --db flag names. It is server-only:
// it links both database drivers, which must stay out of the WebAssembly
// client.
package store

import (
	"context"
	"fmt"
	"strings"

	"fivecalls/app/quiz"
	"fivecalls/app/store/postgres"
	"fivecalls/app/store/sqlite"
)

// Open opens the store for dsn:
//
//	sqlite:PATH                 an SQLite file, created with its directory on first run
//	postgres://... postgresql://...  a PostgreSQL database shared by several instances
func Open(ctx context.Context, dsn string) (quiz.Store, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		return sqlite.Open(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return postgres.Open(ctx, dsn)
	}
	// Never echo the DSN: it may hold a password. The scheme is safe to show.
	const use = "use sqlite:PATH (e.g. sqlite:./data/fivecalls.db) or postgres://user:password@host:5432/db"
	if scheme, _, ok := strings.Cut(dsn, "://"); ok && !strings.ContainsAny(scheme, ":/@ ") {
		return nil, fmt.Errorf("unsupported database %q: %s", scheme, use)
	}
	return nil, fmt.Errorf("unsupported database: %s", use)
}
