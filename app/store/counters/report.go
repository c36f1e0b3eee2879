package counters

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Checker is a store whose counters can be checked against its answers
// (both stores are; `fivecalls recount` and the conformance suite use it).
type Checker interface {
	// CheckCounters counts every stored answer again and compares the result
	// with the counters, in one consistent snapshot. With repair, when they
	// differ, it rewrites the counters from the recount in one transaction
	// that holds off writers meanwhile, so it is safe while servers run.
	CheckCounters(ctx context.Context, repair bool) (Report, error)
}

// Report is what a recount found, over all stories.
type Report struct {
	Answers int64 // stored answers
	Readers int64 // readers with at least one stored answer
	// Choices and Scores list the choice counts and progress buckets whose
	// stored value differs from the recount, sorted.
	Choices []Mismatch
	Scores  []Mismatch
	// ReadersDiffering is the number of readers whose progress row is
	// missing, extra or wrong. Rows are not listed: they hold reader tokens.
	ReadersDiffering int64
	// Repaired is true when the counters differed and were rewritten.
	Repaired bool
}

// OK reports whether every counter equals the recount.
func (r Report) OK() bool {
	return len(r.Choices) == 0 && len(r.Scores) == 0 && r.ReadersDiffering == 0
}

// Mismatch is one counter that differs from the recount.
type Mismatch struct {
	Counter   string // which, e.g. "five-calls q1=a" or "five-calls answered 3, 2 right"
	Stored    int64
	Recounted int64
}

// String reads "five-calls q1=a: stored 12, recounted 13".
func (m Mismatch) String() string {
	return fmt.Sprintf("%s: stored %d, recounted %d", m.Counter, m.Stored, m.Recounted)
}

// DiffChoices compares stored choice counts with recounted ones; a missing
// count is zero.
func DiffChoices(stored, recounted map[ChoiceKey]int64) []Mismatch {
	return diff(stored, recounted, func(k ChoiceKey) string { return fmt.Sprintf("%s %s=%s", k.Story, k.Question, k.Choice) })
}

// DiffScores compares stored progress buckets with recounted ones; a missing
// bucket is zero.
func DiffScores(stored, recounted map[ScoreKey]int64) []Mismatch {
	return diff(stored, recounted, func(k ScoreKey) string {
		return fmt.Sprintf("%s answered %d, %d right", k.Story, k.Answered, k.Correct)
	})
}

func diff[K comparable](stored, recounted map[K]int64, name func(K) string) []Mismatch {
	var out []Mismatch
	for k, s := range stored {
		if r := recounted[k]; r != s {
			out = append(out, Mismatch{name(k), s, r})
		}
	}
	for k, r := range recounted {
		if _, ok := stored[k]; !ok && r != 0 {
			out = append(out, Mismatch{name(k), 0, r})
		}
	}
	slices.SortFunc(out, func(a, b Mismatch) int { return cmp.Compare(a.Counter, b.Counter) })
	return out
}
