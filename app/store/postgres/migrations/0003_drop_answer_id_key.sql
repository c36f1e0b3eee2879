-- An answer is one reader's answer to one question of a story: the unique
-- (story, reader, question) already keeps a resent answer (a retry, a reload,
-- a second tab) from counting twice, whatever id it comes with. The id the
-- browser sends is derived from the reader and the question
-- (quiz.AnswerID), so the primary key on it only added an index written at a
-- random place per answer, and one behaviour of its own: two readers whose
-- ids collided lost the second one's answer. The SQLite store dropped its
-- answer_ids for the same reason (its migration 0005).
--
-- The id column stays, the id as the browser sent it, no longer unique. The
-- unique (story, reader, question) becomes the row's identity for logical
-- replication, which needs one to replicate an edit or a deletion. Dropping
-- an index takes a moment whatever the number of answers.
ALTER TABLE answers DROP CONSTRAINT answers_pkey;
ALTER TABLE answers REPLICA IDENTITY USING INDEX answers_story_reader_question_key;
