package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// crashChildEnv tells the test binary it is the child of
// TestKillNineDuringCheckpoint: "WHAT PATH SEED".
const crashChildEnv = "FIVECALLS_CHECKPOINT_CRASH_CHILD"

// TestKillNineDuringCheckpoint: a process storing answers is killed with
// SIGKILL in the middle of one of the checkpointer's two steps that hold the
// writer's lock, the copy that lets the log start over ("restart") and the
// truncation of an idle log ("truncate"), at a random moment within the
// first 3 ms of it. Every answer the store acknowledged must be there when
// the database is opened again, the counters must equal a recount, and the
// file must pass SQLite's integrity check.
//
// It fails (checked) when the restart cuts the -wal file itself
// (os.Truncate) instead of copying the rest under the lock, and when the
// idle truncation does so without waiting for the answers to stop (the
// now == last condition dropped): the answers committed since the last
// copy are lost.
func TestKillNineDuringCheckpoint(t *testing.T) {
	if spec := os.Getenv(crashChildEnv); spec != "" {
		crashChild(t, spec)
		return
	}
	if testing.Short() {
		t.Skip("runs the test binary as a child process and kills it; skipped with -short")
	}
	for _, what := range []string{"restart", "truncate"} {
		t.Run(what, func(t *testing.T) {
			for round := range 6 {
				path := filepath.Join(t.TempDir(), "answers.db")
				acked, how := runCrashChild(t, what, path, round)
				if len(acked) == 0 {
					t.Fatalf("round %d: no answer was acknowledged before the kill (%s)", round, how)
				}
				checkStoredAfterCrash(t, path, acked)
				t.Logf("round %d: %s; %d answers acknowledged, all stored", round, how, len(acked))
			}
		})
	}
}

// runCrashChild runs the child, which must end killed by SIGKILL, and
// returns the answers it acknowledged and the line saying when it killed
// itself.
func runCrashChild(t *testing.T, what, path string, seed int) (acked []int, how string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillNineDuringCheckpoint$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d", crashChildEnv, what, path, seed))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child ended with %v, want killed by SIGKILL during a %s; it said:\n%s", err, what, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "acked ")); err == nil {
			acked = append(acked, n)
		}
	}
	for line := range strings.Lines(stderr.String()) {
		if strings.HasPrefix(line, "kill -9") {
			how = strings.TrimSpace(line)
		}
	}
	if how == "" {
		t.Fatalf("the child was killed, but not by itself during a %s; it said:\n%s", what, stderr.String())
	}
	return acked, how
}

// checkStoredAfterCrash opens the database again: each acknowledged answer,
// sent again, must be found already stored.
func checkStoredAfterCrash(t *testing.T, path string, acked []int) {
	t.Helper()
	ctx := t.Context()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open after kill -9: %v", err)
	}
	defer s.Close()
	report, err := s.CheckCounters(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if !report.OK() {
		t.Errorf("the counters differ from a recount after kill -9: %+v", report)
	}
	if report.Answers < int64(len(acked)) {
		t.Errorf("%d answers stored after kill -9, but %d were acknowledged", report.Answers, len(acked))
	}
	lost := 0
	for _, n := range acked {
		stored, err := s.SaveAnswer(ctx, testAnswer(n))
		if err != nil {
			t.Fatal(err)
		}
		if stored {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged answers were not stored after kill -9", lost, len(acked))
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check after kill -9: %q, %v", integrity, err)
	}
}

// crashChild stores answers with checkpoints made frequent (a restart every
// 16 pages, a truncation as soon as the load pauses), and kills itself
// from underWriterLock during the chosen step, after it has run a few
// times. Each acknowledged answer is written to stdout as it returns.
func crashChild(t *testing.T, spec string) {
	var what, path string
	var seed uint64
	if _, err := fmt.Sscan(spec, &what, &path, &seed); err != nil {
		t.Fatalf("%s=%q: %v", crashChildEnv, spec, err)
	}
	restartPages, checkpointInterval, walIdleBytes = 16, 2*time.Millisecond, 0
	rng := rand.New(rand.NewPCG(seed, 24))
	times, killAt := 0, 2+rng.IntN(4)
	underWriterLock = func(step string) { // on the checkpointer's goroutine only
		if step != what {
			return
		}
		if times++; times == killAt {
			delay := time.Duration(rng.IntN(3000)) * time.Microsecond
			fmt.Fprintf(os.Stderr, "kill -9 %v into %s number %d\n", delay, step, times)
			go func() {
				time.Sleep(delay)
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
			}()
		}
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var stdout sync.Mutex
	save := func(n int) {
		if _, err := s.SaveAnswer(context.Background(), testAnswer(n)); err != nil {
			fmt.Fprintln(os.Stderr, "save:", err)
			return
		}
		stdout.Lock()
		fmt.Fprintf(os.Stdout, "acked %d\n", n) // os.Stdout is unbuffered: in the pipe before the next answer
		stdout.Unlock()
	}
	// Eight clients; for the truncation, in bursts of 80 answers with
	// pauses long enough for two checkpoints to find nothing new.
	next := 0
	for start := time.Now(); time.Since(start) < 20*time.Second; {
		var wg sync.WaitGroup
		for c := range 8 {
			first := next + c*10
			wg.Go(func() {
				for n := first; n < first+10; n++ {
					save(n)
				}
			})
		}
		wg.Wait()
		next += 80
		if what == "truncate" {
			time.Sleep(20 * time.Millisecond)
		}
	}
	t.Fatalf("not killed within 20 s: the %s ran %d times", what, times)
}
