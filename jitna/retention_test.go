package jitna_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

// retained is what a resource that outlives its stack carries.
var retained = map[string]any{"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}

// SSM-SessionManagerRunShell survives leaving the stack: switching the
// preferences to TakeOver (the document resource leaves the template while
// the take-over adopts it) or deleting the stack never deletes the account's
// preferences.
func TestSessionPreferencesDocumentIsRetained(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewSessionPreferences(stack, "Sessions", nil)
	require.NoError(t, jitna.Validate(stack))
	jitnatest.Template(t, stack).HasResource(jsii.String("AWS::SSM::Document"), retained)
}

// The Quick Setup roles have fixed names that every Quick Setup
// configuration of the account uses: deleting the enablement stack leaves
// them and the administration role's policy.
func TestQuickSetupRolesAreRetained(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.AllResources(jsii.String("AWS::IAM::Role"), retained)
	tmpl.AllResources(jsii.String("AWS::IAM::Policy"), retained)
	tmpl.AllResources(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{"DeletionPolicy": assertions.Match_Absent()})
}
