package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/cdk-jitna/cdk-jitna-go/internal/cdkcontext"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

const sampleDescription = "CloudFormation template to deploy a Quick Setup configuration manager for the Systems Manager unified console and just-in-time node access."

// inputs are the sample's parameters, as values or (parameterized) tokens.
type inputs struct {
	parameterized           bool
	delegatedAdminAccountID string
	homeRegion              string
	identityProvider        string
	rootID                  string
	consoleRegions          []string
	agentUpdateSchedule     string
	dhmcSchedule            string
	inventorySchedule       string
	jitnaOUs                []string
	jitnaRegions            []string
}

// readInputs reads the sample's parameters from CDK context, with the
// sample's defaults (the Default of each of sampleParameters).
func readInputs(app awscdk.App) inputs {
	get := func(name string) string { return cdkcontext.String(app, name, sampleDefault(name)) }
	return inputs{
		parameterized:           cdkcontext.String(app, "Parameterized", "false") == "true",
		delegatedAdminAccountID: get("DelegatedAdminAccountId"),
		homeRegion:              get("HomeRegion"),
		identityProvider:        get("IdentityProviderSetting"),
		rootID:                  get("UnifiedConsoleRootOrganizationUnitID"),
		consoleRegions:          quicksetup.SplitList(get("UnifiedConsoleTargetRegions")),
		agentUpdateSchedule:     get("AgentUpdateSchedule"),
		dhmcSchedule:            get("EnableDHMCSchedule"),
		inventorySchedule:       get("InventoryCollectionSchedule"),
		// The sample's default is empty; the library's default is then the
		// whole organization (the root id).
		jitnaOUs:     quicksetup.SplitList(get("JITNATargetOrganizationalUnits")),
		jitnaRegions: quicksetup.SplitList(get("JITNATargetRegions")),
	}
}

// sampleDefault is the sample's default for the parameter name.
func sampleDefault(name string) string {
	for _, p := range sampleParameters {
		if p.name == name {
			return p.def
		}
	}
	panic("no sample parameter " + name)
}
