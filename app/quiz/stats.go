package quiz

// Stats is what readers of one story chose, aggregated. It holds counts only,
// never tokens.
type Stats struct {
	Story string `json:"story"`
	// Answers is the number of answers stored for the story (each reader's
	// first answer per question).
	Answers int64 `json:"answers"`
	// Readers is the number of readers who answered at least one question.
	Readers int64 `json:"readers"`
	// Finished is the number of readers who answered every question; it is
	// the sum of Scores.
	Finished int64 `json:"finished"`
	// Questions maps question id → choice id → number of readers who chose it.
	Questions map[string]map[string]int64 `json:"questions"`
	// Scores is the score distribution of finished readers: Scores[n] readers
	// got n answers right. A score is derived from stored first answers, so a
	// reader cannot inflate it.
	Scores []int64 `json:"scores"`
}

// ShareOf returns the percentage (0..100, rounded to nearest) of the
// question's answers that chose the choice. ok is false when nobody has
// answered the question yet, so the UI can show "—" instead of 0%.
func (s Stats) ShareOf(question, choice string) (pct int, ok bool) {
	var total int64
	for _, n := range s.Questions[question] {
		total += n
	}
	if total == 0 {
		return 0, false
	}
	n := s.Questions[question][choice]
	return int((n*200 + total) / (2 * total)), true
}

// BeatPercent returns N in "you beat N% of readers" for a finished reader with
// the score: the share of finished readers with a strictly lower score,
// rounded down so nobody is told they beat everyone when they tied someone.
// It is 0 when nobody has finished.
func (s Stats) BeatPercent(score int) int {
	var total, lower int64
	for n, readers := range s.Scores {
		total += readers
		if n < score {
			lower += readers
		}
	}
	if total == 0 {
		return 0
	}
	return int(lower * 100 / total)
}
