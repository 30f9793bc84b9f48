package jitnatest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"

	"github.com/cdk-jitna/cdk-jitna-go/internal/jsiierr"
	"github.com/cdk-jitna/cdk-jitna-go/internal/nodecheck"
)

// Do runs fn and turns a panic (a jsii error arrives as one) into t.Fatal with
// the error's message, so that one failing synthesis fails one test rather
// than the whole test binary.
func Do(t testing.TB, fn func()) {
	t.Helper()
	if msg, ok := jsiierr.Catch(fn); !ok {
		t.Fatal(msg)
	}
}

// Recover, deferred at the top of a test, turns a panic anywhere in the test
// (a jsii error, or a failed assertions.Template check, which jsii raises as a
// panic) into a failure of the test with its message, reported at the line
// of the test (or its helper) that made the failing call, not inside jsii:
//
//	defer jitnatest.Recover(t)
func Recover(t testing.TB) {
	r := recover()
	if r == nil {
		return
	}
	// The deferred call runs on top of the panicking stack: its first frame
	// outside the Go runtime, jsii, the CDK and this package is the caller.
	// testing would name the panic's own frame (in jsii) for t.Fatal, so the
	// line is written without its decoration.
	if file, line, ok := panicCaller(); ok {
		fmt.Fprintf(t.Output(), "%s:%d: %s\n", filepath.Base(file), line, jsiierr.Message(r))
		t.FailNow()
	}
	t.Helper()
	t.Fatal(jsiierr.Message(r))
}

// panicCaller returns the innermost frame of the stack outside the Go
// runtime, jsii, the CDK and this package.
func panicCaller() (file string, line int, ok bool) {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		if !libraryFrame(f.Function) {
			return f.File, f.Line, f.File != ""
		}
		if !more {
			return "", 0, false
		}
	}
}

// libraryFrame reports whether a function is the Go runtime's, jsii's, the
// CDK's or this package's.
func libraryFrame(function string) bool {
	for _, prefix := range []string{"runtime.", "github.com/aws/jsii-runtime-go", "github.com/aws/aws-cdk-go/", "github.com/aws/constructs-go/", "github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest."} {
		if strings.HasPrefix(function, prefix) {
			return true
		}
	}
	return false
}

// Panics runs fn and returns the message of the panic (a jsii error) it
// raises, failing the test when fn returns normally.
func Panics(t testing.TB, fn func()) string {
	t.Helper()
	msg, ok := jsiierr.Catch(fn)
	if ok {
		t.Fatal("expected an error (a panic from jsii), got none")
	}
	return msg
}

// Template synthesizes stack and returns its assertions.Template, failing the
// test with the jsii error when synthesis fails.
func Template(t testing.TB, stack awscdk.Stack) assertions.Template {
	t.Helper()
	var tmpl assertions.Template
	Do(t, func() { tmpl = assertions.Template_FromStack(stack, nil) })
	return tmpl
}

// TemplateMap synthesizes stack and returns its template as Go values (maps,
// slices, strings, float64, bools), in one jsii call.
func TemplateMap(t testing.TB, stack awscdk.Stack) map[string]any {
	t.Helper()
	tmpl := Template(t, stack)
	var out map[string]any
	Do(t, func() { out = *tmpl.ToJSON() })
	return out
}

// Main runs the tests of a package that uses jsii and then stops the jsii
// runtime, which removes the runtime's temporary directory (about 2 MB per
// test binary otherwise left in the system's temporary folder). First it
// says in one line when the Node.js jsii will start is older than it
// supports, instead of the runtime's banner on every run:
//
//	func TestMain(m *testing.M) { jitnatest.Main(m) }
func Main(m *testing.M) {
	nodecheck.Warn("jitnatest: ")
	code := m.Run()
	jsiierr.CloseQuietly()
	os.Exit(code)
}

// MemberTemplate returns the member template of a jitna.MemberStackSet (its
// Template field: the template the StackSet deploys, inline or as an
// asset) as an assertions.Template. A failed check on it names the path of
// the difference inside the member template, where a check on the
// StackSet's TemplateBody string would print the whole body.
func MemberTemplate(t testing.TB, template map[string]any) assertions.Template {
	t.Helper()
	var tmpl assertions.Template
	Do(t, func() { tmpl = assertions.Template_FromJSON(&template, nil) })
	return tmpl
}
