package rollout

import (
	"regexp"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// Service principals the unified console and JITNA depend on. The Systems
// Manager guide ("Setting up Systems Manager unified console for an
// organization") names CloudFormation, Resource Explorer, Systems Manager
// Explorer and Quick Setup as services that need trusted access and a
// delegated administrator.
const (
	ServiceSSM              = "ssm.amazonaws.com"
	ServiceStackSets        = "member.org.stacksets.cloudformation.amazonaws.com"
	ServiceResourceExplorer = "resource-explorer-2.amazonaws.com"
	ServiceQuickSetup       = "ssm-quicksetup.amazonaws.com"
)

var servicePrincipal = regexp.MustCompile(`^[a-z0-9.-]+\.amazonaws\.com$`)

// DefaultServices are the services that get trusted access and the delegated
// administrator by default.
var DefaultServices = []string{ServiceSSM, ServiceStackSets, ServiceResourceExplorer, ServiceQuickSetup}

// Prerequisites are what the management account sets up before the delegated
// administrator can enable JITNA: CloudFormation has no resource for these.
type Prerequisites struct {
	// DelegatedAdminAccountId is registered as delegated administrator.
	// Required.
	DelegatedAdminAccountId string
	// TrustedAccess are the services whose trusted access with AWS
	// Organizations is enabled. Default DefaultServices; empty with
	// SkipTrustedAccess.
	TrustedAccess []string
	// SkipTrustedAccess leaves trusted access alone. Default false.
	SkipTrustedAccess bool
	// DelegatedAdminFor are the services the account is registered as
	// delegated administrator for. Default DefaultServices.
	DelegatedAdminFor []string
	// SkipDelegatedAdmin leaves the registrations alone. Default false.
	SkipDelegatedAdmin bool
	// SkipRAMSharing leaves AWS RAM sharing with the organization alone (the
	// deny-access policy is shared through RAM). Default false: enabled.
	SkipRAMSharing bool
	// RetainOnDelete keeps the registrations when the stack is deleted.
	// Default false: deleting the stack deregisters the delegated
	// administrator (trusted access and RAM sharing always stay: other
	// services may rely on them).
	RetainOnDelete bool
}

// WithDefaults returns a copy with every unset field at its default.
func (p Prerequisites) WithDefaults() Prerequisites {
	if len(p.TrustedAccess) == 0 && !p.SkipTrustedAccess {
		p.TrustedAccess = append([]string(nil), DefaultServices...)
	}
	if len(p.DelegatedAdminFor) == 0 && !p.SkipDelegatedAdmin {
		p.DelegatedAdminFor = append([]string(nil), DefaultServices...)
	}
	if p.SkipTrustedAccess {
		p.TrustedAccess = nil
	}
	if p.SkipDelegatedAdmin {
		p.DelegatedAdminFor = nil
	}
	return p
}

// Validate returns every problem (after defaults).
func (p Prerequisites) Validate() error {
	p = p.WithDefaults()
	c := check.New()
	if c.Required("DelegatedAdminAccountId", p.DelegatedAdminAccountId, "the 12-digit account to register as delegated administrator") {
		quicksetup.CheckAccountID(c, "DelegatedAdminAccountId", p.DelegatedAdminAccountId)
	}
	c.Unique("TrustedAccess", p.TrustedAccess)
	c.Unique("DelegatedAdminFor", p.DelegatedAdminFor)
	for _, list := range []struct {
		field  string
		values []string
	}{{"TrustedAccess", p.TrustedAccess}, {"DelegatedAdminFor", p.DelegatedAdminFor}} {
		for i, s := range list.values {
			c.Index(list.field, i).Match("", s, servicePrincipal, "a service principal such as ssm.amazonaws.com")
		}
	}
	return c.Err()
}
