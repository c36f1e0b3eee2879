package postgres_test

import (
	"testing"

	"fivecalls/app/store/postgres/pgtest"
	"fivecalls/app/store/storetest"
)

// BenchmarkSaveAnswer measures the store alone, without HTTP.
func BenchmarkSaveAnswer(b *testing.B) {
	storetest.BenchmarkSave(b, mustOpen(b, pgtest.DSN(b)))
}
