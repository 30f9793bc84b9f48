package jitna

import "github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"

// QuickSetupTarget says where the configuration managers deploy from and to. Its
// fields: Mode (ModeOrganization, the default, or ModeLocal),
// DelegatedAdminAccountId (12 digits, required in organization mode),
// HomeRegion (required: one of the AWS sample's home Regions, or of
// SupportedHomeRegions), TargetAccounts (local mode only),
// SupportedHomeRegions (overrides the sample's list) and NewRegions (Regions
// opened after the library's list). See [quicksetup.Target].
type QuickSetupTarget = quicksetup.Target

// UnifiedConsoleOptions configures the AWSQuickSetupType-SSM configuration
// manager. See quicksetup.UnifiedConsole for each field and its default.
type UnifiedConsoleOptions = quicksetup.UnifiedConsole

// JitnaOptions configures the AWSQuickSetupType-JITNA configuration manager.
// See quicksetup.Jitna for each field and its default.
type JitnaOptions = quicksetup.Jitna

// DeploymentMode says where Quick Setup deploys: ModeOrganization (default) or
// ModeLocal.
type DeploymentMode = quicksetup.Mode

// Deployment modes.
const (
	// ModeOrganization deploys from the delegated administrator account to
	// organizational units, as the AWS sample does. The default.
	ModeOrganization = quicksetup.ModeOrganization
	// ModeLocal deploys to chosen accounts (Target.TargetAccounts). Its
	// parameters are inferred from a public Terraform module, not from AWS
	// documentation: override them with ExtraParameters if the service differs.
	ModeLocal = quicksetup.ModeLocal
)

// IdentityProvider is the JITNA identity provider setting.
type IdentityProvider = quicksetup.IdentityProvider

// Identity providers.
const (
	// IdentityProviderIAM identifies requesters and approvers with IAM. The default.
	IdentityProviderIAM = quicksetup.IdentityProviderIAM
	// IdentityProviderSSO identifies them with IAM Identity Center.
	IdentityProviderSSO = quicksetup.IdentityProviderSSO
)

// Schedule is a Quick Setup association schedule ("rate(14 days)" or "none").
type Schedule = quicksetup.Schedule

// RateDays runs an association every n days.
func RateDays(n int) Schedule { return quicksetup.RateDays(n) }

// RateHours runs an association every n hours.
func RateHours(n int) Schedule { return quicksetup.RateHours(n) }

// RateMinutes runs an association every n minutes (at least 30).
func RateMinutes(n int) Schedule { return quicksetup.RateMinutes(n) }

// ScheduleNone opts out of an association.
func ScheduleNone() Schedule { return quicksetup.ScheduleNone() }
