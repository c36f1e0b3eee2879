-- One random B-tree written per answer instead of two. An answer is one
-- reader's answer to one question of a story: the primary key of answers,
-- (story, reader, question), already keeps a resent answer (a retry, a
-- reload, a second tab) from counting twice, whatever id it comes with. The
-- id the browser sends is derived from the reader and the question
-- (quiz.AnswerID), so answer_ids, which kept ids unique, added a second
-- random page written per answer and only one behaviour of its own: two
-- readers whose ids collided lost the second one's answer.
--
-- answers keeps its id column, the id as the browser sent it, in the row
-- (no page of its own); it is no longer unique. Dropping answer_ids frees its
-- pages (about 30 MB per million answers) for the answers to reuse: the file
-- does not shrink.

DROP TRIGGER answers_claim_id;
DROP TRIGGER answers_release_id;
DROP TRIGGER answers_change_id;
DROP TABLE answer_ids;
