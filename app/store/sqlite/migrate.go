package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	mig "fivecalls/app/store/internal/migrate"
)

// migrate applies the embedded migrations not yet recorded in
// schema_migrations, each in its own transaction with its record, so a crash
// mid-way leaves the database at a known version. BEGIN IMMEDIATE (the
// driver's _txlock) serialises two processes starting on one file.
func migrate(ctx context.Context, db *sql.DB) error {
	ms, err := mig.List(migrations, "migrations")
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER NOT NULL PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at INTEGER NOT NULL DEFAULT (unixepoch())
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if err := apply(ctx, db, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func apply(ctx context.Context, db *sql.DB, m mig.Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, m.Version).Scan(&done); err != nil {
		return err
	}
	if done {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.Version, m.Name); err != nil {
		return err
	}
	return tx.Commit()
}

// writeProbe commits a change to the one row of write_probe: the proof,
// at open, that the file, its folder and the disk take a commit (a
// read-only mount, a file this process may not write or a full disk fail
// here, before the server says it is serving), and, while the disk is full,
// the test of whether it takes one again.
func writeProbe(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) error {
	_, err := db.ExecContext(ctx, `UPDATE write_probe SET commits = commits + 1 WHERE id = 1`)
	return err
}
