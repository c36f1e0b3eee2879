-- One row per stored answer. The primary key makes a resent answer id a no-op;
-- the unique (story, reader, question) makes a reader's first answer to a
-- question the only one that counts. Both are enforced by INSERT ... ON
-- CONFLICT DO NOTHING. No client address or other personal data is stored.
CREATE TABLE answers (
	id         TEXT    NOT NULL PRIMARY KEY,
	story      TEXT    NOT NULL,
	question   TEXT    NOT NULL,
	reader     TEXT    NOT NULL,
	choice     TEXT    NOT NULL,
	correct    INTEGER NOT NULL CHECK (correct IN (0, 1)),
	created_at INTEGER NOT NULL DEFAULT (unixepoch()), -- Unix seconds, for the data editor
	UNIQUE (story, reader, question)
);

-- Per-choice counts read only this index.
CREATE INDEX answers_by_choice ON answers (story, question, choice);
