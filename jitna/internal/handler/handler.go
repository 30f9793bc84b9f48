// Package handler holds the custom-resource handler of cdk-jitna-go: the
// Node.js code, inline in the templates, that makes the AWS Organizations and
// AWS RAM calls of the management account's prerequisites and applies
// Session Manager preferences to an SSM-SessionManagerRunShell document the
// console may have created, and waits until Quick Setup reports a
// configuration manager deployed. Inline code is no file asset: a stack that uses
// it needs no CDK bootstrap and deploys as a plain CloudFormation template.
//
// The rules it keeps (index.js says how): it never removes or changes what
// existed before it (what it adopted is recorded and left or restored; a
// rollback undoes what it did); it is idempotent under CloudFormation's
// retries and duplicate deliveries; it answers every request exactly once,
// within its ServiceTimeout, to CloudFormation's pre-signed S3 URL only, and
// stops its work when it gives up; and it makes only the calls fixed at
// synthesis: the code holds, by logical id, the properties each resource of
// its stack was synthesized with (AllowedLine), and a request with other
// properties does nothing. lifecycle.test.js plays CloudFormation's
// sequences against a stateful fake of the APIs and checks these rules.
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

// TypePrerequisite is the resource type of one management-account
// prerequisite. Properties: Step ("TrustedAccess", "DelegatedAdmin" or
// "RAMSharing"), ServicePrincipal, AccountId and DeregisterOnDelete ("true"
// or "false"). The handler also serves policy.SessionTakeOverType.
const TypePrerequisite = "Custom::JitnaPrerequisite"

// TypeDeployed is the resource type of a wait until Quick Setup reports a
// configuration manager deployed. Properties: ManagerName, DefinitionType,
// Region and PollSeconds.
const TypeDeployed = "Custom::JitnaDeployed"

// AllowedLine is the line of the code that the constructs replace with the
// properties of the stack's resources, by logical id.
const AllowedLine = "const ALLOWED = {};"

// StackIDVariable is the function's environment variable that holds its
// stack's id (requests of other stacks are ignored).
const StackIDVariable = "JITNA_STACK_ID"

// ServiceTimeoutMargin is how much longer than the function's timeout
// CloudFormation waits for an answer (the resources' ServiceTimeout): the
// handler answers before the function times out, and a response it could
// not deliver then fails the resource at once, not after an hour.
const ServiceTimeoutMargin = 60

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
