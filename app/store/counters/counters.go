// Package counters is what the stores share about the running counts behind
// GET /api/stats: the changes one batch of answers makes to them, the stats
// built from them, and the report of a recount.
//
// Three counts are kept, in the transaction that stores the answers:
//
//   - per (story, question, choice): how many stored answers chose it;
//   - per (story, reader): how many questions the reader answered and how many
//     of those were right (their progress);
//   - per (story, answered, correct): how many readers are at that progress.
//
// The last is the score distribution for any number of questions: readers who
// answered every question are finished, and their correct count is their
// score. A reader's score changes as they answer, so each stored answer moves
// its reader from one progress bucket to the next; the per-reader row is what
// says which bucket they leave, and its row lock is what keeps two instances
// from both moving one reader from the same bucket.
//
// Only stored answers count: a resent answer or a reader's second answer to a
// question is not stored, so it changes nothing. Reading the stats costs
// O(questions × choices) rows, however many answers are stored.
package counters

import (
	"cmp"
	"slices"

	"fivecalls/app/quiz"
)

// ChoiceKey names one choice count.
type ChoiceKey struct{ Story, Question, Choice string }

// ReaderKey names one reader's progress.
type ReaderKey struct{ Story, Reader string }

// Progress is how many questions a reader answered and got right.
type Progress struct{ Answered, Correct int64 }

// ScoreKey names one progress bucket of the score distribution.
type ScoreKey struct {
	Story             string
	Answered, Correct int64
}

// Batch collects the counter changes of the answers stored in one
// transaction, so that each counter is written once per batch however many
// answers change it.
type Batch struct {
	choices map[ChoiceKey]int64
	readers map[ReaderKey]Progress
	scores  map[ScoreKey]int64
}

// Add records one stored answer.
func (b *Batch) Add(a quiz.Answer) {
	if b.choices == nil {
		b.choices = map[ChoiceKey]int64{}
		b.readers = map[ReaderKey]Progress{}
		b.scores = map[ScoreKey]int64{}
	}
	b.choices[ChoiceKey{a.Story, a.Question, a.Choice}]++
	r := ReaderKey{a.Story, a.Reader}
	p := b.readers[r]
	p.Answered++
	if a.Correct {
		p.Correct++
	}
	b.readers[r] = p
}

// Empty reports whether no answer was added.
func (b *Batch) Empty() bool { return len(b.choices) == 0 }

// Readers returns the readers of the added answers with what the batch adds
// to their progress, sorted so that every writer locks rows in one order.
func (b *Batch) Readers() []ReaderDelta {
	out := make([]ReaderDelta, 0, len(b.readers))
	for k, p := range b.readers {
		out = append(out, ReaderDelta{k, p})
	}
	slices.SortFunc(out, func(x, y ReaderDelta) int {
		return cmp.Or(cmp.Compare(x.Story, y.Story), cmp.Compare(x.Reader, y.Reader))
	})
	return out
}

// ReaderDelta is what one batch adds to one reader's progress.
type ReaderDelta struct {
	ReaderKey
	Add Progress
}

// Moved records that the reader's progress is now after, once the batch's
// answers are added: they leave the bucket after−delta (unless that is
// zero: a new reader) and enter the bucket after.
func (b *Batch) Moved(r ReaderDelta, after Progress) {
	before := Progress{after.Answered - r.Add.Answered, after.Correct - r.Add.Correct}
	if before.Answered > 0 {
		b.scores[ScoreKey{r.Story, before.Answered, before.Correct}]--
	}
	b.scores[ScoreKey{r.Story, after.Answered, after.Correct}]++
}

// ChoiceCount is a change to one choice count.
type ChoiceCount struct {
	ChoiceKey
	N int64
}

// Choices returns the changes to choice counts, sorted.
func (b *Batch) Choices() []ChoiceCount {
	out := make([]ChoiceCount, 0, len(b.choices))
	for k, n := range b.choices {
		out = append(out, ChoiceCount{k, n})
	}
	slices.SortFunc(out, func(x, y ChoiceCount) int {
		return cmp.Or(cmp.Compare(x.Story, y.Story), cmp.Compare(x.Question, y.Question), cmp.Compare(x.Choice, y.Choice))
	})
	return out
}

// ScoreCount is a change to one progress bucket.
type ScoreCount struct {
	ScoreKey
	N int64
}

// Scores returns the changes to progress buckets recorded by Moved, sorted,
// leaving out buckets that one reader left and another entered.
func (b *Batch) Scores() []ScoreCount {
	out := make([]ScoreCount, 0, len(b.scores))
	for k, n := range b.scores {
		if n != 0 {
			out = append(out, ScoreCount{k, n})
		}
	}
	slices.SortFunc(out, func(x, y ScoreCount) int {
		return cmp.Or(cmp.Compare(x.Story, y.Story), cmp.Compare(x.Answered, y.Answered), cmp.Compare(x.Correct, y.Correct))
	})
	return out
}

// NewStats returns empty stats of the story with questions+1 score buckets,
// for AddChoice and AddProgress to fill.
func NewStats(story string, questions int) quiz.Stats {
	return quiz.Stats{Story: story, Questions: map[string]map[string]int64{}, Scores: make([]int64, questions+1)}
}

// AddChoice adds one choice count to st.
func AddChoice(st *quiz.Stats, question, choice string, n int64) {
	if st.Questions[question] == nil {
		st.Questions[question] = map[string]int64{}
	}
	st.Questions[question][choice] += n
	st.Answers += n
}

// AddProgress adds one progress bucket to st: its readers count as readers,
// and as finished with a score of correct when they answered all of the
// story's questions (len(st.Scores)-1).
func AddProgress(st *quiz.Stats, answered, correct, n int64) {
	if answered <= 0 {
		return
	}
	st.Readers += n
	questions := int64(len(st.Scores) - 1)
	if answered == questions && correct >= 0 && correct <= questions {
		st.Finished += n
		st.Scores[correct] += n
	}
}
