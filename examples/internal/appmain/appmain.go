// Package appmain is the main function the examples share: build the app,
// check it with jitna.Validate, synthesize, and turn any problem into lines on
// stderr and exit status 1 — never a Go panic trace, never a template.
package appmain

import (
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/jsiierr"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
)

// Main runs build on a new app and exits the process: 0 after synthesis, 1
// after printing every problem (one per line: the error build returns, or the
// app's checks) or a jsii error's message.
func Main(build func(app awscdk.App) error) {
	os.Exit(Run(build))
}

// Run is Main without the exit: it returns the exit status.
func Run(build func(app awscdk.App) error) (code int) {
	defer closeJsii()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(os.Stderr, "error:", jsiierr.Message(r))
			code = 1
		}
	}()
	app := awscdk.NewApp(nil)
	if err := build(app); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := jitna.Validate(app); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if errs := synthesisErrors(app.Synth(nil)); len(errs) > 0 {
		// As the CDK CLI does: error annotations (guardrails, for one) fail
		// synthesis.
		fmt.Fprintln(os.Stderr, strings.Join(errs, "\n"))
		return 1
	}
	return 0
}

// synthesisErrors returns the assembly's error annotations, one line each:
// "[Error at /Stack/Path] message".
func synthesisErrors(asm cxapi.CloudAssembly) []string {
	var out []string
	for _, stack := range *asm.StacksRecursively() {
		for _, m := range *stack.Messages() {
			if m.Level == cxapi.SynthesisMessageLevel_ERROR {
				out = append(out, fmt.Sprintf("[Error at %s] %v", *m.Id, m.Entry.Data))
			}
		}
	}
	return out
}

// closeJsii stops the jsii runtime, which removes its temporary files. Its wait
// for the Node.js process races with the runtime's own exit watcher, which
// then prints "Runtime process exited abnormally: waitid: no child processes"
// (jsii-runtime-go v1.119.0, internal/kernel/process). The line tells users
// nothing, and everything worth saying has been said by now, so stderr is
// pointed at the null device first.
func closeJsii() {
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = null
	}
	jsii.Close()
}

// ContextString returns the context value for key (a string, or a list given
// in cdk.json, joined with commas), or def when it is not set.
func ContextString(app awscdk.App, key, def string) string {
	switch v := app.Node().TryGetContext(jsii.String(key)).(type) {
	case nil:
		return def
	case string:
		return v
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ",")
	default:
		return fmt.Sprint(v)
	}
}
