package jsiierr

import (
	"os"

	"github.com/aws/jsii-runtime-go"
)

// CloseQuietly stops the jsii runtime, which removes its temporary
// directory. Its wait for the Node.js process races with the runtime's own
// exit watcher, which then prints "Runtime process exited abnormally: waitid:
// no child processes" (jsii-runtime-go v1.119.0, internal/kernel/process),
// at any time up to the exit. The line tells users nothing and everything
// worth saying has been said by now, so stderr is pointed at the null device
// first: call it only just before the process exits.
func CloseQuietly() {
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = null
	}
	jsii.Close()
}
