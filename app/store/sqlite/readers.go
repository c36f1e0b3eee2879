package sqlite

import (
	"context"
	"database/sql"
	"errors"

	sqlitedriver "modernc.org/sqlite"
)

// The store's connections are all opened at start, the writer and
// `readers` readers, and kept: none is opened later. A connection opened
// after the database file was replaced would read whatever the path names
// then, and its checkpoints, and the one SQLite runs when the last
// connection closes, would write the open file's pages into the
// replacement. (The database/sql pool is capped at these connections, so
// nothing can open another.)

// acquireReader takes a reader connection, waiting for one to be free.
func (s *Store) acquireReader(ctx context.Context) (*sql.Conn, error) {
	select {
	case c, ok := <-s.readers:
		if !ok {
			return nil, errors.New("sqlite: the store is closed")
		}
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// releaseReader gives a reader connection back.
func (s *Store) releaseReader(c *sql.Conn) { s.readers <- c }

// openReaders takes the reader connections from the pool.
func (s *Store) openReaders(ctx context.Context) error {
	s.readers = make(chan *sql.Conn, readers)
	for range readers {
		c, err := s.db.Conn(ctx)
		if err != nil {
			s.closeReaders(false)
			return err
		}
		s.readers <- c
		s.nReaders++
	}
	return nil
}

// closeReaders closes the reader connections, waiting for those in use to
// come back; acquireReader fails from then on. With keepWAL (the file was
// deleted or replaced) each first tells SQLite to keep the -wal file when
// the last connection closes: SQLite deletes it by name, and the name may
// now be another database's.
func (s *Store) closeReaders(keepWAL bool) error {
	var errs []error
	for range s.nReaders {
		c := <-s.readers
		if keepWAL {
			errs = append(errs, persistWAL(c))
		}
		errs = append(errs, c.Close())
	}
	close(s.readers)
	return errors.Join(errs...)
}

// persistWAL sets SQLITE_FCNTL_PERSIST_WAL on the connection.
func persistWAL(c *sql.Conn) error {
	return c.Raw(func(dc any) error {
		fc, ok := dc.(sqlitedriver.FileControl)
		if !ok {
			return errors.New("sqlite: the driver has no file control")
		}
		_, err := fc.FileControlPersistWAL("main", 1)
		return err
	})
}
