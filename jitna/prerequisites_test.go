package jitna_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

func TestOrganizationPrerequisites(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	p := jitna.NewOrganizationPrerequisites(stack, "Prerequisites", &jitna.OrganizationPrerequisitesProps{DelegatedAdminAccountId: "123456789012"})
	require.NoError(t, jitna.Validate(stack))
	assert.Len(t, p.Steps, 9, "4 trusted access, 4 registrations, RAM sharing")
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String("Custom::AWS"), jsii.Number(9))
	tmpl.HasResourceProperties(jsii.String("Custom::AWS"), map[string]any{
		"Create": assertions.Match_SerializedJson(map[string]any{
			"service": "Organizations", "action": "RegisterDelegatedAdministrator", "region": "us-east-1",
			"parameters":               map[string]any{"AccountId": "123456789012", "ServicePrincipal": "ssm.amazonaws.com"},
			"ignoreErrorCodesMatching": "AccountAlreadyRegisteredException",
			"physicalResourceId":       map[string]any{"id": "DelegatedAdmin-ssm"},
		}),
		"Delete": assertions.Match_SerializedJson(assertions.Match_ObjectLike(&map[string]any{
			"action": "DeregisterDelegatedAdministrator", "ignoreErrorCodesMatching": "AccountNotRegisteredException",
		})),
	})
	tmpl.HasResourceProperties(jsii.String("Custom::AWS"), map[string]any{
		"Create": assertions.Match_SerializedJson(assertions.Match_ObjectLike(&map[string]any{
			"service": "Organizations", "action": "EnableAWSServiceAccess",
			"parameters": map[string]any{"ServicePrincipal": "member.org.stacksets.cloudformation.amazonaws.com"},
		})),
		"Delete": assertions.Match_Absent(),
	})
	tmpl.HasResourceProperties(jsii.String("Custom::AWS"), map[string]any{
		"Create": assertions.Match_SerializedJson(assertions.Match_ObjectLike(&map[string]any{"service": "RAM", "action": "EnableSharingWithAwsOrganization"})),
	})
	// Least privilege: each step's Lambda may make that step's calls only.
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), map[string]any{
		"PolicyDocument": map[string]any{"Statement": []any{map[string]any{
			"Action":    []any{"organizations:DeregisterDelegatedAdministrator", "organizations:RegisterDelegatedAdministrator"},
			"Effect":    "Allow",
			"Resource":  "*",
			"Condition": map[string]any{"StringEquals": map[string]any{"organizations:ServicePrincipal": []any{"ssm.amazonaws.com"}}},
		}}, "Version": "2012-10-17"},
	})
	// Registrations wait for trusted access.
	tmpl.HasResource(jsii.String("Custom::AWS"), map[string]any{
		"DependsOn": assertions.Match_ArrayWith(&[]any{assertions.Match_StringLikeRegexp(jsii.String("TrustedAccessssm"))}),
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
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("Custom::AWS"), map[string]any{"Delete": assertions.Match_Absent()})

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
