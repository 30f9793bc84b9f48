package jitna_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// Each construct's default child is its main L1, so that the CDK's escape
// hatches and tools that take "the resource of a construct" find it.
func TestDefaultChildIsTheMainResource(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	org := jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	auto := jitna.NewAutoApprovalPolicy(stack, "Auto", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{Cedar: devNodes}})
	manual := jitna.NewManualApprovalPolicy(stack, "Finance", financePolicy("Finance-Policy", "Finance"))
	deny := jitna.NewDenyAccessPolicy(stack, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}}})
	prefs := jitna.NewSessionPreferences(stack, "Sessions", nil)
	members := jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: memberPolicies})

	assert.Equal(t, org.JitnaManager.Node().Path(), org.Node().DefaultChild().Node().Path())
	assert.Equal(t, org.UnifiedConsole.Manager.Node().Path(), org.UnifiedConsole.Node().DefaultChild().Node().Path())
	assert.Equal(t, auto.Document.Node().Path(), auto.Node().DefaultChild().Node().Path())
	assert.Equal(t, manual.Document.Node().Path(), manual.Node().DefaultChild().Node().Path())
	assert.Equal(t, deny.Document.Node().Path(), deny.Node().DefaultChild().Node().Path())
	assert.Equal(t, prefs.Document.Node().Path(), prefs.Node().DefaultChild().Node().Path())
	assert.Equal(t, members.StackSet.Node().Path(), members.Node().DefaultChild().Node().Path())
}
