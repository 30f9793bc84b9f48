package nagcheck

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

func TestMain(m *testing.M) { jitnatest.Main(m) }

// everything adds every construct of the library to stack.
func everything(stack awscdk.Stack) {
	org := jitna.NewJitnaOrganization(stack, "Jitna", &jitna.JitnaOrganizationProps{
		Target:         jitna.QuickSetupTarget{DelegatedAdminAccountId: "123456789012", HomeRegion: "us-east-1"},
		UnifiedConsole: jitna.UnifiedConsoleOptions{RootOrganizationalUnitId: "r-abcd", TargetRegions: []string{"us-east-1"}},
	})
	jitna.NewDenyAccessPolicy(stack, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{Rules: []cedar.Rule{
		cedar.ForbidRule("", cedar.NodeTagEquals("Environment", "Production")),
	}}}})
	members := func(member awscdk.Stack, takeOver *policy.SessionTakeOver) {
		jitna.NewAutoApprovalPolicy(member, "Auto", &jitna.AutoApprovalPolicyProps{CedarSource: jitna.CedarSource{Rules: []cedar.Rule{
			cedar.PermitRule("", cedar.NodeTagEquals("ENV", "DEV")),
		}}})
		jitna.NewManualApprovalPolicy(member, "Finance", &jitna.ManualApprovalPolicyProps{ManualApproval: jitna.ManualApproval{
			Name: "Finance-Policy", AccessDuration: time.Hour, Targets: []jitna.TagTarget{{Key: "Workload", Values: []string{"Finance"}}},
			ApprovalLevels: []jitna.ApprovalLevel{{Approvers: []jitna.Approver{jitna.IamRoleApprover("FinanceLead")}}},
		}})
		jitna.NewSessionPreferences(member, "Sessions", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{CreateEncryptionKey: true, TakeOver: takeOver}})
		jitna.NewRDPRecording(member, "Recording", nil)
		jitna.NewAccessRequestNotifications(member, "Forward", &jitna.AccessRequestNotificationsProps{Notifications: jitna.Notifications{
			ForwardTo: jitna.HubEventBusArn("123456789012", "us-east-1", ""),
		}})
	}
	members(stack, nil)
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{
		StackSetDeployment: jitna.StackSetDeployment{OrganizationalUnits: []string{"r-abcd"}, Regions: []string{"us-east-1"}},
		// The member template takes the console's preferences over.
		Build: func(member awscdk.Stack) { members(member, &policy.SessionTakeOver{}) },
	})
	jitna.NewOrganizationPrerequisites(stack, "Prerequisites", &jitna.OrganizationPrerequisitesProps{DelegatedAdminAccountId: "123456789012"})
	jitna.NewNotificationHub(stack, "Hub", &jitna.NotificationHubProps{
		Hub: jitna.NotificationHubOptions{OrganizationId: "o-a1b2c3d4e5"},
		Delivery: jitna.Notifications{
			Emails: []string{"security@example.com"}, Slack: &jitna.SlackChannel{Name: "jitna", WorkspaceId: "T01", ChannelId: "C01"},
		},
	})
	jitna.NewAccessPermissionSets(stack, "PermissionSets", &jitna.AccessPermissionSetsProps{InstanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef"})
	jitna.NewAccessManagedPolicy(stack, "AdministratorPolicy", jitna.AccessAdministrator)
	jitna.NewJitnaDeployed(stack, "Deployed", &jitna.JitnaDeployedProps{Organization: org})
}

// TestAwsSolutionsChecks: the library's constructs raise no AwsSolutions
// error or warning beyond the suppressions jitna.NagSuppressions justifies.
func TestAwsSolutionsChecks(t *testing.T) {
	defer jitnatest.Recover(t)
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Everything"), nil)
	everything(stack)
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	ann := assertions.Annotations_FromStack(stack)
	var findings []string
	for _, m := range append(*ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))),
		*ann.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))...) {
		findings = append(findings, fmt.Sprintf("%s %s", *m.Id, strings.Split(fmt.Sprint(m.Entry.Data), "\n")[0]))
	}
	if len(findings) > 0 {
		t.Errorf("%d AwsSolutions findings:\n%s", len(findings), strings.Join(findings, "\n"))
	}
}
