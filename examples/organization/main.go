// Command organization reproduces the AWS sample
// just-in-time-quick-setup-cfn-template.yaml with jitna.NewJitnaOrganization:
// the Quick Setup roles and the unified console and JITNA configuration
// managers, deployed from the Systems Manager delegated administrator account.
//
// Inputs come from CDK context under the sample's own parameter names, with the
// sample's defaults:
//
//	cdk synth -c DelegatedAdminAccountId=111122223333 -c JITNATargetRegions=us-east-1
//
// With -c Parameterized=true it emits CloudFormation parameters instead (the
// sample's names, defaults, allowed values and interface metadata), for a
// template someone deploys with plain CloudFormation.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/cdkcontext"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
)

func main() {
	jitna.Main(func(app awscdk.App) error { build(app); return nil })
}

// build adds the enablement stack to app.
func build(app awscdk.App) awscdk.Stack {
	in := readInputs(app)
	stack := awscdk.NewStack(app, jsii.String(cdkcontext.String(app, "StackName", "JitnaQuickSetup")), &awscdk.StackProps{
		Description:        jsii.String(sampleDescription),
		AnalyticsReporting: jsii.Bool(false),
		Synthesizer: awscdk.NewDefaultStackSynthesizer(&awscdk.DefaultStackSynthesizerProps{
			// A parameterized template is handed to plain CloudFormation, which
			// knows nothing of the CDK bootstrap stack.
			GenerateBootstrapVersionRule: jsii.Bool(!in.parameterized),
		}),
	})
	if in.parameterized {
		in = declareParameters(stack)
	}
	org := jitna.NewJitnaOrganization(stack, "Enablement", &jitna.JitnaOrganizationProps{
		Target: jitna.QuickSetupTarget{
			DelegatedAdminAccountId: in.delegatedAdminAccountID,
			HomeRegion:              in.homeRegion,
		},
		UnifiedConsole: jitna.UnifiedConsoleOptions{
			RootOrganizationalUnitId:    in.rootID,
			TargetRegions:               in.consoleRegions,
			AgentUpdateSchedule:         jitna.Schedule(in.agentUpdateSchedule),
			EnableDHMCSchedule:          jitna.Schedule(in.dhmcSchedule),
			InventoryCollectionSchedule: jitna.Schedule(in.inventorySchedule),
		},
		Jitna: jitna.JitnaOptions{
			TargetOrganizationalUnits: in.jitnaOUs,
			TargetRegions:             in.jitnaRegions,
			IdentityProvider:          jitna.IdentityProvider(in.identityProvider),
		},
	})
	keepSampleLogicalIDs(org)
	return stack
}

// keepSampleLogicalIDs gives the resources the sample's logical ids, so that a
// stack deployed from the sample can be updated with this template in place.
func keepSampleLogicalIDs(org *jitna.JitnaOrganization) {
	org.Roles.AdministrationRole.OverrideLogicalId(jsii.String("QuickSetupAdministrationRole"))
	org.Roles.AdministrationRolePolicy.OverrideLogicalId(jsii.String("QuickSetupAdministrationRolePolicy"))
	org.Roles.ExecutionRole.OverrideLogicalId(jsii.String("QuickSetupExecutionRole"))
	org.UnifiedConsole.Manager.OverrideLogicalId(jsii.String("SSMUnifiedConsoleQuickSetupConfigurationManager"))
	org.JitnaManager.OverrideLogicalId(jsii.String("JITNAQuickSetupConfigurationManager"))
}
