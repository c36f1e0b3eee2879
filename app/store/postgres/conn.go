package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// conn is one PostgreSQL connection, made on first use and made again after
// it was lost (a restarted database, a network blip), used by one caller at a
// time.
type conn struct {
	cfg *pgx.ConnConfig

	mu     sync.Mutex
	c      *pgx.Conn
	closed bool
}

var errClosed = errors.New("store is closed")

// do runs fn on the connection, connecting first if needed.
func (c *conn) do(ctx context.Context, fn func(*pgx.Conn) error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	if c.c == nil || c.c.IsClosed() {
		nc, err := pgx.ConnectConfig(ctx, c.cfg)
		if err != nil {
			return fmt.Errorf("connect: %w", err)
		}
		c.c = nc
	}
	return fn(c.c)
}

func (c *conn) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.c == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return c.c.Close(ctx)
}
