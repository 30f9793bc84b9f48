package rollout

import (
	"fmt"
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
	// ServiceRAM is AWS RAM, whose sharing with the organization the
	// deny-access policy needs.
	ServiceRAM = "ram.amazonaws.com"
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
	// DeregisterOnDelete deregisters, when the stack is deleted, the
	// delegated administrator registrations the stack made. Default false:
	// they stay, as Systems Manager has one delegated administrator for all
	// its capabilities (Explorer, OpsCenter, Change Manager use it too) and a
	// StackSets delegated administrator is often shared with other
	// pipelines. A registration that existed before the stack is never
	// deregistered, and a rolled-back create always undoes its own
	// registrations. Trusted access and RAM sharing always stay.
	DeregisterOnDelete bool
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

// Step is one prerequisite, a custom resource of the handler (see package
// jitna/internal/handler for what each kind does on create, update and
// delete): enabling trusted access for a service, registering the delegated
// administrator for one, or enabling AWS RAM sharing with the organization.
type Step struct {
	// ID names the step ("TrustedAccess-ssm").
	ID          string
	Description string
	// Properties are the custom resource's properties: Step ("TrustedAccess",
	// "DelegatedAdmin", "RAMSharing"), and ServicePrincipal, AccountId and
	// DeregisterOnDelete as the kind needs. They are fixed at synthesis: the
	// handler acts only on these.
	Properties map[string]string
	// Grants are the IAM statements the step's calls need, each limited by
	// a condition where the service supports one.
	Grants []Grant
	// After names the steps this one runs after.
	After []string
}

// Grant is one IAM statement of a step: actions on any resource (these
// APIs take no resource ARN), limited to Values of ConditionKey when it is
// set.
type Grant struct {
	Actions      []string
	ConditionKey string
	Values       []string
}

// Steps returns the prerequisites, in order: trusted access, then the
// delegated administrator registrations (which need it), then AWS RAM
// sharing. Call it on the result of WithDefaults.
func (p Prerequisites) Steps() []Step {
	var steps, trusted []Step
	for _, s := range unique(p.TrustedAccess) {
		steps = append(steps, Step{
			ID:          "TrustedAccess-" + shortName(s),
			Description: "Enable trusted access for " + s,
			Properties:  map[string]string{"Step": "TrustedAccess", "ServicePrincipal": s},
			Grants:      []Grant{{Actions: []string{"organizations:EnableAWSServiceAccess"}, ConditionKey: "organizations:ServicePrincipal", Values: []string{s}}},
		})
	}
	trusted = steps
	for _, s := range unique(p.DelegatedAdminFor) {
		st := Step{
			ID:          "DelegatedAdmin-" + shortName(s),
			Description: "Register " + p.DelegatedAdminAccountId + " as delegated administrator for " + s,
			Properties: map[string]string{"Step": "DelegatedAdmin", "ServicePrincipal": s, "AccountId": p.DelegatedAdminAccountId,
				"DeregisterOnDelete": fmt.Sprint(p.DeregisterOnDelete)},
			Grants: []Grant{
				{Actions: []string{"organizations:DeregisterDelegatedAdministrator", "organizations:ListDelegatedAdministrators", "organizations:RegisterDelegatedAdministrator"},
					ConditionKey: "organizations:ServicePrincipal", Values: []string{s}},
			},
		}
		for _, t := range trusted {
			if t.Properties["ServicePrincipal"] == s {
				st.After = append(st.After, t.ID)
			}
		}
		steps = append(steps, st)
	}
	if !p.SkipRAMSharing {
		steps = append(steps, Step{
			ID:          "RAMSharing",
			Description: "Enable AWS RAM sharing with the organization (the deny-access policy is shared through RAM)",
			Properties:  map[string]string{"Step": "RAMSharing"},
			// What AWS RAM's EnableSharingWithAwsOrganization does in the
			// caller's name: trusted access for RAM and its service-linked role.
			Grants: []Grant{
				{Actions: []string{"ram:EnableSharingWithAwsOrganization", "organizations:DescribeOrganization"}},
				{Actions: []string{"organizations:EnableAWSServiceAccess"}, ConditionKey: "organizations:ServicePrincipal", Values: []string{ServiceRAM}},
				{Actions: []string{"iam:CreateServiceLinkedRole"}, ConditionKey: "iam:AWSServiceName", Values: []string{ServiceRAM}},
			},
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
