// Package config loads the YAML file that drives the bundled app
// (examples/app): the management account's prerequisites, the delegated
// administrator's enablement and deny-access policy, and the member StackSet
// with its approval policies and session preferences.
//
// The format mirrors the Go props: each key is a field name in lowerCamel
// (accessDuration, approvalLevels, kmsKeyID). Unknown keys, wrong types and
// invalid values are errors naming the file, the line and the key, all of
// them at once; the values are checked with the same core rules the
// constructs use. Cedar is inline (cedar) or in .cedar files next to the
// config (cedarFile).
//
// It is pure Go (no aws-cdk-go import).
package config

import (
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/events"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// Config is the whole organization's JITNA deployment.
type Config struct {
	// Management is the management account and its prerequisites. Default:
	// no prerequisites stack.
	Management *Management
	// DelegatedAdmin is the Systems Manager delegated administrator account
	// and home Region. Required.
	DelegatedAdmin Environment
	// Enablement is the unified console and JITNA. Required.
	Enablement Enablement
	// DenyAccess is the organization's deny-access policy. Default: none.
	DenyAccess *CedarPolicy
	// Member is the member StackSet and the documents it deploys. Required.
	Member Member
	// Notifications send access-request events from every member account
	// to a hub in the delegated administrator account, and from there to a
	// topic, emails and chat channels. Default: none.
	Notifications *Notifications
	// Guardrails report what would undo JITNA in the app. Default: off.
	Guardrails *Guardrails
}

// Notifications are the hub and its delivery.
type Notifications struct {
	// OrganizationId (o-…) may send to the hub. Required.
	OrganizationId string
	// EventBusName of the hub. Default jitna-access-requests.
	EventBusName string
	DetailTypes  []events.DetailType
	Approvers    []string
	Emails       []string
	Slack        *events.SlackChannel
	Teams        *events.TeamsChannel
}

// Settings returns the delivery settings.
func (n Notifications) Settings() events.Notifications {
	return events.Notifications{DetailTypes: n.DetailTypes, Approvers: n.Approvers, Emails: n.Emails, Slack: n.Slack, Teams: n.Teams}
}

// Hub returns the hub settings.
func (n Notifications) Hub() events.Hub {
	return events.Hub{OrganizationId: n.OrganizationId, EventBusName: n.EventBusName}
}

// Guardrails configure the guardrails.
type Guardrails struct {
	// Levels by rule id (JITNA-IAM-1 …): error, warning, info or off.
	// Default: the rules' defaults.
	Levels map[string]string
}

// Environment is an account and Region.
type Environment struct {
	// Account is the 12-digit account id. Required.
	Account string
	// Region is the Region. Required.
	Region string
}

// Management is the management account's stack.
type Management struct {
	Environment
	// Prerequisites: trusted access, delegated administrator registrations,
	// RAM sharing. The delegated administrator is DelegatedAdmin.Account.
	Prerequisites rollout.Prerequisites
}

// Enablement is the unified console and JITNA (JitnaOrganization).
type Enablement struct {
	UnifiedConsole quicksetup.UnifiedConsole
	Jitna          quicksetup.Jitna
	Roles          Roles
	Tags           map[string]string
}

// Roles are the Quick Setup roles' settings.
type Roles struct {
	UseExisting                 bool
	AttachJitnaDeploymentPolicy bool
}

// CedarPolicy is an auto-approval or deny-access policy.
type CedarPolicy struct {
	Description string
	// Cedar is inline policy text.
	Cedar string
	// CedarFile is a .cedar file, relative to the config file.
	CedarFile string
	// Documents are AutoApprovalPolicyDocuments entries with ids and
	// descriptions.
	Documents []policy.CedarDocument
	// Format of the deny-access policy: wrapper (default) or cedar.
	Format policy.DenyAccessFormat
	Tags   map[string]string

	fileText string // CedarFile's content, read by Load
}

// Sources returns the policy's Cedar documents as the constructs take them:
// the inline text and the file's (read by Load) joined into one document,
// then the Documents entries.
func (p CedarPolicy) Sources() []policy.CedarDocument {
	var parts []string
	for _, t := range []string{p.Cedar, p.fileText} {
		if t != "" {
			parts = append(parts, t)
		}
	}
	var docs []policy.CedarDocument
	if len(parts) > 0 {
		docs = append(docs, policy.CedarDocument{Cedar: strings.Join(parts, "\n\n")})
	}
	return append(docs, p.Documents...)
}

// Member is the member template and its StackSet.
type Member struct {
	// StackSet is how the member template is deployed.
	StackSet rollout.Deployment
	// TemplateMode: "" (automatic), inline or asset.
	TemplateMode rollout.TemplateMode
	// AutoApproval is the auto-approval policy. Default: none.
	AutoApproval *CedarPolicy
	// ManualApprovals are the manual approval policies.
	ManualApprovals []ManualApprovalPolicy
	// SessionPreferences are the Session Manager preferences. Default: none.
	SessionPreferences *SessionPreferences
	// Tags go on every member document.
	Tags map[string]string
}

// SessionPreferences are the Session Manager preferences and the choices the
// construct adds: no CloudWatch logs (else the AWS sample's log group), a KMS
// key it creates.
type SessionPreferences struct {
	policy.SessionSettings
	NoCloudWatchLogs    bool
	CreateEncryptionKey bool
	Tags                map[string]string
}

// ManualApprovalPolicy is a manual approval policy and its document's tags
// (the construct's props).
type ManualApprovalPolicy struct {
	policy.ManualApproval
	Tags map[string]string
}
