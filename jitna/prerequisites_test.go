package jitna_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/internal/handler"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

func TestOrganizationPrerequisites(t *testing.T) {
	defer jitnatest.Recover(t)
	app := awscdk.NewApp(nil)
	stack := jitna.NewBootstraplessStack(app, "Admin", nil)
	p := jitna.NewOrganizationPrerequisites(stack, "Prerequisites", &jitna.OrganizationPrerequisitesProps{DelegatedAdminAccountId: "123456789012"})
	require.NoError(t, jitna.Validate(stack))
	assert.Len(t, p.Steps, 9, "4 trusted access, 4 registrations, RAM sharing")
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String(handler.TypePrerequisite), jsii.Number(9))
	tmpl.HasResourceProperties(jsii.String(handler.TypePrerequisite), map[string]any{
		"ServiceToken": map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^JitnaHandlerFunction")), "Arn"}},
		"PhysicalId":   "DelegatedAdmin-ssm-123456789012",
		"Create": map[string]any{
			"Service": "Organizations", "Action": "RegisterDelegatedAdministrator", "Region": "us-east-1",
			"Parameters":       map[string]any{"AccountId": "123456789012", "ServicePrincipal": "ssm.amazonaws.com"},
			"IgnoreErrorCodes": []any{"AccountAlreadyRegisteredException"},
		},
		"Delete": assertions.Match_ObjectLike(&map[string]any{
			"Action": "DeregisterDelegatedAdministrator", "IgnoreErrorCodes": []any{"AccountNotRegisteredException"},
		}),
	})
	tmpl.HasResourceProperties(jsii.String(handler.TypePrerequisite), map[string]any{
		"PhysicalId": "TrustedAccess-member-org-stacksets-cloudformation",
		"Create": map[string]any{
			"Service": "Organizations", "Action": "EnableAWSServiceAccess", "Region": "us-east-1",
			"Parameters": map[string]any{"ServicePrincipal": "member.org.stacksets.cloudformation.amazonaws.com"},
		},
		"Delete": assertions.Match_Absent(),
	})
	tmpl.HasResourceProperties(jsii.String(handler.TypePrerequisite), map[string]any{
		"Create": map[string]any{"Service": "RAM", "Action": "EnableSharingWithAwsOrganization"},
	})
	// One function, its code inline: no asset, no bootstrap.
	tmpl.ResourceCountIs(jsii.String("AWS::Lambda::Function"), jsii.Number(1))
	tmpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), map[string]any{
		"Runtime": handler.Runtime, "Handler": "index.handler",
		"Code": map[string]any{"ZipFile": handler.Source()},
	})
	raw := tmpl.ToJSON()
	assert.NotContains(t, *raw, "Parameters", "no BootstrapVersion parameter")
	assert.NotContains(t, *raw, "Rules", "no bootstrap version rule")
	assembly := app.Synth(nil)
	for _, a := range *assembly.Artifacts() {
		assert.NotContains(t, *a.Id(), ".assets", "no asset manifest")
	}
	manifest, err := os.ReadFile(filepath.Join(*assembly.Directory(), "manifest.json"))
	require.NoError(t, err)
	assert.NotContains(t, string(manifest), "cdk-hnb659fds", "no bootstrap role")
	// Least privilege: the role may make the steps' calls only, each for its
	// service principal.
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), map[string]any{
		"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{map[string]any{
			"Action":    []any{"organizations:DeregisterDelegatedAdministrator", "organizations:RegisterDelegatedAdministrator"},
			"Effect":    "Allow",
			"Resource":  "*",
			"Condition": map[string]any{"StringEquals": map[string]any{"organizations:ServicePrincipal": []any{"ssm.amazonaws.com"}}},
		}})},
	})
	// Registrations wait for trusted access; every step for the role's policy.
	tmpl.HasResource(jsii.String(handler.TypePrerequisite), map[string]any{
		"DependsOn": assertions.Match_ArrayWith(&[]any{
			assertions.Match_StringLikeRegexp(jsii.String("^JitnaHandlerRoleDefaultPolicy")),
			assertions.Match_StringLikeRegexp(jsii.String("TrustedAccessssm")),
		}),
	})
}

func TestOrganizationPrerequisitesSwitches(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	p := jitna.NewOrganizationPrerequisites(stack, "Prerequisites", &jitna.OrganizationPrerequisitesProps{
		DelegatedAdminAccountId: "123456789012", SkipTrustedAccess: true, SkipRAMSharing: true,
		DelegatedAdminFor: []string{"ssm.amazonaws.com"}, RetainOnDelete: true,
	})
	require.NoError(t, jitna.Validate(stack))
	require.Len(t, p.Steps, 1)
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String(handler.TypePrerequisite), map[string]any{"Delete": assertions.Match_Absent()})

	app, stack := newStack()
	jitna.NewOrganizationPrerequisites(stack, "Prerequisites", &jitna.OrganizationPrerequisitesProps{
		DelegatedAdminAccountId: "12", TrustedAccess: []string{"ssm", "ssm"},
	})
	err := jitna.Validate(app)
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	assert.Contains(t, lines, `Admin/Prerequisites: DelegatedAdminAccountId: "12" is not valid: must be a 12-digit AWS account id such as 111122223333`)
	assert.Contains(t, lines, `Admin/Prerequisites: TrustedAccess[1]: "ssm" is listed twice (first at TrustedAccess[0]): list each value once`)
	assert.Contains(t, lines, `Admin/Prerequisites: TrustedAccess[0]: "ssm" is not valid: must be a service principal such as ssm.amazonaws.com`)
}
