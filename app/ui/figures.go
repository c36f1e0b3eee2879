package ui

import "fmt"

// The quiz's words for the readers' figures: the page prints the
// placeholders, the WebAssembly the figures (app/quiz computes them).

// ShareText is what a choice says of the readers who chose it: "42% of
// readers", or "— of readers" where nobody has answered yet or the figures
// have not arrived.
func ShareText(pct int, ok bool) string {
	if !ok {
		return "— of readers"
	}
	return fmt.Sprintf("%d%% of readers", pct)
}

// ComparingText holds the end's place until the reader's standing arrives.
const ComparingText = "Comparing with other readers…"

// StandingText says how a finished reader compares (quiz.Stats.Standing):
// "You beat 40% of readers.", or that they are the first to finish.
func StandingText(pct int, ok bool) string {
	if !ok {
		return "You are the first reader to finish this quiz."
	}
	return fmt.Sprintf("You beat %d%% of readers.", pct)
}

// NoFiguresText says that the readers' figures cannot be had: offline, or
// the server cannot read them.
const NoFiguresText = "Other readers' results are not available right now."
