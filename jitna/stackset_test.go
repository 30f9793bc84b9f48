package jitna_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

func memberPolicies(member awscdk.Stack) {
	jitna.NewAutoApprovalPolicy(member, "Auto", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{Cedar: devNodes}})
	jitna.NewManualApprovalPolicy(member, "Finance", financePolicy("Finance-Manual-Approval-Policy", "Finance"))
	jitna.NewSessionPreferences(member, "Sessions", nil)
}

func deployment() jitna.StackSetDeployment {
	return jitna.StackSetDeployment{OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1", "us-east-2"}}
}

func TestMemberStackSetInline(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	ms := jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: memberPolicies})
	require.NoError(t, jitna.Validate(stack))
	assert.Nil(t, ms.Asset)
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::CloudFormation::StackSet"), map[string]any{
		"StackSetName":     "jitna-member-policies",
		"PermissionModel":  "SERVICE_MANAGED",
		"CallAs":           "DELEGATED_ADMIN",
		"AutoDeployment":   map[string]any{"Enabled": true, "RetainStacksOnAccountRemoval": false},
		"ManagedExecution": map[string]any{"Active": false},
		"StackInstancesGroup": []any{map[string]any{
			"DeploymentTargets": map[string]any{"OrganizationalUnitIds": []any{"ou-a1b2-abcd1234"}},
			"Regions":           []any{"us-east-1", "us-east-2"},
		}},
		"TemplateBody":         assertions.Match_StringLikeRegexp(jsii.String(`"SSM-JustInTimeAccessAutoApprovalPolicy"`)),
		"TemplateURL":          assertions.Match_Absent(),
		"Capabilities":         assertions.Match_Absent(),
		"OperationPreferences": assertions.Match_Absent(),
	})
	var body map[string]any
	props := jitnatest.TemplateMap(t, stack)["Resources"].(map[string]any)
	for _, r := range props {
		if r.(map[string]any)["Type"] == "AWS::CloudFormation::StackSet" {
			require.NoError(t, json.Unmarshal([]byte(r.(map[string]any)["Properties"].(map[string]any)["TemplateBody"].(string)), &body))
		}
	}
	assert.Equal(t, ms.Template, body)
	assert.NotContains(t, body, "Rules", "no bootstrap version rule in a StackSet's template")
	assert.NotContains(t, body, "Parameters")
}

func TestMemberStackSetOptions(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	d := deployment()
	d.StackSetName = "jitna-policies"
	d.Description = "JITNA approval policies"
	d.Accounts = []string{"111122223333"}
	d.AccountFilter = rollout.FilterDifference
	d.RegionOrder = []string{"us-east-2", "us-east-1"}
	d.DisableAutoDeployment, d.RetainStacksOnAccountRemoval = true, true
	d.CallAs = rollout.CallAsSelf
	d.ParallelRegions = true
	d.MaxConcurrent, d.FailureTolerance = jitna.StackSetPercent(25), jitna.StackSetCount(2)
	d.ManagedExecution = true
	d.Parameters = map[string]string{"Team": "platform"}
	d.Tags = map[string]string{"owner": "security"}
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: d, Build: func(member awscdk.Stack) {
		memberPolicies(member)
		awscdk.NewCfnParameter(member, jsii.String("Team"), &awscdk.CfnParameterProps{Type: jsii.String("String")})
		awscdk.NewCfnResource(member, jsii.String("Role"), &awscdk.CfnResourceProps{Type: jsii.String("AWS::IAM::Role"), Properties: &map[string]any{
			"RoleName": "jitna-member", "AssumeRolePolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{}},
		}})
	}})
	require.NoError(t, jitna.Validate(stack))
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::CloudFormation::StackSet"), map[string]any{
		"StackSetName":   "jitna-policies",
		"Description":    "JITNA approval policies",
		"CallAs":         "SELF",
		"AutoDeployment": map[string]any{"Enabled": false, "RetainStacksOnAccountRemoval": true},
		"StackInstancesGroup": []any{map[string]any{
			"DeploymentTargets": map[string]any{"OrganizationalUnitIds": []any{"ou-a1b2-abcd1234"}, "Accounts": []any{"111122223333"}, "AccountFilterType": "DIFFERENCE"},
			"Regions":           []any{"us-east-1", "us-east-2"},
		}},
		"OperationPreferences": map[string]any{"RegionConcurrencyType": "PARALLEL", "RegionOrder": []any{"us-east-2", "us-east-1"}, "MaxConcurrentPercentage": 25, "FailureToleranceCount": 2},
		"ManagedExecution":     map[string]any{"Active": true},
		"Capabilities":         []any{"CAPABILITY_NAMED_IAM"},
		"Parameters":           []any{map[string]any{"ParameterKey": "Team", "ParameterValue": "platform"}},
		"Tags":                 []any{map[string]any{"Key": "owner", "Value": "security"}},
	})
}

// 50 manual policies with long messages make a member template above 51,200
// bytes: it goes to S3 as a file asset.
func TestLargeMemberTemplateTakesTheAssetPath(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	ms := jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
		for i := range 50 {
			p := financePolicy(fmt.Sprint("Policy-", i), fmt.Sprint("W", i))
			p.ApprovalLevels[0].Message = strings.Repeat("Approve only with a ticket. ", 30)
			jitna.NewManualApprovalPolicy(member, fmt.Sprint("P", i), p)
		}
	}})
	require.NoError(t, jitna.Validate(stack))
	require.NotNil(t, ms.Asset)
	body, _ := json.Marshal(ms.Template)
	assert.Greater(t, len(body), rollout.MaxTemplateBody)
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::CloudFormation::StackSet"), map[string]any{
		"TemplateURL":  assertions.Match_AnyValue(),
		"TemplateBody": assertions.Match_Absent(),
	})

	// Forced inline, the same template is refused.
	_, stack = newStack()
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), TemplateMode: jitna.TemplateInline, Build: func(member awscdk.Stack) {
		for i := range 50 {
			p := financePolicy(fmt.Sprint("Policy-", i), fmt.Sprint("W", i))
			p.ApprovalLevels[0].Message = strings.Repeat("Approve only with a ticket. ", 30)
			jitna.NewManualApprovalPolicy(member, fmt.Sprint("P", i), p)
		}
	}})
	assert.ErrorContains(t, jitna.Validate(stack), "TemplateBody holds at most 51200")

	// A small template can be forced to S3.
	_, stack = newStack()
	ms = jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), TemplateMode: jitna.TemplateAsset, Build: memberPolicies})
	assert.NotNil(t, ms.Asset)
}

func TestMemberStackSetProblems(t *testing.T) {
	defer jitnatest.Recover(t)
	for _, tc := range []struct {
		name  string
		props func(s awscdk.Stack) *jitna.MemberStackSetProps
		want  string
	}{
		{"reference to the parent stack", func(s awscdk.Stack) *jitna.MemberStackSetProps {
			bucket := awss3.NewBucket(s, jsii.String("Logs"), nil)
			return &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
				jitna.NewSessionPreferences(member, "Sessions", &jitna.SessionPreferencesProps{S3Bucket: bucket})
			}}
		}, "Admin/Members: Build: the member template cannot be synthesized: refers to a resource outside the member template: a StackSet cannot resolve references to the parent stack"},
		{"member template problems", func(awscdk.Stack) *jitna.MemberStackSetProps {
			return &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
				memberPolicies(member)
				jitna.NewAutoApprovalPolicy(member, "Auto2", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{Cedar: devNodes}})
			}}
		}, "Admin/Members: member template Member/Auto2: is a second auto-approval policy (the first is Member/Auto)"},
		{"Build adds nothing", func(awscdk.Stack) *jitna.MemberStackSetProps {
			return &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(awscdk.Stack) {}}
		}, "Admin/Members: Build: adds no resources: the member template is empty, which CloudFormation refuses"},
		{"template mode typo", func(awscdk.Stack) *jitna.MemberStackSetProps {
			return &jitna.MemberStackSetProps{StackSetDeployment: deployment(), TemplateMode: "Inline", Build: memberPolicies}
		}, `Admin/Members: TemplateMode: "Inline" is not a template mode`},
		{"no Build", func(awscdk.Stack) *jitna.MemberStackSetProps {
			return &jitna.MemberStackSetProps{StackSetDeployment: deployment()}
		},
			"Admin/Members: Build: is nil"},
		{"Build panics", func(awscdk.Stack) *jitna.MemberStackSetProps {
			return &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
				jitna.NewAutoApprovalPolicy(member, "Auto", nil)
				jitna.NewAutoApprovalPolicy(member, "Auto", nil) // the same id twice
			}}
		}, "Admin/Members: Build: failed: There is already a Construct with name 'Auto'"},
		{"deployment", func(awscdk.Stack) *jitna.MemberStackSetProps {
			d := deployment()
			d.StackSetName, d.OrganizationalUnits, d.Regions = "1st", nil, []string{"us-east-1", "us-east-1"}
			d.RegionOrder, d.MaxConcurrent, d.FailureTolerance, d.AccountFilter = []string{"eu-west-1"}, "0", "101%", rollout.FilterUnion
			return &jitna.MemberStackSetProps{StackSetDeployment: d, Build: memberPolicies}
		}, strings.Join([]string{
			`Admin/Members: StackSetName: "1st" is not valid`,
			`Admin/Members: OrganizationalUnits: is empty`,
			`Admin/Members: AccountFilter: "UNION" is set without Accounts to filter with`,
			`Admin/Members: Regions[1]: "us-east-1" is listed twice`,
			`Admin/Members: RegionOrder[0]: "eu-west-1" is not one of Regions (us-east-1, us-east-1)`,
			`Admin/Members: MaxConcurrent: "0" is out of range: a count must be at least 1`,
			`Admin/Members: FailureTolerance: "101%" is out of range: a percentage must be 0 to 100`,
		}, "\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app, stack := newStack()
			jitna.NewMemberStackSet(stack, "Members", tc.props(stack))
			err := jitna.Validate(app)
			require.Error(t, err)
			var lines []string
			for _, p := range check.Problems(err) {
				lines = append(lines, p.Error())
			}
			for _, want := range strings.Split(tc.want, "\n") {
				assert.Contains(t, strings.Join(lines, "\n"), want)
			}
		})
	}
}

// Targets outside what the StackSet's Organization enables are errors; an
// organization elsewhere in the app that the StackSet does not name is not
// compared.
func TestMemberStackSetWithinJitnaTargets(t *testing.T) {
	defer jitnatest.Recover(t)
	app, stack := newStack()
	d := deployment()
	d.Regions = []string{"us-east-1", "eu-west-1"}
	d.OrganizationalUnits = []string{"ou-a1b2-abcd1234", "ou-a1b2-zzzz9999"}
	org := jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: d, Build: memberPolicies, Organization: org})
	err := jitna.Validate(app)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Admin/Members: Regions[1]: "eu-west-1" is not one of JITNA's target Regions (us-east-1, us-east-2, us-west-2)`)
	assert.Contains(t, err.Error(), `Admin/Members: OrganizationalUnits[1]: "ou-a1b2-zzzz9999" is not one of JITNA's target organizational units (ou-a1b2-abcd1234)`)

	app, stack = newStack()
	jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: d, Build: memberPolicies})
	assert.NoError(t, jitna.Validate(app))
}

// Regions an organization declares new hold for the member StackSets that
// name it; without them, such a Region is an error in both.
func TestNewRegionsOfTheOrganizationHoldForItsStackSets(t *testing.T) {
	defer jitnatest.Recover(t)
	props := sampleProps()
	props.UnifiedConsole.TargetRegions = append(props.UnifiedConsole.TargetRegions, "us-east-7")
	d := deployment()
	d.Regions = []string{"us-east-7"}

	app, stack := newStack()
	org := jitna.NewJitnaOrganization(stack, "Jitna", props)
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: d, Build: memberPolicies, Organization: org})
	err := jitna.Validate(app)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Admin/Jitna: UnifiedConsole.TargetRegions[3]: "us-east-7" is not an AWS Region`)
	assert.Contains(t, err.Error(), `Admin/Members: Regions[0]: "us-east-7" is not an AWS Region`)

	props.Target.NewRegions = []string{"us-east-7"}
	app, stack = newStack()
	org = jitna.NewJitnaOrganization(stack, "Jitna", props)
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: d, Build: memberPolicies, Organization: org})
	require.NoError(t, jitna.Validate(app))
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"ConfigurationDefinitions": []any{map[string]any{"Parameters": map[string]any{"TargetRegions": "us-east-1,us-east-2,us-west-2,us-east-7"}}},
	})
}

func TestMemberTemplateWarningsReachTheParent(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
		jitna.NewManualApprovalPolicy(member, "A", financePolicy("A-Policy", "Finance"))
		jitna.NewManualApprovalPolicy(member, "B", financePolicy("B-Policy", "Finance"))
	}})
	// Once, naming the member construct by path, with its own id to
	// acknowledge it by.
	ann := assertions.Annotations_FromStack(stack)
	ann.HasWarning(jsii.String("/Admin/Members"), jsii.String(`member template Member/B: manual approval policies "A-Policy" and "B-Policy" can apply to the same node (both target tag Workload=Finance): requests to such a node fail; if no node carries both targets, state it with IntendedOverlap [ack: jitna:overlapping-targets]`))
	assert.Len(t, *ann.FindWarning(jsii.String("*"), assertions.Match_AnyValue()), 1)
}

// findingAspect annotates every SSM document it visits at each level: a
// stand-in for cdk-nag's packs.
type findingAspect struct{}

func (*findingAspect) Visit(node constructs.IConstruct) {
	if cfn, ok := node.(awscdk.CfnResource); ok && *cfn.CfnResourceType() == "AWS::SSM::Document" {
		a := awscdk.Annotations_Of(node)
		a.AddError(jsii.String("NAG-1: an error"))
		a.AddWarning(jsii.String("NAG-2: a warning"))
		a.AddWarningV2(jsii.String("NAG-3"), jsii.String("an acknowledgeable warning"), nil)
		a.AddInfo(jsii.String("NAG-4: an info"))
	}
}

// Aspects reach the member template only through MemberStackSetProps.Aspects,
// and what they find there is reported on the StackSet with the member
// path, at its level; the library's own member warnings are not doubled.
func TestMemberStackSetAspects(t *testing.T) {
	defer jitnatest.Recover(t)
	build := func(aspects []awscdk.IAspect) awscdk.Stack {
		app, stack := newStack()
		awscdk.Aspects_Of(app).Add(&findingAspect{}, nil)
		jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Aspects: aspects, Build: func(member awscdk.Stack) {
			jitna.NewManualApprovalPolicy(member, "Finance", financePolicy("Finance-Manual-Approval-Policy", "Finance"))
			jitna.NewManualApprovalPolicy(member, "Payments", financePolicy("Payments-Manual-Approval-Policy", "Finance"))
		}})
		require.NoError(t, jitna.Validate(stack))
		return stack
	}
	ann := assertions.Annotations_FromStack(build(nil))
	ann.HasNoError(jsii.String("*"), assertions.Match_AnyValue())
	overlaps := ann.FindWarning(jsii.String("/Admin/Members"), assertions.Match_StringLikeRegexp(jsii.String("can apply to the same node")))
	require.Len(t, *overlaps, 1, "the parent's aspects do not reach the member; the overlap is reported once")

	ann = assertions.Annotations_FromStack(build([]awscdk.IAspect{&findingAspect{}}))
	const doc = "member template Member/Finance/Document: "
	ann.HasError(jsii.String("/Admin/Members"), jsii.String(doc+"NAG-1: an error"))
	ann.HasWarning(jsii.String("/Admin/Members"), jsii.String(doc+"NAG-2: a warning [ack: jitna:member-template]"))
	ann.HasWarning(jsii.String("/Admin/Members"), jsii.String(doc+"an acknowledgeable warning [ack: NAG-3]"))
	ann.HasInfo(jsii.String("/Admin/Members"), jsii.String(doc+"NAG-4: an info"))
	ann.HasError(jsii.String("/Admin/Members"), jsii.String("member template Member/Payments/Document: NAG-1: an error"))
	overlaps = ann.FindWarning(jsii.String("/Admin/Members"), assertions.Match_StringLikeRegexp(jsii.String("can apply to the same node")))
	assert.Len(t, *overlaps, 1, "the library's own member warning is reported once")
}

// ConcurrencyMode reaches the StackSet; a MaxConcurrent that the strict mode
// caps is said in a warning.
func TestMemberStackSetConcurrencyMode(t *testing.T) {
	defer jitnatest.Recover(t)
	for _, mode := range []rollout.ConcurrencyMode{"", rollout.ConcurrencySoft} {
		_, stack := newStack()
		d := deployment()
		d.MaxConcurrent, d.FailureTolerance, d.ConcurrencyMode = jitna.StackSetPercent(20), jitna.StackSetCount(1), mode
		jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: d, Build: memberPolicies})
		require.NoError(t, jitna.Validate(stack))
		capped := assertions.Annotations_FromStack(stack).FindWarning(jsii.String("/Admin/Members"), assertions.Match_StringLikeRegexp(jsii.String("is capped at 2 accounts")))
		prefs := map[string]any{"MaxConcurrentPercentage": 20, "FailureToleranceCount": 1, "ConcurrencyMode": assertions.Match_Absent()}
		if mode != "" {
			prefs["ConcurrencyMode"] = string(mode)
			assert.Empty(t, *capped)
		} else {
			assert.Len(t, *capped, 1)
		}
		jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::CloudFormation::StackSet"), map[string]any{"OperationPreferences": prefs})
	}
}

// The member template as a template of its own: a check that fails names
// the path of the difference in it, not the StackSet's whole TemplateBody.
func TestMemberTemplateAssertions(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	m := jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: memberPolicies})
	member := jitnatest.MemberTemplate(t, m.Template)
	member.HasResourceProperties(jsii.String("AWS::SSM::Document"), map[string]any{"Name": "SSM-JustInTimeAccessAutoApprovalPolicy"})
	msg := jitnatest.Panics(t, func() {
		member.HasResourceProperties(jsii.String("AWS::SSM::Document"), map[string]any{"Name": "SSM-JustInTimeAccessAutoApprovalPolicy", "DocumentType": "Session"})
	})
	assert.Contains(t, msg, `Expected Session but received AutoApprovalPolicy`)
	assert.NotContains(t, msg, "TemplateBody")
}
