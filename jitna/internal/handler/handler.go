// Package handler holds the custom-resource handler of cdk-jitna-go: the
// Node.js code, inline in the templates, that makes the AWS Organizations and
// AWS RAM calls of the management account's prerequisites and applies
// Session Manager preferences to an SSM-SessionManagerRunShell document the
// console may have created, and waits until Quick Setup reports a
// configuration manager deployed. Inline code is no file asset: a stack that uses
// it needs no CDK bootstrap and deploys as a plain CloudFormation template.
//
// The code uses only Node.js and four clients of the AWS SDK for JavaScript
// v3 — @aws-sdk/client-organizations, @aws-sdk/client-ram,
// @aws-sdk/client-ssm and @aws-sdk/client-ssm-quicksetup — which the Lambda
// Node.js runtimes since nodejs18.x include with the whole SDK ("Building
// Lambda functions with Node.js" and its "Runtime-included SDK versions",
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html). Its tests
// (index.test.js) run with Node.js's own test runner against a fake SDK.
package handler

import (
	_ "embed"
	"strings"
)

//go:embed index.js
var source string

// TypePrerequisite is the resource type of one call on create, maybe one on
// delete. Properties: PhysicalId, Create and Delete ({Service, Region,
// Action, Parameters, IgnoreErrorCodes}). The handler also serves
// policy.SessionTakeOverType.
const TypePrerequisite = "Custom::JitnaPrerequisite"

// TypeDeployed is the resource type of a wait until Quick Setup reports a
// configuration manager deployed. Properties: ManagerArn, Region and
// PollSeconds.
const TypeDeployed = "Custom::JitnaDeployed"

// Runtime is the Lambda runtime the handler runs on: Node.js 24, whose
// deprecation AWS dates 2028-04-30 (nodejs22.x: 2027-04-30; function creation
// is blocked about a month after, and a StackSet's auto-deployment creates
// the function in every account that joins), on the page above. The handler's
// tests run on the pinned Node.js 24.
const Runtime = "nodejs24.x"

// Source returns the handler's code as the template holds it: index.js
// without its comment lines and indentation (the code has no string that
// spans lines, so the two run alike: the package's test runs the handler's
// tests against both).
func Source() string {
	var b strings.Builder
	for _, line := range strings.Split(source, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
