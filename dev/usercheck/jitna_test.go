package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

// manual is a manual approval policy on one tag.
func manual(name, key, value string, duration time.Duration) *jitna.ManualApprovalPolicyProps {
	return &jitna.ManualApprovalPolicyProps{ManualApproval: jitna.ManualApproval{
		Name: name, AccessDuration: duration,
		Targets:        []jitna.TagTarget{{Key: key, Values: []string{value}}},
		ApprovalLevels: []jitna.ApprovalLevel{{Approvers: []jitna.Approver{jitna.IamRoleApprover("Lead")}}},
	}}
}

// memberStack is a delegated administrator stack whose member StackSet
// holds a Finance policy of the given access duration.
func memberStack(duration time.Duration) awscdk.Stack {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Admin"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("111122223333"), Region: jsii.String("us-east-1")},
	})
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{
		StackSetDeployment: jitna.StackSetDeployment{OrganizationalUnits: []string{"r-abcd"}, Regions: []string{"us-east-1"}},
		Build: func(member awscdk.Stack) {
			jitna.NewManualApprovalPolicy(member, "Finance", manual("Finance", "Workload", "Finance", duration))
		},
	})
	return stack
}

// A changed access duration inside the member template shows its path and
// both values, not two truncated strings of JSON.
func TestMemberTemplateDifferencesShowTheirPath(t *testing.T) {
	defer jitnatest.Recover(t)
	before := jitnatest.Normalize(jitnatest.TemplateMap(t, memberStack(24*time.Hour)))
	after := jitnatest.Normalize(jitnatest.TemplateMap(t, memberStack(8*time.Hour)))
	diffs := jitnatest.Diff(before, after)
	require.Len(t, diffs, 1, "%v", diffs)
	assert.Regexp(t, `^Resources\.MembersStackSet[0-9A-F]{8}\.Properties\.TemplateBody\.Resources\.FinanceDocument[0-9A-F]{8}\.Properties\.Content\.accessDuration: got 28800, want 86400$`, diffs[0])
}

// Fifty manual policies, two on Environment and 48 on Team, give one
// overlap warning that names the policies and the tag keys.
func TestOverlapWarningsDoNotFlood(t *testing.T) {
	defer jitnatest.Recover(t)
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Member"), nil)
	jitna.NewManualApprovalPolicy(stack, "Staging", manual("Staging", "Environment", "STAGING", 8*time.Hour))
	jitna.NewManualApprovalPolicy(stack, "Prod", manual("Prod", "Environment", "PROD", 8*time.Hour))
	for i := range 48 {
		name := fmt.Sprintf("Team%02d", i)
		jitna.NewManualApprovalPolicy(stack, name, manual(name, "Team", name, 8*time.Hour))
	}
	require.NoError(t, jitna.Validate(stack))
	warnings := *assertions.Annotations_FromStack(stack).FindWarning(jsii.String("*"), assertions.Match_AnyValue())
	require.Len(t, warnings, 1)
	msg := fmt.Sprint(warnings[0].Entry.Data)
	assert.Contains(t, msg, "96 pairs of manual approval policies can apply to the same nodes through tag Environment and Team")
	assert.Contains(t, msg, `"Staging" and "Team00"`)
}

// recoverChild is set in the environment of the test binary that
// TestRecoverNamesTheTestLine starts.
const recoverChild = "USERCHECK_RECOVER_CHILD"

// Run alone by TestRecoverNamesTheTestLine: an assertion that fails.
func TestFailingAssertion(t *testing.T) {
	if os.Getenv(recoverChild) == "" {
		t.Skip("runs in the binary TestRecoverNamesTheTestLine starts")
	}
	defer jitnatest.Recover(t)
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Empty"), nil)
	jitnatest.Template(t, stack).ResourceCountIs(jsii.String("AWS::SSM::Document"), jsii.Number(1)) // failingLine
}

// A failed assertions.Template check is reported at the test's line, not in
// jsii's runtime.go.
func TestRecoverNamesTheTestLine(t *testing.T) {
	source, err := os.ReadFile("jitna_test.go")
	require.NoError(t, err)
	var line int
	for i, l := range strings.Split(string(source), "\n") {
		if strings.HasSuffix(l, "// failingLine") {
			line = i + 1
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestFailingAssertion$")
	cmd.Env = append(os.Environ(), recoverChild+"=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the assertion fails")
	assert.Contains(t, string(out), fmt.Sprintf("    jitna_test.go:%d: AssertionError: Expected 1 resources of type AWS::SSM::Document but found 0", line), string(out))
	assert.NotContains(t, string(out), "runtime.go")
}

// A bad input through jitna.Main exits 1 with one line per problem: no Go
// panic trace, no jsii noise, no temporary directory left behind, run after
// run.
func TestMainOnBadInput(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "badapp")
	build := exec.Command("go", "build", "-o", bin, "./badapp")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	const runs = 10
	for run := range runs {
		tmp := t.TempDir()
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1")
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "run %d: %s", run, stderr.String())
		assert.Equal(t, 1, exit.ExitCode(), "run %d", run)
		assert.Empty(t, stdout.String())
		assert.Equal(t, []string{
			`Admin/Jitna: Target.DelegatedAdminAccountId: "12345" is not valid: must be a 12-digit AWS account id such as 111122223333`,
			`Admin/Jitna: UnifiedConsole.TargetRegions[1]: "us-est-2" is not an AWS Region (did you mean us-east-2?): must be one of ` + regionList(),
		}, strings.Split(strings.TrimSpace(stderr.String()), "\n"), "run %d", run)
		for _, noise := range []string{"goroutine", "waitid", "panic", "Runtime process"} {
			assert.NotContains(t, stderr.String(), noise, "run %d", run)
		}
		left, err := filepath.Glob(filepath.Join(tmp, "jsii-*"))
		require.NoError(t, err)
		assert.Empty(t, left, "run %d leaves no jsii runtime directory", run)
	}
}

// regionList is how the Region problem describes the list, past the point
// the test pins.
func regionList() string {
	return "the AWS Regions of github.com/aws/aws-sdk-go-v2 v1.48.0 (2026-11-10), or a Region opened since, declared in NewRegions"
}
