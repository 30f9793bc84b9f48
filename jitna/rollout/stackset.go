package rollout

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
)

// MaxTemplateBody is the largest TemplateBody CloudFormation accepts
// (51,200 bytes); a larger member template goes to S3 as a TemplateURL.
const MaxTemplateBody = 51200

// MaxTemplateURL is the largest template CloudFormation reads from S3 (a
// TemplateURL, 1 MB): "AWS CloudFormation quotas",
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html.
const MaxTemplateURL = 1 << 20

// DefaultStackSetName is the StackSet's default name.
const DefaultStackSetName = "jitna-member-policies"

// CallAs says whose permissions the StackSet is managed with.
type CallAs string

const (
	// CallAsDelegatedAdmin manages the StackSet from the CloudFormation
	// delegated administrator account. The default.
	CallAsDelegatedAdmin CallAs = "DELEGATED_ADMIN"
	// CallAsSelf manages it from the management account.
	CallAsSelf CallAs = "SELF"
)

// AccountFilter combines Accounts with OrganizationalUnits.
type AccountFilter string

// Account filters (DeploymentTargets.AccountFilterType).
const (
	// FilterIntersection deploys only to the listed accounts of the OUs. The
	// default when Accounts are given.
	FilterIntersection AccountFilter = "INTERSECTION"
	// FilterDifference deploys to the OUs except the listed accounts.
	FilterDifference AccountFilter = "DIFFERENCE"
	// FilterUnion deploys to the OUs and the listed accounts.
	FilterUnion AccountFilter = "UNION"
)

// Amount is a count ("3") or a percentage ("25%") of accounts, for the
// operation preferences. The zero value leaves CloudFormation's default.
type Amount string

// Count is n accounts.
func Count(n int) Amount { return Amount(strconv.Itoa(n)) }

// Percent is p percent of the accounts.
func Percent(p int) Amount { return Amount(strconv.Itoa(p) + "%") }

// parse returns the number and whether it is a percentage.
func (a Amount) parse() (n int, percent, ok bool) {
	s := string(a)
	s, percent = strings.CutSuffix(s, "%")
	n, err := strconv.Atoi(s)
	return n, percent, err == nil
}

// Deployment is how the StackSet deploys the member template.
type Deployment struct {
	// StackSetName: a letter, then letters, digits and -, at most 128.
	// Default DefaultStackSetName.
	StackSetName string
	// Description of the StackSet, at most 1024 characters. Default: none.
	Description string
	// OrganizationalUnits to deploy to: ou-… ids or the root r-…. Required.
	OrganizationalUnits []string
	// Accounts filter the OUs' accounts (see AccountFilter). Default: none.
	Accounts []string
	// AccountFilter says how Accounts combine with the OUs. Default
	// FilterIntersection when Accounts are given.
	AccountFilter AccountFilter
	// Regions to deploy to. Required.
	Regions []string
	// NewRegions are AWS Regions opened after the list Regions are checked
	// against (region.Source, region.AsOf), accepted in Regions when they
	// follow a partition's naming pattern. Default: none.
	NewRegions []string
	// RegionOrder is the order Regions are deployed in; each one of Regions.
	// Default: CloudFormation's.
	RegionOrder []string
	// DisableAutoDeployment stops deploying to accounts that join the OUs.
	// Default false: auto-deployment on.
	DisableAutoDeployment bool
	// RetainStacksOnAccountRemoval keeps an account's stack when it leaves the
	// OUs. Default false.
	RetainStacksOnAccountRemoval bool
	// CallAs is CallAsDelegatedAdmin (default) or CallAsSelf (from the
	// management account).
	CallAs CallAs
	// ParallelRegions deploys to the Regions in parallel. Default false
	// (sequentially).
	ParallelRegions bool
	// MaxConcurrent accounts per Region: Count(n) (n ≥ 1) or Percent(p)
	// (1–100). Default: CloudFormation's (one).
	MaxConcurrent Amount
	// FailureTolerance per Region: Count(n) (n ≥ 0) or Percent(p) (0–100).
	// Default: CloudFormation's (zero).
	FailureTolerance Amount
	// ConcurrencyMode is how FailureTolerance bounds MaxConcurrent:
	// ConcurrencyStrict (CloudFormation's default, STRICT_FAILURE_TOLERANCE:
	// at most FailureTolerance + 1 accounts at a time, whatever
	// MaxConcurrent says) or ConcurrencySoft (SOFT_FAILURE_TOLERANCE:
	// MaxConcurrent accounts at a time, failures counted against
	// FailureTolerance). Default: CloudFormation's ("AWS CloudFormation
	// StackSets concurrency mode", StackSetOperationPreferences in the
	// CloudFormation API reference).
	ConcurrencyMode ConcurrencyMode
	// ManagedExecution lets CloudFormation run non-conflicting operations
	// concurrently. Default false.
	ManagedExecution bool
	// Capabilities the member template needs. Default: what the template
	// holds (RequiredCapabilities).
	Capabilities []string
	// Parameters are values of the member template's CloudFormation
	// parameters, for what differs per deployment. Default: none.
	Parameters map[string]string
	// Tags of the StackSet (and the stacks it creates). Default: none.
	Tags map[string]string
}

// ConcurrencyMode is a StackSet operation's concurrency mode.
type ConcurrencyMode string

// Concurrency modes.
const (
	ConcurrencyStrict ConcurrencyMode = "STRICT_FAILURE_TOLERANCE"
	ConcurrencySoft   ConcurrencyMode = "SOFT_FAILURE_TOLERANCE"
)

var stackSetName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{0,127}$`)

// WithDefaults returns a copy with every unset field at its default.
func (d Deployment) WithDefaults() Deployment {
	if d.StackSetName == "" {
		d.StackSetName = DefaultStackSetName
	}
	if d.CallAs == "" {
		d.CallAs = CallAsDelegatedAdmin
	}
	if d.AccountFilter == "" && len(d.Accounts) > 0 {
		d.AccountFilter = FilterIntersection
	}
	return d
}

// WithNewRegions returns a copy of d that also accepts regions as
// NewRegions: those an organization's enablement declares
// (quicksetup.Target.NewRegions), which hold for its member StackSets too.
func (d Deployment) WithNewRegions(regions []string) Deployment {
	out := slices.Clone(d.NewRegions)
	for _, r := range regions {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	d.NewRegions = out
	return d
}

// Validate returns every problem with d, the value WithDefaults returns.
func (d Deployment) Validate() error {
	c := check.New()
	c.Match("StackSetName", d.StackSetName, stackSetName, "a letter, then letters, digits and -, at most 128 characters")
	c.Length("Description", d.Description, 0, 1024)
	quicksetup.CheckOrganizationalUnits(c, "OrganizationalUnits", d.OrganizationalUnits)
	if len(d.Accounts) > 0 {
		quicksetup.CheckAccountIDs(c, "Accounts", d.Accounts)
		c.OneOf("AccountFilter", string(d.AccountFilter), []string{string(FilterIntersection), string(FilterDifference), string(FilterUnion)})
	} else if d.AccountFilter != "" {
		c.Add("AccountFilter", string(d.AccountFilter), "is set without Accounts to filter with")
	}
	quicksetup.CheckRegions(c, "Regions", d.Regions, d.NewRegions)
	region.CheckNewer(c, "NewRegions", d.NewRegions)
	in := set(d.Regions)
	for i, r := range d.RegionOrder {
		if !in[r] && !check.IsToken(r) {
			c.Index("RegionOrder", i).Addf("", r, "is not one of Regions (%s)", strings.Join(d.Regions, ", "))
		}
	}
	c.OneOf("CallAs", string(d.CallAs), []string{string(CallAsDelegatedAdmin), string(CallAsSelf)})
	checkAmount(c, "MaxConcurrent", d.MaxConcurrent, 1)
	checkAmount(c, "FailureTolerance", d.FailureTolerance, 0)
	if d.ConcurrencyMode != "" {
		c.OneOf("ConcurrencyMode", string(d.ConcurrencyMode), []string{string(ConcurrencyStrict), string(ConcurrencySoft)})
	}
	quicksetup.CheckTags(c, "Tags", d.Tags)
	return c.Err()
}

// CappedConcurrency says, in a sentence, when the strict concurrency mode
// (CloudFormation's default) lowers MaxConcurrent to FailureTolerance + 1
// accounts (a FailureTolerance count, and a MaxConcurrent count above it or
// a percentage; "" otherwise): set ConcurrencySoft for MaxConcurrent to
// hold.
func (d Deployment) CappedConcurrency() string {
	if d.ConcurrencyMode == ConcurrencySoft {
		return ""
	}
	m, mPercent, okM := d.MaxConcurrent.parse()
	f, fPercent, okF := d.FailureTolerance.parse()
	if f == 0 && d.FailureTolerance == "" {
		f, okF = 0, true
	}
	if !okM || !okF || fPercent || (!mPercent && m <= f+1) {
		return ""
	}
	return fmt.Sprintf("MaxConcurrent %s is capped at %d accounts at a time: in the strict concurrency mode (CloudFormation's default) a StackSet runs at most FailureTolerance + 1; set ConcurrencyMode %s for %s at a time",
		d.MaxConcurrent, f+1, ConcurrencySoft, d.MaxConcurrent)
}

// Warning ids of a deployment's notes (the constructs' warning ids).
const (
	// WarnConcurrencyCapped: CappedConcurrency's note.
	WarnConcurrencyCapped = "jitna:stackset-concurrency"
	// WarnOverlappingTargets: OverlappingTargets' note.
	WarnOverlappingTargets = "jitna:stackset-targets"
)

// OverlappingTargets says, in a sentence, when OrganizationalUnits names
// an organization's root (r-…) and organizational units too: every OU is
// under the root, so the OUs add no account ("" otherwise). Stack instances
// are deployed once per account and Region either way, but the list says
// more than it does, and removing the root later leaves the OUs deployed.
func (d Deployment) OverlappingTargets() string {
	var roots, ous []string
	for _, t := range d.OrganizationalUnits {
		switch {
		case check.IsToken(t):
		case strings.HasPrefix(t, "r-"):
			roots = append(roots, t)
		case strings.HasPrefix(t, "ou-"):
			ous = append(ous, t)
		}
	}
	if len(roots) == 0 || len(ous) == 0 {
		return ""
	}
	return fmt.Sprintf("OrganizationalUnits names the root %s and %s, which are under it: the StackSet reaches every account through the root alone; give the root, or the OUs", strings.Join(roots, ", "), strings.Join(ous, ", "))
}

// WithinJitna returns the targets of d outside where the organization
// enables JITNA (its target Regions and organizational units; none known,
// nothing is compared): a StackSet that deploys elsewhere puts policies
// where JITNA is off.
func (d Deployment) WithinJitna(jitnaRegions, jitnaOUs []string) error {
	c := check.New()
	// A Region that is not one is Validate's problem, not reported again.
	isRegion := func(r string) bool { return region.Valid(r, d.NewRegions) }
	within(c, "Regions", d.Regions, jitnaRegions, "JITNA's target Regions", false, isRegion)
	within(c, "OrganizationalUnits", d.OrganizationalUnits, jitnaOUs, "JITNA's target organizational units", true, nil)
	return c.Err()
}

// within records values outside allowed (when allowed is known) that valid
// (when given) accepts. With rootCovers, an organization root id in allowed
// admits every OU.
func within(c *check.Collector, field string, values, allowed []string, what string, rootCovers bool, valid func(string) bool) {
	if len(allowed) == 0 || check.AnyToken(allowed) {
		return
	}
	ok := set(allowed)
	for _, a := range allowed {
		if rootCovers && strings.HasPrefix(a, "r-") {
			return
		}
	}
	for i, v := range values {
		if !ok[v] && !check.IsToken(v) && (valid == nil || valid(v)) {
			c.Index(field, i).Addf("", v, "is not one of %s (%s): JITNA is not enabled there, so the policies would do nothing", what, strings.Join(allowed, ", "))
		}
	}
}

func checkAmount(c *check.Collector, field string, a Amount, minCount int) {
	if a == "" || check.IsToken(string(a)) {
		return
	}
	n, percent, ok := a.parse()
	switch {
	case !ok:
		c.Add(field, string(a), `is not valid: must be a count such as "3" or a percentage such as "25%"`)
	case percent && (n < minCount || n > 100):
		c.Addf(field, string(a), "is out of range: a percentage must be %d to 100", minCount)
	case !percent && n < minCount:
		c.Addf(field, string(a), "is out of range: a count must be at least %d", minCount)
	}
}

// OperationPreferences are the StackSet's OperationPreferences; nil fields
// are left to CloudFormation.
type OperationPreferences struct {
	RegionConcurrencyType                             string
	ConcurrencyMode                                   string
	RegionOrder                                       []string
	MaxConcurrentCount, MaxConcurrentPercentage       *int
	FailureToleranceCount, FailureTolerancePercentage *int
}

// OperationPreferences returns the StackSet's operation preferences, or nil
// when all are CloudFormation's defaults.
func (d Deployment) OperationPreferences() *OperationPreferences {
	p := &OperationPreferences{RegionOrder: d.RegionOrder}
	if d.ParallelRegions {
		p.RegionConcurrencyType = "PARALLEL"
	}
	amount := func(a Amount, count, percent **int) {
		if n, isPercent, ok := a.parse(); a != "" && ok {
			if isPercent {
				*percent = &n
			} else {
				*count = &n
			}
		}
	}
	amount(d.MaxConcurrent, &p.MaxConcurrentCount, &p.MaxConcurrentPercentage)
	amount(d.FailureTolerance, &p.FailureToleranceCount, &p.FailureTolerancePercentage)
	p.ConcurrencyMode = string(d.ConcurrencyMode)
	if p.RegionConcurrencyType == "" && p.ConcurrencyMode == "" && len(p.RegionOrder) == 0 && p.MaxConcurrentCount == nil && p.MaxConcurrentPercentage == nil &&
		p.FailureToleranceCount == nil && p.FailureTolerancePercentage == nil {
		return nil
	}
	return p
}

// RequiredCapabilities returns the capabilities a member template needs: the
// IAM ones when it creates IAM resources (NAMED_IAM when one has a name), and
// AUTO_EXPAND when it uses a transform.
func RequiredCapabilities(tmpl map[string]any) []string {
	var caps []string
	iam, named := false, false
	resources, _ := tmpl["Resources"].(map[string]any)
	for _, r := range resources {
		rm, _ := r.(map[string]any)
		typ, _ := rm["Type"].(string)
		if !strings.HasPrefix(typ, "AWS::IAM::") {
			continue
		}
		iam = true
		props, _ := rm["Properties"].(map[string]any)
		for _, k := range []string{"RoleName", "UserName", "GroupName", "ManagedPolicyName", "InstanceProfileName"} {
			if props[k] != nil {
				named = true
			}
		}
	}
	switch {
	case named:
		caps = append(caps, "CAPABILITY_NAMED_IAM")
	case iam:
		caps = append(caps, "CAPABILITY_IAM")
	}
	if tmpl["Transform"] != nil {
		caps = append(caps, "CAPABILITY_AUTO_EXPAND")
	}
	return caps
}

// Inline reports whether a member template of size bytes goes into
// TemplateBody (true) or to S3 as a TemplateURL, for a mode.
func Inline(size int, mode TemplateMode) bool {
	switch mode {
	case TemplateInline:
		return true
	case TemplateAsset:
		return false
	}
	return size <= MaxTemplateBody
}

// TemplateMode says where the member template goes.
type TemplateMode string

const (
	// TemplateAuto inlines templates up to MaxTemplateBody bytes and uploads
	// larger ones. The default.
	TemplateAuto TemplateMode = ""
	// TemplateInline always inlines (synthesis fails above the limit).
	TemplateInline TemplateMode = "inline"
	// TemplateAsset always uploads the template as a file asset.
	TemplateAsset TemplateMode = "asset"
)

// CheckTemplateMode records a problem when mode is not a TemplateMode, and
// reports whether it is one.
func CheckTemplateMode(c *check.Collector, name string, mode TemplateMode) bool {
	switch mode {
	case TemplateAuto, TemplateInline, TemplateAsset:
		return true
	}
	c.Add(name, string(mode), `is not a template mode: must be inline, asset, or empty for automatic (inline up to the TemplateBody limit)`)
	return false
}

// CheckMemberTemplate records the problems of a synthesized member template
// (nil when it could not be synthesized: its own problems say why) of size
// bytes, deployed in a mode: a mode that is not one, an inlined template over
// MaxTemplateBody, a template over MaxTemplateURL, a template with no resources (CloudFormation refuses an
// empty template).
func CheckMemberTemplate(c *check.Collector, tmpl map[string]any, size int, mode TemplateMode) {
	if !CheckTemplateMode(c, "TemplateMode", mode) {
		return
	}
	switch {
	case mode == TemplateInline && size > MaxTemplateBody:
		c.Add("TemplateMode", string(mode), fmt.Sprintf("inlines a member template of %d bytes: TemplateBody holds at most %d; use TemplateAuto or TemplateAsset", size, MaxTemplateBody))
	case size > MaxTemplateURL:
		c.Add("Build", "", fmt.Sprintf("makes a member template of %d bytes: CloudFormation reads a template of at most %d bytes from S3; split the documents over two StackSets", size, MaxTemplateURL))
	}
	if resources, _ := tmpl["Resources"].(map[string]any); tmpl != nil && len(resources) == 0 {
		c.Add("Build", "", "adds no resources: the member template is empty, which CloudFormation refuses; add the documents the StackSet deploys")
	}
}

func set(values []string) map[string]bool {
	m := make(map[string]bool, len(values))
	for _, v := range values {
		m[v] = true
	}
	return m
}

// StackSet is what the member StackSet's L1 (AWS::CloudFormation::StackSet,
// service-managed) is made of, in CloudFormation's terms.
type StackSet struct {
	// Name is StackSetName; Description is empty when not given.
	Name        string
	Description string
	// CallAs is DELEGATED_ADMIN or SELF.
	CallAs CallAs
	// AutoDeployment and RetainStacksOnAccountRemoval are the
	// AutoDeployment property.
	AutoDeployment, RetainStacksOnAccountRemoval bool
	// OrganizationalUnits, Accounts and AccountFilter are the deployment
	// targets; AccountFilter is empty without Accounts.
	OrganizationalUnits, Accounts []string
	AccountFilter                 AccountFilter
	// Regions are the StackInstancesGroup's Regions.
	Regions []string
	// ManagedExecution is ManagedExecution.Active.
	ManagedExecution bool
	// Capabilities are the deployment's, else the member template's needs.
	Capabilities []string
	// Parameters, sorted by key.
	Parameters []Parameter
	// Operation is nil when every operation preference is CloudFormation's.
	Operation *OperationPreferences
	// Tags of the StackSet and its stacks.
	Tags map[string]string
}

// Parameter is a value of a member template parameter: ParameterKey and
// ParameterValue.
type Parameter struct{ Key, Value string }

// StackSet computes the StackSet's values from d, the value WithDefaults
// returns, and the member template (nil when it could not be synthesized):
// the capabilities are d's, else those the template needs.
func (d Deployment) StackSet(template map[string]any) StackSet {
	s := StackSet{
		Name: d.StackSetName, Description: d.Description, CallAs: d.CallAs,
		AutoDeployment: !d.DisableAutoDeployment, RetainStacksOnAccountRemoval: d.RetainStacksOnAccountRemoval,
		OrganizationalUnits: d.OrganizationalUnits, Regions: d.Regions,
		ManagedExecution: d.ManagedExecution, Capabilities: d.Capabilities,
		Operation: d.OperationPreferences(), Tags: d.Tags,
	}
	if len(d.Accounts) > 0 {
		s.Accounts, s.AccountFilter = d.Accounts, d.AccountFilter
	}
	if len(s.Capabilities) == 0 && template != nil {
		s.Capabilities = RequiredCapabilities(template)
	}
	for _, k := range slices.Sorted(maps.Keys(d.Parameters)) {
		s.Parameters = append(s.Parameters, Parameter{Key: k, Value: d.Parameters[k]})
	}
	return s
}
