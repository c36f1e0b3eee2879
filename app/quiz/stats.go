package quiz

import "maps"

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
	// Stale and AsOf mark stats served from memory while the store cannot
	// be read: the last figures read, at AsOf (RFC 3339).
	Stale bool   `json:"stale,omitempty"`
	AsOf  string `json:"asOf,omitempty"`
}

// MinShareAnswers is how many answers a question needs before its shares
// mean anything: the first reader's would be their own answer alone,
// "100% of readers".
const MinShareAnswers = 2

// ShareOf returns the percentage (0..100, rounded to nearest) of the
// question's answers that chose the choice. ok is false while the question
// has fewer than MinShareAnswers answers, so the UI can show "—" instead.
func (s Stats) ShareOf(question, choice string) (pct int, ok bool) {
	var total int64
	for _, n := range s.Questions[question] {
		total += n
	}
	if total < MinShareAnswers {
		return 0, false
	}
	n := s.Questions[question][choice]
	return int((n*200 + total) / (2 * total)), true
}

// MinStandingOthers is how many other finished readers a standing needs
// before it means anything: beside one other reader, "you beat 100% of
// readers" says only that one person scored lower, and tells the reader
// that person's result.
const MinStandingOthers = 2

// Standing returns N in "you beat N% of readers" for a reader whom the stats
// count among the finished, with the score: the share of the other finished
// readers with a strictly lower score, rounded down so that nobody is told
// they beat everyone when they tied someone. others is how many other
// readers finished (0: the reader is the first); ok is false while they are
// fewer than MinStandingOthers, so the UI says so instead of a percentage.
func (s Stats) Standing(score int) (pct int, others int64, ok bool) {
	var lower int64
	for n, readers := range s.Scores {
		if n == score && readers > 0 {
			readers-- // the reader
		}
		others += readers
		if n < score {
			lower += readers
		}
	}
	if others < MinStandingOthers {
		return 0, others, false
	}
	return int(lower * 100 / others), others, true
}

// Including returns the stats with the reader's answer counted, for stats
// read before the server stored it (Receipt.Counted false). When it was the
// reader's last question, finished is true and score their score: they are
// counted among the finished readers too. s is not changed.
func (s Stats) Including(a Answer, finished bool, score int) Stats {
	out := s
	out.Questions = maps.Clone(s.Questions)
	if out.Questions == nil {
		out.Questions = map[string]map[string]int64{}
	}
	choices := maps.Clone(out.Questions[a.Question])
	if choices == nil {
		choices = map[string]int64{}
	}
	choices[a.Choice]++
	out.Questions[a.Question] = choices
	out.Answers++
	if finished && score >= 0 && score < len(s.Scores) {
		out.Scores = append([]int64(nil), s.Scores...)
		out.Scores[score]++
		out.Finished++
	}
	return out
}
