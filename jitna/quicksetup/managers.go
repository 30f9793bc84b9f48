package quicksetup

import (
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
)

// UnifiedConsole is the AWSQuickSetupType-SSM configuration manager.
type UnifiedConsole struct {
	// Name of the configuration manager: 1 to 50 letters, digits, spaces, _ or
	// -. Default "ssm-console", as in the AWS sample.
	Name string
	// Description, at most 512 characters. Default: the AWS sample's
	// ("Enable the Systems Manager unified console for the AWS Organization").
	Description string
	// Tags of the configuration manager. Default: none.
	Tags map[string]string
	// ExtraParameters are merged over the Quick Setup parameters this package
	// computes: an escape hatch for parameters the service adds later, or for
	// overriding an inferred one. Default: none.
	ExtraParameters map[string]string
	// RootOrganizationalUnitId is the organization root id (r-…): the unified
	// console always covers the whole organization. Required in organization
	// mode; not allowed in local mode.
	RootOrganizationalUnitId string
	// TargetRegions are the Regions the console aggregates data from. Required.
	TargetRegions []string
	// AgentUpdateSchedule: every 1 to 31 days, or none. Default RateDays(14).
	AgentUpdateSchedule Schedule
	// EnableDHMCSchedule (Default Host Management Configuration): every 1 to 31
	// days, or none. Default RateDays(1).
	EnableDHMCSchedule Schedule
	// InventoryCollectionSchedule: every N minutes (N at least 30), hours or
	// days, or none. Default RateHours(24).
	InventoryCollectionSchedule Schedule
}

// WithDefaults returns a copy with every unset field at its default.
func (u UnifiedConsole) WithDefaults() UnifiedConsole {
	defaultString(&u.Name, DefaultUnifiedConsoleName)
	defaultString(&u.Description, DefaultUnifiedConsoleDescription)
	if u.AgentUpdateSchedule == "" {
		u.AgentUpdateSchedule = RateDays(14)
	}
	if u.EnableDHMCSchedule == "" {
		u.EnableDHMCSchedule = RateDays(1)
	}
	if u.InventoryCollectionSchedule == "" {
		u.InventoryCollectionSchedule = RateHours(24)
	}
	return u
}

// Validate records every problem with the console settings (call it on the
// result of WithDefaults).
func (u UnifiedConsole) validate(c *check.Collector, t Target) {
	u.manager().validate(c)
	if t.Local() {
		if u.RootOrganizationalUnitId != "" {
			c.Add("RootOrganizationalUnitId", u.RootOrganizationalUnitId, "is only for organization mode: local mode targets TargetAccounts")
		}
	} else {
		CheckRootID(c, "RootOrganizationalUnitId", u.RootOrganizationalUnitId)
	}
	CheckRegions(c, "TargetRegions", u.TargetRegions, t.NewRegions)
	checkDaily(c, "AgentUpdateSchedule", u.AgentUpdateSchedule)
	checkDaily(c, "EnableDHMCSchedule", u.EnableDHMCSchedule)
	checkInventory(c, "InventoryCollectionSchedule", u.InventoryCollectionSchedule)
}

// Parameters returns the manager's Quick Setup parameters, in the AWS sample's
// names, with ExtraParameters merged over them.
func (u UnifiedConsole) Parameters(t Target) map[string]string {
	p := t.base()
	p["TargetRegions"] = strings.Join(u.TargetRegions, ",")
	p["AgentUpdateSchedule"] = string(u.AgentUpdateSchedule)
	p["EnableDHMCSchedule"] = string(u.EnableDHMCSchedule)
	p["InventoryCollectionSchedule"] = string(u.InventoryCollectionSchedule)
	if !t.Local() {
		p["TargetOrganizationalUnits"] = u.RootOrganizationalUnitId
	}
	return u.manager().merge(p)
}

// Jitna is the AWSQuickSetupType-JITNA configuration manager.
type Jitna struct {
	// Name of the configuration manager: 1 to 50 letters, digits, spaces, _ or
	// -. Default "jitna", as in the AWS sample.
	Name string
	// Description, at most 512 characters. Default: the AWS sample's
	// ("Enable the Just-in-Time Node Access First Run Experience").
	Description string
	// Tags of the configuration manager. Default: none.
	Tags map[string]string
	// ExtraParameters are merged over the Quick Setup parameters this package
	// computes: an escape hatch for parameters the service adds later, or for
	// overriding an inferred one. Default: none.
	ExtraParameters map[string]string
	// TargetOrganizationalUnits are the organizational units (ou-…) where JITNA
	// is enabled; the root id (r-…) stands for the whole organization.
	// Default: the unified console's root id. Not allowed in local mode.
	TargetOrganizationalUnits []string
	// TargetRegions must equal, or be a subset of, the unified console's
	// Regions. Default: the unified console's Regions.
	TargetRegions []string
	// IdentityProvider is IAM (default) or SSO. SSO is for organization
	// mode only: "Just-in-time node access doesn't support IAM Identity
	// Center as an identity provider when set up for a single account and
	// Region" (user guide, "Changing identity providers",
	// https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-change-identity-provider.html).
	IdentityProvider IdentityProvider
}

// WithDefaults returns a copy with every unset field at its default, taken
// from the console where the service ties them to it.
func (j Jitna) WithDefaults(t Target, u UnifiedConsole) Jitna {
	defaultString(&j.Name, DefaultJITNAName)
	defaultString(&j.Description, DefaultJITNADescription)
	if len(j.TargetOrganizationalUnits) == 0 && !t.Local() && u.RootOrganizationalUnitId != "" {
		j.TargetOrganizationalUnits = []string{u.RootOrganizationalUnitId}
	}
	if len(j.TargetRegions) == 0 {
		j.TargetRegions = append([]string(nil), u.TargetRegions...)
	}
	if j.IdentityProvider == "" {
		j.IdentityProvider = IdentityProviderIAM
	}
	return j
}

// validate records every problem with the JITNA settings (call it on the
// result of WithDefaults) enabled beside the unified console u (nil when
// unknown): a root among its targets must be the console's (an
// organization has one root), its Regions must be among the console's.
func (j Jitna) validate(c *check.Collector, t Target, u *UnifiedConsole) {
	j.manager().validate(c)
	var console UnifiedConsole
	if u != nil {
		console = *u
	}
	if t.Local() {
		if len(j.TargetOrganizationalUnits) > 0 {
			c.Add("TargetOrganizationalUnits", strings.Join(j.TargetOrganizationalUnits, ","), "is only for organization mode: local mode targets TargetAccounts")
		}
	} else {
		CheckOrganizationalUnits(c, "TargetOrganizationalUnits", j.TargetOrganizationalUnits)
		root := console.RootOrganizationalUnitId
		for i, ou := range j.TargetOrganizationalUnits {
			if strings.HasPrefix(ou, "r-") && root != "" && !check.IsToken(root) && !check.IsToken(ou) && ou != root {
				c.Index("TargetOrganizationalUnits", i).Addf("", ou, "is a root other than the unified console's RootOrganizationalUnitId (%s): an organization has one root", root)
			}
		}
	}
	consoleRegions := console.TargetRegions
	if u == nil || !slices.Equal(j.TargetRegions, consoleRegions) { // else checked as the console's
		CheckRegions(c, "TargetRegions", j.TargetRegions, t.NewRegions)
	}
	if c.OneOf("IdentityProvider", string(j.IdentityProvider), []string{string(IdentityProviderIAM), string(IdentityProviderSSO)}) &&
		t.Local() && j.IdentityProvider == IdentityProviderSSO {
		c.Add("IdentityProvider", string(j.IdentityProvider), "is not supported in local mode: JITNA takes IAM Identity Center as identity provider only for an organization (user guide, \"Changing identity providers\"); use IAM")
	}
	if len(consoleRegions) == 0 || check.AnyToken(consoleRegions) {
		return // an empty list is the console's own problem: no cascade here
	}
	allowed := make(map[string]bool, len(consoleRegions))
	for _, r := range consoleRegions {
		allowed[r] = true
	}
	for i, r := range j.TargetRegions {
		if !check.IsToken(r) && region.Valid(r, t.NewRegions) && !allowed[r] {
			c.Index("TargetRegions", i).Addf("", r,
				"is not one of the unified console's target Regions (%s): JITNA can only be enabled where the unified console is",
				strings.Join(consoleRegions, ", "))
		}
	}
}

// Parameters returns the manager's Quick Setup parameters, in the AWS sample's
// names, with ExtraParameters merged over them.
func (j Jitna) Parameters(t Target) map[string]string {
	p := t.base()
	p["IdentityProviderSetting"] = string(j.IdentityProvider)
	p["TargetRegions"] = strings.Join(j.TargetRegions, ",")
	if !t.Local() {
		p["TargetOrganizationalUnits"] = strings.Join(j.TargetOrganizationalUnits, ",")
	}
	return j.manager().merge(p)
}

func (u UnifiedConsole) manager() manager {
	return manager{u.Name, u.Description, u.Tags, u.ExtraParameters}
}

func (j Jitna) manager() manager {
	return manager{j.Name, j.Description, j.Tags, j.ExtraParameters}
}
