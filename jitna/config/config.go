// Package config loads the YAML file that drives the bundled app
// (jitna/configapp, the command jitna-app): the management account's prerequisites, the delegated
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
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/events"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/guardrails"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// Config is the whole organization's JITNA deployment. Each part is the
// props of the construct it becomes (the pure-Go part, for constructs that
// also take CDK references), so a key in the file is a field of those props.
type Config struct {
	// Management is the management account's stack and its prerequisites.
	// Default: no prerequisites stack.
	Management *Management
	// Enablement is the JitnaOrganization's props: the unified console and
	// JITNA. Its Target names the delegated administrator account and home
	// Region, where the other stacks go. Required.
	Enablement quicksetup.Enablement
	// DenyAccess is the organization's deny-access policy (DenyAccessPolicy's
	// props). Its CedarFile is relative to the config file. Default: none.
	DenyAccess *policy.DenyAccessProps
	// Member is the member StackSet and the documents it deploys. Required.
	Member Member
	// Notifications send access-request events from every member account
	// to a hub in the delegated administrator account, and from there to a
	// topic, emails and chat channels. Default: none.
	Notifications *Notifications
	// Guardrails report what would undo JITNA in the app. Default: off.
	Guardrails *guardrails.Props
	// WaitForDeployment makes the deny-access and member policy stacks
	// wait, while they deploy, until Quick Setup reports JITNA deployed, so
	// that one cdk deploy --all works (JitnaDeployed). Default: none: deploy
	// them once Quick Setup reports JITNA deployed.
	WaitForDeployment *quicksetup.DeploymentWait

	// warnings are the risks Load found, at their lines.
	warnings []check.Problem
}

// Warnings returns the risks Load found in a config it accepted
// (overlapping manual approval targets, an approver on two levels, a
// StackSet's notes), each at its file and line; check.WarningLine renders
// one. A config with problems carries its warnings in its *check.Error.
func (c *Config) Warnings() []check.Problem { return c.warnings }

// Management is the management account's stack.
type Management struct {
	// Account is the 12-digit management account id. Required.
	Account string
	// Region of the stack. Required.
	Region string
	// Prerequisites: trusted access, delegated administrator registrations,
	// RAM sharing. DelegatedAdminAccountId defaults to the enablement's
	// target; giving another is an error.
	Prerequisites rollout.Prerequisites
}

// Notifications are the NotificationHub's props (without a topic of the
// app's own): the hub, and the delivery of its events.
type Notifications struct {
	// Hub is the hub's bus and organization. OrganizationId is required.
	Hub events.Hub
	// Delivery says which events go to the topic, emails and channels.
	// Default: every detail-type, to the topic only.
	Delivery events.Notifications
}

// Member is the member template and its StackSet.
type Member struct {
	// StackSet is how the member template is deployed.
	StackSet rollout.Deployment
	// TemplateMode: "" (automatic), inline or asset.
	TemplateMode rollout.TemplateMode
	// AutoApproval is the auto-approval policy (AutoApprovalPolicy's props).
	// Its CedarFile is relative to the config file. Default: none.
	AutoApproval *policy.AutoApprovalProps
	// ManualApprovals are the manual approval policies
	// (ManualApprovalPolicy's props).
	ManualApprovals []policy.ManualApprovalProps
	// SessionPreferences are the Session Manager preferences
	// (SessionPreferences' pure-Go props). Default: none.
	SessionPreferences *policy.SessionPreferencesProps
	// RDPRecording records RDP connections in every account and Region
	// (RDPRecording's pure-Go props: an existing bucket and key, or none to
	// create them). Default: none.
	RDPRecording *policy.RDPRecording
	// Tags go on every member document, under each document's own.
	Tags map[string]string
}
