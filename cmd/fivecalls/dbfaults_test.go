package main

// Faults of the database file with the real binary under a bounded loopback
// load of answers: the file deleted or replaced while serving, the disk
// filling up, a read-only database at start. In each the server must never
// acknowledge an answer it cannot find again after a restart, must answer
// 503 with Retry-After rather than 500, fail readiness, and say so in its
// log once rather than per request.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fivecalls/app/quiz"
	"fivecalls/app/store/sqlite"
	"fivecalls/app/store/storetest"
	"fivecalls/app/story"
)

// TestDatabaseFileDeletedOrReplacedUnderLoad: rm answers.db* (or another
// database moved over it) while answers keep coming. From the change on, no
// answer sent is acknowledged; every acknowledged answer is found after a
// restart: in the database written back at its path, or, when another file
// was put there, in the copy saved beside it.
func TestDatabaseFileDeletedOrReplacedUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it under load; skipped with -short")
	}
	bin := mustBuildFivecalls(t)
	web := mustServeWebDir(t)
	for _, replace := range []bool{false, true} {
		name, kind := "deleted", sqlite.FaultFileGone
		if replace {
			name, kind = "replaced", sqlite.FaultFileReplaced
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "answers.db")
			args := []string{"--web", web, "--db", "sqlite:" + db, "--rate-limit", "0"}
			p := startServe(t, bin, args...)
			load := newAnswerLoad(t)
			stop := load.start(p.url)
			defer stop()
			for start := time.Now(); load.ackedCount() < 500 && time.Since(start) < 10*time.Second; {
				time.Sleep(10 * time.Millisecond)
			}

			var other string
			if replace {
				other = filepath.Join(t.TempDir(), "other.db")
				mustDatabaseWithOneAnswer(t, other)
			}
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if replace {
					if err := os.Rename(other+suffix, db+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
						t.Fatal(err)
					}
				} else if err := os.Remove(db + suffix); err != nil && (suffix == "" || !errors.Is(err, os.ErrNotExist)) {
					// (a -wal or -shm file may be gone already: SQLite
					// removes them when it closes the database, and the
					// server may notice the deleted database file first.)
					t.Fatal(err)
				}
			}
			changed := time.Now()
			time.Sleep(2500 * time.Millisecond) // the load goes on

			if res, body := httpGet(t, p.url+"/readyz"); res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, kind) {
				t.Errorf("/readyz: %d %q, want 503 naming %s", res.StatusCode, body, kind)
			}
			mustRefuseAnswer(t, p.url, load.body(load.reserve()))
			if v := metricValue(t, p.url, "fivecalls_store_refusing_answers"); v != 1 {
				t.Errorf("fivecalls_store_refusing_answers = %v, want 1", v)
			}
			if v := metricValue(t, p.url, `fivecalls_store_faults_total{kind="`+kind+`"}`); v != 1 {
				t.Errorf("fivecalls_store_faults_total{kind=%q} = %v, want 1", kind, v)
			}
			stop()
			acked, unknown := load.results(t)
			late := 0
			for _, i := range acked {
				if load.sentAt[i].After(changed) {
					late++
				}
			}
			if late > 0 {
				t.Errorf("%d answers sent after the database file was %s were acknowledged", late, name)
			}
			if load.statusN[http.StatusInternalServerError] > 0 || load.statusN[http.StatusServiceUnavailable] == 0 {
				t.Errorf("statuses %v: want 503s and no 500", load.statusN)
			}
			if n := p.logs.count(faultMessage); n != 1 {
				t.Errorf("the fault was logged %d times, want once", n)
			}
			if n := p.logs.count("answers store unavailable"); n < 1 || n > 2 {
				t.Errorf("%d lines for the refused answers (%d refused), want the first and at most one count", n, load.statusN[http.StatusServiceUnavailable])
			}
			mustStopCleanly(t, p)
			t.Logf("%s: %d answers acknowledged, %d refused or unanswered, statuses %v", name, len(acked), len(unknown), load.statusN)

			if !replace {
				// Written back where it was: a restart has every answer.
				p2 := startServe(t, bin, args...)
				load.verifyStored(t, p2.url, acked, unknown)
				mustStopCleanly(t, p2)
				return
			}
			// The replacement is left as it was; the answers are beside it.
			p2 := startServe(t, bin, args...)
			if n := load.answersStored(t, p2.url); n != 1 {
				t.Errorf("the replacement holds %d answers, want its own 1", n)
			}
			mustStopCleanly(t, p2)
			orphans, _ := filepath.Glob(db + ".orphaned-*")
			if len(orphans) != 1 {
				t.Fatalf("saved copies %v, want one %s.orphaned-TIME", orphans, filepath.Base(db))
			}
			p3 := startServe(t, bin, "--web", web, "--db", "sqlite:"+orphans[0], "--rate-limit", "0")
			load.verifyStored(t, p3.url, acked, unknown)
			mustStopCleanly(t, p3)
		})
	}
}

// TestFullDisk fills a small tmpfs under the database while answers keep
// coming: 503 with Retry-After (never 500), readiness failing, two log
// lines rather than one per refused answer; a server started on the full
// disk refuses to start, saying why; when space returns answers are taken
// again, and after a restart every acknowledged one is there. A read-only
// mount is refused at start too.
func TestFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a tmpfs and runs the binary under load; skipped with -short")
	}
	if rerunAsNamespaceRoot(t) {
		return
	}
	dir := mustTmpfs(t, "256m") // room for the -wal to grow for a few seconds of load: the filler, not the -wal, fills it
	bin := mustBuildFivecalls(t)
	web := mustServeWebDir(t)
	db := filepath.Join(dir, "answers.db")
	args := []string{"--web", web, "--db", "sqlite:" + db, "--rate-limit", "0"}
	p := startServe(t, bin, args...)
	load := newAnswerLoad(t)
	stop := load.start(p.url)
	defer stop()
	for start := time.Now(); load.ackedCount() < 300 && time.Since(start) < 10*time.Second; {
		time.Sleep(10 * time.Millisecond)
	}

	filler := filepath.Join(dir, "filler")
	fillDisk(t, filler)
	deadline := time.Now().Add(5 * time.Second)
	for {
		res, _ := httpGet(t, p.url+"/readyz")
		if res.StatusCode == http.StatusServiceUnavailable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz still ready 5 s after the disk filled up")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, body := httpGet(t, p.url+"/readyz"); !strings.Contains(body, sqlite.FaultDiskFull) {
		t.Errorf("/readyz says %q, want it to name %s", body, sqlite.FaultDiskFull)
	}
	time.Sleep(time.Second) // the load goes on against the full disk
	mustRefuseAnswer(t, p.url, load.body(load.reserve()))

	// A server started now on the full disk refuses to, saying why.
	out, err := exec.Command(bin, "serve", "--web", web, "--db", "sqlite:"+filepath.Join(dir, "new.db"), "--addr", "127.0.0.1:0", "--log-format", "json").CombinedOutput()
	if err == nil || strings.Contains(string(out), "fivecalls is serving") || !strings.Contains(string(out), "full") {
		t.Errorf("serve on a full disk: %v\n%s\nwant it to refuse to start, saying the disk is full", err, out)
	}

	os.Remove(filler)
	deadline = time.Now().Add(5 * time.Second)
	for {
		res, _ := httpGet(t, p.url+"/readyz")
		if res.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			_, body := httpGet(t, p.url+"/readyz")
			df, _ := exec.Command("df", "-k", dir).CombinedOutput()
			ls, _ := exec.Command("ls", "-la", dir).CombinedOutput()
			p.logs.mu.Lock()
			msgs := fmt.Sprint(p.logs.messages)
			p.logs.mu.Unlock()
			t.Fatalf("/readyz not ready 5 s after space returned: %q\n%s\n%s\nlog lines by message: %s", body, df, ls, msgs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	before := load.ackedCount()
	time.Sleep(time.Second)
	stop()
	if load.ackedCount() == before {
		t.Error("no answer acknowledged after space returned")
	}
	acked, unknown := load.results(t)
	if load.statusN[http.StatusInternalServerError] > 0 || load.statusN[http.StatusServiceUnavailable] == 0 {
		t.Errorf("statuses %v: want 503s and no 500", load.statusN)
	}
	// The answers refused: the first of each error at once (the commit that
	// found the disk full, then the fast refusals), then a count per 10 s.
	if n := p.logs.count("answers store unavailable"); n < 1 || n > 4 {
		t.Errorf("%d log lines for %d refused answers, want the first and a count per 10 s", n, load.statusN[http.StatusServiceUnavailable])
	}
	// Each start and end of the fault, once. Emptying the -wal file may
	// give back enough room for a while before the filler is gone, so
	// there may be more than one of each; every start has its end.
	faults, ends := p.logs.count(faultMessage), p.logs.count("the answers store takes answers again")
	if faults < 1 || faults != ends {
		t.Errorf("the full disk was logged %d times and its end %d times, want each at least once and as often", faults, ends)
	}
	mustStopCleanly(t, p)
	df, _ := exec.Command("df", "-k", dir).CombinedOutput()
	ls, _ := exec.Command("ls", "-la", dir).CombinedOutput()
	t.Logf("full disk: %d answers acknowledged, %d refused or unanswered, statuses %v\n%s%s", len(acked), len(unknown), load.statusN, df, ls)
	p2 := startServe(t, bin, args...)
	load.verifyStored(t, p2.url, acked, unknown)
	mustStopCleanly(t, p2)

	// Read-only: the same database through a read-only bind mount.
	ro := t.TempDir()
	mustRun(t, "mount", "--bind", dir, ro)
	t.Cleanup(func() { exec.Command("umount", "-l", ro).Run() })
	mustRun(t, "mount", "-o", "remount,bind,ro", ro)
	out, err = exec.Command(bin, "serve", "--web", web, "--db", "sqlite:"+filepath.Join(ro, "answers.db"), "--addr", "127.0.0.1:0", "--log-format", "json").CombinedOutput()
	if err == nil || strings.Contains(string(out), "fivecalls is serving") || !strings.Contains(string(out), "cannot be written") {
		t.Errorf("serve on a read-only database: %v\n%s\nwant it to refuse to start, saying it cannot write", err, out)
	}
}

// faultMessage is the line the store writes when it starts refusing answers.
const faultMessage = "the answers store refuses answers (503) until this is mended"

// mustRefuseAnswer posts an answer and wants 503 with Retry-After.
func mustRefuseAnswer(tb testing.TB, baseURL, body string) {
	tb.Helper()
	res, err := http.Post(baseURL+"/api/answers", "application/json", strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		tb.Errorf("POST /api/answers: %d %s, Retry-After %q; want 503 with Retry-After", res.StatusCode, b, res.Header.Get("Retry-After"))
	}
}

// mustDatabaseWithOneAnswer makes an answers database holding one answer of
// the default story.
func mustDatabaseWithOneAnswer(tb testing.TB, path string) {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	st := story.Default()
	q := st.Quiz.Questions[0]
	storetest.MustSave(tb, s, quiz.Answer{Story: st.ID, Question: q.ID, Choice: q.Choices[0].ID,
		Reader: storetest.RandomToken("reader", 1), ID: storetest.RandomToken("answer", 1)}, true)
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
}

// rerunAsNamespaceRoot lets a user other than root (or root who may not
// mount) run a test that mounts file systems: it runs this one test again
// in a new user and mount namespace where the user is root (unshare -rm, from util-linux), whose
// mounts nobody else sees, and reports its outcome. It returns false for
// root who may mount, who runs the test here, and where the kernel refuses
// a user namespace, where requireRoot and the mount's error then decide.
func rerunAsNamespaceRoot(t *testing.T) bool {
	t.Helper()
	// Root who may mount (CI) runs it here, and so does the re-run itself.
	if os.Getenv(inNamespaceEnv) == "1" || os.Geteuid() == 0 && mayMount(t) {
		return false
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil || exec.Command(unshare, "--user", "--map-root-user", "--mount", "true").Run() != nil {
		return false
	}
	ctx := t.Context()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-5*time.Second))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, unshare, "--user", "--map-root-user", "--mount",
		os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), inNamespaceEnv+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("as root of a new user and mount namespace (unshare -rm):\n%s", out)
	if err != nil {
		t.Fatalf("%s in its own namespace: %v", t.Name(), err)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("%s in its own namespace did not pass", t.Name())
	}
	return true
}

// inNamespaceEnv marks the re-run of a test in its own namespace.
const inNamespaceEnv = "FIVECALLS_TEST_IN_NAMESPACE"

// mayMount reports whether this process can mount a tmpfs: root without
// CAP_SYS_ADMIN (an unprivileged container) cannot, but may still have a
// user namespace of its own in which it can.
func mayMount(t *testing.T) bool {
	dir := t.TempDir()
	if exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).Run() != nil {
		return false
	}
	exec.Command("umount", dir).Run()
	return true
}

// requireRoot is for tests that mount file systems where no namespace of
// their own can be had: as another user they skip, except under CI=true or
// FIVECALLS_REQUIRE_ALL=1 (make test), where a skip would hide them.
func requireRoot(tb testing.TB, why string) {
	tb.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CI") == "true" || os.Getenv("FIVECALLS_REQUIRE_ALL") == "1" {
		tb.Fatalf("%s needs root (CI=true or FIVECALLS_REQUIRE_ALL=1: run as root, as .ci/run does)", why)
	}
	tb.Skipf("%s needs root (set CI=true or FIVECALLS_REQUIRE_ALL=1 to make this a failure)", why)
}

// mustTmpfs mounts a tmpfs of the size on a temporary folder, unmounted
// when the test ends.
func mustTmpfs(tb testing.TB, size string) string {
	tb.Helper()
	requireRoot(tb, "a disk that fills up (a tmpfs)")
	dir := tb.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0750", "tmpfs", dir).CombinedOutput(); err != nil {
		// Root without CAP_SYS_ADMIN (an unprivileged container).
		requireRoot(tb, "mount")
		tb.Fatalf("mount a tmpfs: %v\n%s", err, out)
	}
	tb.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func mustRun(tb testing.TB, name string, args ...string) {
	tb.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		tb.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// fillDisk writes to path until the disk is full.
func fillDisk(tb testing.TB, path string) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 64<<10)
	chunk := make([]byte, 64<<10)
	for {
		if _, err := w.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				tb.Fatalf("fill the disk: %v", err)
			}
			return
		}
	}
}
