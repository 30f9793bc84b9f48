package quicksetup

import "github.com/cdk-jitna/cdk-jitna-go/jitna/check"

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
	e.Jitna.validate(c.Field("Jitna"), e.Target, e.UnifiedConsole.TargetRegions)
	return c.Err()
}

// ValidateUnifiedConsole returns every problem with a unified console deployed
// on its own, u being the value WithDefaults returns, or nil, with the same
// field paths as Enablement.
func ValidateUnifiedConsole(t Target, u UnifiedConsole) error {
	c := check.New()
	t.validate(c.Field("Target"))
	u.validate(c.Field("UnifiedConsole"), t)
	return c.Err()
}
