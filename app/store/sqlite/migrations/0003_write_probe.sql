-- One row the store rewrites when it opens the database, and while its disk
-- is full: a commit that must reach the disk before the server says it is
-- serving (a read-only file or mount, or a full disk, stops it at start with
-- the reason), and the test of whether a full disk takes commits again. An
-- update that changed nothing would not do: SQLite skips writing a row that
-- is byte for byte the same.
CREATE TABLE write_probe (
	id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
	commits INTEGER NOT NULL -- how many such commits were made
);
INSERT INTO write_probe (id, commits) VALUES (1, 0);
