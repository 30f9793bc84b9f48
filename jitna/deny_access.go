package jitna

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// DenyAccessFormat says how the deny-access policy's content is written:
// DenyAccessWrapped (default) or DenyAccessCedarText.
type DenyAccessFormat = policy.DenyAccessFormat

// Deny-access content formats. AWS publishes no example of deny-access
// content, so the format is switchable.
const (
	// DenyAccessWrapped writes the auto-approval policy's YAML wrapper around
	// the Cedar (inferred from the shared document type). The default.
	DenyAccessWrapped = policy.DenyAccessWrapped
	// DenyAccessCedarText writes the Cedar itself as content (DocumentFormat
	// TEXT), as the Systems Manager CLI guide passes it.
	DenyAccessCedarText = policy.DenyAccessCedarText
)

// DenyAccessPolicyProps configures the organization's deny-access policy.
type DenyAccessPolicyProps struct {
	// DenyAccessProps are the Cedar source of the forbid statements
	// (required), the description, format, delegated administrator account
	// and tags. DelegatedAdminAccountId is checked like Organization's;
	// giving both is an error when they differ.
	policy.DenyAccessProps
	// Organization is the JitnaOrganization whose delegated administrator
	// account holds the policy. When set, the policy belongs in that
	// account: synthesis warns when the stack's account is known and
	// differs. Default: none.
	Organization *JitnaOrganization
}

// DenyAccessPolicy is the SSM document SSM-JustInTimeAccessDenyAccessOrgPolicy
// (type AutoApprovalPolicy): forbid statements, in Cedar, that take requests
// out of auto-approval across the organization. An organization holds one, in
// the delegated administrator account, shared to members through AWS RAM; an
// app may hold at most one.
type DenyAccessPolicy struct {
	constructs.Construct
	placed
	// Document is the L1 SSM document (escape hatch), also Node().DefaultChild().
	Document awsssm.CfnDocument
	// Policy is the model that was rendered.
	Policy policy.DenyAccess
}

// NewDenyAccessPolicy creates the deny-access policy. Its props are checked at
// synthesis (and by Validate): Cedar that does not parse or does not match the
// JITNA schema, permit statements, a second deny-access policy in the app,
// content over 64 KB, tags, a delegated administrator account that is not
// one or differs from Organization's.
func NewDenyAccessPolicy(scope constructs.Construct, id string, props *DenyAccessPolicyProps) *DenyAccessPolicy {
	if props == nil {
		props = &DenyAccessPolicyProps{}
	}
	c, at := newConstruct(scope, id)
	d := &DenyAccessPolicy{Construct: c, placed: placed{at}}
	var cedarCheck func() error
	d.Policy, cedarCheck = props.Resolve(readUserFile)
	admin, fromOrg := props.DelegatedAdminAccountId, ""
	if o := props.Organization; o != nil && !o.Enablement.Target.Local() {
		fromOrg = o.Enablement.Target.DelegatedAdminAccountId
	}
	addDocumentChecks(at, d.Construct, d.Policy, props.Tags, func() error {
		c := check.New()
		if admin != "" {
			quicksetup.CheckAccountID(c, "DelegatedAdminAccountId", admin)
			quicksetup.CheckSameAccount(c, "DelegatedAdminAccountId", admin, fromOrg, "the delegated administrator account of Organization")
		}
		return check.Join(cedarCheck(), c.Err(), at.state.secondDenyAccess(at))
	})
	d.Document = newDocument(d.Construct, d.Policy.Document(), props.Tags)
	at.state.noteDenyAccess(at.path)
	warnAccount(d.Construct, *at.stack.Account(), cmp.Or(fromOrg, admin))
	return d
}

// secondDenyAccess returns an error when another deny-access policy came
// before the one at s in another stack of the same app (policy.CheckSet
// reports one in the same stack).
func (st *appState) secondDenyAccess(s site) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	paths := st.open().denyAccess
	if len(paths) > 0 && paths[0] != s.path && !strings.HasPrefix(paths[0], s.stackPath+"/") {
		c := check.New()
		c.Addf("", "", "is a second deny-access policy in the app (the first is %s): an organization holds one", paths[0])
		return c.Err()
	}
	return nil
}

// noteDenyAccess records a deny-access policy of the app.
func (st *appState) noteDenyAccess(path string) {
	st.mu.Lock()
	c := st.open()
	c.denyAccess = append(c.denyAccess, path)
	st.mu.Unlock()
	st.changed()
}

// hasDenyAccess reports whether the app declares a deny-access policy.
func (st *appState) hasDenyAccess() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.collected != nil && len(st.collected.denyAccess) > 0
}

// warnAccount warns when the deny-access policy c's stack is in another
// account than the delegated administrator's, when both are known.
func warnAccount(c constructs.Construct, stackAccount, admin string) {
	if admin == "" || check.IsToken(stackAccount) || check.IsToken(admin) || stackAccount == admin {
		return
	}
	warn(c, "jitna:deny-access-account", fmt.Sprintf(
		"the deny-access policy is in account %s, but the delegated administrator account is %s: the service reads it from the delegated administrator account only",
		stackAccount, admin))
}
