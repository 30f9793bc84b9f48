package jitna_test

import (
	"encoding/json"
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
		"ServiceToken":   map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^JitnaHandlerFunction")), "Arn"}},
		"ServiceTimeout": "360",
		"Step":           "DelegatedAdmin", "ServicePrincipal": "ssm.amazonaws.com", "AccountId": "123456789012",
		"DeregisterOnDelete": "false",
	})
	tmpl.HasResourceProperties(jsii.String(handler.TypePrerequisite), map[string]any{
		"Step": "TrustedAccess", "ServicePrincipal": "member.org.stacksets.cloudformation.amazonaws.com",
		"AccountId": assertions.Match_Absent(),
	})
	tmpl.HasResourceProperties(jsii.String(handler.TypePrerequisite), map[string]any{"Step": "RAMSharing"})
	// One function, its code inline: no asset, no bootstrap. The code holds
	// the steps' properties (the only calls it makes) and the stack's id.
	tmpl.ResourceCountIs(jsii.String("AWS::Lambda::Function"), jsii.Number(1))
	tmpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), map[string]any{
		"Runtime": handler.Runtime, "Handler": "index.handler", "Timeout": 300,
		"Environment": map[string]any{"Variables": map[string]any{handler.StackIDVariable: map[string]any{"Ref": "AWS::StackId"}}},
	})
	code := zipFile(t, stack)
	assert.NotContains(t, code, handler.AllowedLine)
	assert.Contains(t, code, `"PrerequisitesDelegatedAdminssm`)
	assert.Contains(t, code, `{"AccountId":"123456789012","DeregisterOnDelete":"false","ServicePrincipal":"ssm.amazonaws.com","Step":"DelegatedAdmin"}`)
	assert.Equal(t, 9, strings.Count(code, `"Step":`), "one entry per step")
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
			"Action":   "cloudformation:DescribeStacks",
			"Effect":   "Allow",
			"Resource": map[string]any{"Ref": "AWS::StackId"},
		}, map[string]any{
			"Action":    []any{"organizations:DeregisterDelegatedAdministrator", "organizations:ListDelegatedAdministrators", "organizations:RegisterDelegatedAdministrator"},
			"Effect":    "Allow",
			"Resource":  "*",
			"Condition": map[string]any{"StringEquals": map[string]any{"organizations:ServicePrincipal": []any{"ssm.amazonaws.com"}}},
		}, map[string]any{
			"Action":    "iam:CreateServiceLinkedRole",
			"Effect":    "Allow",
			"Resource":  "*",
			"Condition": map[string]any{"StringEquals": map[string]any{"iam:AWSServiceName": []any{"ram.amazonaws.com"}}},
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

// zipFile returns the inline code of the stack's handler, as the template
// holds it (its tokens resolved to their CloudFormation text).
func zipFile(t *testing.T, stack awscdk.Stack) string {
	t.Helper()
	for _, r := range jitnatest.TemplateMap(t, stack)["Resources"].(map[string]any) {
		rm := r.(map[string]any)
		if rm["Type"] != "AWS::Lambda::Function" {
			continue
		}
		switch code := rm["Properties"].(map[string]any)["Code"].(map[string]any)["ZipFile"].(type) {
		case string:
			return code
		default:
			data, err := json.Marshal(code)
			require.NoError(t, err)
			return string(data)
		}
	}
	t.Fatal("no handler function")
	return ""
}

func TestOrganizationPrerequisitesSwitches(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	p := jitna.NewOrganizationPrerequisites(stack, "Prerequisites", &jitna.OrganizationPrerequisitesProps{
		DelegatedAdminAccountId: "123456789012", SkipTrustedAccess: true, SkipRAMSharing: true,
		DelegatedAdminFor: []string{"ssm.amazonaws.com"}, DeregisterOnDelete: true,
	})
	require.NoError(t, jitna.Validate(stack))
	require.Len(t, p.Steps, 1)
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String(handler.TypePrerequisite), map[string]any{"DeregisterOnDelete": "true"})

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
