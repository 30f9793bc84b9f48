package main

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/internal/apptest"
	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

func TestMain(m *testing.M) { jitnatest.Main(m) }

func synth(t *testing.T) (member, deny map[string]any) {
	t.Helper()
	app := awscdk.NewApp(nil)
	m, d := buildMember(app), buildDenyAccess(app)
	require.NoError(t, jitna.Validate(app))
	return jitnatest.TemplateMap(t, m), jitnatest.TemplateMap(t, d)
}

// TestMemberDocumentsEqualTheSample: every document of the AWS sample appears
// under its logical id with the same type, name, format, tags and content;
// Cedar is compared without whitespace. The additions are UpdateMethod
// NewVersion, which lets a named document change in place, and Retain
// (DeletionPolicy and UpdateReplacePolicy) on the account's Session Manager
// preferences, which leaving the stack must never delete.
func TestMemberDocumentsEqualTheSample(t *testing.T) {
	defer jitnatest.Recover(t)
	sample, err := cfn.Parse([]byte(awssamples.ApprovalPolicies))
	require.NoError(t, err)
	member, _ := synth(t)
	assert.Equal(t, sample["Description"], member["Description"])
	got := member["Resources"].(map[string]any)
	want := sample["Resources"].(map[string]any)
	for id, w := range want {
		g, ok := got[id].(map[string]any)
		require.True(t, ok, "resource %s missing", id)
		gp := g["Properties"].(map[string]any)
		assert.Equal(t, "NewVersion", gp["UpdateMethod"], id)
		delete(gp, "UpdateMethod")
		if gp["Name"] == "SSM-SessionManagerRunShell" {
			assert.Equal(t, "Retain", g["DeletionPolicy"], id)
			assert.Equal(t, "Retain", g["UpdateReplacePolicy"], id)
			delete(g, "DeletionPolicy")
			delete(g, "UpdateReplacePolicy")
		}
		apptest.NormalizeCedar(gp)
		apptest.NormalizeCedar(w.(map[string]any)["Properties"].(map[string]any))
		assert.Empty(t, jitnatest.Diff(w, g), id)
	}
	var docs int
	for _, r := range got {
		if r.(map[string]any)["Type"] == "AWS::SSM::Document" {
			docs++
		}
	}
	assert.Equal(t, len(want), docs, "no document beyond the sample's")
}

// TestEveryCedarTextPassesStrictValidation checks every Cedar text the example
// synthesizes, read back from the templates.
func TestEveryCedarTextPassesStrictValidation(t *testing.T) {
	defer jitnatest.Recover(t)
	member, deny := synth(t)
	var checked int
	for name, tmpl := range map[string]map[string]any{"member": member, "deny": deny} {
		for id, r := range tmpl["Resources"].(map[string]any) {
			props := r.(map[string]any)["Properties"].(map[string]any)
			if props["DocumentType"] != policy.TypeAutoApproval {
				continue
			}
			p, err := policy.ParseDocument(props["Name"].(string), policy.TypeAutoApproval, props["Content"])
			require.NoError(t, err, id)
			effect, docs := cedar.Permit, []policy.CedarDocument(nil)
			switch x := p.(type) {
			case *policy.AutoApproval:
				docs = x.Documents
			case *policy.DenyAccess:
				effect, docs = cedar.Forbid, x.Documents
			}
			for _, d := range docs {
				assert.Empty(t, cedar.Check(d.Cedar, effect), "%s/%s", name, id)
				checked++
			}
		}
	}
	assert.Equal(t, 2, checked)
}

func TestDenyAccessStack(t *testing.T) {
	defer jitnatest.Recover(t)
	_, deny := synth(t)
	jitnatest.SnapshotValue(t, "TestDenyAccessStack", deny)
	var content string
	for _, r := range deny["Resources"].(map[string]any) {
		props := r.(map[string]any)["Properties"].(map[string]any)
		assert.Equal(t, policy.DenyAccessName, props["Name"])
		content = props["Content"].(map[string]any)["AutoApprovalPolicyDocuments"].([]any)[0].(map[string]any)["content"].(string)
	}
	stmts, err := cedar.Parse(content)
	require.NoError(t, err)
	assert.Len(t, stmts, 3, "the guide's three deny-access statements")
}

func TestMemberSnapshot(t *testing.T) {
	defer jitnatest.Recover(t)
	member, _ := synth(t)
	jitnatest.SnapshotValue(t, "TestMemberSnapshot", member)
}

// TestBadInputFailsWithOneLineAndNoTemplate runs the built example as the CDK
// CLI would, with a malformed delegated administrator account.
func TestBadInputFailsWithOneLineAndNoTemplate(t *testing.T) {
	bin := apptest.Build(t, ".")
	r := apptest.Run(t, bin, map[string]string{"DelegatedAdminAccountId": "1234"})
	assert.Equal(t, 1, r.Code)
	assert.Equal(t, []string{`JitnaDenyAccess/DenyAccess: DelegatedAdminAccountId: "1234" is not valid: must be a 12-digit AWS account id such as 111122223333`}, r.Lines())
	assert.Empty(t, r.Templates, "no template is written for bad input")

	r = apptest.Run(t, bin, nil)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, r.Templates, 2)
}

// TestSimulatedAccessEqualsTheSample runs the sample's access scenarios
// against the AWS sample file and against the synthesized member template:
// the decisions must be the same.
func TestSimulatedAccessEqualsTheSample(t *testing.T) {
	defer jitnatest.Recover(t)
	parsed, err := template.Parse(awssamples.ApprovalPoliciesFile, []byte(awssamples.ApprovalPolicies))
	require.NoError(t, err)
	fromSample, err := simulate.FromTemplates(parsed)
	require.NoError(t, err)
	member, _ := synth(t)
	tmpl, err := template.FromValue("JitnaPolicies", member)
	require.NoError(t, err)
	fromSynth, err := simulate.FromTemplates(tmpl)
	require.NoError(t, err)
	for _, sc := range simulate.SampleScenarios() {
		a, b := sc.Check(t, fromSample), sc.Check(t, fromSynth)
		assert.Equal(t, withoutOrigins(a.Explanation), withoutOrigins(b.Explanation), sc.Name)
	}
}

// withoutOrigins drops the "[file: logical id]" suffixes, which differ.
func withoutOrigins(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if at := strings.Index(l, " ["); at >= 0 {
			l = l[:at]
		}
		out[i] = l
	}
	return out
}

// TestAccessModel pins who reaches which node, the way a team would in its
// own tests: built from the same Go values the stack is built from.
func TestAccessModel(t *testing.T) {
	defer jitnatest.Recover(t)
	app := awscdk.NewApp(nil)
	member := buildMember(app)
	require.NoError(t, jitna.Validate(app))
	tmpl, err := template.FromValue("JitnaPolicies", jitnatest.TemplateMap(t, member))
	require.NoError(t, err)
	policies, err := simulate.FromTemplates(tmpl)
	require.NoError(t, err)

	simulate.Expect(t, policies).Node(map[string]string{"ENV": "DEV"}).User("u-1").IsAutoApproved()
	simulate.Expect(t, policies).Node(map[string]string{"ENV": "DEV"}).Managed().User("u-1", "any-group").IsAutoApproved()
	simulate.Expect(t, policies).Node(map[string]string{"Workload": "E-commerce"}).User("u-1").NeedsManualApproval("E-commerce-Manual-Approval-Policy")
	simulate.Expect(t, policies).Node(map[string]string{"Workload": "FinanceApplication"}).User("u-1").NeedsManualApproval("FinanceApplication-Manual-Approval-Policy")
	simulate.Expect(t, policies).Node(map[string]string{"ENV": "PROD"}).User("u-1").CannotRequest()
}
