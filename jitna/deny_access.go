package jitna

import (
	"fmt"
	"strings"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
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
	// CedarSource holds the forbid statements (required: at least one source).
	CedarSource
	// Description of the document (wrapper format). Default: empty.
	Description string
	// Format of the content. Default DenyAccessWrapped. Inferred: see
	// DenyAccessFormat.
	Format DenyAccessFormat
	// DelegatedAdminAccountId is the Systems Manager delegated administrator
	// account, where the deny-access policy belongs. When the stack's account
	// is known and differs, synthesis warns. Default: the delegated
	// administrator of a JitnaOrganization in the same app, if any.
	DelegatedAdminAccountId string
	// Tags of the document. Default: none.
	Tags map[string]string
}

// DenyAccessPolicy is the SSM document SSM-JustInTimeAccessDenyAccessOrgPolicy
// (type AutoApprovalPolicy): forbid statements, in Cedar, that take requests
// out of auto-approval across the organization. An organization holds one, in
// the delegated administrator account, shared to members through AWS RAM; an
// app may hold at most one.
type DenyAccessPolicy struct {
	constructs.Construct
	// Document is the L1 SSM document (escape hatch).
	Document awsssm.CfnDocument
	// Policy is the model that was rendered.
	Policy policy.DenyAccess
}

// NewDenyAccessPolicy creates the deny-access policy. Its props are checked at
// synthesis (and by Validate): Cedar that does not parse or does not match the
// JITNA schema, permit statements, a second deny-access policy in the app,
// content over 64 KB, tags.
func NewDenyAccessPolicy(scope constructs.Construct, id string, props *DenyAccessPolicyProps) *DenyAccessPolicy {
	if props == nil {
		props = &DenyAccessPolicyProps{}
	}
	d := &DenyAccessPolicy{Construct: newConstruct(scope, id)}
	render, sources, readErr := props.resolve()
	d.Policy = policy.DenyAccess{Description: props.Description, Documents: render, Format: props.Format, Validator: props.Validator}
	cedarCheck := props.cedarChecks(readErr, sources, cedar.Forbid, d.Policy)
	admin := props.DelegatedAdminAccountId
	var at site
	at, _ = addDocumentChecks(d.Construct, d.Policy, props.Tags, func() error {
		c := check.New()
		if admin != "" {
			quicksetup.CheckAccountID(c, "DelegatedAdminAccountId", admin)
		}
		return check.Join(cedarCheck(), c.Err(), secondDenyAccess(at.root, at.stackPath, at.path))
	})
	d.Document = newDocument(d.Construct, d.Policy.Document(), props.Tags)
	noteDenyAccess(at, d, props.DelegatedAdminAccountId)
	return d
}

// appDenyAccess remembers, per app, the deny-access policies and the
// delegated administrator account the app declares.
var appDenyAccess struct {
	sync.Mutex
	byRoot map[constructs.IConstruct]*denyState
}

type denyState struct {
	paths          []string
	delegatedAdmin string
	pending        []pendingAccountCheck
}

// pendingAccountCheck is a deny-access policy whose stack account is waiting
// for the app's delegated administrator account to be declared.
type pendingAccountCheck struct {
	policy  constructs.Construct
	account string
}

func denyStateOf(root constructs.IConstruct) *denyState {
	if appDenyAccess.byRoot == nil {
		appDenyAccess.byRoot = map[constructs.IConstruct]*denyState{}
	}
	s := appDenyAccess.byRoot[root]
	if s == nil {
		s = &denyState{}
		appDenyAccess.byRoot[root] = s
	}
	return s
}

// appHasDenyAccess reports whether the app declares a deny-access policy.
func appHasDenyAccess(root constructs.IConstruct) bool {
	appDenyAccess.Lock()
	defer appDenyAccess.Unlock()
	return len(denyStateOf(root).paths) > 0
}

// secondDenyAccess returns an error when another deny-access policy came
// before the one at path in another stack of the same app (policy.CheckSet
// reports one in the same stack).
func secondDenyAccess(root constructs.IConstruct, stackPath, path string) error {
	appDenyAccess.Lock()
	defer appDenyAccess.Unlock()
	paths := denyStateOf(root).paths
	if len(paths) > 0 && paths[0] != path && !strings.HasPrefix(paths[0], stackPath+"/") {
		c := check.New()
		c.Addf("", "", "is a second deny-access policy in the app (the first is %s): an organization holds one", paths[0])
		return c.Err()
	}
	return nil
}

// noteDenyAccess records a deny-access policy and checks its stack's account
// against the delegated administrator account, now or once one is declared.
func noteDenyAccess(at site, d *DenyAccessPolicy, declared string) {
	account := *at.stack.Account()
	appDenyAccess.Lock()
	defer appDenyAccess.Unlock()
	defer bumpGeneration()
	s := denyStateOf(at.root)
	s.paths = append(s.paths, at.path)
	if declared != "" {
		warnAccount(d.Construct, account, declared)
		return
	}
	if s.delegatedAdmin != "" {
		warnAccount(d.Construct, account, s.delegatedAdmin)
		return
	}
	s.pending = append(s.pending, pendingAccountCheck{policy: d.Construct, account: account})
}

// declareDelegatedAdmin records the delegated administrator account an app
// declares (through JitnaOrganization) and checks the deny-access policies
// that were waiting for it.
func declareDelegatedAdmin(root constructs.IConstruct, account string) {
	if account == "" || check.IsToken(account) {
		return
	}
	appDenyAccess.Lock()
	defer appDenyAccess.Unlock()
	defer bumpGeneration()
	s := denyStateOf(root)
	if s.delegatedAdmin == "" {
		s.delegatedAdmin = account
	}
	for _, p := range s.pending {
		warnAccount(p.policy, p.account, account)
	}
	s.pending = nil
}

func warnAccount(c constructs.Construct, stackAccount, admin string) {
	if check.IsToken(stackAccount) || check.IsToken(admin) || stackAccount == admin {
		return
	}
	awscdk.Annotations_Of(c).AddWarningV2(jsii.String("jitna:deny-access-account"), jsii.String(fmt.Sprintf(
		"the deny-access policy is in account %s, but the delegated administrator account is %s: the service reads it from the delegated administrator account only",
		stackAccount, admin)))
}
