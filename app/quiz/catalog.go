package quiz

import (
	"fmt"
	"slices"
)

// QuestionSpec describes one question for the catalog: its choice ids and the
// id of the correct one.
type QuestionSpec struct {
	ID      string
	Choices []string
	Correct string
}

// Catalog is the set of valid question and choice ids of one story, with the
// correct choices. The server checks every answer against it, so the database
// only ever holds ids the story knows and correctness decided by the server.
type Catalog struct {
	story     string
	questions []QuestionSpec
	index     map[string]int // question id → position in questions
}

// NewCatalog returns the catalog of the story's questions, in order. It
// rejects empty or duplicate ids and a correct choice that is not a choice.
func NewCatalog(story string, questions []QuestionSpec) (*Catalog, error) {
	if story == "" {
		return nil, fmt.Errorf("quiz catalog: empty story id")
	}
	if len(questions) == 0 {
		return nil, fmt.Errorf("quiz catalog: story %q has no questions", story)
	}
	c := &Catalog{story: story, index: make(map[string]int, len(questions))}
	for i, q := range questions {
		if q.ID == "" {
			return nil, fmt.Errorf("quiz catalog: question %d has an empty id", i+1)
		}
		if _, dup := c.index[q.ID]; dup {
			return nil, fmt.Errorf("quiz catalog: duplicate question id %q", q.ID)
		}
		if len(q.Choices) < 2 {
			return nil, fmt.Errorf("quiz catalog: question %q needs at least two choices", q.ID)
		}
		for j, ch := range q.Choices {
			if ch == "" || slices.Contains(q.Choices[:j], ch) {
				return nil, fmt.Errorf("quiz catalog: question %q has an empty or duplicate choice id %q", q.ID, ch)
			}
		}
		if !slices.Contains(q.Choices, q.Correct) {
			return nil, fmt.Errorf("quiz catalog: question %q: correct choice %q is not one of its choices", q.ID, q.Correct)
		}
		c.index[q.ID] = i
		c.questions = append(c.questions, QuestionSpec{ID: q.ID, Choices: slices.Clone(q.Choices), Correct: q.Correct})
	}
	return c, nil
}

// Story returns the story id.
func (c *Catalog) Story() string { return c.story }

// Len returns the number of questions: a reader who answered that many has
// finished the quiz.
func (c *Catalog) Len() int { return len(c.questions) }

// Question returns the question with the id.
func (c *Catalog) Question(id string) (QuestionSpec, bool) {
	i, ok := c.index[id]
	if !ok {
		return QuestionSpec{}, false
	}
	return c.questions[i], true
}

// Check validates an answer against the catalog and returns it with Correct
// filled in. Errors have code Invalid and say which field is wrong without
// repeating the reader's tokens.
func (c *Catalog) Check(a Answer) (Answer, error) {
	if !ValidToken(a.Reader) {
		return a, Errorf(Invalid, "The reader token must be %d to %d letters, digits, '-' or '_'.", MinTokenLen, MaxTokenLen)
	}
	if !ValidToken(a.ID) {
		return a, Errorf(Invalid, "The answer id must be %d to %d letters, digits, '-' or '_'.", MinTokenLen, MaxTokenLen)
	}
	if a.Story != c.story {
		return a, Errorf(Invalid, "There is no story %s.", quote(a.Story))
	}
	q, ok := c.Question(a.Question)
	if !ok {
		return a, Errorf(Invalid, "This story has no question %s.", quote(a.Question))
	}
	if !slices.Contains(q.Choices, a.Choice) {
		return a, Errorf(Invalid, "Question %s has no choice %s.", quote(a.Question), quote(a.Choice))
	}
	a.Correct = a.Choice == q.Correct
	return a, nil
}

// Fill returns s with every question and choice of the catalog present (zero
// when nobody chose it) and Scores covering 0..Len(), so clients can draw bars
// without guessing what a missing key means.
func (c *Catalog) Fill(s Stats) Stats {
	qs := make(map[string]map[string]int64, len(c.questions))
	for _, q := range c.questions {
		counts := make(map[string]int64, len(q.Choices))
		for _, ch := range q.Choices {
			counts[ch] = s.Questions[q.ID][ch]
		}
		qs[q.ID] = counts
	}
	s.Questions = qs
	scores := make([]int64, c.Len()+1)
	copy(scores, s.Scores)
	s.Scores = scores
	return s
}

// quote shows an id from a request in a message, truncated so a hostile
// megabyte-long id does not come back in the error.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		s = s[:max] + "…"
	}
	return fmt.Sprintf("%q", s)
}
