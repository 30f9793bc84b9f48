package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

func TestMain(m *testing.M) { jitnatest.Main(m) }

// The app synthesizes, the way cdk init's example test checks its stack.
func TestUsercheckStack(t *testing.T) {
	defer jitnatest.Recover(t)
	app := awscdk.NewApp(nil)
	s := NewAdminStacks(app)
	require.NoError(t, jitna.Validate(app))
	template := assertions.Template_FromStack(s.Enablement, nil)
	template.ResourceCountIs(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), jsii.Number(2))
	assertions.Template_FromStack(s.Members, nil).HasResourceProperties(jsii.String("AWS::CloudFormation::StackSet"), map[string]any{
		"TemplateBody": assertions.Match_StringLikeRegexp(jsii.String("Finance-Manual-Approval-Policy")),
	})
}

// cdk-nag's AwsSolutionsChecks, on the app and handed to the member
// template, finds nothing that the library does not explain: every finding
// on the library's resources and on the roles its grants fill is suppressed
// with a reason, and what the member app found is reported on the StackSet.
func TestAwsSolutionsChecks(t *testing.T) {
	defer jitnatest.Recover(t)
	app := awscdk.NewApp(nil)
	s := NewAdminStacks(app)
	var findings, suppressed []string
	for _, stack := range []awscdk.Stack{s.Enablement, s.Members} {
		ann := assertions.Annotations_FromStack(stack)
		nag := assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-"))
		for _, m := range append(*ann.FindError(jsii.String("*"), nag), *ann.FindWarning(jsii.String("*"), nag)...) {
			findings = append(findings, fmt.Sprintf("%s %s", *m.Id, strings.Split(fmt.Sprint(m.Entry.Data), "\n")[0]))
		}
		for _, m := range *ann.FindInfo(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.* was triggered but suppressed"))) {
			suppressed = append(suppressed, fmt.Sprint(m.Entry.Data))
		}
	}
	assert.Empty(t, findings, "%d unexplained AwsSolutions findings:\n%s", len(findings), strings.Join(findings, "\n"))
	assert.NotEmpty(t, suppressed, "the checks ran (LogIgnores: suppressed findings are reported as info)")
	var member bool
	for _, m := range suppressed {
		member = member || strings.HasPrefix(m, "member template ")
	}
	assert.True(t, member, "the checks reached the member template:\n%s", strings.Join(suppressed, "\n"))
}

// The module is what the pinned CDK CLI's cdk init app --language go writes
// (its files but the app and its test, which are the user's), with the
// library added.
func TestMadeByCdkInit(t *testing.T) {
	if _, err := exec.LookPath("cdk"); err != nil {
		t.Skip("needs the pinned CDK CLI on PATH (make usercheck)")
	}
	dir := filepath.Join(t.TempDir(), "usercheck")
	require.NoError(t, os.Mkdir(dir, 0o755))
	cmd := exec.Command("cdk", "init", "app", "--language", "go", "--generate-only")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, name := range []string{".gitignore", "README.md", "cdk.json"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s: refresh it from cdk init app --language go --generate-only", name)
	}
	// The repository's root cdk.json (and so the bundled app) sets the same
	// feature flags.
	var initJSON, rootJSON struct{ Context map[string]any }
	data, err := os.ReadFile(filepath.Join(dir, "cdk.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &initJSON))
	data, err = os.ReadFile("../../cdk.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &rootJSON))
	assert.Equal(t, initJSON.Context, rootJSON.Context, "the root cdk.json's feature flags are cdk init's")

	initMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	require.NoError(t, err)
	mod, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	assert.Contains(t, string(mod), "module usercheck\n")
	assert.Contains(t, string(mod), "replace github.com/cdk-jitna/cdk-jitna-go => ../..")
	for _, line := range strings.Split(string(initMod), "\n") {
		if f := strings.Fields(line); len(f) == 2 && strings.HasPrefix(f[0], "github.com/") {
			assert.Contains(t, string(mod), "\t"+f[0]+" v", "cdk init requires %s", f[0])
		}
	}
}
