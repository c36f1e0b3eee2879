package client

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Start runs the client in the page, in slices that leave the browser free
// in between: go.run's task has started Go and initialised every package;
// then go-app starts and mounts root, which adopts the page in steps
// (root.adopt). Each slice stays well under the 50 ms a task may take on a
// mid-range phone, so a tap meanwhile is carried out at once by the page's
// own script.
func Start() {
	yield()
	Routes()
	app.RunWhenOnBrowser()
}

// yield lets the browser run what is waiting (input first, then a frame)
// before the caller goes on. Go's runtime hands the thread back to the
// browser whenever every goroutine waits, and this one waits for a task
// the browser queues behind those.
func yield() {
	done := make(chan struct{})
	resume := app.FuncOf(func(app.Value, []app.Value) any {
		close(done)
		return nil
	})
	app.Window().Call("setTimeout", resume)
	<-done
	resume.Release()
}
