package jitna_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/internal/handler"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// The policies' stack waits for the enablement stack's JITNA manager: it
// finds it by name and type (no cross-stack reference, so no export that
// blocks the enablement stack's updates), depends on the enablement stack,
// and runs up to 15 minutes; what depends on it is created after it.
func TestJitnaDeployed(t *testing.T) {
	defer jitnatest.Recover(t)
	app, enablement := newStack()
	org := jitna.NewJitnaOrganization(enablement, "Jitna", sampleProps())
	policies := awscdk.NewStack(app, jsii.String("Policies"), nil)
	wait := jitna.NewJitnaDeployed(policies, "Deployed", &jitna.JitnaDeployedProps{Organization: org,
		DeploymentWait: quicksetup.DeploymentWait{PollInterval: time.Minute}})
	deny := jitna.NewDenyAccessPolicy(policies, "Deny", &jitna.DenyAccessPolicyProps{Organization: org,
		DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{Cedar: `forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("Env") };`}}})
	deny.Node().AddDependency(wait.Construct)
	require.NoError(t, jitna.Validate(app))
	assert.Equal(t, time.Minute, wait.Wait.PollInterval)

	tmpl := jitnatest.Template(t, policies)
	tmpl.HasResourceProperties(jsii.String(handler.TypeDeployed), map[string]any{
		"ServiceToken":   map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^JitnaHandlerFunction")), "Arn"}},
		"ServiceTimeout": "960",
		"ManagerName":    "jitna",
		"DefinitionType": "AWSQuickSetupType-JITNA",
		"Region":         "us-east-1",
		"PollSeconds":    "60",
	})
	tmpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), map[string]any{"Timeout": 900})
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), map[string]any{"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{
		map[string]any{"Action": "ssm-quicksetup:ListConfigurationManagers", "Effect": "Allow", "Resource": "*"},
	})}})
	raw := *tmpl.ToJSON()
	data, err := json.Marshal(raw)
	require.NoError(t, err)
	assert.NotContains(t, string(data), "Fn::ImportValue")
	assert.NotContains(t, string(data), "Fn::GetStackOutput")
	assert.Contains(t, zipFile(t, policies), `"DefinitionType":"AWSQuickSetupType-JITNA","ManagerName":"jitna","PollSeconds":"60","Region":"us-east-1"`)
	var deps []string
	for _, d := range *policies.Dependencies() {
		deps = append(deps, *d.StackName())
	}
	assert.Equal(t, []string{"Admin"}, deps, "cdk deploy --all deploys the enablement stack first")
	tmpl.HasResource(jsii.String("AWS::SSM::Document"), map[string]any{"DependsOn": []any{*policies.GetLogicalId(wait.Resource)}})
	assert.Equal(t, *wait.Resource.Node().Path(), *wait.Node().DefaultChild().Node().Path())
}

func TestJitnaDeployedBadInput(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewJitnaDeployed(stack, "NoOrganization", nil)
	org := jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	jitna.NewJitnaDeployed(stack, "TooOften", &jitna.JitnaDeployedProps{Organization: org, DeploymentWait: quicksetup.DeploymentWait{PollInterval: 9 * time.Second}})
	err := jitna.Validate(stack)
	assert.ErrorContains(t, err, "Admin/NoOrganization: Organization: is required: the JitnaOrganization whose JITNA deployment to wait for")
	assert.ErrorContains(t, err, `Admin/TooOften: PollInterval: "9s" must be 10s to 5m0s, in whole seconds`)
}
