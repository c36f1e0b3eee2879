-- One row per stored answer. The primary key makes a resent answer id a no-op;
-- the unique (story, reader, question) makes a reader's first answer to a
-- question the only one that counts. Both are enforced by INSERT ... ON
-- CONFLICT DO NOTHING. No client address or other personal data is stored.
CREATE TABLE answers (
	id         text        NOT NULL PRIMARY KEY,
	story      text        NOT NULL,
	question   text        NOT NULL,
	reader     text        NOT NULL,
	choice     text        NOT NULL,
	correct    boolean     NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (story, reader, question)
);

-- Per-choice counts read only this index.
CREATE INDEX answers_by_choice ON answers (story, question, choice);
