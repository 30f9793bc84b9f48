// Command policies reproduces the AWS sample just-in-time-cfn-approval-policies.yaml
// with the library's constructs, and adds what the sample leaves out:
//
//   - JitnaPolicies, the member account template: the auto-approval policy
//     (DEV nodes), two manual approval policies (E-commerce and
//     FinanceApplication workloads) and the Session Manager preferences,
//     equal to the sample's documents. Deploy it to every account and Region
//     with a StackSet.
//   - JitnaDenyAccess, for the Systems Manager delegated administrator
//     account: the organization's deny-access policy, built with the cedar
//     package's helpers from the statements the Systems Manager guide
//     documents.
//
// Context: -c DelegatedAdminAccountId=111122223333 (default the sample's
// 123456789012) names the account the deny-access stack is meant for.
package main

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/cdkcontext"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

func main() {
	jitna.Main(func(app awscdk.App) error {
		buildMember(app)
		buildDenyAccess(app)
		return nil
	})
}

const sampleDescription = "CloudFormation template to deploy approval policies and Session Preferences document for just-in-time node access."

// sampleTags are the tags the AWS sample puts on every document.
var sampleTags = map[string]string{"AWSSamples": "Just-in-time-Node-Access"}

// devNodes is the sample's auto-approval statement.
const devNodes = `// Policy to permit access to DEV nodes
permit (
    principal,
    action == AWS::SSM::Action::"getTokenForInstanceAccess",
    resource)
  when {
    resource.hasTag("ENV") &&
    resource.getTag("ENV") == "DEV"
  };`

// sampleApprovers is the sample's approver: an IAM Identity Center group.
var sampleApprovers = []jitna.ApprovalLevel{{Approvers: []jitna.Approver{jitna.SSOGroupApprover("ec4df598-7071-70a6-0de4-12345example")}}}

// buildMember adds the member account stack: the sample's four documents.
func buildMember(app awscdk.App) awscdk.Stack {
	stack := awscdk.NewStack(app, jsii.String("JitnaPolicies"), &awscdk.StackProps{
		Description:        jsii.String(sampleDescription),
		AnalyticsReporting: jsii.Bool(false),
	})
	auto := jitna.NewAutoApprovalPolicy(stack, "AutoApproval", &jitna.AutoApprovalPolicyProps{
		Description: "Description of the document",
		CedarSource: jitna.CedarSource{Documents: []policy.CedarDocument{{
			ID: "optional field", Description: "optional description field", Cedar: devNodes,
		}}},
		Tags: sampleTags,
	})
	ecommerce := newSamplePolicy(stack, "Ecommerce", "E-commerce-Manual-Approval-Policy", "E-commerce")
	finance := newSamplePolicy(stack, "Finance", "FinanceApplication-Manual-Approval-Policy", "FinanceApplication")
	prefs := jitna.NewSessionPreferences(stack, "SessionPreferences", &jitna.SessionPreferencesProps{
		SessionPreferencesProps: policy.SessionPreferencesProps{Tags: sampleTags},
	})
	// The sample writes this one flag as the string 'false' (every other flag
	// is a boolean); keep it so that the template equals the sample's.
	prefs.Document.AddPropertyOverride(jsii.String("Content.inputs.cloudWatchEncryptionEnabled"), jsii.String("false"))

	// The sample's logical ids, so that a stack deployed from the sample
	// updates in place.
	auto.Document.OverrideLogicalId(jsii.String("AutoApprovalPolicy"))
	ecommerce.Document.OverrideLogicalId(jsii.String("ManualApprovalPolicyEcommerceApplication"))
	finance.Document.OverrideLogicalId(jsii.String("ManualApprovalPolicyFinanceApplication"))
	prefs.Document.OverrideLogicalId(jsii.String("SessionPreferences"))
	return stack
}

// newSamplePolicy adds one of the sample's manual approval policies: access
// for a day to nodes with the Workload tag, approved by one group.
func newSamplePolicy(stack awscdk.Stack, id, name, workload string) *jitna.ManualApprovalPolicy {
	return jitna.NewManualApprovalPolicy(stack, id, &jitna.ManualApprovalPolicyProps{
		ManualApproval: jitna.ManualApproval{
			Name:           name,
			AccessDuration: 24 * time.Hour,
			Targets:        []jitna.TagTarget{{Key: "Workload", Values: []string{workload}}},
			ApprovalLevels: sampleApprovers,
		},
		Tags: sampleTags,
	})
}

// buildDenyAccess adds the delegated administrator's stack: the deny-access
// policy, from the statements of the guide's deny-access example.
func buildDenyAccess(app awscdk.App) awscdk.Stack {
	admin := cdkcontext.String(app, "DelegatedAdminAccountId", "123456789012")
	stack := awscdk.NewStack(app, jsii.String("JitnaDenyAccess"), &awscdk.StackProps{
		Description:        jsii.String("The organization's deny-access policy for just-in-time node access (delegated administrator account " + admin + ")."),
		AnalyticsReporting: jsii.Bool(false),
	})
	jitna.NewDenyAccessPolicy(stack, "DenyAccess", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{
		Description:             "Requests that always need a manual approval",
		DelegatedAdminAccountId: admin,
		CedarSource: jitna.CedarSource{Rules: []cedar.Rule{
			cedar.ForbidRule("Production nodes always need approval for this group",
				cedar.PrincipalInGroup("e8c17310-e011-7089-d989-10da1EXAMPLE"),
				cedar.NodeTagEquals("Environment", "Production")),
			cedar.ForbidRule("Financial data is reached automatically by the Finance division only",
				cedar.Expression(`principal has division && principal.division != "Finance"`),
				cedar.NodeTagEquals("DataClassification", "Financial")),
			cedar.ForbidRule("Temporary staff never reach critical nodes automatically",
				cedar.PrincipalAttributeLike("employeeNumber", "TEMP-*"),
				cedar.NodeTagEquals("Criticality", "High")),
		}},
		Tags: sampleTags,
	}})
	return stack
}
