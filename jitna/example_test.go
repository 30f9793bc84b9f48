package jitna_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
)

// Enable the unified console for the whole organization and JITNA for two
// organizational units, then check the input without synthesizing.
func ExampleNewJitnaOrganization() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("JitnaEnablement"), nil)
	jitna.NewJitnaOrganization(stack, "Jitna", &jitna.JitnaOrganizationProps{
		Target: jitna.Target{DelegatedAdminAccountId: "111122223333", HomeRegion: "us-east-1"},
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
		Target:         jitna.Target{DelegatedAdminAccountId: "111122223333", HomeRegion: "us-east-1"},
		UnifiedConsole: jitna.UnifiedConsoleOptions{RootOrganizationalUnitId: "r-abcd", TargetRegions: []string{"us-east-1"}},
		Roles:          roles,
	})
	fmt.Println(*roles.ExecutionRoleName, jitna.Validate(app))
	// Output: AWS-QuickSetup-StackSet-Local-ExecutionRole <nil>
}
