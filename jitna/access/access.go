// Package access holds the IAM permissions of the three roles people play
// around JITNA — requester, approver, administrator — as plain statements, and
// the matching of IAM actions that guardrails use to find principals that
// bypass JITNA (ssm:StartSession).
//
// The statements are the policies of the Systems Manager user guide's page
// "Setting up just-in-time access with Systems Manager"
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-setting-up.html),
// statement by statement, with their Sids: the administrator's, the
// approver's and the requester's policy. That page conditions reading and
// managing approval policies, and starting a manual approval, on
// ssm:DocumentType. Two of the page's administrator statements are left out:
// iam:PassRole to Amazon Q Developer in chat applications names a role of
// your own, and the service-linked role for it is created once; grant them
// where you set chat notifications up in the console. Requesters also get
// what RDP through GUI Connect needs, from the AWS managed policy
// AWSSystemsManagerJustInTimeAccessTokenSessionPolicy
// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSystemsManagerJustInTimeAccessTokenSessionPolicy.html);
// and "Start a just-in-time node access session"
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-start-session.html)
// says ssm:StartSession bypasses JITNA: no role has it.
// It is pure Go.
package access

import (
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// SettingUpPage is the Systems Manager user guide's page whose policies the
// statements follow.
const SettingUpPage = "https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-setting-up.html"

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
// is, and ManualApprovalPolicy), a new map each time: callers may change the
// statements they get.
func approvalDocuments() map[string]map[string]any {
	return documentType(policy.TypeManualApproval, policy.TypeAutoApproval)
}

// documentType is a condition on ssm:DocumentType.
func documentType(types ...string) map[string]map[string]any {
	return map[string]map[string]any{"StringEquals": {"ssm:DocumentType": types}}
}

// Statements returns a role's statements: the setting-up page's policy for
// the role, statement by statement (its Sids; its account and Region
// placeholders as {account} and {region}), plus, for requesters, what RDP
// through GUI Connect needs (ConnectOverRDP, RecordRDPConnections).
func Statements(r Role) []Statement {
	switch r {
	case Requester:
		return []Statement{
			{Sid: "AllowJITNAOperations", Actions: []string{"ssm:StartAccessRequest", "ssm:GetAccessToken"}, Resources: []string{"*"}},
			{Sid: "AllowOpsItemCreationAndRetrieval", Actions: []string{"ssm:CreateOpsItem", "ssm:GetOpsItem"}, Resources: []string{"arn:{partition}:ssm:*:*:opsitem/*"}},
			{Sid: "AllowListAccessRequests", Actions: []string{"ssm:DescribeOpsItems", "ssm:GetOpsSummary", "ssm:ListOpsItemEvents", "ssm:DescribeSessions"}, Resources: []string{"*"}},
			{Sid: "RequestManualApprovals", Actions: []string{"ssm:StartAutomationExecution"}, Resources: []string{"arn:{partition}:ssm:*:*:document/*"},
				Condition: documentType(policy.TypeManualApproval)},
			{Sid: "StartManualApprovalsAutomationExecution", Actions: []string{"ssm:StartAutomationExecution"}, Resources: []string{"arn:{partition}:ssm:*:*:automation-execution/*"}},
			{Sid: "CancelAccessRequestManualApproval", Actions: []string{"ssm:StopAutomationExecution"},
				Resources: []string{"arn:{partition}:ssm:*:*:automation-execution/*"}, Condition: managedTag()},
			// The setting-up page adds ec2:GetPasswordData on every
			// instance (an RDP connection with the node's local
			// administrator password): a standing right to every Windows
			// node's password, outside JITNA's approval. It is left out;
			// docs/reference.md shows how to grant it on the nodes a
			// requester may reach.
			{Sid: "DescribeEC2Instances", Actions: []string{"ec2:DescribeInstances", "ec2:DescribeTags"}, Resources: []string{"*"}},
			{Sid: "AllowListSSMManagedNodesAndTags", Actions: []string{"ssm:DescribeInstanceInformation", "ssm:ListTagsForResource"}, Resources: []string{"*"}},
			quickSetupReads(),
			{Sid: "AllowSessionManagerOperations", Actions: []string{"ssm:DescribeSessions", "ssm:GetConnectionStatus"}, Resources: []string{"*"}},
			{Sid: "AllowRDPOperations", Actions: []string{"ssm-guiconnect:ListConnections", "ssm:GetConnectionStatus"}, Resources: []string{"*"}},
			quickSetupDeployments(),
			{Sid: "AllowSsmJitnaPoliciesReadOnly", Actions: []string{"ssm:GetDocument", "ssm:DescribeDocument"},
				Resources: []string{"arn:{partition}:ssm:*:{account}:document/*"}, Condition: approvalDocuments()},
			listApprovalPolicies(),
			{Sid: "ExploreNodes", Actions: []string{"ssm:ListNodesSummary", "ssm:ListNodes", "ssm:DescribeInstanceProperties"}, Resources: []string{"*"}},
			{Sid: "IdentityStorePermissions", Actions: []string{"sso:DescribeRegisteredRegions", "sso:ListDirectoryAssociations", "identitystore:GetUserId",
				"identitystore:DescribeUser", "identitystore:DescribeGroup"}, Resources: []string{"*"}},
			// RDP through GUI Connect, as the AWS managed policy
			// AWSSystemsManagerJustInTimeAccessTokenSessionPolicy scopes a
			// JITNA session: the connection calls, and a grant on a
			// JITNA-tagged key that GUI Connect itself asks for (RDP
			// recording).
			{Sid: "ConnectOverRDP", Actions: []string{"ssm-guiconnect:StartConnection", "ssm-guiconnect:GetConnection", "ssm-guiconnect:CancelConnection"}, Resources: []string{"*"}},
			{Sid: "RecordRDPConnections", Actions: []string{"kms:CreateGrant"}, Resources: []string{"arn:{partition}:kms:{region}:{account}:key/*"}, Condition: recordingKey()},
		}
	case Approver:
		return []Statement{
			{Sid: "AllowAccessRequestDescriptions", Actions: []string{"ssm:DescribeOpsItems", "ssm:GetOpsSummary", "ssm:ListOpsItemEvents"}, Resources: []string{"*"}},
			{Sid: "AllowGetSpecificAccessRequest", Actions: []string{"ssm:GetOpsItem"}, Resources: []string{"arn:{partition}:ssm:{region}:{account}:opsitem/*"}},
			{Sid: "AllowApprovalRejectionSignal", Actions: []string{"ssm:SendAutomationSignal"},
				Resources: []string{"arn:{partition}:ssm:*:*:automation-execution/*"}, Condition: managedTag()},
			quickSetupReads(),
			quickSetupDeployments(),
			{Sid: "AllowSsmJitnaPoliciesCrudOperations", Actions: []string{"ssm:GetDocument", "ssm:DescribeDocument"},
				Resources: []string{"arn:{partition}:ssm:{region}:{account}:document/*"}, Condition: approvalDocuments()},
			listApprovalPolicies(),
			{Sid: "IDCPermissions", Actions: []string{"sso:DescribeRegisteredRegions", "sso:ListDirectoryAssociations", "identitystore:GetUserId",
				"identitystore:DescribeUser", "identitystore:DescribeGroup", "identitystore:ListGroupMembershipsForMember"}, Resources: []string{"*"}},
		}
	case Administrator:
		return []Statement{
			{Sid: "AllowSsmJitnaPoliciesCrudOperations", Actions: []string{"ssm:CreateDocument", "ssm:UpdateDocument", "ssm:UpdateDocumentDefaultVersion",
				"ssm:GetDocument", "ssm:DescribeDocument", "ssm:DeleteDocument"},
				Resources: []string{"arn:{partition}:ssm:{region}:{account}:document/*"}, Condition: approvalDocuments()},
			listApprovalPolicies(),
			{Sid: "PassTheAccessTokenRole", Actions: []string{"iam:PassRole"},
				Resources: []string{"arn:{partition}:iam::{account}:role/" + TokenRoleName},
				Condition: map[string]map[string]any{"StringEquals": {"iam:PassedToService": []string{"justintimeaccess.ssm.amazonaws.com"}}}},
			{Sid: "AllowAccessRequestOpsItemOperations", Actions: []string{"ssm:GetOpsItem", "ssm:DescribeOpsItems", "ssm:GetOpsSummary",
				"ssm:DeleteOpsItem", "ssm:ListOpsItemEvents"}, Resources: []string{"*"}},
			{Sid: "AllowSessionManagerPreferencesOperation", Actions: []string{"ssm:CreateDocument", "ssm:GetDocument", "ssm:DescribeDocument",
				"ssm:UpdateDocument", "ssm:DeleteDocument"}, Resources: []string{"arn:{partition}:ssm:{region}:{account}:document/" + policy.SessionPreferencesName},
				Condition: map[string]map[string]any{"StringEquals": {"ssm:DocumentType": policy.TypeSession}}},
			{Sid: "AllowSessionManagerOperations", Actions: []string{"ssm:DescribeSessions", "ssm:GetConnectionStatus", "ssm:TerminateSession"}, Resources: []string{"*"}},
			{Sid: "AllowRDPConnectionRecordingOperations", Actions: []string{"ssm-guiconnect:UpdateConnectionRecordingPreferences",
				"ssm-guiconnect:GetConnectionRecordingPreferences", "ssm-guiconnect:DeleteConnectionRecordingPreferences"}, Resources: []string{"*"}},
			{Sid: "AllowRDPConnectionRecordingKmsOperation", Actions: []string{"kms:CreateGrant"}, Resources: []string{"arn:{partition}:kms:{region}:{account}:key/*"}, Condition: recordingKey()},
			{Sid: "AllowFleetManagerOperations", Actions: []string{"ssm-guiconnect:GetConnection", "ssm-guiconnect:ListConnections"}, Resources: []string{"*"}},
			{Sid: "SNSTopicManagement", Actions: []string{"sns:CreateTopic", "sns:SetTopicAttributes"}, Resources: []string{"arn:{partition}:sns:{region}:{account}:SSM-JITNA*"}},
			{Sid: "SNSListTopics", Actions: []string{"sns:ListTopics"}, Resources: []string{"*"}},
			{Sid: "EventBridgeRuleManagement", Actions: []string{"events:PutRule", "events:PutTargets"}, Resources: []string{"arn:{partition}:events:{region}:{account}:rule/SSM-JITNA*"}},
			{Sid: "SSMEmailSettings", Actions: []string{"ssm:UpdateServiceSetting", "ssm:GetServiceSetting"}, Resources: []string{
				"arn:{partition}:ssm:{region}:{account}:servicesetting/ssm/access-request/email-role-mapping",
				"arn:{partition}:ssm:{region}:{account}:servicesetting/ssm/access-request/enabled-email-notifications",
			}},
			{Sid: "AllowViewingJitnaCloudWatchMetrics", Actions: []string{"cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics"},
				Resources: []string{"*"}, Condition: map[string]map[string]any{"StringEquals": {"cloudwatch:namespace": "AWS/SSM/JustInTimeAccess"}}},
			quickSetupReads(),
			quickSetupDeployments(),
			{Sid: "ManualPolicy", Actions: []string{"sso:DescribeRegisteredRegions", "ssm:GetServiceSetting", "iam:ListRoles"}, Resources: []string{"*"}},
			{Sid: "SessionPreference", Actions: []string{"s3:ListAllMyBuckets"}, Resources: []string{"*"}},
			{Sid: "AllowIamListForKMS", Actions: []string{"iam:ListUsers"}, Resources: []string{"arn:{partition}:iam::{account}:user/*"}},
			{Sid: "CloudWatchLogs", Actions: []string{"logs:DescribeLogGroups"}, Resources: []string{"arn:{partition}:logs:*:{account}:log-group::log-stream:"}},
			{Sid: "IdentityStorePermissions", Actions: []string{"sso:ListDirectoryAssociations", "identitystore:GetUserId", "sso-directory:SearchUsers",
				"sso-directory:SearchGroups", "identitystore:DescribeGroup", "identitystore:DescribeUser"}, Resources: []string{"*"}},
		}
	}
	return nil
}

// quickSetupReads is the console's read of the Quick Setup configuration
// (every role's policy on the setting-up page holds it).
func quickSetupReads() Statement {
	return Statement{Sid: "QuickSetupConfigurationManagers", Actions: []string{"ssm-quicksetup:ListConfigurationManagers", "ssm-quicksetup:ListConfigurations",
		"ssm-quicksetup:GetConfigurationManager", "ssm-quicksetup:ListQuickSetupTypes", "ssm-quicksetup:GetConfiguration"}, Resources: []string{"*"}}
}

// quickSetupDeployments is the console's read of Quick Setup's deployments.
func quickSetupDeployments() Statement {
	return Statement{Sid: "QuickSetupDeployments", Actions: []string{"cloudformation:ListStacks", "cloudformation:DescribeStacks",
		"organizations:DescribeOrganization", "organizations:ListDelegatedAdministrators"}, Resources: []string{"*"}}
}

// listApprovalPolicies lists documents, which takes no ssm:DocumentType.
func listApprovalPolicies() Statement {
	return Statement{Sid: "AllowSsmJitnaPoliciesListOperations", Actions: []string{"ssm:ListDocuments", "ssm:ListDocumentVersions"}, Resources: []string{"*"}}
}

// recordingKey is the condition of a KMS grant for RDP recording: a key
// tagged for JITNA, asked for by GUI Connect.
func recordingKey() map[string]map[string]any {
	return map[string]map[string]any{
		"StringEquals": {"aws:ResourceTag/" + policy.JitnaManagedTagKey: policy.JitnaManagedTagValue},
		"StringLike":   {"kms:ViaService": "ssm-guiconnect.*.amazonaws.com"},
		"Bool":         {"aws:ViaAWSService": "true"},
	}
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
