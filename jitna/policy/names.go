package policy

import "time"

// Fixed document names: the service finds these documents by name.
const (
	AutoApprovalName       = "SSM-JustInTimeAccessAutoApprovalPolicy"
	DenyAccessName         = "SSM-JustInTimeAccessDenyAccessOrgPolicy"
	SessionPreferencesName = "SSM-SessionManagerRunShell"
)

// SSM document types of the JITNA documents.
const (
	TypeAutoApproval   = "AutoApprovalPolicy"
	TypeManualApproval = "ManualApprovalPolicy"
	TypeSession        = "Session"
)

// SSM document formats.
const (
	FormatYAML = "YAML"
	FormatJSON = "JSON"
	FormatText = "TEXT"
)

// JitnaManagedTagKey and JitnaManagedTagValue mark what JITNA manages: the
// KMS keys sessions may use (session encryption, RDP recording) and the
// automation executions approvers signal.
const (
	JitnaManagedTagKey   = "SystemsManagerJustInTimeNodeAccessManaged"
	JitnaManagedTagValue = "true"
)

// AccessTokenRole is the role JITNA documents name; the Quick Setup JITNA
// deployment creates it.
const AccessTokenRole = "SSM-JustInTimeAccessTokenRole"

// Limits of the service.
const (
	// MaxContentBytes is the largest SSM document content (64 KB).
	MaxContentBytes = 64 * 1024
	// MaxManualApprovalPolicies is how many manual approval policies one
	// account and Region may hold.
	MaxManualApprovalPolicies = 50
	// MaxApprovalLevels and MaxApproversPerLevel bound a manual approval policy.
	MaxApprovalLevels    = 5
	MaxApproversPerLevel = 5
	// AutoApprovalAccessDuration is how long auto-approved access lasts; the
	// service does not let it change.
	AutoApprovalAccessDuration = time.Hour
	// MinAccessDuration and MaxAccessDuration bound a manual approval policy's
	// access duration (1 to 336 hours).
	MinAccessDuration = time.Hour
	MaxAccessDuration = 336 * time.Hour
	// DefaultApprovalTimeout is how long a level waits for approvers (the AWS
	// sample's 604800 seconds); MaxApprovalTimeout is aws:approve's limit.
	DefaultApprovalTimeout = 7 * 24 * time.Hour
	MaxApprovalTimeout     = 30 * 24 * time.Hour
	// MaxApprovalMessage is the longest message an aws:approve step takes,
	// in characters.
	MaxApprovalMessage = 4096
	// Session Manager timeouts, in whole minutes.
	MaxIdleSessionTimeout = 60 * time.Minute
	MaxSessionDuration    = 1440 * time.Minute
)

// Content versions the JITNA documents declare.
const (
	approvalSchemaVersion = "0.3"
	sessionSchemaVersion  = "1.0"
)
