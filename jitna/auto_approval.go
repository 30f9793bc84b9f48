package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// AutoApprovalPolicyProps configures the auto-approval policy of one account
// and Region.
type AutoApprovalPolicyProps struct {
	// CedarSource holds the permit statements (required: at least one source).
	CedarSource
	// Description of the document. Default: empty.
	Description string
	// Tags of the document. Default: none.
	Tags map[string]string
}

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
	render, sources, readErr := props.resolve()
	a.Policy = policy.AutoApproval{Description: props.Description, Documents: render, Validator: props.Validator}
	addDocumentChecks(a.at, a.Policy, props.Tags, props.cedarChecks(readErr, sources, cedar.Permit, a.Policy))
	a.Document = newDocument(a.Construct, a.Policy.Document(), props.Tags)
	return a
}
