package quicksetup

import (
	"maps"
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Enablement is the whole first half of the AWS sample: the unified console and
// JITNA for one target, with the Quick Setup roles that deploy them. It is the
// props of jitna.JitnaOrganization (jitna.JitnaOrganizationProps), and field
// paths in its problems are those props' ("UnifiedConsole.TargetRegions[1]",
// "Target.HomeRegion"). Only Target.DelegatedAdminAccountId,
// Target.HomeRegion, UnifiedConsole.RootOrganizationalUnitId and
// UnifiedConsole.TargetRegions are required (organization mode).
type Enablement struct {
	// Target: mode (default organization), delegated administrator account,
	// home Region, and the accounts of a local deployment.
	Target Target
	// UnifiedConsole configures the AWSQuickSetupType-SSM manager.
	UnifiedConsole UnifiedConsole
	// Jitna configures the AWSQuickSetupType-JITNA manager. Default: the whole
	// organization (the root id), in all of the console's Regions, with the IAM
	// identity provider.
	Jitna Jitna
	// Roles configures the Quick Setup roles. Default: create both roles with
	// the AWS sample's policies.
	Roles *Roles
	// Tags are applied to every resource the enablement creates (roles and
	// managers); a manager's own Tags win on the same key. Default: none.
	Tags map[string]string
}

// Roles configures the two IAM roles Quick Setup deploys its configurations
// with (the props of jitna.QuickSetupRoles).
type Roles struct {
	// UseExisting refers to AWS-QuickSetup-StackSet-Local-AdministrationRole and
	// AWS-QuickSetup-StackSet-Local-ExecutionRole by name instead of creating
	// them: the Systems Manager console often created them already, and
	// creating a role whose name is taken fails. Default false (create them).
	UseExisting bool
	// AttachJitnaDeploymentPolicy also attaches the AWS managed policy
	// AWSQuickSetupJITNADeploymentRolePolicy to the execution role. It covers
	// the JITNA documents and roles (AWSQuickSetupType-SetupJITNAResources,
	// AWS-QuickSetup-EnableJITNA-*); the AWS sample attaches only
	// AWSQuickSetupDeploymentRolePolicy, a public Terraform module attaches
	// both. Default false, to match the AWS sample.
	AttachJitnaDeploymentPolicy bool
	// Tags for both roles, besides any applied with awscdk.Tags_Of.
	// Default: none.
	Tags map[string]string
}

// Validate returns every problem with r (its tags), or nil.
func (r Roles) Validate() error {
	c := check.New()
	CheckTags(c, "Tags", r.Tags)
	return c.Err()
}

// WithDefaults returns a copy with every unset field at its default.
func (e Enablement) WithDefaults() Enablement {
	e.UnifiedConsole = e.UnifiedConsole.WithDefaults()
	e.Jitna = e.Jitna.WithDefaults(e.Target, e.UnifiedConsole)
	return e
}

// Validate returns every problem with e, the value WithDefaults returns, or
// nil.
func (e Enablement) Validate() error {
	c := check.New()
	CheckTags(c, "Tags", e.Tags)
	if e.Roles != nil {
		c.Field("Roles").Merge(e.Roles.Validate())
	}
	e.Target.validate(c.Field("Target"))
	e.UnifiedConsole.validate(c.Field("UnifiedConsole"), e.Target)
	e.Jitna.validate(c.Field("Jitna"), e.Target, &e.UnifiedConsole)
	checkOverrides(c, e.Target, &e.UnifiedConsole, &e.Jitna)
	return c.Err()
}

// ValidateUnifiedConsole returns every problem with a unified console deployed
// on its own, u being the value WithDefaults returns, or nil, with the same
// field paths as Enablement.
func ValidateUnifiedConsole(t Target, u UnifiedConsole) error {
	c := check.New()
	t.validate(c.Field("Target"))
	u.validate(c.Field("UnifiedConsole"), t)
	checkOverrides(c, t, &u, nil)
	return c.Err()
}

// checkOverrides checks the parameters that ExtraParameters override as a
// template reader checks them, after the merge, so that the template a
// construct writes passes `jitna validate`: an override is held to the rule
// of the field it replaces. Its problems name the ExtraParameters entry
// ("Jitna.ExtraParameters[TargetRegions][1]"). Extra keys no field covers are
// passed on unchecked (see UnknownExtraParameters).
func checkOverrides(c *check.Collector, t Target, u *UnifiedConsole, j *Jitna) {
	known := knownParameters()
	var console, jitna *Definition
	var extras []string
	if u != nil {
		console = &Definition{Name: u.Name, Description: u.Description, Parameters: u.Parameters(t)}
		extras = slices.AppendSeq(extras, maps.Keys(u.ExtraParameters))
	}
	if j != nil {
		jitna = &Definition{Name: j.Name, Description: j.Description, Parameters: j.Parameters(t)}
		extras = slices.AppendSeq(extras, maps.Keys(j.ExtraParameters))
	}
	if !slices.ContainsFunc(extras, func(k string) bool { return known[k] }) {
		return
	}
	consoleErr, jitnaErr := ValidateDefinitions(console, jitna, t.NewRegions)
	reported := map[check.Problem]bool{}
	for _, p := range check.Problems(c.Err()) {
		reported[p] = true
	}
	if u != nil {
		reportOverrides(c, "UnifiedConsole", u.ExtraParameters, known, consoleErr, nil)
	}
	if j != nil {
		// The console's overrides can put JITNA's own targets outside it.
		reportOverrides(c, "Jitna", j.ExtraParameters, known, jitnaErr, func(p check.Problem) bool {
			return !reported[p] && (strings.HasPrefix(p.Field, "Jitna.TargetRegions") || strings.HasPrefix(p.Field, "Jitna.TargetOrganizationalUnits"))
		})
	}
}

// knownParameters are the Quick Setup parameters the models write.
func knownParameters() map[string]bool {
	known := map[string]bool{}
	for _, p := range parameterOf {
		known[p] = true
	}
	return known
}

// reportOverrides records the problems of a merged definition of the
// manager field that concern a known parameter extra overrides, named by the
// ExtraParameters entry; own, when given, selects others to report under
// the model field of the same name.
func reportOverrides(c *check.Collector, field string, extra map[string]string, known map[string]bool, err error, own func(check.Problem) bool) {
	for _, p := range check.Problems(err) {
		name, index := cutIndex(strings.TrimPrefix(p.Field, "Parameters."))
		if _, over := extra[name]; over && known[name] {
			c.Add(field+".ExtraParameters["+name+"]"+index, p.Value, p.Message)
			continue
		}
		p.Field = field + "." + name + index
		if own != nil && own(p) {
			c.Add(p.Field, p.Value, p.Message)
		}
	}
}

// UnknownExtraParameters returns the ExtraParameters keys of both managers
// that no field of the models covers, sorted: they reach Quick Setup
// unchecked (a parameter newer than this library, or a typo).
func (e Enablement) UnknownExtraParameters() []string {
	known := knownParameters()
	var out []string
	for _, extra := range []map[string]string{e.UnifiedConsole.ExtraParameters, e.Jitna.ExtraParameters} {
		for k := range extra {
			if !known[k] && !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}
