package jitna

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/internal/handler"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// JitnaDeployedType is the CloudFormation type of JitnaDeployed's resource,
// for assertions in tests.
const JitnaDeployedType = handler.TypeDeployed

// JitnaDeployedProps configures a JitnaDeployed.
type JitnaDeployedProps struct {
	// Organization is the JitnaOrganization whose AWSQuickSetupType-JITNA
	// configuration manager to wait for. Required.
	Organization *JitnaOrganization
	// DeploymentWait says how often Quick Setup is asked. Default: every
	// 30 seconds.
	quicksetup.DeploymentWait
}

// JitnaDeployed waits, while its stack deploys, until Quick Setup reports
// Organization's JITNA configuration manager deployed (see
// quicksetup.DeploymentWait), so that one `cdk deploy --all` can enable JITNA
// and deploy the policies: make what needs JITNA deployed (the member
// StackSet, the deny-access policy) depend on it. Put it in the policies'
// stack, not the enablement's: a wait that fails rolls back its own stack
// only, never the Quick Setup managers. It is a custom resource of the
// stack's inline handler (no file asset), which may then run for up to 15
// minutes and may list the account's Quick Setup configuration managers.
//
// It finds the manager by its name and type (no cross-stack reference: an
// export would block the enablement stack's updates while this stack
// imports it); its stack depends on the enablement stack, so that cdk deploy
// orders them. It waits on create and when the manager was replaced; an
// update of the same manager, or a rollback, returns at once, so a Quick
// Setup deployment that fails later never blocks this stack's rollback.
type JitnaDeployed struct {
	constructs.Construct
	placed
	// Resource is the Custom::JitnaDeployed resource, also
	// Node().DefaultChild(): depend on it.
	Resource awscdk.CfnResource
	// Wait is the model after defaults.
	Wait quicksetup.DeploymentWait
}

// NewJitnaDeployed creates the wait. Its props are checked at synthesis (and
// by Validate): Organization is required, PollInterval 10 s to 5 min.
func NewJitnaDeployed(scope constructs.Construct, id string, props *JitnaDeployedProps) *JitnaDeployed {
	if props == nil {
		props = &JitnaDeployedProps{}
	}
	c, at := newConstruct(scope, id)
	d := &JitnaDeployed{Construct: c, placed: placed{at}, Wait: props.DeploymentWait.WithDefaults()}
	o := props.Organization
	addValidation(at, func() error {
		c := check.New()
		if o == nil {
			c.Add("Organization", "", "is required: the JitnaOrganization whose JITNA deployment to wait for")
		}
		return check.Join(c.Err(), d.Wait.Validate())
	})
	if o == nil {
		return d
	}
	h := handlerOf(at)
	h.setTimeout(900)
	d.Resource = h.newResource(d.Construct, "Resource", JitnaDeployedType, map[string]any{
		"ManagerName":    o.Enablement.Jitna.Name,
		"DefinitionType": quicksetup.TypeJITNA,
		"Region":         o.Enablement.Target.HomeRegion,
		"PollSeconds":    fmt.Sprint(int(d.Wait.PollInterval.Seconds())),
	}, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		// ListConfigurationManagers takes no resource ARN.
		Actions:   jsii.Strings("ssm-quicksetup:ListConfigurationManagers"),
		Resources: jsii.Strings("*"),
	}))
	d.Node().SetDefaultChild(d.Resource)
	if o.at.stackPath != at.stackPath {
		at.stack.AddStackDependency(o.at.stack, jsii.String("waits for the JITNA configuration manager that stack deploys"))
	}
	return d
}
