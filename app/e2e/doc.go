// Package e2e holds the browser tests of Five Calls: the real server on a
// 127.0.0.1 port, the real WebAssembly, and Debian's Chromium driven through
// the DevTools protocol with chromedp. They need web/app.wasm (make build)
// and Chromium; under CI=true or FIVECALLS_REQUIRE_ALL=1 (make test) a
// missing one fails the run instead of skipping it.
package e2e
