package quicksetup

import (
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
)

// Mode says where Quick Setup deploys a configuration.
type Mode string

const (
	// ModeOrganization deploys from the delegated administrator account to
	// organizational units (the AWS sample). The default.
	ModeOrganization Mode = "organization"
	// ModeLocal deploys to chosen accounts of one account's own scope
	// ("local deployment" in the Systems Manager guide). The parameters used
	// (TargetAccounts instead of TargetOrganizationalUnits) are inferred from a
	// public Terraform module, not from AWS documentation.
	ModeLocal Mode = "local"
)

// IdentityProvider is the JITNA IdentityProviderSetting.
type IdentityProvider string

const (
	// IdentityProviderIAM identifies requesters and approvers with IAM. The default.
	IdentityProviderIAM IdentityProvider = "IAM"
	// IdentityProviderSSO identifies them with IAM Identity Center.
	IdentityProviderSSO IdentityProvider = "SSO"
)

// Target holds what both configuration managers share: where they deploy from
// and to.
type Target struct {
	// Mode is organization (default) or local.
	Mode Mode
	// DelegatedAdminAccountId is the Systems Manager delegated administrator
	// account. Required in organization mode; optional in local mode.
	DelegatedAdminAccountId string
	// HomeRegion is the Region that aggregates the unified console's data.
	// Required.
	HomeRegion string
	// TargetAccounts are the accounts of a local deployment. Required in local
	// mode; not allowed in organization mode.
	TargetAccounts []string
	// SupportedHomeRegions overrides DefaultHomeRegions, the list HomeRegion is
	// checked against.
	SupportedHomeRegions []string
	// NewRegions are AWS Regions opened after the list this library checks
	// Region names against (region.Source, region.AsOf): every Region field
	// of the enablement accepts them, when they follow a partition's naming
	// pattern. Default: none, only the list's Regions are accepted.
	NewRegions []string
}

// ModeOrDefault returns the mode, ModeOrganization when unset.
func (t Target) ModeOrDefault() Mode {
	if t.Mode == "" {
		return ModeOrganization
	}
	return t.Mode
}

// Local reports whether the target is a local deployment.
func (t Target) Local() bool { return t.ModeOrDefault() == ModeLocal }

// validate records every problem with the target.
func (t Target) validate(c *check.Collector) {
	mode := t.ModeOrDefault()
	if c.OneOf("Mode", string(mode), []string{string(ModeOrganization), string(ModeLocal)}) && mode == ModeOrganization {
		if c.Required("DelegatedAdminAccountId", t.DelegatedAdminAccountId, "the 12-digit Systems Manager delegated administrator account id") {
			CheckAccountID(c, "DelegatedAdminAccountId", t.DelegatedAdminAccountId)
		}
		if len(t.TargetAccounts) > 0 {
			c.Add("TargetAccounts", strings.Join(t.TargetAccounts, ","), "is only for local mode: organization mode targets organizational units")
		}
	}
	if mode == ModeLocal {
		if t.DelegatedAdminAccountId != "" {
			CheckAccountID(c, "DelegatedAdminAccountId", t.DelegatedAdminAccountId)
		}
		CheckAccountIDs(c, "TargetAccounts", t.TargetAccounts)
	}
	if c.Required("HomeRegion", t.HomeRegion, "the Region where the unified console aggregates data, such as us-east-1") {
		homes := t.SupportedHomeRegions
		if len(homes) == 0 {
			homes = DefaultHomeRegions()
		}
		c.OneOf("HomeRegion", t.HomeRegion, homes)
	}
	for i, r := range t.SupportedHomeRegions {
		region.Check(c.Index("SupportedHomeRegions", i), "", r, t.NewRegions)
	}
	region.CheckNewer(c, "NewRegions", t.NewRegions)
}

// base returns the parameters every manager takes from the target.
func (t Target) base() map[string]string {
	p := map[string]string{"HomeRegion": t.HomeRegion}
	if t.DelegatedAdminAccountId != "" {
		p["DelegatedAccountId"] = t.DelegatedAdminAccountId
	}
	if t.Local() {
		p["TargetAccounts"] = strings.Join(t.TargetAccounts, ",")
	}
	return p
}

// manager is what every configuration manager resource takes besides its
// parameters; UnifiedConsole and Jitna each expose these fields with their own
// defaults.
type manager struct {
	Name, Description     string
	Tags, ExtraParameters map[string]string
}

func (m manager) validate(c *check.Collector) {
	CheckManagerName(c, "Name", m.Name)
	CheckDescription(c, "Description", m.Description)
	CheckTags(c, "Tags", m.Tags)
	CheckParameters(c, "ExtraParameters", m.ExtraParameters)
}

func defaultString(v *string, def string) {
	if *v == "" {
		*v = def
	}
}

func (m manager) merge(p map[string]string) map[string]string {
	for k, v := range m.ExtraParameters {
		p[k] = v
	}
	return p
}
