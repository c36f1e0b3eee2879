package server

import (
	"context"

	"fivecalls/app/quiz"
)

// meteredStore counts stored answers and store errors for /metrics, so the
// API handlers need not know metrics exist.
type meteredStore struct {
	quiz.Store
	m *Metrics
}

// meter wraps the store; a nil store stays nil (the API is then off).
func meter(s quiz.Store, m *Metrics) quiz.Store {
	if s == nil {
		return nil
	}
	return &meteredStore{Store: s, m: m}
}

func (s *meteredStore) SaveAnswer(ctx context.Context, a quiz.Answer) (bool, error) {
	stored, err := s.Store.SaveAnswer(ctx, a)
	switch {
	case err != nil && ctx.Err() == nil: // a reader who left is not a store error
		s.m.StoreError()
	case stored:
		s.m.AnswerStored()
	}
	return stored, err
}

func (s *meteredStore) Stats(ctx context.Context, story string, questions int) (quiz.Stats, error) {
	st, err := s.Store.Stats(ctx, story, questions)
	if err != nil && ctx.Err() == nil {
		s.m.StoreError()
	}
	return st, err
}

// queueDepth reads the group commit's queue depth when the store has one.
func (s *meteredStore) queueDepth() float64 {
	if q, ok := s.Store.(interface{ QueueDepth() int }); ok {
		return float64(q.QueueDepth())
	}
	return 0
}
