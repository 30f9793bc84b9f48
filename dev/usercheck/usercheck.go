package main

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
)

// The user's app: the README's first app (enablement, then member policies
// through a StackSet), roles for the people who request and approve access,
// and cdk-nag's AwsSolutionsChecks over all of it, the member template
// included.
func main() {
	jitna.Main(func(app awscdk.App) error {
		NewAdminStacks(app)
		return nil
	})
}

// AdminStacks are the app's stacks.
type AdminStacks struct {
	Enablement, Members awscdk.Stack
}

// NewAdminStacks adds the app's stacks to app.
func NewAdminStacks(app awscdk.App) AdminStacks {
	nag := cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true), LogIgnores: jsii.Bool(true)})
	awscdk.Aspects_Of(app).Add(nag, nil)

	admin := &awscdk.Environment{Account: jsii.String("111122223333"), Region: jsii.String("us-east-1")}
	var s AdminStacks
	s.Enablement = awscdk.NewStack(app, jsii.String("JitnaEnablement"), &awscdk.StackProps{Env: admin})
	org := jitna.NewJitnaOrganization(s.Enablement, "Jitna", &jitna.JitnaOrganizationProps{
		Target: jitna.QuickSetupTarget{DelegatedAdminAccountId: "111122223333", HomeRegion: "us-east-1"},
		UnifiedConsole: jitna.UnifiedConsoleOptions{
			RootOrganizationalUnitId: "r-abcd",
			TargetRegions:            []string{"us-east-1", "eu-west-1"},
		},
	})

	s.Members = awscdk.NewStack(app, jsii.String("JitnaMemberPolicies"), &awscdk.StackProps{Env: admin})
	jitna.NewMemberStackSet(s.Members, "Members", &jitna.MemberStackSetProps{
		StackSetDeployment: jitna.StackSetDeployment{OrganizationalUnits: []string{"r-abcd"}, Regions: []string{"us-east-1", "eu-west-1"}},
		Organization:       org,
		// The member template is an app of its own: hand it the checks too.
		Aspects: []awscdk.IAspect{nag},
		Build: func(member awscdk.Stack) {
			jitna.NewManualApprovalPolicy(member, "Finance", &jitna.ManualApprovalPolicyProps{ManualApproval: jitna.ManualApproval{
				Name:           "Finance-Manual-Approval-Policy",
				AccessDuration: 8 * time.Hour,
				Targets:        []jitna.TagTarget{{Key: "Workload", Values: []string{"Finance"}}},
				ApprovalLevels: []jitna.ApprovalLevel{{Approvers: []jitna.Approver{jitna.IamRoleApprover("FinanceLead")}}},
			}})
			jitna.NewSessionPreferences(member, "Sessions", nil)
			jitna.NewRDPRecording(member, "Recording", nil)
		},
	})

	people := awsiam.NewAccountPrincipal(jsii.String("111122223333"))
	oncall := awsiam.NewRole(s.Members, jsii.String("OnCall"), &awsiam.RoleProps{AssumedBy: people})
	jitna.GrantRequestAccess(oncall)
	lead := awsiam.NewRole(s.Members, jsii.String("FinanceLead"), &awsiam.RoleProps{AssumedBy: people, RoleName: jsii.String("FinanceLead")})
	jitna.GrantApproveRequests(lead)
	return s
}
