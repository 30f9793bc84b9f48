package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssmquicksetup"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// UnifiedConsoleProps configures a unified console deployed on its own.
// JitnaOrganization creates one for you; use this construct alone when JITNA
// is enabled elsewhere or later.
type UnifiedConsoleProps struct {
	// Target: mode, delegated administrator account (required in organization
	// mode) and home Region (required).
	Target QuickSetupTarget
	// UnifiedConsole: root id (required in organization mode), target Regions
	// (required), schedules (defaults of the AWS sample), name, description,
	// tags and extra parameters.
	UnifiedConsole UnifiedConsoleOptions
	// Roles are the Quick Setup roles the manager deploys with.
	// Default: new roles created under this construct (id "Roles").
	Roles *QuickSetupRoles
}

// UnifiedConsole is the AWSQuickSetupType-SSM configuration manager that
// enables the Systems Manager unified console.
type UnifiedConsole struct {
	constructs.Construct
	placed
	// Manager is the L1 configuration manager (escape hatch), also
	// Node().DefaultChild().
	Manager awsssmquicksetup.CfnConfigurationManager
	// Roles are the Quick Setup roles the manager deploys with.
	Roles *QuickSetupRoles
	// Options are the console settings after defaults.
	Options UnifiedConsoleOptions
}

// NewUnifiedConsole enables the Systems Manager unified console. Its props are
// checked at synthesis (and by Validate): every problem names the construct
// path, the field and the value.
func NewUnifiedConsole(scope constructs.Construct, id string, props *UnifiedConsoleProps) *UnifiedConsole {
	if props == nil {
		props = &UnifiedConsoleProps{}
	}
	target, options := props.Target, props.UnifiedConsole.WithDefaults()
	u := newUnifiedConsole(scope, id, target, options, props.Roles, nil)
	addValidation(u.at, func() error { return quicksetup.ValidateUnifiedConsole(target, options) })
	return u
}

// newUnifiedConsole renders the console, options after defaults, without
// registering its checks (its owner does); extraTags go under the console's
// own tags. With no roles, it creates its own.
func newUnifiedConsole(scope constructs.Construct, id string, target QuickSetupTarget, options UnifiedConsoleOptions, roles *QuickSetupRoles, extraTags map[string]string) *UnifiedConsole {
	c, at := newConstruct(scope, id)
	u := &UnifiedConsole{Construct: c, placed: placed{at}, Roles: roles, Options: options}
	if u.Roles == nil {
		u.Roles = NewQuickSetupRoles(u.Construct, "Roles", &QuickSetupRolesProps{Tags: extraTags})
	}
	u.Manager = newManager(u.Construct, "Manager", managerSpec{
		definitionType: quicksetup.TypeUnifiedConsole,
		name:           options.Name,
		description:    options.Description,
		tags:           mergeTags(extraTags, options.Tags),
		parameters:     options.Parameters(target),
	}, u.Roles)
	u.Node().SetDefaultChild(u.Manager)
	return u
}
