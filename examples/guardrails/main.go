// Command guardrails shows the guardrails at work on an app of operators:
// requesters and approvers get what JITNA needs (never ssm:StartSession), and
// a break-glass role that does get ssm:StartSession is allowed only with a
// written reason.
//
//	cdk synth --app "go run ./examples/guardrails"                       # suppressed with a reason: synthesizes
//	cdk synth --app "go run ./examples/guardrails" -c suppress=false     # JITNA-IAM-1 fails synthesis
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/cdkcontext"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
)

func main() {
	jitna.Main(func(app awscdk.App) error {
		build(app, cdkcontext.String(app, "suppress", "true") == "true")
		return nil
	})
}

// build adds the operators' stack and the guardrails to app.
func build(app awscdk.App, suppress bool) awscdk.Stack {
	stack := awscdk.NewStack(app, jsii.String("Operators"), &awscdk.StackProps{AnalyticsReporting: jsii.Bool(false)})
	account := awsiam.NewAccountRootPrincipal()

	requesters := awsiam.NewRole(stack, jsii.String("Requesters"), &awsiam.RoleProps{AssumedBy: account})
	jitna.GrantRequestAccess(requesters)
	approvers := awsiam.NewRole(stack, jsii.String("Approvers"), &awsiam.RoleProps{AssumedBy: account})
	jitna.GrantApproveRequests(approvers)

	breakGlass := awsiam.NewRole(stack, jsii.String("BreakGlass"), &awsiam.RoleProps{
		AssumedBy:   account,
		Description: jsii.String("Direct Session Manager access when JITNA itself is down"),
	})
	breakGlass.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ssm:StartSession"), Resources: jsii.Strings("*"),
	}))
	if suppress {
		jitna.SuppressGuardrail(breakGlass, jitna.GuardrailIAM1,
			"Break-glass role: assumed only with MFA by two people, every use reviewed by the security team")
	}

	awscdk.Aspects_Of(app).Add(jitna.NewGuardrails(nil), nil)
	return stack
}
