package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// AutoApprovalPolicyProps configures the auto-approval policy of one account
// and Region: the Cedar source of its permit statements (required), the
// description and the tags. See policy.AutoApprovalProps.
type AutoApprovalPolicyProps = policy.AutoApprovalProps

// CedarSource says where a policy's Cedar statements come from: Cedar,
// CedarFile, Rules or Documents. See policy.CedarSource.
type CedarSource = policy.CedarSource

// AutoApprovalPolicy is the SSM document SSM-JustInTimeAccessAutoApprovalPolicy
// (type AutoApprovalPolicy): permit statements, in Cedar, that grant access
// for one hour without approval. A stack (one account and Region) holds at
// most one; its Cedar is checked against the JITNA schema at synthesis.
type AutoApprovalPolicy struct {
	constructs.Construct
	placed
	// Document is the L1 SSM document (escape hatch), also Node().DefaultChild().
	Document awsssm.CfnDocument
	// Policy is the model that was rendered.
	Policy policy.AutoApproval
}

// NewAutoApprovalPolicy creates the auto-approval policy. Its props are checked
// at synthesis (and by Validate): Cedar that does not parse or does not match
// the JITNA schema, forbid statements, a second auto-approval policy in the
// stack, content over 64 KB, tags.
func NewAutoApprovalPolicy(scope constructs.Construct, id string, props *AutoApprovalPolicyProps) *AutoApprovalPolicy {
	if props == nil {
		props = &AutoApprovalPolicyProps{}
	}
	c, at := newConstruct(scope, id)
	a := &AutoApprovalPolicy{Construct: c, placed: placed{at}}
	var validate func() error
	a.Policy, validate = props.Resolve(readUserFile)
	addDocumentChecks(a.at, a.Construct, a.Policy, props.Tags, validate)
	a.Document = newDocument(a.Construct, a.Policy.Document(), props.Tags)
	return a
}
