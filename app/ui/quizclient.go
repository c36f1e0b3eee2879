package ui

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// The quiz talks to the answers API. Answers go into a queue kept in
// localStorage first and leave it only once the server has acknowledged them,
// so an answer given offline is sent when the connection returns. An
// answer's id is derived from the reader and the question (only a reader's
// first answer to a question counts), so a resend, a reload or a second
// tab never counts twice.

const apiTimeout = 8 * time.Second

// answerRequest is the body of POST /api/answers.
type answerRequest struct {
	Story    string `json:"story"`
	Question string `json:"question"`
	Choice   string `json:"choice"`
	Reader   string `json:"reader"`
	Answer   string `json:"answer"`
}

// statsResponse is what GET /api/stats returns.
type statsResponse struct {
	Story     string                      `json:"story"`
	Answers   int64                       `json:"answers"`
	Questions map[string]map[string]int64 `json:"questions"`
	Scores    []int64                     `json:"scores"`
}

// share returns the percentage of readers who chose the choice.
func (s *statsResponse) share(question, choice string) (int, bool) {
	if s == nil {
		return 0, false
	}
	counts := s.Questions[question]
	var total int64
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return 0, false
	}
	return int((counts[choice]*100 + total/2) / total), true
}

// counts reports whether the figures include at least one answer of each
// choice given: figures made before the reader's own answers reached the
// server do not.
func (s *statsResponse) counts(answers map[string]string) bool {
	for question, choice := range answers {
		if s.Questions[question][choice] < 1 {
			return false
		}
	}
	return true
}

// beatPercent is the share of the other finished readers with a lower
// score. The figures must already count this reader (see quiz.settleDelay):
// one reader at their score, themselves, is left out.
func (s *statsResponse) beatPercent(score int) (int, bool) {
	if s == nil {
		return 0, false
	}
	var total, lower int64
	for sc, n := range s.Scores {
		if sc == score && n > 0 {
			n-- // this reader
		}
		total += n
		if sc < score {
			lower += n
		}
	}
	if total == 0 {
		return 0, false
	}
	return int(lower * 100 / total), true
}

// randomToken is a random url-safe id, for the reader and for each answer.
func randomToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return fmt.Sprintf("t%d", time.Now().UnixNano())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// answerID is the id of the reader's answer to the question: the same
// reader and question always give the same id, which the API stores once.
func answerID(reader, question string) string {
	h := fnv.New128a()
	h.Write([]byte(reader))
	h.Write([]byte{0})
	h.Write([]byte(question))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// maxPosted bounds the ids remembered as posted: a few stories' quizzes.
const maxPosted = 500

// posted reports whether the server has acknowledged the answer id.
func posted(id string) bool {
	return slices.Contains(postedIDs(), id)
}

func postedIDs() []string {
	var ids []string
	if raw := storageGet(PostedKey); raw != "" {
		_ = json.Unmarshal([]byte(raw), &ids)
	}
	return ids
}

// markPosted remembers that the server has the answer.
func markPosted(id string) {
	ids := append(postedIDs(), id)
	if len(ids) > maxPosted {
		ids = ids[len(ids)-maxPosted:]
	}
	b, _ := json.Marshal(ids)
	storageSet(PostedKey, string(b))
}

// readerToken returns this browser's reader token, creating it once. When
// storage is blocked the token lives for this page view only.
func readerToken() string {
	if t := storageGet(ReaderKey); t != "" {
		return t
	}
	t := randomToken()
	storageSet(ReaderKey, t)
	return t
}

// pendingAnswers reads the queue of unsent answers.
func pendingAnswers() []answerRequest {
	var q []answerRequest
	if raw := storageGet(PendingKey); raw != "" {
		_ = json.Unmarshal([]byte(raw), &q)
	}
	return q
}

func savePending(q []answerRequest) {
	b, _ := json.Marshal(q)
	storageSet(PendingKey, string(b))
}

// enqueueAnswer adds an answer to the queue before any attempt to send it.
func enqueueAnswer(a answerRequest) {
	q := pendingAnswers()
	for _, p := range q {
		if p.Answer == a.Answer {
			return
		}
	}
	savePending(append(q, a))
}

// flushMu makes flushes take turns: two overlapping flushes could each save
// their view of the queue and drop an answer queued in between.
var flushMu sync.Mutex

// flushAnswers sends queued answers in order and removes each one the server
// acknowledged (2xx) or refused for good (a 4xx other than 408 and 429). It
// stops at the first network failure and leaves the rest for the next try.
// It reports whether the queue is empty afterwards.
func flushAnswers(ctx context.Context, apiBase string, fallback []answerRequest) bool {
	flushMu.Lock()
	defer flushMu.Unlock()
	q := pendingAnswers()
	blocked := storageGet(PendingKey) == "" && !storageSet(ProbeKey, "1")
	if blocked {
		q = fallback // storage blocked: send what this page view holds
	}
	for _, a := range q {
		status, err := postAnswer(ctx, apiBase, a)
		if err != nil || status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || status >= 500 {
			return false
		}
		removePending(a.Answer)
		markPosted(a.Answer)
	}
	return true
}

// removePending drops one answer from the stored queue, re-reading it so
// answers queued meanwhile stay.
func removePending(id string) {
	q := pendingAnswers()
	out := q[:0]
	for _, a := range q {
		if a.Answer != id {
			out = append(out, a)
		}
	}
	savePending(out)
}

func postAnswer(ctx context.Context, apiBase string, a answerRequest) (int, error) {
	body, _ := json.Marshal(a)
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	res, err := fetchText(ctx, http.MethodPost, apiBase+"/api/answers", "application/json", string(body))
	if err != nil {
		return 0, err
	}
	return res.Status, nil
}

// fetchStats loads what other readers chose; nil when the API is unreachable.
func fetchStats(ctx context.Context, apiBase, storyID string) *statsResponse {
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	res, err := fetchText(ctx, http.MethodGet, apiBase+"/api/stats?story="+url.QueryEscape(storyID), "", "")
	if err != nil || res.Status != http.StatusOK || !strings.HasPrefix(res.ContentType, "application/json") {
		return nil
	}
	var s statsResponse
	if err := json.Unmarshal([]byte(res.Body), &s); err != nil {
		return nil
	}
	return &s
}
