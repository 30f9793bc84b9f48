// Package access holds the IAM permissions of the three roles people play
// around JITNA — requester, approver, administrator — as plain statements, and
// the matching of IAM actions that guardrails use to find principals that
// bypass JITNA (ssm:StartSession).
//
// Every action comes from the Systems Manager user guide's pages on setting
// up and using just-in-time node access: "Setting up just-in-time access with
// Systems Manager"
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-setting-up.html),
// whose policy for console users adds the node views (ssm:ListNodes,
// ssm:DescribeInstanceInformation, ssm:DescribeInstanceProperties,
// ssm:ListTagsForResource), the Identity Center lookups
// (identitystore:GetUserId, sso:DescribeRegisteredRegions,
// sso:ListDirectoryAssociations) and ec2:GetPasswordData;
// https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-start-session.html
// (whose note says ssm:StartSession bypasses JITNA); the document-type
// condition from the AWS managed policy
// AWSSystemsManagerJustInTimeAccessServicePolicy
// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSystemsManagerJustInTimeAccessServicePolicy.html)
// and the Service Authorization Reference for Systems Manager
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html);
// and, for RDP through
// GUI Connect, from the AWS managed policy
// AWSSystemsManagerJustInTimeAccessTokenSessionPolicy
// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSystemsManagerJustInTimeAccessTokenSessionPolicy.html).
// It is pure Go.
package access

import (
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// Role is a role people play.
type Role string

const (
	// Requester asks for access to nodes.
	Requester Role = "requester"
	// Approver approves or rejects requests.
	Approver Role = "approver"
	// Administrator manages the approval policies.
	Administrator Role = "administrator"
)

// Statement is an IAM statement whose resources may hold {partition},
// {region} and {account}, filled by Resolve.
type Statement struct {
	Sid       string
	Actions   []string
	Resources []string
	// Condition is the statement's Condition block. Default: none.
	Condition map[string]map[string]any
}

// TokenRoleName is the role the Quick Setup JITNA deployment creates, which
// administrators pass to justintimeaccess.ssm.amazonaws.com.
const TokenRoleName = "SSM-JustInTimeAccessTokenRole"

// managedTag is the condition on JITNA-managed resources, a new map each
// time: callers may change the statements they get.
func managedTag() map[string]map[string]any {
	return map[string]map[string]any{"StringEquals": {"aws:ResourceTag/" + policy.JitnaManagedTagKey: policy.JitnaManagedTagValue}}
}

// approvalDocuments is the condition on JITNA's document types
// (ssm:DocumentType AutoApprovalPolicy, which the deny-access policy also
// is, and ManualApprovalPolicy), a new map each time. The values and their
// use on ssm:GetDocument and ssm:DescribeDocument are those of the AWS
// managed policy AWSSystemsManagerJustInTimeAccessServicePolicy (statement
// AllowRetrieveDocument); the Service Authorization Reference lists the
// key for CreateDocument, UpdateDocument, DeleteDocument,
// UpdateDocumentDefaultVersion and ListDocumentVersions too, and not for
// ListDocuments, StartAutomationExecution or tagging.
func approvalDocuments() map[string]map[string]any {
	return map[string]map[string]any{"StringEquals": {"ssm:DocumentType": []string{policy.TypeManualApproval, policy.TypeAutoApproval}}}
}

// Statements returns a role's statements.
func Statements(r Role) []Statement {
	switch r {
	case Requester:
		return []Statement{
			{Sid: "RequestAccess", Actions: []string{"ssm:StartAccessRequest", "ssm:GetAccessToken"}, Resources: []string{"*"}},
			{Sid: "TrackRequests", Actions: []string{"ssm:CreateOpsItem", "ssm:GetOpsItem", "ssm:DescribeOpsItems", "ssm:GetOpsSummary", "ssm:ListOpsItemEvents"}, Resources: []string{"*"}},
			{Sid: "SeeSessions", Actions: []string{"ssm:DescribeSessions", "ssm:GetConnectionStatus"}, Resources: []string{"*"}},
			{Sid: "StartManualApproval", Actions: []string{"ssm:StartAutomationExecution"},
				Resources: []string{"arn:{partition}:ssm:{region}:{account}:document/*", "arn:{partition}:ssm:{region}:{account}:automation-definition/*"}},
			{Sid: "StopOwnRequests", Actions: []string{"ssm:StopAutomationExecution"},
				Resources: []string{"arn:{partition}:ssm:{region}:{account}:automation-execution/*"}, Condition: managedTag()},
			// The console's node views: the setting-up page lists these for
			// people who use JITNA in the console; without them the node
			// list is empty though nothing fails at deployment.
			{Sid: "FindNodes", Actions: []string{"ec2:DescribeInstances", "ec2:DescribeTags", "ssm:DescribeInstanceInformation",
				"ssm:DescribeInstanceProperties", "ssm:ListNodes", "ssm:ListTagsForResource"}, Resources: []string{"*"}},
			// Reading approval policies is limited to JITNA's document
			// types, as the service-linked role's own statement does;
			// ssm:ListDocuments takes no ssm:DocumentType condition.
			{Sid: "ReadApprovalPolicies", Actions: []string{"ssm:DescribeDocument", "ssm:GetDocument"}, Resources: []string{"*"}, Condition: approvalDocuments()},
			{Sid: "ListApprovalPolicies", Actions: []string{"ssm:ListDocuments"}, Resources: []string{"*"}},
			{Sid: "ReadIdentityCenter", Actions: []string{"identitystore:DescribeUser", "identitystore:DescribeGroup", "identitystore:GetUserId",
				"identitystore:ListGroupMembershipsForMember", "sso:DescribeRegisteredRegions", "sso:ListDirectoryAssociations", "sso:ListInstances"}, Resources: []string{"*"}},
			// RDP through GUI Connect, as the AWS managed policy
			// AWSSystemsManagerJustInTimeAccessTokenSessionPolicy scopes a
			// JITNA session: the connection calls, and a grant on a
			// JITNA-tagged key that GUI Connect itself asks for (RDP
			// recording).
			// ec2:GetPasswordData: an RDP connection with the node's local
			// administrator password (the setting-up page lists it).
			{Sid: "ConnectOverRDP", Actions: []string{"ssm-guiconnect:StartConnection", "ssm-guiconnect:GetConnection", "ssm-guiconnect:CancelConnection",
				"ssm-guiconnect:ListConnections", "ec2:GetPasswordData"}, Resources: []string{"*"}},
			{Sid: "RecordRDPConnections", Actions: []string{"kms:CreateGrant"}, Resources: []string{"arn:{partition}:kms:{region}:{account}:key/*"},
				Condition: map[string]map[string]any{
					"StringEquals": {"aws:ResourceTag/" + policy.JitnaManagedTagKey: policy.JitnaManagedTagValue},
					"StringLike":   {"kms:ViaService": "ssm-guiconnect.*.amazonaws.com"},
					"Bool":         {"aws:ViaAWSService": "true"},
				}},
		}
	case Approver:
		return []Statement{
			{Sid: "ApproveRequests", Actions: []string{"ssm:SendAutomationSignal"},
				Resources: []string{"arn:{partition}:ssm:{region}:{account}:automation-execution/*"}, Condition: managedTag()},
			{Sid: "ReadRequests", Actions: []string{"ssm:GetOpsItem", "ssm:DescribeOpsItems", "ssm:ListOpsItemEvents"}, Resources: []string{"*"}},
		}
	case Administrator:
		return []Statement{
			// The document actions that take ssm:DocumentType are limited to
			// JITNA's document types; tagging takes no such condition.
			{Sid: "ManageApprovalPolicies", Actions: []string{
				"ssm:CreateDocument", "ssm:UpdateDocument", "ssm:DeleteDocument", "ssm:UpdateDocumentDefaultVersion",
				"ssm:DescribeDocument", "ssm:GetDocument", "ssm:ListDocumentVersions",
			}, Resources: []string{"arn:{partition}:ssm:{region}:{account}:document/*"}, Condition: approvalDocuments()},
			{Sid: "TagApprovalPolicies", Actions: []string{"ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"},
				Resources: []string{"arn:{partition}:ssm:{region}:{account}:document/*"}},
			{Sid: "ListApprovalPolicies", Actions: []string{"ssm:ListDocuments"}, Resources: []string{"*"}},
			{Sid: "PassTheAccessTokenRole", Actions: []string{"iam:PassRole"},
				Resources: []string{"arn:{partition}:iam::{account}:role/" + TokenRoleName},
				Condition: map[string]map[string]any{"StringEquals": {"iam:PassedToService": "justintimeaccess.ssm.amazonaws.com"}}},
		}
	}
	return nil
}

// Roles returns the three roles, in this order.
func Roles() []Role { return []Role{Requester, Approver, Administrator} }

// Resolve fills the placeholders of resources.
func Resolve(resources []string, partition, region, account string) []string {
	r := strings.NewReplacer("{partition}", partition, "{region}", region, "{account}", account)
	out := make([]string, len(resources))
	for i, s := range resources {
		out[i] = r.Replace(s)
	}
	return out
}

// Document renders a role's statements as an IAM policy document, for
// resources in any account and Region of the partition (permission sets are
// provisioned to many accounts).
func Document(r Role, partition string) map[string]any {
	stmts := Statements(r)
	list := make([]any, len(stmts))
	for i, s := range stmts {
		m := map[string]any{"Sid": s.Sid, "Effect": "Allow", "Action": s.Actions, "Resource": Resolve(s.Resources, partition, "*", "*")}
		if s.Condition != nil {
			m["Condition"] = s.Condition
		}
		list[i] = m
	}
	return map[string]any{"Version": "2012-10-17", "Statement": list}
}
