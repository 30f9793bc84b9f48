package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssmquicksetup"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// JitnaOrganizationProps configures the enablement of the unified console and
// JITNA. Only Target.DelegatedAdminAccountId, Target.HomeRegion,
// UnifiedConsole.RootOrganizationalUnitId and UnifiedConsole.TargetRegions are
// required (organization mode).
type JitnaOrganizationProps struct {
	// Target: mode (default organization), delegated administrator account,
	// home Region, and the accounts of a local deployment.
	Target Target
	// UnifiedConsole configures the AWSQuickSetupType-SSM manager.
	UnifiedConsole UnifiedConsoleOptions
	// Jitna configures the AWSQuickSetupType-JITNA manager. Default: the whole
	// organization (the root id), in all of the console's Regions, with the IAM
	// identity provider.
	Jitna JitnaOptions
	// Roles configures the Quick Setup roles. Default: create both roles with
	// the AWS sample's policies.
	Roles *QuickSetupRolesProps
	// Tags are applied to every resource this construct creates (roles and
	// managers); a manager's own Tags win on the same key. Default: none.
	Tags map[string]string
}

// JitnaOrganization enables the Systems Manager unified console and
// just-in-time node access across an AWS Organization (or, in local mode, in
// chosen accounts) from the delegated administrator account: the Quick Setup
// roles, the AWSQuickSetupType-SSM manager and the AWSQuickSetupType-JITNA
// manager, which depends on it. It reproduces the AWS sample
// just-in-time-quick-setup-cfn-template.yaml.
type JitnaOrganization struct {
	constructs.Construct
	placed
	// Roles are the Quick Setup roles (their L1 resources are fields).
	Roles *QuickSetupRoles
	// UnifiedConsole is the unified console construct (its L1 is
	// UnifiedConsole.Manager).
	UnifiedConsole *UnifiedConsole
	// JitnaManager is the L1 AWSQuickSetupType-JITNA configuration manager
	// (escape hatch), also Node().DefaultChild().
	JitnaManager awsssmquicksetup.CfnConfigurationManager
	// Enablement is the core model after defaults: what was rendered.
	Enablement quicksetup.Enablement
}

// NewJitnaOrganization creates the roles and both configuration managers. Its
// props are checked at synthesis (and by Validate), all problems at once, each
// naming the construct path, the field ("Jitna.TargetRegions[0]"), the value
// and what is allowed.
func NewJitnaOrganization(scope constructs.Construct, id string, props *JitnaOrganizationProps) *JitnaOrganization {
	if props == nil {
		props = &JitnaOrganizationProps{}
	}
	c, at := newConstruct(scope, id)
	o := &JitnaOrganization{Construct: c, placed: placed{at}}
	o.Enablement = quicksetup.Enablement{Target: props.Target, UnifiedConsole: props.UnifiedConsole, Jitna: props.Jitna}.WithDefaults()
	rolesProps := QuickSetupRolesProps{}
	if props.Roles != nil {
		rolesProps = *props.Roles
	}
	rolesTags := rolesProps.Tags
	rolesProps.Tags = mergeTags(props.Tags, rolesTags)
	enablement := o.Enablement
	addValidation(o.at, func() error {
		c := check.New()
		quicksetup.CheckTags(c, "Tags", props.Tags)
		quicksetup.CheckTags(c, "Roles.Tags", rolesTags)
		return check.Join(c.Err(), enablement.Validate())
	})

	o.Roles = newQuickSetupRoles(o.Construct, "Roles", &rolesProps)
	o.UnifiedConsole = newUnifiedConsole(o.Construct, "UnifiedConsole", enablement.Target, enablement.UnifiedConsole, o.Roles, props.Tags)
	j := o.Enablement.Jitna
	o.JitnaManager = newManager(o.Construct, "Jitna", managerSpec{
		definitionType: quicksetup.TypeJITNA,
		name:           j.Name,
		description:    j.Description,
		tags:           mergeTags(props.Tags, j.Tags),
		parameters:     j.Parameters(o.Enablement.Target),
	}, o.Roles)
	o.JitnaManager.AddDependency(o.UnifiedConsole.Manager)
	o.Node().SetDefaultChild(o.JitnaManager)
	at.state.noteOwned(o.JitnaManager, o.Construct, nil)
	return o
}
