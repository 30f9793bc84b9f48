package configapp

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

	"github.com/cdk-jitna/cdk-jitna-go/internal/apptest"
	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/config"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

func TestMain(m *testing.M) { jitnatest.Main(m) }

func synth(t *testing.T) (Stacks, map[string]map[string]any) {
	t.Helper()
	cfg, err := Default()
	require.NoError(t, err)
	app := awscdk.NewApp(nil)
	s := Build(app, cfg)
	require.NoError(t, jitna.Validate(app))
	out := map[string]map[string]any{}
	for name, stack := range map[string]awscdk.Stack{"prerequisites": s.Prerequisites, "enablement": s.Enablement, "deny": s.DenyAccess, "member": s.Member} {
		out[name] = jitnatest.TemplateMap(t, stack)
	}
	return s, out
}

// TestTheFourStacks snapshots the complete app for the default config.
func TestTheFourStacks(t *testing.T) {
	defer jitnatest.Recover(t)
	_, templates := synth(t)
	for name, tmpl := range templates {
		jitnatest.SnapshotValue(t, "TestTheFourStacks-"+name, tmpl)
	}
}

// TestMemberDocumentsEqualTheSample: the StackSet's member template carries
// the AWS sample's four documents (compared by name; Cedar without
// whitespace; UpdateMethod NewVersion added; the sample's string 'false' for
// cloudWatchEncryptionEnabled is the boolean false here).
func TestMemberDocumentsEqualTheSample(t *testing.T) {
	defer jitnatest.Recover(t)
	_, templates := synth(t)
	var body string
	for _, r := range templates["member"]["Resources"].(map[string]any) {
		body = r.(map[string]any)["Properties"].(map[string]any)["TemplateBody"].(string)
	}
	var member map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &member))
	got := documentsByName(member)

	sample, err := cfn.Parse([]byte(awssamples.ApprovalPolicies))
	require.NoError(t, err)
	want := documentsByName(sample)
	want["SSM-SessionManagerRunShell"]["Content"].(map[string]any)["inputs"].(map[string]any)["cloudWatchEncryptionEnabled"] = false

	require.Len(t, got, len(want))
	for name, w := range want {
		g := got[name]
		require.NotNil(t, g, name)
		assert.Equal(t, "NewVersion", g["UpdateMethod"], name)
		delete(g, "UpdateMethod")
		assert.Empty(t, jitnatest.Diff(w, g), name)
	}
}

// documentsByName returns the SSM documents' properties by document name,
// auto-approval Cedar without whitespace.
func documentsByName(tmpl map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range tmpl["Resources"].(map[string]any) {
		rm := r.(map[string]any)
		if rm["Type"] != "AWS::SSM::Document" {
			continue
		}
		props := rm["Properties"].(map[string]any)
		apptest.NormalizeCedar(props)
		out[props["Name"].(string)] = props
	}
	return out
}

func TestStacksGoWhereTheConfigSays(t *testing.T) {
	defer jitnatest.Recover(t)
	s, _ := synth(t)
	assert.Equal(t, "111111111111", *s.Prerequisites.Account())
	for _, stack := range []awscdk.Stack{s.Enablement, s.DenyAccess, s.Member} {
		assert.Equal(t, "123456789012", *stack.Account())
		assert.Equal(t, "us-east-1", *stack.Region())
	}
}

// TestBadConfigFailsWithOneLinePerProblem runs the built app as the CDK CLI
// would, with a config that has a StackSet Region outside the JITNA Regions,
// an unknown key and an invalid Cedar file.
func TestBadConfigFailsWithOneLinePerProblem(t *testing.T) {
	bin := apptest.Build(t, "../../cmd/jitna-app")
	r := apptest.Run(t, bin, map[string]string{"config": "testdata/bad.yaml"})
	assert.Equal(t, 1, r.Code)
	assert.Equal(t, []string{
		`testdata/bad.yaml:7: denyAccess.cedarFile: "forbid (principal, action == ‸" bad.cedar: line 1, column 30: names the action AWS::SSM::getTokenForInstanceAccess, which is not valid Cedar: write AWS::SSM::Action::"getTokenForInstanceAccess"`,
		`testdata/bad.yaml:11: member.stackSet.regions[1]: "eu-west-1" is not one of JITNA's target Regions (us-east-1, us-east-2): JITNA is not enabled there, so the policies would do nothing`,
		`testdata/bad.yaml:13: member.sessionPreferences.idleTimeout: is not a key here: the keys of member.sessionPreferences are createEncryptionKey, noCloudWatchLogs, settings, tags, takeOver`,
	}, r.Lines())
	assert.Empty(t, r.Templates, "no template is written")

	r = apptest.Run(t, bin, nil)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, r.Templates, 4)
}

// TestNotificationsAndGuardrailsFromTheConfig: secure.yaml switches on the
// hub in the delegated administrator account, forwarding from every member
// account, RDP recording there, and the guardrails (which find nothing in
// it).
func TestNotificationsAndGuardrailsFromTheConfig(t *testing.T) {
	defer jitnatest.Recover(t)
	cfg, err := config.LoadFile("secure.yaml")
	require.NoError(t, err)
	app := awscdk.NewApp(nil)
	s := Build(app, cfg)
	require.NoError(t, jitna.Validate(app))
	tmpl := jitnatest.Template(t, s.Member)
	tmpl.HasResourceProperties(jsii.String("AWS::Events::EventBus"), map[string]any{"Name": "jitna-access-requests"})
	tmpl.HasResourceProperties(jsii.String("AWS::SNS::Subscription"), map[string]any{"Endpoint": "security-team@example.com"})
	tmpl.HasResourceProperties(jsii.String("AWS::Chatbot::SlackChannelConfiguration"), map[string]any{"SlackChannelId": "C0123ABCD"})

	var member map[string]any
	for _, r := range jitnatest.TemplateMap(t, s.Member)["Resources"].(map[string]any) {
		if body, ok := r.(map[string]any)["Properties"].(map[string]any)["TemplateBody"].(string); ok {
			require.NoError(t, json.Unmarshal([]byte(body), &member))
		}
	}
	var forwards []any
	for _, r := range member["Resources"].(map[string]any) {
		rm := r.(map[string]any)
		if rm["Type"] == "AWS::Events::Rule" {
			forwards = append(forwards, rm["Properties"].(map[string]any)["Targets"])
		}
	}
	assert.Len(t, forwards, 4, "one forwarding rule per detail-type in every member account, and one for the access calls CloudTrail records")
	var recording map[string]any
	for _, r := range member["Resources"].(map[string]any) {
		if rm := r.(map[string]any); rm["Type"] == "AWS::SSMGuiConnect::Preferences" {
			recording = rm["Properties"].(map[string]any)
		}
	}
	require.NotNil(t, recording, "RDP recording in every member account and Region")
	assert.Equal(t, map[string]any{"Ref": "AWS::AccountId"}, recording["ConnectionRecordingPreferences"].(map[string]any)["RecordingDestinations"].(map[string]any)["S3Buckets"].([]any)[0].(map[string]any)["BucketOwner"])
	assert.Contains(t, fmt.Sprint(forwards[0]), ":events:us-east-1:123456789012:event-bus/jitna-access-requests")

	for _, stack := range []awscdk.Stack{s.Prerequisites, s.Enablement, s.DenyAccess, s.Member} {
		ann := assertions.Annotations_FromStack(stack)
		ann.HasNoError(jsii.String("*"), assertions.Match_AnyValue())
		ann.HasNoWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("JITNA-")))
	}
}

// A manual policy may be named like the app's other member constructs: its
// construct id then differs, and the app builds.
func TestManualPolicyNamedLikeAnotherConstruct(t *testing.T) {
	defer jitnatest.Recover(t)
	cfg, err := Default()
	require.NoError(t, err)
	cfg.Member.ManualApprovals[0].Name = "AutoApproval"
	cfg.Member.ManualApprovals[1].Name = "SessionPreferences"
	app := awscdk.NewApp(nil)
	Build(app, cfg)
	require.NoError(t, jitna.Validate(app))
}

// waitForDeployment: the deny-access and member policy stacks wait for
// Quick Setup's JITNA deployment, so that one cdk deploy --all works; by
// default (the AWS samples) nothing waits.
func TestPolicyStacksWaitForTheDeployment(t *testing.T) {
	defer jitnatest.Recover(t)
	cfg, err := config.LoadFile("secure.yaml")
	require.NoError(t, err)
	require.NotNil(t, cfg.WaitForDeployment)
	app := awscdk.NewApp(nil)
	s := Build(app, cfg)
	require.NoError(t, jitna.Validate(app))
	for _, stack := range []awscdk.Stack{s.DenyAccess, s.Member} {
		tmpl := jitnatest.Template(t, stack)
		tmpl.ResourceCountIs(jsii.String(jitna.JitnaDeployedType), jsii.Number(1))
		tmpl.HasResourceProperties(jsii.String(jitna.JitnaDeployedType), map[string]any{"PollSeconds": "30", "Region": "us-east-1"})
	}
	jitnatest.Template(t, s.Member).HasResource(jsii.String("AWS::CloudFormation::StackSet"), map[string]any{
		"DependsOn": assertions.Match_ArrayWith(&[]any{assertions.Match_StringLikeRegexp(jsii.String("^JitnaDeployed"))}),
	})
	jitnatest.Template(t, s.DenyAccess).HasResource(jsii.String("AWS::SSM::Document"), map[string]any{
		"DependsOn": assertions.Match_ArrayWith(&[]any{assertions.Match_StringLikeRegexp(jsii.String("^JitnaDeployed"))}),
	})

	_, templates := synth(t)
	for name, tmpl := range templates {
		for id, r := range tmpl["Resources"].(map[string]any) {
			assert.NotEqual(t, jitna.JitnaDeployedType, r.(map[string]any)["Type"], "%s: %s: the default config waits for nothing", name, id)
		}
	}
}

// The app's feature flags are the root cdk.json's (which dev/usercheck
// compares with what cdk init writes).
func TestFeatureFlagsAreTheRootCdkJSONs(t *testing.T) {
	data, err := os.ReadFile("../../cdk.json")
	require.NoError(t, err)
	var root struct{ Context map[string]any }
	require.NoError(t, json.Unmarshal(data, &root))
	assert.Equal(t, root.Context, FeatureFlags())
	assert.Len(t, FeatureFlags(), 89)
}

// Moving secure.yaml's member template from a plain SSM-SessionManagerRunShell
// document to the take-over: with the document as today's library wrote it
// (no DeletionPolicy), jitna diff reports that CloudFormation would delete
// the preferences in every member account; with the document retained, as
// now, it reports nothing.
func TestSwitchingToTakeOverDeletesNothing(t *testing.T) {
	defer jitnatest.Recover(t)
	member := func(takeOver bool) map[string]any {
		cfg, err := config.LoadFile("secure.yaml")
		require.NoError(t, err)
		if !takeOver {
			cfg.Member.SessionPreferences.TakeOver = nil
		}
		app := awscdk.NewApp(nil)
		s := Build(app, cfg)
		require.NoError(t, jitna.Validate(app))
		return jitnatest.TemplateMap(t, s.Member)
	}
	dir := t.TempDir()
	write := func(name string, tmpl map[string]any) string {
		folder := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(folder, 0o755))
		data, err := json.Marshal(tmpl)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(folder, "JitnaMemberPolicies.template.json"), data, 0o644))
		return folder
	}
	plain := member(false)
	after := write("after", member(true))
	now := write("now", plain)
	// Today's library: the same document without DeletionPolicy.
	for _, r := range plain["Resources"].(map[string]any) {
		p := r.(map[string]any)["Properties"].(map[string]any)
		body, ok := p["TemplateBody"].(string)
		if !ok {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(body), &m))
		for _, mr := range m["Resources"].(map[string]any) {
			if mrm := mr.(map[string]any); mrm["Type"] == "AWS::SSM::Document" && mrm["Properties"].(map[string]any)["Name"] == "SSM-SessionManagerRunShell" {
				require.Equal(t, "Retain", mrm["DeletionPolicy"], "the library retains it now")
				delete(mrm, "DeletionPolicy")
				delete(mrm, "UpdateReplacePolicy")
			}
		}
		data, err := json.Marshal(m)
		require.NoError(t, err)
		p["TemplateBody"] = string(data)
	}
	today := write("today", plain)

	diff := func(before string) (map[string]any, int) {
		cmd := exec.Command("go", "run", "../../cmd/jitna", "diff", "--before", before, "--after", after,
			"--inventory", "../../cmd/jitna/testdata/inventory.csv", "--output", "json")
		out, err := cmd.Output()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else {
			require.NoError(t, err)
		}
		var got map[string]any
		require.NoError(t, json.Unmarshal(out, &got), "%s", out)
		return got, code
	}
	got, code := diff(today)
	assert.Equal(t, 1, code, "a hazard fails --fail-on widen")
	hazards := got["hazards"].([]any)
	require.Len(t, hazards, 1)
	h := hazards[0].(map[string]any)
	assert.Equal(t, "deleted", h["change"])
	assert.Equal(t, "SSM-SessionManagerRunShell", h["name"])
	assert.Contains(t, h["reaches"], "every account of ou-")
	got, code = diff(now)
	assert.Equal(t, 0, code)
	assert.Empty(t, got["hazards"])
}

// A config's warning is shown once, at its file and line: the constructs'
// warning of the same finding (by construct path) is acknowledged.
func TestConfigWarningsOnce(t *testing.T) {
	defer jitnatest.Recover(t)
	text, err := defaults.ReadFile("jitna.yaml")
	require.NoError(t, err)
	overlapping := strings.Replace(string(text), "values: [FinanceApplication]", "values: [E-commerce]", 1)
	require.NotEqual(t, string(text), overlapping)
	cfg, err := config.Parse(defaults, "jitna.yaml", []byte(overlapping))
	require.NoError(t, err)
	app := awscdk.NewApp(nil)
	s := Build(app, cfg)
	var out strings.Builder
	ReportWarnings(&out, app, cfg)
	require.NoError(t, jitna.Validate(app))
	assert.Equal(t, `jitna.yaml:73: warning: member.manualApprovals[1]: manual approval policies "E-commerce-Manual-Approval-Policy" and "FinanceApplication-Manual-Approval-Policy" can apply to the same node (both target tag Workload=E-commerce): requests to such a node fail; if no node carries both targets, state it with IntendedOverlap (in a config: intendedOverlap: {with: [NAME], reason: …} on one of the two)`+"\n", out.String())
	ann := assertions.Annotations_FromStack(s.Member)
	found := ann.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("can apply to the same node")))
	for _, f := range *found {
		t.Logf("%s: %v", *f.Id, f.Entry.Data)
	}
	assert.Empty(t, *found, "acknowledged: the config's line says it")
}
