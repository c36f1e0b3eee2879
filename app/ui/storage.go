package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Browser storage that never crashes the widget.
//
// In a third-party iframe the browser may block localStorage: merely reading
// window.localStorage throws, and an uncaught panic stops the whole Go
// program. The quiz works without storage (nothing survives a reload, that is
// all), so every access is guarded.

// storageGet returns the stored value, or "" when absent or unavailable.
func storageGet(key string) (v string) {
	if app.IsServer {
		return ""
	}
	defer func() {
		if recover() != nil {
			v = ""
		}
	}()
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	item := ls.Call("getItem", key)
	if !item.Truthy() {
		return ""
	}
	return item.String()
}

// storageSet stores the value and reports whether it could.
func storageSet(key, value string) (ok bool) {
	if app.IsServer {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return false
	}
	ls.Call("setItem", key, value)
	return true
}
