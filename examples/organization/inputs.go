package main

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
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
	get := func(name string) string { return contextString(app, name, sampleDefault(name)) }
	return inputs{
		parameterized:           contextString(app, "Parameterized", "false") == "true",
		delegatedAdminAccountID: get("DelegatedAdminAccountId"),
		homeRegion:              get("HomeRegion"),
		identityProvider:        get("IdentityProviderSetting"),
		rootID:                  get("UnifiedConsoleRootOrganizationUnitID"),
		consoleRegions:          splitList(get("UnifiedConsoleTargetRegions")),
		agentUpdateSchedule:     get("AgentUpdateSchedule"),
		dhmcSchedule:            get("EnableDHMCSchedule"),
		inventorySchedule:       get("InventoryCollectionSchedule"),
		// The sample's default is empty; the library's default is then the
		// whole organization (the root id).
		jitnaOUs:     splitList(get("JITNATargetOrganizationalUnits")),
		jitnaRegions: splitList(get("JITNATargetRegions")),
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

// contextString returns the context value for key (a string, or a list given
// in cdk.json, joined with commas), or def when it is not set.
func contextString(app awscdk.App, key, def string) string {
	switch v := app.Node().TryGetContext(jsii.String(key)).(type) {
	case nil:
		return def
	case string:
		return v
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ",")
	default:
		return fmt.Sprint(v)
	}
}

// splitList splits a comma-separated list, trimming blanks; "" gives nil.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
