-- One row the store rewrites each time it opens the database: a commit that
-- must reach the disk before the server says it is serving, so a read-only
-- file or mount, or a full disk, stops it at start with the reason (an
-- update that changes nothing would not do: SQLite skips writing a row
-- that is byte for byte the same).
CREATE TABLE write_probe (
	id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
	opened INTEGER NOT NULL -- how many times the database was opened
);
INSERT INTO write_probe (id, opened) VALUES (1, 0);
