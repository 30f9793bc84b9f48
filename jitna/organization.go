package jitna

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssmquicksetup"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// JitnaOrganizationProps configures the enablement of the unified console and
// JITNA: Target, UnifiedConsole, Jitna, Roles and Tags. Only
// Target.DelegatedAdminAccountId, Target.HomeRegion,
// UnifiedConsole.RootOrganizationalUnitId and UnifiedConsole.TargetRegions
// are required (organization mode). See quicksetup.Enablement for each field
// and its default.
type JitnaOrganizationProps = quicksetup.Enablement

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
	o.Enablement = props.WithDefaults()
	rolesProps := QuickSetupRolesProps{}
	if props.Roles != nil {
		rolesProps = *props.Roles
	}
	rolesProps.Tags = mergeTags(props.Tags, rolesProps.Tags)
	addValidation(o.at, o.Enablement.Validate)
	for _, k := range o.Enablement.UnknownExtraParameters() {
		awscdk.Annotations_Of(o.Construct).AddInfo(jsii.String(fmt.Sprintf(
			"ExtraParameters[%s] is not a parameter this library knows: it reaches Quick Setup unchecked", k)))
	}

	o.Roles = newQuickSetupRoles(o.Construct, "Roles", &rolesProps)
	o.UnifiedConsole = newUnifiedConsole(o.Construct, "UnifiedConsole", o.Enablement.Target, o.Enablement.UnifiedConsole, o.Roles, props.Tags)
	j := o.Enablement.Jitna
	o.JitnaManager = newManager(o.Construct, "Jitna", managerSpec{
		definitionType: quicksetup.TypeJITNA,
		name:           j.Name,
		description:    j.Description,
		tags:           mergeTags(props.Tags, j.Tags),
		parameters:     j.Parameters(o.Enablement.Target),
	}, o.Roles)
	o.JitnaManager.AddResourceDependency(o.UnifiedConsole.Manager, nil)
	o.Node().SetDefaultChild(o.JitnaManager)
	at.state.noteOwned(o.JitnaManager, o.Construct, nil)
	return o
}
