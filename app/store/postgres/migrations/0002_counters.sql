-- Running counts behind GET /api/stats, kept up to date in the transaction
-- that stores answers (see package fivecalls/app/store/counters), so reading
-- the stats costs O(questions × choices) rows however many answers are
-- stored. Filled here from the answers already stored.
--
-- SHARE mode waits for transactions inserting answers and holds off new ones
-- until this migration commits, so the fill counts one consistent set. An
-- instance of an older version that keeps storing answers afterwards does
-- not count them: run `fivecalls recount --repair` once every instance runs
-- this version.
LOCK TABLE answers IN SHARE MODE;

-- How many stored answers chose each choice.
CREATE TABLE choice_counts (
	story    text   NOT NULL,
	question text   NOT NULL,
	choice   text   NOT NULL,
	n        bigint NOT NULL,
	PRIMARY KEY (story, question, choice)
);

-- Each reader's progress: questions answered, and how many of them right.
-- It says which score bucket a reader leaves when they answer again, and its
-- row lock makes concurrent batches of one reader take turns.
CREATE TABLE reader_progress (
	story    text    NOT NULL,
	reader   text    NOT NULL,
	answered integer NOT NULL,
	correct  integer NOT NULL,
	PRIMARY KEY (story, reader)
);

-- How many readers are at each progress: the score distribution of those
-- who answered every question, and the number of readers.
CREATE TABLE score_counts (
	story    text    NOT NULL,
	answered integer NOT NULL,
	correct  integer NOT NULL,
	n        bigint  NOT NULL,
	PRIMARY KEY (story, answered, correct)
);

INSERT INTO choice_counts (story, question, choice, n)
SELECT story, question, choice, count(*) FROM answers GROUP BY story, question, choice;

INSERT INTO reader_progress (story, reader, answered, correct)
SELECT story, reader, count(*), count(*) FILTER (WHERE correct) FROM answers GROUP BY story, reader;

INSERT INTO score_counts (story, answered, correct, n)
SELECT story, answered, correct, count(*) FROM reader_progress GROUP BY story, answered, correct;

-- Stats no longer scan answers by choice; the index only slowed every insert.
DROP INDEX answers_by_choice;
