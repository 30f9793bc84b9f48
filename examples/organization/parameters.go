package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// param is one CloudFormation parameter of the AWS sample.
type param struct {
	name, description, def, pattern, label string
	allowed                                []string
}

// defaults are the library's defaults, which are the sample's.
var defaults = quicksetup.Enablement{}.WithDefaults()

// sampleParameters are the sample's parameters, in its order, verbatim.
var sampleParameters = []param{
	{name: "DelegatedAdminAccountId", label: "Delegated Administrator ID", def: "123456789012", pattern: quicksetup.AccountIDPattern,
		description: "AWS Account ID for the Systems Manager delegated administrator account."},
	{name: "HomeRegion", label: "Home Region", def: "us-east-1", allowed: quicksetup.DefaultHomeRegions(),
		description: "AWS Region where the Systems Manager unified console is deployed."},
	{name: "IdentityProviderSetting", label: "Identity Provider Setting", def: string(defaults.Jitna.IdentityProvider), allowed: []string{string(quicksetup.IdentityProviderIAM), string(quicksetup.IdentityProviderSSO)},
		description: "(Optional) Specifies identity provider IAM Identity Access Management (IAM) or Single Sign-On (SSO) used for determining who is the current access control template approver."},
	{name: "UnifiedConsoleRootOrganizationUnitID", label: "Unified console target organizational units", def: "r-abcd", pattern: quicksetup.RootIDPattern,
		description: "The root AWS Organization unit ID."},
	{name: "UnifiedConsoleTargetRegions", label: "Unified console target Regions", def: "us-east-1,us-east-2,us-west-2",
		description: "Comma-separated list of AWS Regions where the Systems Manager unified console is set up. Data is aggregated from these Regions and replicated to your home Region."},
	{name: "AgentUpdateSchedule", label: "Agent update schedule", def: string(defaults.UnifiedConsole.AgentUpdateSchedule), pattern: quicksetup.DailySchedulePattern,
		description: "(Optional) The interval at which the agent update association runs. To opt-out, enter none."},
	{name: "EnableDHMCSchedule", label: "Enable DHMC schedule", def: string(defaults.UnifiedConsole.EnableDHMCSchedule), pattern: quicksetup.DailySchedulePattern,
		description: "(Optional) The interval at which the DHMC association runs. To opt-out, enter none."},
	{name: "InventoryCollectionSchedule", label: "Inventory collection schedule", def: string(defaults.UnifiedConsole.InventoryCollectionSchedule),
		description: "(Optional) The interval at which inventory collection runs. To opt-out, enter none."},
	{name: "JITNATargetOrganizationalUnits", label: "Just-in-time node access target organizational units", def: "",
		description: "Comma-separated list of AWS Organization Unit IDs where just-in-time node access is set up."},
	{name: "JITNATargetRegions", label: "Just-in-time node access target Regions", def: "us-east-1,us-east-2,us-west-2",
		description: "The Regions where you want to enable just-in-time node access. The Regions specified must either match the Regions specified in the parameter UnifiedConsoleTargetRegions or must be a subset of Regions specified in the parameter UnifiedConsoleTargetRegions."},
}

// parameterGroups are the sample's AWS::CloudFormation::Interface groups
// ("Unifed" is the sample's spelling).
var parameterGroups = []struct {
	label  string
	params []string
}{
	{"Systems Manager delegated administrator parameters", []string{"DelegatedAdminAccountId", "HomeRegion"}},
	{"Unifed console parameters", []string{"UnifiedConsoleRootOrganizationUnitID", "UnifiedConsoleTargetRegions", "AgentUpdateSchedule", "EnableDHMCSchedule", "InventoryCollectionSchedule"}},
	{"Just-in-time node access parameters", []string{"JITNATargetOrganizationalUnits", "JITNATargetRegions", "IdentityProviderSetting"}},
}

// declareParameters adds the sample's parameters and interface metadata to
// stack, and returns inputs that refer to them.
func declareParameters(stack awscdk.Stack) inputs {
	refs := make(map[string]string, len(sampleParameters))
	labels := make(map[string]any, len(sampleParameters))
	for _, p := range sampleParameters {
		props := &awscdk.CfnParameterProps{
			Type:        jsii.String("String"),
			Description: jsii.String(p.description),
			Default:     jsii.String(p.def),
		}
		if p.pattern != "" {
			props.AllowedPattern = jsii.String(p.pattern)
		}
		if p.allowed != nil {
			props.AllowedValues = jsii.Strings(p.allowed...)
		}
		refs[p.name] = *awscdk.NewCfnParameter(stack, jsii.String(p.name), props).ValueAsString()
		labels[p.name] = map[string]any{"default": p.label}
	}
	groups := make([]any, len(parameterGroups))
	for i, g := range parameterGroups {
		groups[i] = map[string]any{"Label": map[string]any{"default": g.label}, "Parameters": g.params}
	}
	stack.TemplateOptions().SetMetadata(&map[string]any{
		"AWS::CloudFormation::Interface": map[string]any{"ParameterGroups": groups, "ParameterLabels": labels},
	})
	return inputs{
		parameterized:           true,
		delegatedAdminAccountID: refs["DelegatedAdminAccountId"],
		homeRegion:              refs["HomeRegion"],
		identityProvider:        refs["IdentityProviderSetting"],
		rootID:                  refs["UnifiedConsoleRootOrganizationUnitID"],
		consoleRegions:          []string{refs["UnifiedConsoleTargetRegions"]},
		agentUpdateSchedule:     refs["AgentUpdateSchedule"],
		dhmcSchedule:            refs["EnableDHMCSchedule"],
		inventorySchedule:       refs["InventoryCollectionSchedule"],
		jitnaOUs:                []string{refs["JITNATargetOrganizationalUnits"]},
		jitnaRegions:            []string{refs["JITNATargetRegions"]},
	}
}
