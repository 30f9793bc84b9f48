package jitna_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

// No t.Parallel in this package: jsii is one Node.js process per test binary.

func TestMain(m *testing.M) { jitnatest.Main(m) }

func newStack() (awscdk.App, awscdk.Stack) {
	app := awscdk.NewApp(nil)
	return app, awscdk.NewStack(app, jsii.String("Admin"), nil)
}

func sampleProps() *jitna.JitnaOrganizationProps {
	return &jitna.JitnaOrganizationProps{
		Target: jitna.QuickSetupTarget{DelegatedAdminAccountId: "123456789012", HomeRegion: "us-east-1"},
		UnifiedConsole: jitna.UnifiedConsoleOptions{
			RootOrganizationalUnitId: "r-abcd",
			TargetRegions:            []string{"us-east-1", "us-east-2", "us-west-2"},
		},
		Jitna: jitna.JitnaOptions{TargetOrganizationalUnits: []string{"ou-a1b2-abcd1234"}},
	}
}

func TestJitnaOrganizationDefaults(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	org := jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	tmpl := jitnatest.Template(t, stack)

	tmpl.ResourceCountIs(jsii.String("AWS::IAM::Role"), jsii.Number(2))
	tmpl.ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(1))
	tmpl.ResourceCountIs(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), jsii.Number(2))

	tmpl.HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Name":        "ssm-console",
		"Description": "Enable the Systems Manager unified console for the AWS Organization",
		"ConfigurationDefinitions": []any{map[string]any{
			"Type": "AWSQuickSetupType-SSM",
			"Parameters": map[string]any{
				"AgentUpdateSchedule":         "rate(14 days)",
				"EnableDHMCSchedule":          "rate(1 day)",
				"InventoryCollectionSchedule": "rate(24 hours)",
				"DelegatedAccountId":          "123456789012",
				"HomeRegion":                  "us-east-1",
				"TargetOrganizationalUnits":   "r-abcd",
				"TargetRegions":               "us-east-1,us-east-2,us-west-2",
			},
			"LocalDeploymentAdministrationRoleArn": map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("AdministrationRole")), "Arn"}},
			"LocalDeploymentExecutionRoleName":     map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("ExecutionRole"))},
		}},
		"Tags": assertions.Match_Absent(),
	})
	tmpl.HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Name": "jitna",
		"ConfigurationDefinitions": []any{assertions.Match_ObjectLike(&map[string]any{
			"Type": "AWSQuickSetupType-JITNA",
			"Parameters": map[string]any{
				"DelegatedAccountId":        "123456789012",
				"HomeRegion":                "us-east-1",
				"IdentityProviderSetting":   "IAM",
				"TargetOrganizationalUnits": "ou-a1b2-abcd1234",
				"TargetRegions":             "us-east-1,us-east-2,us-west-2",
			},
		})},
	})

	// The JITNA manager waits for the console manager, and both for the roles
	// and the administration role's policy.
	consoleID := stack.GetLogicalId(org.UnifiedConsole.Manager)
	policyID := stack.GetLogicalId(org.Roles.AdministrationRolePolicy)
	tmpl.HasResource(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Properties": assertions.Match_ObjectLike(&map[string]any{"Name": "jitna"}),
		"DependsOn":  assertions.Match_ArrayWith(&[]any{*policyID, *consoleID}),
	})
	tmpl.HasResource(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Properties": assertions.Match_ObjectLike(&map[string]any{"Name": "ssm-console"}),
		"DependsOn":  assertions.Match_ArrayWith(&[]any{*policyID}),
	})
	require.NoError(t, jitna.Validate(stack))
}

func TestJitnaOrganizationSnapshot(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	jitnatest.Snapshot(t, stack)
}

func TestRolesMatchTheSample(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewQuickSetupRoles(stack, "Roles", nil)
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]any{
		"RoleName": "AWS-QuickSetup-StackSet-Local-AdministrationRole",
		"Path":     "/",
		"AssumeRolePolicyDocument": map[string]any{
			"Version": "2012-10-17",
			"Statement": []any{map[string]any{
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "cloudformation.amazonaws.com"},
				"Action":    []any{"sts:AssumeRole"},
				"Condition": map[string]any{
					"StringEquals": map[string]any{"aws:SourceAccount": map[string]any{"Ref": "AWS::AccountId"}},
					"StringLike": map[string]any{"aws:SourceArn": map[string]any{
						"Fn::Sub": "arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:stackset/AWS-QuickSetup-*"}},
				},
			}},
		},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), map[string]any{
		"PolicyName": "AssumeRole-AWSQuickSetupStackSetLocalAdministrationRole",
		"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Action":   []any{"sts:AssumeRole"},
			"Effect":   "Allow",
			"Resource": map[string]any{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/AWS-QuickSetup-StackSet-Local-ExecutionRole"},
		}}},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]any{
		"RoleName": "AWS-QuickSetup-StackSet-Local-ExecutionRole",
		"ManagedPolicyArns": []any{
			map[string]any{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSQuickSetupDeploymentRolePolicy"},
		},
		"AssumeRolePolicyDocument": assertions.Match_ObjectLike(&map[string]any{"Statement": []any{map[string]any{
			"Effect": "Allow", "Action": "sts:AssumeRole",
			"Principal": map[string]any{"AWS": map[string]any{"Fn::GetAtt": []any{assertions.Match_AnyValue(), "Arn"}}},
		}}}),
	})
}

func TestRolesWithTheJitnaDeploymentPolicyAndTags(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewQuickSetupRoles(stack, "Roles", &jitna.QuickSetupRolesProps{
		AttachJitnaDeploymentPolicy: true,
		Tags:                        map[string]string{"team": "platform", "cost": "ops"},
	})
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]any{
		"RoleName": "AWS-QuickSetup-StackSet-Local-ExecutionRole",
		"ManagedPolicyArns": []any{
			map[string]any{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSQuickSetupDeploymentRolePolicy"},
			map[string]any{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSQuickSetupJITNADeploymentRolePolicy"},
		},
		"Tags": []any{map[string]any{"Key": "cost", "Value": "ops"}, map[string]any{"Key": "team", "Value": "platform"}},
	})
}

func TestExistingRolesAreReferencedNotCreated(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	props := sampleProps()
	props.Roles = &jitna.QuickSetupRolesProps{UseExisting: true}
	org := jitna.NewJitnaOrganization(stack, "Jitna", props)
	assert.Nil(t, org.Roles.AdministrationRole)
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String("AWS::IAM::Role"), jsii.Number(0))
	tmpl.ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(0))
	tmpl.HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"ConfigurationDefinitions": []any{assertions.Match_ObjectLike(&map[string]any{
			"LocalDeploymentAdministrationRoleArn": map[string]any{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/AWS-QuickSetup-StackSet-Local-AdministrationRole"},
			"LocalDeploymentExecutionRoleName":     "AWS-QuickSetup-StackSet-Local-ExecutionRole",
		})},
	})
	tmpl.HasResource(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Properties": assertions.Match_ObjectLike(&map[string]any{"Name": "ssm-console"}),
		"DependsOn":  assertions.Match_Absent(),
	})
}

func TestOptionsReachTheManagers(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	props := sampleProps()
	props.Tags = map[string]string{"owner": "security", "env": "all"}
	props.UnifiedConsole.Name = "console"
	props.UnifiedConsole.Description = "Console for the org"
	props.UnifiedConsole.AgentUpdateSchedule = jitna.ScheduleNone()
	props.UnifiedConsole.EnableDHMCSchedule = jitna.RateDays(7)
	props.UnifiedConsole.InventoryCollectionSchedule = jitna.RateMinutes(30)
	props.UnifiedConsole.Tags = map[string]string{"env": "console"}
	props.Jitna = jitna.JitnaOptions{
		Name:             "jit access",
		TargetRegions:    []string{"us-east-1"},
		IdentityProvider: jitna.IdentityProviderSSO,
		ExtraParameters:  map[string]string{"FutureSetting": "yes"},
	}
	jitna.NewJitnaOrganization(stack, "Jitna", props)
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Name":        "console",
		"Description": "Console for the org",
		"Tags":        map[string]any{"owner": "security", "env": "console"},
		"ConfigurationDefinitions": []any{assertions.Match_ObjectLike(&map[string]any{
			"Parameters": assertions.Match_ObjectLike(&map[string]any{
				"AgentUpdateSchedule":         "none",
				"EnableDHMCSchedule":          "rate(7 days)",
				"InventoryCollectionSchedule": "rate(30 minutes)",
			}),
		})},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Name": "jit access",
		"Tags": map[string]any{"owner": "security", "env": "all"},
		"ConfigurationDefinitions": []any{assertions.Match_ObjectLike(&map[string]any{
			"Parameters": map[string]any{
				"DelegatedAccountId":        "123456789012",
				"HomeRegion":                "us-east-1",
				"IdentityProviderSetting":   "SSO",
				"TargetOrganizationalUnits": "r-abcd",
				"TargetRegions":             "us-east-1",
				"FutureSetting":             "yes",
			},
		})},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]any{
		"Tags": assertions.Match_ArrayWith(&[]any{map[string]any{"Key": "owner", "Value": "security"}}),
	})
}

func TestLocalMode(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewJitnaOrganization(stack, "Jitna", &jitna.JitnaOrganizationProps{
		Target:         jitna.QuickSetupTarget{Mode: jitna.ModeLocal, HomeRegion: "eu-west-1", TargetAccounts: []string{"111122223333"}},
		UnifiedConsole: jitna.UnifiedConsoleOptions{TargetRegions: []string{"eu-west-1"}},
	})
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"Name": "jitna",
		"ConfigurationDefinitions": []any{map[string]any{
			"Type":                                 "AWSQuickSetupType-JITNA",
			"LocalDeploymentAdministrationRoleArn": assertions.Match_AnyValue(),
			"LocalDeploymentExecutionRoleName":     assertions.Match_AnyValue(),
			"Parameters": map[string]any{
				"HomeRegion":              "eu-west-1",
				"IdentityProviderSetting": "IAM",
				"TargetAccounts":          "111122223333",
				"TargetRegions":           "eu-west-1",
			},
		}},
	})
}

func TestUnifiedConsoleAlone(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	roles := jitna.NewQuickSetupRoles(stack, "Roles", &jitna.QuickSetupRolesProps{UseExisting: true})
	jitna.NewUnifiedConsole(stack, "Console", &jitna.UnifiedConsoleProps{
		Target:         jitna.QuickSetupTarget{DelegatedAdminAccountId: "123456789012", HomeRegion: "us-east-2"},
		UnifiedConsole: jitna.UnifiedConsoleOptions{RootOrganizationalUnitId: "r-a1b2", TargetRegions: []string{"us-east-2"}},
		Roles:          roles,
	})
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), jsii.Number(1))
	tmpl.HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"ConfigurationDefinitions": []any{assertions.Match_ObjectLike(&map[string]any{
			"Type":       "AWSQuickSetupType-SSM",
			"Parameters": assertions.Match_ObjectLike(&map[string]any{"HomeRegion": "us-east-2", "TargetOrganizationalUnits": "r-a1b2"}),
		})},
	})
}

func TestParametersAsTokensAreNotChecked(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	regions := awscdk.NewCfnParameter(stack, jsii.String("Regions"), &awscdk.CfnParameterProps{Type: jsii.String("String")})
	account := awscdk.NewCfnParameter(stack, jsii.String("Account"), &awscdk.CfnParameterProps{Type: jsii.String("String")})
	props := sampleProps()
	props.Target.DelegatedAdminAccountId = *account.ValueAsString()
	props.UnifiedConsole.TargetRegions = []string{*regions.ValueAsString()}
	props.Jitna.TargetRegions = []string{"eu-central-1"}
	jitna.NewJitnaOrganization(stack, "Jitna", props)
	require.NoError(t, jitna.Validate(stack))
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::SSMQuickSetup::ConfigurationManager"), map[string]any{
		"ConfigurationDefinitions": []any{assertions.Match_ObjectLike(&map[string]any{
			"Parameters": assertions.Match_ObjectLike(&map[string]any{
				"DelegatedAccountId": map[string]any{"Ref": "Account"},
				"TargetRegions":      map[string]any{"Ref": "Regions"},
			}),
		})},
	})
}

func TestValidateNamesConstructPathFieldAndValue(t *testing.T) {
	defer jitnatest.Recover(t)
	app, stack := newStack()
	props := sampleProps()
	props.Jitna.TargetRegions = []string{"eu-west-1"}
	props.Target.DelegatedAdminAccountId = "42"
	props.Tags = map[string]string{"aws:x": "y"}
	jitna.NewJitnaOrganization(stack, "Jitna", props)
	jitna.NewQuickSetupRoles(stack, "MoreRoles", &jitna.QuickSetupRolesProps{Tags: map[string]string{"": "empty"}})

	err := jitna.Validate(app)
	require.Error(t, err)
	problems := check.Problems(err)
	require.Len(t, problems, 4, err.Error())
	assert.Equal(t, `Admin/Jitna: Tags[aws:x]: "aws:x" is reserved: tag keys must not start with "aws:"`, problems[0].Error())
	assert.Equal(t, `Admin/Jitna: Target.DelegatedAdminAccountId: "42" is not valid: must be a 12-digit AWS account id such as 111122223333`, problems[1].Error())
	assert.Equal(t, "Admin/Jitna", problems[2].Path)
	assert.Equal(t, "Jitna.TargetRegions[0]", problems[2].Field)
	assert.Equal(t, "eu-west-1", problems[2].Value)
	assert.Equal(t, "Admin/MoreRoles", problems[3].Path)

	// Validate on a sub-scope sees only that scope; another app sees nothing.
	assert.Len(t, check.Problems(jitna.Validate(stack.Node().FindChild(jsii.String("MoreRoles")))), 1)
	otherApp, otherStack := newStack()
	jitna.NewJitnaOrganization(otherStack, "Jitna", sampleProps())
	assert.NoError(t, jitna.Validate(otherApp))
}

func TestSynthesisFailsWithEveryProblem(t *testing.T) {
	defer jitnatest.Recover(t)
	app, stack := newStack()
	props := sampleProps()
	props.Jitna.TargetRegions = []string{"eu-west-1"}
	props.Jitna.IdentityProvider = "LDAP"
	jitna.NewJitnaOrganization(stack, "Jitna", props)
	msg := jitnatest.Panics(t, func() { app.Synth(nil) })
	assert.Contains(t, msg, "Validation failed")
	assert.Contains(t, msg, `[Admin] Admin/Jitna: Jitna.TargetRegions[0]: "eu-west-1" is not one of the unified console's target Regions`)
	assert.Contains(t, msg, `[Admin] Admin/Jitna: Jitna.IdentityProvider: "LDAP" is not allowed: must be one of IAM, SSO`)
	assert.Equal(t, 2, strings.Count(msg, "[Admin] Admin/Jitna:"), "one line per problem")
}

// ExtraParameters that override a parameter are checked after the merge, as
// `jitna validate` checks the template; unknown ones pass with a note.
func TestExtraParametersAreCheckedAfterTheMerge(t *testing.T) {
	defer jitnatest.Recover(t)
	app, stack := newStack()
	props := sampleProps()
	props.UnifiedConsole.ExtraParameters = map[string]string{"DelegatedAccountId": "42", "BrandNewKnob": "on"}
	props.Jitna.ExtraParameters = map[string]string{"IdentityProviderSetting": "OKTA"}
	jitna.NewJitnaOrganization(stack, "Jitna", props)
	var lines []string
	for _, p := range check.Problems(jitna.Validate(app)) {
		lines = append(lines, p.Error())
	}
	assert.Equal(t, []string{
		`Admin/Jitna: UnifiedConsole.ExtraParameters[DelegatedAccountId]: "42" is not valid: must be a 12-digit AWS account id such as 111122223333`,
		`Admin/Jitna: Jitna.ExtraParameters[IdentityProviderSetting]: "OKTA" is not allowed: must be one of IAM, SSO`,
	}, lines)
	_, valid := newStack()
	props = sampleProps()
	props.UnifiedConsole.ExtraParameters = map[string]string{"BrandNewKnob": "on"}
	jitna.NewJitnaOrganization(valid, "Jitna", props)
	assertions.Annotations_FromStack(valid).HasInfo(jsii.String("/Admin/Jitna"),
		assertions.Match_StringLikeRegexp(jsii.String(`ExtraParameters\[BrandNewKnob\] is not a parameter this library knows`)))
}
