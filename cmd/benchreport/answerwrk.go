package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	reWrkRequests = regexp.MustCompile(`(\d+) requests in ([0-9.]+)(us|ms|s|m),`)
	reWrkPercent  = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s|m)\s*$`)
)

// parseAnswersWrk reads what the answers load needs from wrk's report
// (with --latency): requests per second, how many completed, the 50th and
// 99th percentile latencies, non-2xx responses and socket errors. wrk
// writes latencies with a unit: 850.00us, 7.02ms, 1.20s.
func parseAnswersWrk(out string, res *loadResult) error {
	m := reRPS.FindStringSubmatch(out)
	if m == nil {
		return fmt.Errorf("wrk printed no Requests/sec: %s", lastLine(out))
	}
	res.rps, _ = strconv.ParseFloat(m[1], 64)
	if m := reWrkRequests.FindStringSubmatch(out); m != nil {
		res.requests, _ = strconv.Atoi(m[1])
	} else {
		return fmt.Errorf("wrk printed no request count: %s", lastLine(out))
	}
	found := 0
	for _, m := range reWrkPercent.FindAllStringSubmatch(out, -1) {
		v, err := latencyMS(m[2], m[3])
		if err != nil {
			return err
		}
		if m[1] == "50" {
			res.p50 = v
		} else {
			res.p99 = v
		}
		found++
	}
	if found != 2 {
		return fmt.Errorf("wrk printed no latency distribution (run it with --latency)")
	}
	if m := reNon2xx.FindStringSubmatch(out); m != nil {
		res.non2xx, _ = strconv.Atoi(m[1])
	}
	if m := reSockErr.FindString(out); m != "" {
		res.socketErrors = strings.TrimSpace(m)
	}
	return nil
}

// latencyMS converts one of wrk's latencies to milliseconds.
func latencyMS(v, unit string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("wrk latency %s%s: %w", v, unit, err)
	}
	switch unit {
	case "us":
		return f / 1000, nil
	case "ms":
		return f, nil
	case "s":
		return f * 1000, nil
	default: // m
		return f * 60_000, nil
	}
}
