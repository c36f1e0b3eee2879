-- Running counts behind GET /api/stats, kept up to date in the transaction
-- that stores answers (see package fivecalls/app/store/counters), so reading
-- the stats costs O(questions × choices) rows however many answers are
-- stored. Filled here from the answers already stored.

-- How many stored answers chose each choice.
CREATE TABLE choice_counts (
	story    TEXT    NOT NULL,
	question TEXT    NOT NULL,
	choice   TEXT    NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (story, question, choice)
) WITHOUT ROWID;

-- Each reader's progress: questions answered, and how many of them right.
-- It says which score bucket a reader leaves when they answer again.
CREATE TABLE reader_progress (
	story    TEXT    NOT NULL,
	reader   TEXT    NOT NULL,
	answered INTEGER NOT NULL,
	correct  INTEGER NOT NULL,
	PRIMARY KEY (story, reader)
) WITHOUT ROWID;

-- How many readers are at each progress: the score distribution of those
-- who answered every question, and the number of readers.
CREATE TABLE score_counts (
	story    TEXT    NOT NULL,
	answered INTEGER NOT NULL,
	correct  INTEGER NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (story, answered, correct)
) WITHOUT ROWID;

INSERT INTO choice_counts (story, question, choice, n)
SELECT story, question, choice, count(*) FROM answers GROUP BY story, question, choice;

INSERT INTO reader_progress (story, reader, answered, correct)
SELECT story, reader, count(*), sum(correct) FROM answers GROUP BY story, reader;

INSERT INTO score_counts (story, answered, correct, n)
SELECT story, answered, correct, count(*) FROM reader_progress GROUP BY story, answered, correct;

-- Stats no longer scan answers by choice; the index only slowed every insert.
DROP INDEX answers_by_choice;
