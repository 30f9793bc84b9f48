package rollout

import (
	"regexp"
	"strings"

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

// DefaultServices returns the services that get trusted access and the delegated
// administrator by default.
func DefaultServices() []string {
	return []string{ServiceSSM, ServiceStackSets, ServiceResourceExplorer, ServiceQuickSetup}
}

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
		p.TrustedAccess = append([]string(nil), DefaultServices()...)
	}
	if len(p.DelegatedAdminFor) == 0 && !p.SkipDelegatedAdmin {
		p.DelegatedAdminFor = append([]string(nil), DefaultServices()...)
	}
	if p.SkipTrustedAccess {
		p.TrustedAccess = nil
	}
	if p.SkipDelegatedAdmin {
		p.DelegatedAdminFor = nil
	}
	return p
}

// Validate returns every problem with p, the value WithDefaults returns.
func (p Prerequisites) Validate() error {
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

// Call is one AWS API call of a step (AWS SDK v3 names).
type Call struct {
	Service, Action string
	Parameters      map[string]string
	// IgnoreErrorCodes are the error codes that mean the work is done
	// already.
	IgnoreErrorCodes []string
	// Region is where the call goes; empty for the stack's Region.
	Region string
}

// Step is one prerequisite: an idempotent call on create, maybe one on
// delete, and the IAM actions it needs.
type Step struct {
	// ID names the step ("TrustedAccess-ssm").
	ID string
	// PhysicalID changes when the step's calls change their target (another
	// delegated administrator account), so that CloudFormation replaces the
	// resource and deletes the old one with its old calls.
	PhysicalID  string
	Description string
	Create      Call
	Delete      *Call
	// Actions are the IAM actions the step needs; with ServicePrincipals,
	// limited by the organizations:ServicePrincipal condition.
	Actions           []string
	ServicePrincipals []string
	// After names the steps this one runs after.
	After []string
}

// organizationsRegion is where the AWS Organizations API is served for the
// aws partition.
const organizationsRegion = "us-east-1"

// Steps returns the prerequisites as API calls, in order: trusted access,
// then the delegated administrator registrations (which need it), then AWS
// RAM sharing. Call it on the result of WithDefaults.
func (p Prerequisites) Steps() []Step {
	var steps, trusted []Step
	for _, s := range unique(p.TrustedAccess) {
		steps = append(steps, Step{
			ID:          "TrustedAccess-" + shortName(s),
			PhysicalID:  "TrustedAccess-" + shortName(s),
			Description: "Enable trusted access for " + s,
			Create: Call{Service: "Organizations", Action: "EnableAWSServiceAccess", Region: organizationsRegion,
				Parameters: map[string]string{"ServicePrincipal": s}},
			Actions:           []string{"organizations:EnableAWSServiceAccess"},
			ServicePrincipals: []string{s},
		})
	}
	trusted = steps
	for _, s := range unique(p.DelegatedAdminFor) {
		st := Step{
			ID:          "DelegatedAdmin-" + shortName(s),
			PhysicalID:  "DelegatedAdmin-" + shortName(s) + "-" + p.DelegatedAdminAccountId,
			Description: "Register " + p.DelegatedAdminAccountId + " as delegated administrator for " + s,
			Create: Call{Service: "Organizations", Action: "RegisterDelegatedAdministrator", Region: organizationsRegion,
				Parameters:       map[string]string{"AccountId": p.DelegatedAdminAccountId, "ServicePrincipal": s},
				IgnoreErrorCodes: []string{"AccountAlreadyRegisteredException"}},
			Actions:           []string{"organizations:RegisterDelegatedAdministrator"},
			ServicePrincipals: []string{s},
		}
		if !p.RetainOnDelete {
			st.Delete = &Call{Service: "Organizations", Action: "DeregisterDelegatedAdministrator", Region: organizationsRegion,
				Parameters: st.Create.Parameters, IgnoreErrorCodes: []string{"AccountNotRegisteredException"}}
			st.Actions = append(st.Actions, "organizations:DeregisterDelegatedAdministrator")
		}
		for _, t := range trusted {
			if t.ServicePrincipals[0] == s {
				st.After = append(st.After, t.ID)
			}
		}
		steps = append(steps, st)
	}
	if !p.SkipRAMSharing {
		steps = append(steps, Step{
			ID:          "RAMSharing",
			PhysicalID:  "RAMSharing",
			Description: "Enable AWS RAM sharing with the organization (the deny-access policy is shared through RAM)",
			Create:      Call{Service: "RAM", Action: "EnableSharingWithAwsOrganization"},
			Actions:     []string{"ram:EnableSharingWithAwsOrganization", "organizations:DescribeOrganization", "organizations:EnableAWSServiceAccess", "iam:CreateServiceLinkedRole"},
		})
	}
	return steps
}

// shortName turns a service principal into an id part ("ssm",
// "member-org-stacksets-cloudformation").
func shortName(principal string) string {
	return strings.ReplaceAll(strings.TrimSuffix(principal, ".amazonaws.com"), ".", "-")
}

// unique drops repeated values (Validate reports them), keeping the order.
func unique(values []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
