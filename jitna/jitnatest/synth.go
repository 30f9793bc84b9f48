package jitnatest

import (
	"os"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/jsiierr"
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
// panic) into t.Fatal with its message:
//
//	defer jitnatest.Recover(t)
func Recover(t testing.TB) {
	if r := recover(); r != nil {
		t.Helper()
		t.Fatal(jsiierr.Message(r))
	}
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
// test binary otherwise left in the system's temporary folder):
//
//	func TestMain(m *testing.M) { jitnatest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}
