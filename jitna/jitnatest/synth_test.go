package jitnatest_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

// recoverChild is set in the environment of the test binary that
// TestRecoverReportsTheFailingLine starts.
const recoverChild = "JITNATEST_RECOVER_CHILD"

// Run alone by TestRecoverReportsTheFailingLine: a failure Recover reports.
func TestRecoverChild(t *testing.T) {
	if os.Getenv(recoverChild) == "" {
		t.Skip("runs in the binary TestRecoverReportsTheFailingLine starts")
	}
	defer jitnatest.Recover(t)
	assertSomething()
}

func assertSomething() {
	panic("AssertionError: Template has 0 resources with type AWS::SSM::Document") // the line reported
}

// Recover names the line that panicked, not a line inside jsii or the Go
// runtime, and fails the test.
func TestRecoverReportsTheFailingLine(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run", "^TestRecoverChild$", "-test.v")
	cmd.Env = append(os.Environ(), recoverChild+"=1")
	out, err := cmd.CombinedOutput()
	assert.Error(t, err, "the child test fails")
	assert.Contains(t, string(out), "    synth_test.go:27: AssertionError: Template has 0 resources with type AWS::SSM::Document\n")
	assert.Contains(t, string(out), "--- FAIL: TestRecoverChild")
	assert.NotContains(t, string(out), "panic.go")
}
