// Package pgtest gives tests a real, empty PostgreSQL schema.
//
// The database comes from FIVECALLS_TEST_POSTGRES (a DSN such as
// postgres://fivecalls:fivecalls@127.0.0.1:5432/fivecalls_test?sslmode=disable).
// When it is unset or unreachable, tests skip with a message, except under
// CI=true or FIVECALLS_REQUIRE_ALL=1, where that is a failure: CI must never
// pass by skipping the database.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the variable holding the test database's DSN.
const Env = "FIVECALLS_TEST_POSTGRES"

// DSN creates a fresh schema, drops it when the test ends, and returns a DSN
// whose connections use it, so test runs and tests never see each other's
// answers.
func DSN(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(Env)
	if base == "" {
		unavailable(tb, Env+" is not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		unavailable(tb, fmt.Sprintf("cannot connect to %s: %v", Env, err))
	}
	schema := "fivecalls_test_" + randomHex(8)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
		admin.Close(ctx)
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			tb.Errorf("drop test schema: %v", err)
		}
		admin.Close(ctx)
	})
	return withSearchPath(tb, base, schema)
}

// withSearchPath adds search_path, which pgx sends as a run-time parameter.
func withSearchPath(tb testing.TB, dsn, schema string) string {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " search_path=" + schema // key=value form
	}
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("%s is not a URL", Env) // the error would show the password
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func unavailable(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv("CI") == "true" || os.Getenv("FIVECALLS_REQUIRE_ALL") == "1" {
		tb.Fatalf("PostgreSQL is required here (CI=true or FIVECALLS_REQUIRE_ALL=1): %s", why)
	}
	tb.Skipf("skipping PostgreSQL tests: %s (set %s to run them)", why, Env)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
