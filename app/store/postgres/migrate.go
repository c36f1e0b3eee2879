package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	mig "fivecalls/app/store/internal/migrate"
)

// migrationLock is the pg_advisory_lock key that serialises migrations of
// instances starting together; any constant works as long as it is ours.
const migrationLock int64 = 0x66697665_63616c6c // "fivecall"

// migrate applies the embedded migrations not yet recorded in
// schema_migrations, each in its own transaction with its record, while
// holding a session advisory lock so two instances never run one twice.
func migrate(ctx context.Context, c *pgx.Conn) (err error) {
	ms, err := mig.List(migrations, "migrations")
	if err != nil {
		return err
	}
	if _, err := c.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("lock migrations: %w", err)
	}
	defer func() {
		if _, uerr := c.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock); uerr != nil && err == nil {
			err = fmt.Errorf("unlock migrations: %w", uerr)
		}
	}()
	if _, err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer     NOT NULL PRIMARY KEY,
		name       text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error { return apply(ctx, tx, m) }); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func apply(ctx context.Context, tx pgx.Tx, m mig.Migration) error {
	var done bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, m.Version).Scan(&done); err != nil {
		return err
	}
	if done {
		return nil
	}
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name)
	return err
}
