package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// walRestarts reads how many times the log has started over, from the
// -wal file's header (the checkpoint sequence number, bytes 12–15).
func walRestarts(t *testing.T, path string) uint32 {
	t.Helper()
	b, err := os.ReadFile(path + "-wal")
	if err != nil || len(b) < 32 {
		t.Fatalf("read the -wal header: %d bytes, %v", len(b), err)
	}
	return binary.BigEndian.Uint32(b[12:16])
}

// TestCheckpointRestartsTheLog: once the log holds restartPages, the
// background checkpoint leaves nothing in it to copy, even though the
// writer commits while it copies, so the next commit writes the log from
// its start again instead of growing it.
//
// What the writer appends during a copy is left for the next one; here a
// read transaction open during the copies (on a connection of its own) has
// the same effect on the commit made after it began. Without the last copy,
// made between two commits, that commit stays in the log, the next commit
// appends to it, and the log keeps growing.
func TestCheckpointRestartsTheLog(t *testing.T) {
	defer func(p int, i time.Duration) { restartPages, checkpointInterval, copiedUnlocked = p, i, nil }(restartPages, checkpointInterval)
	restartPages = 16
	checkpointInterval = time.Hour // only the checkpoints below
	path := filepath.Join(t.TempDir(), "answers.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	n := 0
	save := func() {
		t.Helper()
		n++
		if _, err := s.SaveAnswer(t.Context(), testAnswer(n)); err != nil {
			t.Fatal(err)
		}
	}

	for round := range 3 {
		for range 50 { // past restartPages, in separate commits
			save()
		}
		snapshot, err := other.BeginTx(t.Context(), &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var answers int
		if err := snapshot.QueryRow(`SELECT count(*) FROM answers`).Scan(&answers); err != nil {
			t.Fatal(err)
		}
		save() // after the snapshot: the unlocked copies leave it in the log
		copiedUnlocked = func() { snapshot.Rollback() }

		before := walRestarts(t, path)
		s.checkpoint(walState{})
		save()
		if after := walRestarts(t, path); after <= before {
			t.Fatalf("round %d: the log did not start over after the checkpoint (sequence %d, then %d)", round, before, after)
		}
	}
}

// TestIdleLogIsTruncated: once answers stop and the log is copied, a large
// -wal file is cut back to nothing, and the writer waits for other
// processes' writes again afterwards. (Fails without the call of
// truncateLog, or without its last statement.)
func TestIdleLogIsTruncated(t *testing.T) {
	defer func(b int64, i time.Duration) { walIdleBytes, checkpointInterval = b, i }(walIdleBytes, checkpointInterval)
	walIdleBytes = 64 << 10
	checkpointInterval = time.Hour // only the checkpoints below
	path := filepath.Join(t.TempDir(), "answers.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for n := range 100 {
		if _, err := s.SaveAnswer(t.Context(), testAnswer(n)); err != nil {
			t.Fatal(err)
		}
	}
	if size := fileSize(path + "-wal"); size <= walIdleBytes {
		t.Fatalf("the -wal file holds %d bytes, want more than %d for this test", size, walIdleBytes)
	}
	last := s.checkpoint(walState{}) // copies the log
	if size := fileSize(path + "-wal"); size <= walIdleBytes {
		t.Fatalf("the first checkpoint truncated the log (%d bytes): nothing says yet that answers stopped", size)
	}
	s.checkpoint(last) // nothing new since: answers stopped
	if size := fileSize(path + "-wal"); size != 0 {
		t.Errorf("the -wal file holds %d bytes after answers stopped, want 0", size)
	}
	s.writeMu.Lock()
	var ms int64
	err = s.writer.QueryRowContext(t.Context(), "PRAGMA busy_timeout").Scan(&ms)
	s.writeMu.Unlock()
	if err != nil || ms != busyTimeout.Milliseconds() {
		t.Errorf("the writer's busy_timeout after the truncation: %d ms (%v), want %d", ms, err, busyTimeout.Milliseconds())
	}
	if _, err := s.SaveAnswer(t.Context(), testAnswer(1000)); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(t.Context(), "s", 1)
	if err != nil || st.Answers != 101 {
		t.Errorf("after the truncation: %d answers, %v; want 101", st.Answers, err)
	}
}
