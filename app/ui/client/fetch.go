package client

import (
	"context"
	"errors"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// fetchResult is the part of a fetch Response the quiz needs.
type fetchResult struct {
	Status      int
	ContentType string
	Body        string
}

// errNoFetch means the request never got an answer (offline, blocked, timeout).
var errNoFetch = errors.New("the request got no answer")

// fetchText calls the browser's fetch directly. Go's net/http client would do
// the same through far more code: its transport drags TLS and HTTP/2 into the
// WebAssembly binary, several megabytes for two JSON calls.
func fetchText(ctx context.Context, method, url, contentType, body string) (fetchResult, error) {
	if app.IsServer {
		return fetchResult{}, errNoFetch
	}
	type outcome struct {
		res fetchResult
		err error
	}
	done := make(chan outcome, 1)
	var funcs []app.Func
	release := func() {
		for _, f := range funcs {
			f.Release()
		}
	}
	fail := app.FuncOf(func(app.Value, []app.Value) any {
		done <- outcome{err: errNoFetch}
		return nil
	})
	var res fetchResult
	onText := app.FuncOf(func(_ app.Value, args []app.Value) any {
		if len(args) > 0 {
			res.Body = args[0].String()
		}
		done <- outcome{res: res}
		return nil
	})
	onResponse := app.FuncOf(func(_ app.Value, args []app.Value) any {
		r := args[0]
		res.Status = r.Get("status").Int()
		if ct := r.Get("headers").Call("get", "Content-Type"); ct.Truthy() {
			res.ContentType = ct.String()
		}
		r.Call("text").Call("then", onText).Call("catch", fail)
		return nil
	})
	funcs = append(funcs, fail, onText, onResponse)

	opts := map[string]any{"method": method, "credentials": "omit", "cache": "no-store"}
	if body != "" {
		opts["body"] = body
		opts["headers"] = map[string]any{"Content-Type": contentType}
	}
	abort := app.Window().Get("AbortController")
	var controller app.Value
	if abort.Truthy() {
		controller = abort.New()
		opts["signal"] = controller.Get("signal")
	}
	app.Window().Call("fetch", url, opts).Call("then", onResponse).Call("catch", fail)

	select {
	case o := <-done:
		release()
		return o.res, o.err
	case <-ctx.Done():
		if controller != nil {
			controller.Call("abort")
		}
		<-done // the aborted promise settles; only then may its callbacks go
		release()
		return fetchResult{}, errNoFetch
	}
}
