package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// ManualApproval is a manual approval policy's settings. Its fields: Name
// (required: 3 to 128 letters, digits, _, - or ., not starting with aws,
// amazon or amzn), Description (default empty), AccessDuration (required: 1
// to 336 hours), Targets (tag key and values, ORed) or AllNodes,
// AllNodesTarget (overrides how AllNodes is written), ApprovalLevels (1 to 5
// levels of 1 to 5 approvers; each level's Name, Message,
// MinRequiredApprovals and Timeout default to the AWS sample's) and
// IntendedOverlap. See [policy.ManualApproval].
type ManualApproval = policy.ManualApproval

// IntendedOverlap states that a manual approval policy's targets may match
// nodes of other policies, and why: no warning is given for those pairs. See
// policy.IntendedOverlap.
type IntendedOverlap = policy.IntendedOverlap

// TagTarget selects nodes by tag key and values (ORed).
type TagTarget = policy.TagTarget

// ApprovalLevel is one level of approvers. See policy.ApprovalLevel.
type ApprovalLevel = policy.ApprovalLevel

// Approver is one approver: a type and an id. Build it with SSOGroupApprover,
// SSOUserApprover, IamRoleApprover, IamUserApprover or IamGroupApprover.
type Approver = policy.Approver

// SSOGroupApprover names an IAM Identity Center group by id (the AWS sample's
// approver type).
func SSOGroupApprover(groupID string) Approver { return policy.SSOGroupApprover(groupID) }

// SSOUserApprover names an IAM Identity Center user by id (inferred type).
func SSOUserApprover(userID string) Approver { return policy.SSOUserApprover(userID) }

// IamRoleApprover names an IAM role by name or ARN (inferred type).
func IamRoleApprover(nameOrArn string) Approver { return policy.IamRoleApprover(nameOrArn) }

// IamUserApprover names an IAM user by name or ARN (inferred type).
func IamUserApprover(nameOrArn string) Approver { return policy.IamUserApprover(nameOrArn) }

// IamGroupApprover names an IAM group by name or ARN (inferred type).
func IamGroupApprover(nameOrArn string) Approver { return policy.IamGroupApprover(nameOrArn) }

// ManualApprovalPolicyProps configures a manual approval policy: the policy
// (Name, AccessDuration, Targets or AllNodes, and ApprovalLevels are
// required) and the document's tags. See policy.ManualApprovalProps.
type ManualApprovalPolicyProps = policy.ManualApprovalProps

// ManualApprovalPolicy is an SSM document of type ManualApprovalPolicy: the
// nodes it covers (by tag, or all nodes), how long approved access lasts, and
// up to five levels of up to five approvers. A stack (one account and Region)
// holds at most 50, at most one of them for all nodes. Policies whose targets
// can match the same node get a warning: requests to such a node fail.
type ManualApprovalPolicy struct {
	constructs.Construct
	placed
	// Document is the L1 SSM document (escape hatch), also Node().DefaultChild().
	Document awsssm.CfnDocument
	// Policy is the model that was rendered, after defaults.
	Policy policy.ManualApproval
}

// NewManualApprovalPolicy creates a manual approval policy. Its props are
// checked at synthesis (and by Validate), all problems at once, each naming
// the field (ApprovalLevels[1].Approvers[0].ID), the value and what is
// allowed.
func NewManualApprovalPolicy(scope constructs.Construct, id string, props *ManualApprovalPolicyProps) *ManualApprovalPolicy {
	if props == nil {
		props = &ManualApprovalPolicyProps{}
	}
	c, at := newConstruct(scope, id)
	m := &ManualApprovalPolicy{Construct: c, placed: placed{at}}
	m.Policy = props.ManualApproval.WithDefaults()
	addDocumentChecks(m.at, m.Construct, m.Policy, props.Tags, m.Policy.Validate)
	m.Document = newDocument(m.Construct, m.Policy.Document(), props.Tags)
	if t := m.Policy.AllNodesTarget; m.Policy.AllNodes && t != nil && !t.IsDefault() {
		// Declared, so that the template's readers take it for what it is.
		m.Document.AddMetadata(jsii.String(policy.AllNodesTargetMetadata), map[string]any{"Key": t.Key, "Values": t.Values})
	}
	if len(m.Policy.ExtraApproverTypes) > 0 {
		m.Document.AddMetadata(jsii.String(policy.ExtraApproverTypesMetadata), m.Policy.ExtraApproverTypes)
	}
	return m
}
