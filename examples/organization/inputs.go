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
// sample's defaults.
func readInputs(app awscdk.App) inputs {
	return inputs{
		parameterized:           contextString(app, "Parameterized", "false") == "true",
		delegatedAdminAccountID: contextString(app, "DelegatedAdminAccountId", "123456789012"),
		homeRegion:              contextString(app, "HomeRegion", "us-east-1"),
		identityProvider:        contextString(app, "IdentityProviderSetting", "IAM"),
		rootID:                  contextString(app, "UnifiedConsoleRootOrganizationUnitID", "r-abcd"),
		consoleRegions:          splitList(contextString(app, "UnifiedConsoleTargetRegions", "us-east-1,us-east-2,us-west-2")),
		agentUpdateSchedule:     contextString(app, "AgentUpdateSchedule", "rate(14 days)"),
		dhmcSchedule:            contextString(app, "EnableDHMCSchedule", "rate(1 day)"),
		inventorySchedule:       contextString(app, "InventoryCollectionSchedule", "rate(24 hours)"),
		// The sample's default is empty; the library's default is then the
		// whole organization (the root id).
		jitnaOUs:     splitList(contextString(app, "JITNATargetOrganizationalUnits", "")),
		jitnaRegions: splitList(contextString(app, "JITNATargetRegions", "us-east-1,us-east-2,us-west-2")),
	}
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
