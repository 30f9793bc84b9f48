package jitna_test

import (
	"fmt"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// Enable the unified console for the whole organization and JITNA for two
// organizational units, then check the input without synthesizing.
func ExampleNewJitnaOrganization() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("JitnaEnablement"), nil)
	jitna.NewJitnaOrganization(stack, "Jitna", &jitna.JitnaOrganizationProps{
		Target: jitna.QuickSetupTarget{DelegatedAdminAccountId: "111122223333", HomeRegion: "us-east-1"},
		UnifiedConsole: jitna.UnifiedConsoleOptions{
			RootOrganizationalUnitId: "r-abcd",
			TargetRegions:            []string{"us-east-1", "eu-west-1"},
			AgentUpdateSchedule:      jitna.RateDays(7),
		},
		Jitna: jitna.JitnaOptions{
			TargetOrganizationalUnits: []string{"ou-a1b2-abcd1234", "ou-a1b2-efgh5678"},
			TargetRegions:             []string{"eu-west-2"},
			IdentityProvider:          jitna.IdentityProviderSSO,
		},
	})
	fmt.Println(jitna.Validate(app))
	// Output:
	// JitnaEnablement/Jitna: Jitna.TargetRegions[0]: "eu-west-2" is not one of the unified console's target Regions (us-east-1, eu-west-1): JITNA can only be enabled where the unified console is
}

// Reuse the Quick Setup roles the Systems Manager console already created.
func ExampleNewQuickSetupRoles() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Console"), nil)
	roles := jitna.NewQuickSetupRoles(stack, "Roles", &jitna.QuickSetupRolesProps{UseExisting: true})
	jitna.NewUnifiedConsole(stack, "UnifiedConsole", &jitna.UnifiedConsoleProps{
		Target:         jitna.QuickSetupTarget{DelegatedAdminAccountId: "111122223333", HomeRegion: "us-east-1"},
		UnifiedConsole: jitna.UnifiedConsoleOptions{RootOrganizationalUnitId: "r-abcd", TargetRegions: []string{"us-east-1"}},
		Roles:          roles,
	})
	fmt.Println(*roles.ExecutionRoleName, jitna.Validate(app))
	// Output: AWS-QuickSetup-StackSet-Local-ExecutionRole <nil>
}

// The documents of a member account: auto-approval for development nodes and
// the on-call group, a two-level manual approval for finance workloads, and
// session preferences with a key the construct creates. Mistakes are
// reported all at once, each with the construct path, field and value.
func ExampleNewManualApprovalPolicy() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Member"), nil)
	jitna.NewAutoApprovalPolicy(stack, "Auto", &jitna.AutoApprovalPolicyProps{
		CedarSource: jitna.CedarSource{Rules: []cedar.Rule{
			cedar.PermitRule("Anyone reaches development nodes", cedar.NodeTagEquals("Environment", "DEV")),
			cedar.PermitRule("On-call engineers reach production",
				cedar.PrincipalInGroup("34688438-1061-702c-a03d-1fa788dccfd1"), cedar.NodeTagEquals("Environment", "PROD")),
		}},
	})
	jitna.NewManualApprovalPolicy(stack, "Finance", &jitna.ManualApprovalPolicyProps{ManualApproval: jitna.ManualApproval{
		Name:           "Finance-Manual-Approval-Policy",
		AccessDuration: 4 * time.Hour,
		Targets:        []jitna.TagTarget{{Key: "Workload", Values: []string{"Finance", "Payments"}}},
		ApprovalLevels: []jitna.ApprovalLevel{
			{Approvers: []jitna.Approver{jitna.SSOGroupApprover("ec4df598-7071-70a6-0de4-12345example")}},
			{Message: "Finance lead sign-off", MinRequiredApprovals: 2, Approvers: []jitna.Approver{
				jitna.IamRoleApprover("FinanceLead"),
			}},
		},
	}})
	jitna.NewSessionPreferences(stack, "Sessions", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{IdleSessionTimeout: 15 * time.Minute, MaxSessionDuration: 90 * time.Second}, CreateEncryptionKey: true}})
	fmt.Println(jitna.Validate(app))
	// Output:
	// Member/Finance: ApprovalLevels[1].MinRequiredApprovals: "2" must be 1 to the number of approvers (1)
	// Member/Sessions: MaxSessionDuration: "1m30s" is not a whole number of minutes: must be 1 to 1440 minutes
}

// The organization's deny-access policy, from a .cedar file, in the delegated
// administrator account.
func ExampleNewDenyAccessPolicy() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("DelegatedAdmin"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("111122223333"), Region: jsii.String("us-east-1")},
	})
	deny := jitna.NewDenyAccessPolicy(stack, "DenyAccess", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}, DelegatedAdminAccountId: "111122223333"}})
	fmt.Println(deny.Policy.Document().Name, jitna.Validate(app))
	// Output: SSM-JustInTimeAccessDenyAccessOrgPolicy <nil>
}

// A whole main function: build the stacks, and let Main check, synthesize
// and exit (1, with every problem printed one per line, on bad input).
func ExampleMain() {
	jitna.Main(func(app awscdk.App) error {
		stack := awscdk.NewStack(app, jsii.String("JitnaEnablement"), nil)
		jitna.NewJitnaOrganization(stack, "Jitna", &jitna.JitnaOrganizationProps{
			Target:         jitna.QuickSetupTarget{DelegatedAdminAccountId: "111122223333", HomeRegion: "us-east-1"},
			UnifiedConsole: jitna.UnifiedConsoleOptions{RootOrganizationalUnitId: "r-abcd", TargetRegions: []string{"us-east-1"}},
		})
		return nil
	})
}
