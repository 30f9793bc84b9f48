package jitna

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/jsiierr"
	"github.com/cdk-jitna/cdk-jitna-go/internal/nodecheck"
)

// Main is a CDK app's whole main function: it builds a new app with build,
// checks it (Validate), synthesizes it, and exits the process. The exit
// status is 0 after synthesis, 1 after printing every problem on stderr, one
// per line: the error build returns, the constructs' problems, the error
// annotations of the synthesized stacks (guardrails, for one), or a jsii
// error's message — never a Go panic trace, and no template is written. It
// says in one line when the Node.js that jsii starts is older than it
// supports (see the README's Node.js section), and it stops the jsii runtime
// before exiting, so that the runtime's temporary directory is removed and
// its exit does not print "Runtime process exited abnormally".
//
//	func main() {
//		jitna.Main(func(app awscdk.App) error {
//			stack := awscdk.NewStack(app, jsii.String("Admin"), nil)
//			jitna.NewJitnaOrganization(stack, "Jitna", &jitna.JitnaOrganizationProps{…})
//			return nil
//		})
//	}
func Main(build func(app awscdk.App) error) { MainWithContext(nil, build) }

// MainWithContext is Main for an app whose context defaults are defaults
// (feature flags, for one): a value from cdk.json or -c wins over them. The
// bundled app (package configapp) sets the feature flags it is tested with
// this way, so that its cdk.json need name none.
func MainWithContext(defaults map[string]any, build func(app awscdk.App) error) {
	nodecheck.Warn("jitna: ")
	code := RunWithContext(os.Stderr, defaults, build)
	jsiierr.CloseQuietly()
	os.Exit(code)
}

// Run is Main without the Node.js check, the jsii shutdown and the exit: it
// builds, checks and synthesizes an app (without construct creation stack
// traces, which from Go only point into jsii), writes every problem to w, one per
// line, and returns the exit status Main would give. It recovers a jsii error
// (which arrives as a panic) into a message. The jsii runtime stays up for
// the next app of the process; jitnatest.Main stops it after a test binary.
func Run(w io.Writer, build func(app awscdk.App) error) int { return RunWithContext(w, nil, build) }

// RunWithContext is Run for an app whose context defaults are defaults (see
// MainWithContext).
func RunWithContext(w io.Writer, defaults map[string]any, build func(app awscdk.App) error) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(w, "error:", jsiierr.Message(r))
			code = 1
		}
	}()
	// A construct's creation trace, from Go, is a line of jsii's JavaScript
	// (program.js) that the CDK CLI prints above every annotation.
	props := &awscdk.AppProps{StackTraces: jsii.Bool(false)}
	if len(defaults) > 0 {
		props.Context = &defaults
	}
	app := awscdk.NewApp(props)
	if err := build(app); err != nil {
		fmt.Fprintln(w, err)
		return 1
	}
	if err := Validate(app); err != nil {
		fmt.Fprintln(w, err)
		return 1
	}
	if errs, warnings := synthesisMessages(app.Synth(nil)); len(errs) > 0 {
		// As the CDK CLI does: error annotations fail synthesis. The
		// warnings follow, which the CLI would not print once it fails.
		fmt.Fprintln(w, strings.Join(append(errs, warnings...), "\n"))
		return 1
	}
	return 0
}

// synthesisMessages returns the assembly's error and warning annotations,
// one line each: "[Error at /Stack/Path] message", "[Warning at …] …".
func synthesisMessages(asm cxapi.CloudAssembly) (errs, warnings []string) {
	for _, stack := range *asm.StacksRecursively() {
		for _, m := range *stack.Messages() {
			switch m.Level {
			case cxapi.SynthesisMessageLevel_ERROR:
				errs = append(errs, fmt.Sprintf("[Error at %s] %v", *m.Id, m.Entry.Data))
			case cxapi.SynthesisMessageLevel_WARNING:
				warnings = append(warnings, fmt.Sprintf("[Warning at %s] %v", *m.Id, m.Entry.Data))
			}
		}
	}
	return errs, warnings
}
