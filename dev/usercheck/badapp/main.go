// Command badapp is a user's CDK app with mistakes in it, ended with
// jitna.Main: the test runs it and reads what a user would see.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
)

func main() {
	jitna.Main(func(app awscdk.App) error {
		stack := awscdk.NewStack(app, jsii.String("Admin"), nil)
		jitna.NewJitnaOrganization(stack, "Jitna", &jitna.JitnaOrganizationProps{
			Target: jitna.QuickSetupTarget{DelegatedAdminAccountId: "12345", HomeRegion: "us-east-1"},
			UnifiedConsole: jitna.UnifiedConsoleOptions{
				RootOrganizationalUnitId: "r-abcd",
				TargetRegions:            []string{"us-east-1", "us-est-2"},
			},
		})
		return nil
	})
}
