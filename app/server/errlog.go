package server

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// errorLogInterval is how often one error may be logged again.
const errorLogInterval = 10 * time.Second

// errorLogMaxKeys bounds the distinct errors being counted at once; past
// it, new ones share one key, "others": the first writes its line, the
// rest are only counted, so a flood of distinct errors (each naming a
// client's address, say) writes no more lines than a flood of one.
const errorLogMaxKeys = 1000

// othersKey is the key the errors past errorLogMaxKeys share.
const othersKey = "\x00others"

// errorLog writes warning and error lines, each distinct one at most once
// per interval: the first at once (with the request id of the request that
// met it), the next ones counted, and at the end of the interval one line
// with how many there were. A failing disk used to write one line per
// request, 15,854 lines in 12 s, burying everything else in the log.
// Errors are the same when their level, message and error text are.
type errorLog struct {
	logger   zerolog.Logger
	interval time.Duration

	mu    sync.Mutex
	count map[string]int // by key, for the errors logged in the current interval
}

func newErrorLog(logger zerolog.Logger, interval time.Duration) *errorLog {
	return &errorLog{logger: logger, interval: interval, count: map[string]int{}}
}

// warn logs a warning; r, when not nil, gives the line its request id, and
// fields adds fields to the first line.
func (l *errorLog) warn(r *http.Request, msg string, err error, fields func(*zerolog.Event) *zerolog.Event) {
	l.log(r, zerolog.WarnLevel, msg, err, fields)
}

// error logs an error, as warn does.
func (l *errorLog) error(r *http.Request, msg string, err error, fields func(*zerolog.Event) *zerolog.Event) {
	l.log(r, zerolog.ErrorLevel, msg, err, fields)
}

func (l *errorLog) log(r *http.Request, level zerolog.Level, msg string, err error, fields func(*zerolog.Event) *zerolog.Event) {
	text := ""
	if err != nil {
		text = err.Error()
	}
	key := strconv.Itoa(int(level)) + "\x00" + msg + "\x00" + text
	l.mu.Lock()
	if n, ok := l.count[key]; ok {
		l.count[key] = n + 1
		l.mu.Unlock()
		return
	}
	if len(l.count) >= errorLogMaxKeys {
		key = othersKey
		if n, ok := l.count[key]; ok {
			l.count[key] = n + 1 // counted, not written: see errorLogMaxKeys
			l.mu.Unlock()
			return
		}
	}
	l.count[key] = 0
	l.mu.Unlock()
	time.AfterFunc(l.interval, func() { l.summarise(key, level, msg, err) })
	l.write(r, level, msg, err, fields)
}

func (l *errorLog) write(r *http.Request, level zerolog.Level, msg string, err error, fields func(*zerolog.Event) *zerolog.Event) {
	logger := &l.logger
	if r != nil {
		logger = requestLogger(r, l.logger)
	}
	e := logger.WithLevel(level).Err(err)
	if fields != nil {
		e = fields(e)
	}
	e.Msg(msg)
}

// summarise ends the key's interval: the repeats it counted, if any, make
// one line, and the next occurrence is logged at once again.
func (l *errorLog) summarise(key string, level zerolog.Level, msg string, err error) {
	l.mu.Lock()
	n := l.count[key]
	delete(l.count, key)
	l.mu.Unlock()
	if n == 0 {
		return
	}
	e := l.logger.WithLevel(level)
	if key == othersKey {
		e = e.Str("note", "different errors, past the bound of distinct errors logged one by one")
	} else {
		e = e.Err(err)
	}
	e.Int("repeated", n).Float64("interval_s", l.interval.Seconds()).Msg(msg)
}
