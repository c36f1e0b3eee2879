package main

import (
	"strings"
	"testing"
)

const wrkAnswersOutput = `Running 20s test @ http://127.0.0.1:22561
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    13.41ms   22.38ms   1.23s    93.00%
    Req/Sec     3.84k     1.62k    7.79k    65.48%
  Latency Distribution
     50%  850.00us
     75%   10.28ms
     90%   22.00ms
     99%    1.20s
  151817 requests in 20.06s, 210.85MB read
  Socket errors: connect 0, read 0, write 0, timeout 12
  Non-2xx or 3xx responses: 5
Requests/sec:   7566.88
Transfer/sec:     10.51MB
`

func TestParseAnswersWrk(t *testing.T) {
	var res loadResult
	if err := parseAnswersWrk(wrkAnswersOutput, &res); err != nil {
		t.Fatal(err)
	}
	if res.rps != 7566.88 || res.requests != 151817 || res.p50 != 0.85 || res.p99 != 1200 || res.non2xx != 5 ||
		res.socketErrors != "Socket errors: connect 0, read 0, write 0, timeout 12" {
		t.Errorf("parsed %+v", res)
	}
	// Without --latency there is no distribution to read.
	noLatency := strings.Replace(wrkAnswersOutput, "     99%    1.20s\n", "", 1)
	if err := parseAnswersWrk(noLatency, &res); err == nil {
		t.Errorf("no error without the 99th percentile")
	}
}

func TestLoadRunsFrom(t *testing.T) {
	runs, err := loadRunsFrom("sqlite=0,1M postgres=")
	if err != nil || len(runs) != 2 || runs[0].key != "sqlite.0" || runs[1].key != "sqlite.1m" {
		t.Errorf("sqlite=0,1M postgres=: %+v, %v", runs, err)
	}
	if runs, err := loadRunsFrom(""); err != nil || len(runs) != len(defaultLoadRuns) {
		t.Errorf("empty: %d runs, %v", len(runs), err)
	}
	for _, bad := range []string{"mysql=0", "sqlite=5M", "sqlite"} {
		if _, err := loadRunsFrom(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
