package jitna_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

const devNodes = `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("ENV") && resource.getTag("ENV") == "DEV" };`

func financePolicy(name string, values ...string) *jitna.ManualApprovalPolicyProps {
	return &jitna.ManualApprovalPolicyProps{ManualApproval: jitna.ManualApproval{
		Name:           name,
		AccessDuration: 8 * time.Hour,
		Targets:        []jitna.TagTarget{{Key: "Workload", Values: values}},
		ApprovalLevels: []jitna.ApprovalLevel{
			{Approvers: []jitna.Approver{jitna.SSOGroupApprover("ec4df598-7071-70a6-0de4-12345example")}},
			{Message: "Finance lead", MinRequiredApprovals: 2, Timeout: 48 * time.Hour, Approvers: []jitna.Approver{
				jitna.IamRoleApprover("FinanceLead"), jitna.IamUserApprover("arn:aws:iam::123456789012:user/cfo"),
			}},
		},
	}}
}

func TestAutoApprovalPolicy(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	p := jitna.NewAutoApprovalPolicy(stack, "Auto", &jitna.AutoApprovalPolicyProps{
		CedarSource: jitna.CedarSource{
			Cedar: devNodes,
			Rules: []cedar.Rule{cedar.PermitRule("On-call to production", cedar.PrincipalInGroup("34688438-1061-702c-a03d-1fa788dccfd1"), cedar.NodeTagEquals("Environment", "PROD"))},
		},
		Description: "Who reaches which node without approval",
		Tags:        map[string]string{"team": "platform"},
	})
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String("AWS::SSM::Document"), jsii.Number(1))
	tmpl.HasResourceProperties(jsii.String("AWS::SSM::Document"), map[string]any{
		"Name":           "SSM-JustInTimeAccessAutoApprovalPolicy",
		"DocumentType":   "AutoApprovalPolicy",
		"DocumentFormat": "YAML",
		"UpdateMethod":   "NewVersion",
		"Tags":           []any{map[string]any{"Key": "team", "Value": "platform"}},
		"Content": map[string]any{
			"schemaVersion":   "0.3",
			"description":     "Who reaches which node without approval",
			"accessTokenRole": "SSM-JustInTimeAccessTokenRole",
			"accessDuration":  3600,
			"AutoApprovalPolicyDocuments": []any{map[string]any{
				"type":    "Cedar",
				"content": assertions.Match_StringLikeRegexp(jsii.String(`getTag\("ENV"\) == "DEV"[\s\S]*// On-call to production\npermit \(`)),
			}},
		},
	})
	assert.Len(t, p.Policy.Documents, 1)
	jitnatest.Snapshot(t, stack)
}

func TestDenyAccessPolicyFormats(t *testing.T) {
	defer jitnatest.Recover(t)
	for _, tc := range []struct {
		format jitna.DenyAccessFormat
		want   map[string]any
	}{
		{"", map[string]any{"DocumentFormat": "YAML", "Content": assertions.Match_ObjectLike(&map[string]any{
			"AutoApprovalPolicyDocuments": []any{map[string]any{"type": "Cedar", "content": assertions.Match_StringLikeRegexp(jsii.String("TEMP-"))}},
		})}},
		{jitna.DenyAccessCedarText, map[string]any{"DocumentFormat": "TEXT", "Content": assertions.Match_StringLikeRegexp(jsii.String(`^// Temporary staff`))}},
	} {
		_, stack := newStack()
		jitna.NewDenyAccessPolicy(stack, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}, Format: tc.format}})
		require.NoError(t, jitna.Validate(stack))
		tc.want["Name"] = "SSM-JustInTimeAccessDenyAccessOrgPolicy"
		tc.want["DocumentType"] = "AutoApprovalPolicy"
		jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::SSM::Document"), tc.want)
	}
}

func TestManualApprovalPolicy(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	p := jitna.NewManualApprovalPolicy(stack, "Finance", financePolicy("Finance-Manual-Approval-Policy", "Finance", "Payments"))
	jitna.NewManualApprovalPolicy(stack, "Everything", &jitna.ManualApprovalPolicyProps{ManualApproval: jitna.ManualApproval{
		Name: "All-Nodes", AccessDuration: time.Hour, AllNodes: true,
		ApprovalLevels: []jitna.ApprovalLevel{{Approvers: []jitna.Approver{jitna.IamGroupApprover("Ops")}}},
	}})
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::SSM::Document"), map[string]any{
		"Name":         "Finance-Manual-Approval-Policy",
		"DocumentType": "ManualApprovalPolicy",
		"UpdateMethod": "NewVersion",
		"Content": map[string]any{
			"schemaVersion":   "0.3",
			"accessDuration":  28800,
			"description":     "",
			"accessTokenRole": "SSM-JustInTimeAccessTokenRole",
			"targets":         []any{map[string]any{"Key": "tag:Workload", "Values": []any{"Finance", "Payments"}}},
			"mainSteps": []any{
				map[string]any{"name": "ManualApproval", "action": "aws:approve", "timeoutSeconds": 604800, "inputs": map[string]any{
					"Message": "Please approve this request", "MinRequiredApprovals": 1,
					"EnhancedApprovals": map[string]any{"Approvers": []any{map[string]any{"approver": "ec4df598-7071-70a6-0de4-12345example", "type": "SSOGroup"}}},
				}},
				map[string]any{"name": "ManualApproval2", "action": "aws:approve", "timeoutSeconds": 172800, "inputs": map[string]any{
					"Message": "Finance lead", "MinRequiredApprovals": 2,
					"EnhancedApprovals": map[string]any{"Approvers": []any{
						map[string]any{"approver": "FinanceLead", "type": "IamRole"},
						map[string]any{"approver": "arn:aws:iam::123456789012:user/cfo", "type": "IamUser"},
					}},
				}},
			},
		},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::SSM::Document"), map[string]any{
		"Name":    "All-Nodes",
		"Content": assertions.Match_ObjectLike(&map[string]any{"targets": []any{map[string]any{"Key": "InstanceIds", "Values": []any{"*"}}}}),
	})
	assert.Equal(t, "ManualApproval2", p.Policy.ApprovalLevels[1].Name, "defaults are visible on the construct")
	jitnatest.Snapshot(t, stack)
}

func TestOverlappingManualPoliciesWarn(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewManualApprovalPolicy(stack, "Finance", financePolicy("Finance-Policy", "Finance"))
	jitna.NewManualApprovalPolicy(stack, "AlsoFinance", financePolicy("Also-Finance-Policy", "Finance", "Other"))
	jitna.NewManualApprovalPolicy(stack, "Other", financePolicy("Other-Policy", "Payroll"))
	require.NoError(t, jitna.Validate(stack), "overlaps are warnings, not errors")
	ann := assertions.Annotations_FromStack(stack)
	ann.HasWarning(jsii.String("/Admin/AlsoFinance"), assertions.Match_StringLikeRegexp(jsii.String(
		`manual approval policies "Finance-Policy" and "Also-Finance-Policy" can apply to the same node \(both target tag Workload=Finance\)`)))
	ann.HasNoWarning(jsii.String("/Admin/Other"), assertions.Match_AnyValue())
}

// Many overlapping pairs through the same tag keys give one warning, and an
// overlap stated as intended none.
func TestOverlapWarningsAreSummedUpAndCanBeIntended(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	on := func(name, key, value string) *jitna.ManualApprovalPolicyProps {
		p := financePolicy(name, value)
		p.Targets[0].Key = key
		return p
	}
	jitna.NewManualApprovalPolicy(stack, "Staging", on("Staging", "Environment", "STAGING"))
	jitna.NewManualApprovalPolicy(stack, "Prod", on("Prod", "Environment", "PROD"))
	for i := range 48 {
		name := fmt.Sprintf("Team-%02d", i)
		jitna.NewManualApprovalPolicy(stack, name, on(name, "Team", name))
	}
	require.NoError(t, jitna.Validate(stack))
	warnings := assertions.Annotations_FromStack(stack).FindWarning(jsii.String("*"), assertions.Match_AnyValue())
	require.Len(t, *warnings, 1, "one summary, not 96 warnings")
	assert.Equal(t, "/Admin/Team-00", *(*warnings)[0].Id)
	assert.Contains(t, fmt.Sprint((*warnings)[0].Entry.Data), "96 pairs of manual approval policies can apply to the same nodes through tag Environment and Team")

	_, stack = newStack()
	jitna.NewManualApprovalPolicy(stack, "Prod", on("Prod", "Environment", "PROD"))
	team := on("Team", "Team", "payments")
	team.IntendedOverlap = &jitna.IntendedOverlap{Reason: "Team tags are only on development nodes, never with Environment"}
	jitna.NewManualApprovalPolicy(stack, "Team", team)
	require.NoError(t, jitna.Validate(stack))
	assertions.Annotations_FromStack(stack).HasNoWarning(jsii.String("*"), assertions.Match_AnyValue())
}

func TestSessionPreferencesDefaultsAreTheSamples(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewSessionPreferences(stack, "Prefs", nil)
	require.NoError(t, jitna.Validate(stack))
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::SSM::Document"), map[string]any{
		"Name": "SSM-SessionManagerRunShell", "DocumentType": "Session", "DocumentFormat": "YAML", "UpdateMethod": "NewVersion",
		"Content": map[string]any{
			"schemaVersion": "1.0",
			"description":   "Document to hold regional settings for Session Manager",
			"sessionType":   "Standard_Stream",
			"inputs": map[string]any{
				"s3BucketName": "", "s3KeyPrefix": "", "s3EncryptionEnabled": true,
				"cloudWatchLogGroupName":      map[string]any{"Fn::Sub": "session-manager-${AWS::Region}"},
				"cloudWatchEncryptionEnabled": false, "cloudWatchStreamingEnabled": true,
				"idleSessionTimeout": "20", "maxSessionDuration": "60", "kmsKeyId": "",
				"runAsEnabled": true, "runAsDefaultUser": "ec2-user",
				"shellProfile": map[string]any{"windows": "", "linux": ""},
			},
		},
	})
}

func TestSessionPreferencesWithResources(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	bucket := awss3.NewBucket(stack, jsii.String("Logs"), nil)
	p := jitna.NewSessionPreferences(stack, "Prefs", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{
		S3KeyPrefix: "jitna/", IdleSessionTimeout: 15 * time.Minute, MaxSessionDuration: 8 * time.Hour,
		RunAsEnabled: jitna.SessionFlag(false), ShellProfileLinux: "exec bash",
	}, NoCloudWatchLogs: true, CreateEncryptionKey: true}, S3Bucket: bucket})
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::KMS::Key"), map[string]any{
		"EnableKeyRotation": true,
		"Tags":              []any{map[string]any{"Key": "SystemsManagerJustInTimeNodeAccessManaged", "Value": "true"}},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::SSM::Document"), map[string]any{
		"Content": map[string]any{"inputs": assertions.Match_ObjectLike(&map[string]any{
			"s3BucketName":           map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^Logs"))},
			"s3KeyPrefix":            "jitna/",
			"cloudWatchLogGroupName": "",
			"kmsKeyId":               map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^PrefsKey")), "Arn"}},
			"idleSessionTimeout":     "15",
			"maxSessionDuration":     "480",
			"runAsEnabled":           false,
			"runAsDefaultUser":       "",
			"shellProfile":           map[string]any{"windows": "", "linux": "exec bash"},
		})},
	})
	assert.NotNil(t, p.Key)
	assertions.Annotations_FromStack(stack).HasNoWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("lacks the tag")))
}

func TestSessionKeyWithoutTheTagWarns(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	key := awskms.NewKey(stack, jsii.String("Key"), nil)
	jitna.NewSessionPreferences(stack, "Prefs", &jitna.SessionPreferencesProps{EncryptionKey: key})
	imported := awskms.Key_FromKeyArn(stack, jsii.String("Imported"), jsii.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
	_, other := newStack()
	jitna.NewSessionPreferences(other, "Prefs", &jitna.SessionPreferencesProps{EncryptionKey: imported})
	assertions.Annotations_FromStack(stack).HasWarning(jsii.String("/Admin/Prefs"), assertions.Match_StringLikeRegexp(jsii.String(
		"the KMS key Admin/Key lacks the tag SystemsManagerJustInTimeNodeAccessManaged=true")))
	assertions.Annotations_FromStack(other).HasNoWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("lacks the tag")))
}

// The sessions' log group: the AWS sample's, which nothing creates, warns;
// a group of the app does not, unless encryption is asked of it and it has
// no key; a group given by name with encryption on warns that it cannot be
// checked.
func TestSessionLogGroupWarnings(t *testing.T) {
	defer jitnatest.Recover(t)
	on := jitna.SessionFlag(true)
	warnings := func(props func(stack awscdk.Stack) *jitna.SessionPreferencesProps) []string {
		_, stack := newStack()
		jitna.NewSessionPreferences(stack, "Prefs", props(stack))
		var out []string
		for _, m := range *assertions.Annotations_FromStack(stack).FindWarning(jsii.String("/Admin/Prefs"), assertions.Match_StringLikeRegexp(jsii.String("log group"))) {
			out = append(out, fmt.Sprint(m.Entry.Data))
		}
		return out
	}
	group := func(stack awscdk.Stack, encrypted bool) awslogs.ILogGroup {
		props := &awslogs.LogGroupProps{}
		if encrypted {
			props.EncryptionKey = awskms.NewKey(stack, jsii.String("LogKey"), nil)
		}
		return awslogs.NewLogGroup(stack, jsii.String("Logs"), props)
	}
	sample := warnings(func(awscdk.Stack) *jitna.SessionPreferencesProps { return &jitna.SessionPreferencesProps{} })
	require.Len(t, sample, 1)
	assert.Contains(t, sample[0], "the AWS sample's log group session-manager-<Region>, which nothing in this app creates")
	assert.Contains(t, sample[0], "[ack: jitna:session-log-group]")
	assert.Empty(t, warnings(func(awscdk.Stack) *jitna.SessionPreferencesProps {
		return &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{NoCloudWatchLogs: true}}
	}))
	assert.Empty(t, warnings(func(s awscdk.Stack) *jitna.SessionPreferencesProps {
		return &jitna.SessionPreferencesProps{LogGroup: group(s, false)}
	}), "a group of the app")
	named := warnings(func(awscdk.Stack) *jitna.SessionPreferencesProps {
		return &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{CloudWatchLogGroupName: "/sessions", CloudWatchEncryptionEnabled: on}}}
	})
	require.Len(t, named, 1)
	assert.Contains(t, named[0], "which nothing here can check of a group given by name")
	unkeyed := warnings(func(s awscdk.Stack) *jitna.SessionPreferencesProps {
		return &jitna.SessionPreferencesProps{LogGroup: group(s, false), SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{CloudWatchEncryptionEnabled: on}}}
	})
	require.Len(t, unkeyed, 1)
	assert.Contains(t, unkeyed[0], "CloudWatchEncryptionEnabled is on, but LogGroup has no KMS key")
	assert.Empty(t, warnings(func(s awscdk.Stack) *jitna.SessionPreferencesProps {
		return &jitna.SessionPreferencesProps{LogGroup: group(s, true), SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{CloudWatchEncryptionEnabled: on}}}
	}), "an encrypted group of the app")
}

func TestDenyAccessAccountWarning(t *testing.T) {
	defer jitnatest.Recover(t)
	app := awscdk.NewApp(nil)
	env := func(account string) *awscdk.StackProps {
		return &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String(account), Region: jsii.String("us-east-1")}}
	}
	admin := awscdk.NewStack(app, jsii.String("Admin"), env("123456789012"))
	org := jitna.NewJitnaOrganization(admin, "Jitna", sampleProps())
	wrong := awscdk.NewStack(app, jsii.String("Wrong"), env("999999999999"))
	jitna.NewDenyAccessPolicy(wrong, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}}, Organization: org})
	assertions.Annotations_FromStack(wrong).HasWarning(jsii.String("/Wrong/Deny"), assertions.Match_StringLikeRegexp(jsii.String(
		"deny-access policy is in account 999999999999, but the delegated administrator account is 123456789012")))

	right := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Right"), env("123456789012"))
	jitna.NewDenyAccessPolicy(right, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}, DelegatedAdminAccountId: "123456789012"}})
	assertions.Annotations_FromStack(right).HasNoWarning(jsii.String("*"), assertions.Match_AnyValue())
}

// Each row is a mistake in construct props; Validate must name the construct
// path, the field and the value.
func TestPolicyConstructBadInputs(t *testing.T) {
	defer jitnatest.Recover(t)
	for _, tc := range []struct {
		name  string
		build func(s awscdk.Stack)
		want  string
	}{
		{"forbid in auto-approval", func(s awscdk.Stack) {
			jitna.NewAutoApprovalPolicy(s, "Auto", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}})
		}, `Admin/Auto: CedarFile: "forbid (" testdata/deny.cedar: line 2, column 1: statement 1 is a forbid statement`},
		{"bad Cedar file, own line numbers", func(s awscdk.Stack) {
			jitna.NewDenyAccessPolicy(s, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{Cedar: "forbid(principal, action, resource);", CedarFile: "testdata/bad.cedar"}}})
		}, `(85 characters)" testdata/bad.cedar: line 2, column 1: statement 1 does not match the JITNA schema: getTag("Criticality") is not guarded by hasTag`},
		{"missing Cedar file", func(s awscdk.Stack) {
			jitna.NewAutoApprovalPolicy(s, "Auto", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/missing.cedar"}})
		}, `Admin/Auto: CedarFile: "testdata/missing.cedar" cannot be read: no such file or directory`},
		{"no Cedar at all", func(s awscdk.Stack) { jitna.NewAutoApprovalPolicy(s, "Auto", nil) },
			`Admin/Auto: Cedar: is empty: give the policy's statements as Cedar, CedarFile, Rules or Documents`},
		{"bad rule", func(s awscdk.Stack) {
			jitna.NewAutoApprovalPolicy(s, "Auto", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{Rules: []cedar.Rule{cedar.PermitRule("", cedar.PrincipalAttributeEquals("department", "x"))}}})
		}, "Admin/Auto: Rules: \"permit (\" line 1, column 1: statement 1 tests principal has department, an attribute no JITNA principal has"},
		{"two auto-approval policies", func(s awscdk.Stack) {
			jitna.NewAutoApprovalPolicy(s, "Auto", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{Cedar: devNodes}})
			jitna.NewAutoApprovalPolicy(s, "Auto2", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{Cedar: devNodes}})
		}, "Admin/Auto2: is a second auto-approval policy (the first is Admin/Auto): an account and Region hold one"},
		{"two all-nodes policies", func(s awscdk.Stack) {
			for _, id := range []string{"A", "B"} {
				p := financePolicy("All-"+id, "x")
				p.Targets, p.AllNodes = nil, true
				jitna.NewManualApprovalPolicy(s, id, p)
			}
		}, "Admin/B: targets all nodes, as Admin/A already does"},
		{"manual policy approver", func(s awscdk.Stack) {
			p := financePolicy("Finance", "x")
			p.ApprovalLevels[1].Approvers[0] = jitna.SSOGroupApprover("Finance Leads")
			jitna.NewManualApprovalPolicy(s, "Finance", p)
		}, `Admin/Finance: ApprovalLevels[1].Approvers[0].ID: "Finance Leads" is not valid`},
		{"manual policy name and duration", func(s awscdk.Stack) {
			p := financePolicy("aws-finance", "x")
			p.AccessDuration = 400 * time.Hour
			jitna.NewManualApprovalPolicy(s, "Finance", p)
		}, `Admin/Finance: AccessDuration: "400h0m0s" is out of range: must be 1 to 336 hours`},
		{"document tag too long", func(s awscdk.Stack) {
			p := financePolicy("Finance", "x")
			p.Tags = map[string]string{"k": strings.Repeat("v", 257)}
			jitna.NewManualApprovalPolicy(s, "Finance", p)
		}, "Admin/Finance: Tags[k]"},
		{"deny-access admin account", func(s awscdk.Stack) {
			jitna.NewDenyAccessPolicy(s, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}, DelegatedAdminAccountId: "1234"}})
		}, `Admin/Deny: DelegatedAdminAccountId: "1234" is not valid: must be a 12-digit AWS account id`},
		{"deny-access admin account other than the organization's", func(s awscdk.Stack) {
			org := jitna.NewJitnaOrganization(s, "Jitna", sampleProps())
			jitna.NewDenyAccessPolicy(s, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}, DelegatedAdminAccountId: "999999999999"}, Organization: org})
		}, `Admin/Deny: DelegatedAdminAccountId: "999999999999" differs from the delegated administrator account of Organization (123456789012): give one of them`},
		{"51 manual approval policies", func(s awscdk.Stack) {
			for i := range 51 {
				jitna.NewManualApprovalPolicy(s, fmt.Sprint("P", i), financePolicy(fmt.Sprint("Policy-", i), fmt.Sprint("W", i)))
			}
		}, "Admin/P50: is manual approval policy number 51: an account and Region hold at most 50"},
		{"session timeout", func(s awscdk.Stack) {
			jitna.NewSessionPreferences(s, "Prefs", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{IdleSessionTimeout: 2 * time.Hour}}})
		}, `Admin/Prefs: IdleSessionTimeout: "2h0m0s" is out of range: must be 1 to 60 minutes`},
		{"session key twice", func(s awscdk.Stack) {
			jitna.NewSessionPreferences(s, "Prefs", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{CreateEncryptionKey: true}, EncryptionKey: awskms.NewKey(s, jsii.String("K"), nil)})
		}, "Admin/Prefs: EncryptionKey: is given with CreateEncryptionKey"},
		{"two deny-access policies in an app", func(s awscdk.Stack) {
			jitna.NewDenyAccessPolicy(s, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}}})
			other := awscdk.NewStack(s.Node().Scope().(awscdk.App), jsii.String("Other"), nil)
			jitna.NewDenyAccessPolicy(other, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}}})
		}, "Other/Deny: is a second deny-access policy in the app (the first is Admin/Deny): an organization holds one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app, stack := newStack()
			tc.build(stack)
			err := jitna.Validate(app)
			require.Error(t, err)
			var lines []string
			for _, p := range check.Problems(err) {
				lines = append(lines, p.Error())
			}
			assert.Contains(t, strings.Join(lines, "\n"), tc.want)
		})
	}
}

func TestPolicyErrorsFailSynthesis(t *testing.T) {
	defer jitnatest.Recover(t)
	app, stack := newStack()
	p := financePolicy("Finance", "x")
	p.ApprovalLevels[0].MinRequiredApprovals = 3
	jitna.NewManualApprovalPolicy(stack, "Finance", p)
	msg := jitnatest.Panics(t, func() { app.Synth(nil) })
	assert.Contains(t, msg, "ApprovalLevels[0].MinRequiredApprovals: \"3\" must be 1 to the number of approvers (1)")
}

func TestDenyAccessPolicySnapshot(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewDenyAccessPolicy(stack, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{
		CedarFile: "testdata/deny.cedar",
		Rules:     []cedar.Rule{cedar.ForbidRule("Production needs approval", cedar.NodeTagIn("Environment", "PROD", "Production"))},
	}, Description: "Never automatic"}})
	require.NoError(t, jitna.Validate(stack))
	jitnatest.Snapshot(t, stack)
}

func TestSessionPreferencesSnapshot(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewSessionPreferences(stack, "Prefs", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{S3BucketName: "session-logs-123456789012", CloudWatchStreamingEnabled: jitna.SessionFlag(false)}, CreateEncryptionKey: true, Tags: map[string]string{"team": "platform"}}})
	require.NoError(t, jitna.Validate(stack))
	jitnatest.Snapshot(t, stack)
}

// Approver type spellings beyond the library's are declared in the
// document's Metadata, so that the member StackSet's check (and jitna
// validate) accept them; an approver of an undeclared type is refused.
func TestExtraApproverTypesAreDeclared(t *testing.T) {
	defer jitnatest.Recover(t)
	props := func(extra ...policy.ApproverType) *jitna.ManualApprovalPolicyProps {
		p := financePolicy("Finance", "x")
		p.ApprovalLevels = []policy.ApprovalLevel{{Approvers: []policy.Approver{{Type: "IdentityCenterGroup", ID: "Leads"}}}}
		p.ExtraApproverTypes = extra
		return p
	}
	app, stack := newStack()
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{
		StackSetDeployment: jitna.StackSetDeployment{OrganizationalUnits: []string{"r-abcd"}, Regions: []string{"us-east-1"}},
		Build: func(member awscdk.Stack) {
			p := jitna.NewManualApprovalPolicy(member, "Finance", props("IdentityCenterGroup"))
			assert.Equal(t, []any{"IdentityCenterGroup"},
				jitnatest.TemplateMap(t, member)["Resources"].(map[string]any)[*member.GetLogicalId(p.Document)].(map[string]any)["Metadata"].(map[string]any)[policy.ExtraApproverTypesMetadata])
		},
	})
	require.NoError(t, jitna.Validate(app))

	_, stack = newStack()
	jitna.NewManualApprovalPolicy(stack, "Finance", props())
	assert.ErrorContains(t, jitna.Validate(stack), `Admin/Finance: ApprovalLevels[0].Approvers[0].Type: "IdentityCenterGroup" is not allowed`)
}

// An all-nodes form other than the default is declared in the document's
// Metadata, so that the member StackSet's check (and jitna validate) take
// it as meant; a tag: key cannot be one.
func TestAllNodesTargetOverrideIsDeclared(t *testing.T) {
	defer jitnatest.Recover(t)
	all := func(target *policy.RawTarget) *jitna.ManualApprovalPolicyProps {
		p := financePolicy("All-Nodes", "x")
		p.Targets, p.AllNodes, p.AllNodesTarget = nil, true, target
		return p
	}
	app, stack := newStack()
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{
		StackSetDeployment: jitna.StackSetDeployment{OrganizationalUnits: []string{"r-abcd"}, Regions: []string{"us-east-1"}},
		Build: func(member awscdk.Stack) {
			p := jitna.NewManualApprovalPolicy(member, "All", all(&policy.RawTarget{Key: "ResourceGroup", Values: []string{"all"}}))
			assert.Equal(t, map[string]any{"Key": "ResourceGroup", "Values": []any{"all"}},
				jitnatest.TemplateMap(t, member)["Resources"].(map[string]any)[*member.GetLogicalId(p.Document)].(map[string]any)["Metadata"].(map[string]any)[policy.AllNodesTargetMetadata])
		},
	})
	require.NoError(t, jitna.Validate(app))

	_, stack = newStack()
	jitna.NewManualApprovalPolicy(stack, "All", all(&policy.RawTarget{Key: "tag:Env", Values: []string{"PROD"}}))
	assert.ErrorContains(t, jitna.Validate(stack), `Admin/All: AllNodesTarget.Key: "tag:Env" starts with tag:, which makes a tag target`)
}
