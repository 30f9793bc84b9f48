package jitna

import (
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/internal/handler"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// OrganizationPrerequisitesProps configures the management account's
// prerequisites. See rollout.Prerequisites for each field and its default.
type OrganizationPrerequisitesProps = rollout.Prerequisites

// OrganizationPrerequisites sets up, from the management account, what
// CloudFormation has no resource for: trusted access with AWS Organizations
// for the services the unified console and JITNA use, the delegated
// administrator registrations, and AWS RAM sharing with the organization.
//
// Each step is a custom resource (type Custom::JitnaPrerequisite) whose create
// is idempotent (already done is success, throttling is retried). One
// Lambda function of the stack serves them; its code is inline in the
// template, so the stack has no file asset. In a stack made with
// NewBootstraplessStack it deploys into a management account that was never
// CDK-bootstrapped, with cdk deploy or as a plain CloudFormation template.
//
// Deleting the stack leaves trusted access and RAM sharing on, and the
// delegated administrator registrations in place (DeregisterOnDelete
// deregisters the ones the stack made; one that existed before is never
// deregistered). A failed first deployment rolls back what it registered.
// To change the delegated administrator, deregister the old one first
// (Systems Manager has one): the deployment that registers another fails
// with the command that does it, and its rollback changes nothing.
type OrganizationPrerequisites struct {
	constructs.Construct
	placed
	// Steps are the custom resources, by step id ("DelegatedAdmin-ssm").
	Steps map[string]awscdk.CfnResource
	// Prerequisites are the settings after defaults.
	Prerequisites rollout.Prerequisites
}

// NewOrganizationPrerequisites creates one custom resource per step. Deploy it
// in the management account before the delegated administrator's stacks.
func NewOrganizationPrerequisites(scope constructs.Construct, id string, props *OrganizationPrerequisitesProps) *OrganizationPrerequisites {
	if props == nil {
		props = &OrganizationPrerequisitesProps{}
	}
	c, at := newConstruct(scope, id)
	o := &OrganizationPrerequisites{Construct: c, placed: placed{at}, Steps: map[string]awscdk.CfnResource{}}
	o.Prerequisites = props.WithDefaults()
	addValidation(o.at, o.Prerequisites.Validate)
	h := handlerOf(o.at)
	for _, st := range o.Prerequisites.Steps() {
		properties := map[string]any{}
		for k, v := range st.Properties {
			properties[k] = v
		}
		r := h.newResource(o.Construct, st.ID, handler.TypePrerequisite, properties, stepStatements(st)...)
		for _, after := range st.After {
			r.AddResourceDependency(o.Steps[after], nil)
		}
		o.Steps[st.ID] = r
	}
	if policy := h.role.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		suppressNag(policy, nagSuppression{id: "AwsSolutions-IAM5", appliesTo: []string{"Resource::*"},
			reason: "AWS Organizations and AWS RAM take no resource ARNs for these calls; the Organizations actions are limited by organizations:ServicePrincipal, the service-linked role by iam:AWSServiceName"})
	}
	return o
}

// stepStatements are a step's grants as IAM statements.
func stepStatements(st rollout.Step) []awsiam.PolicyStatement {
	var out []awsiam.PolicyStatement
	for _, g := range st.Grants {
		actions := append([]string(nil), g.Actions...)
		sort.Strings(actions)
		props := &awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: jsii.Strings("*")}
		if g.ConditionKey != "" {
			props.Conditions = &map[string]any{"StringEquals": map[string]any{g.ConditionKey: g.Values}}
		}
		out = append(out, awsiam.NewPolicyStatement(props))
	}
	return out
}

// NewBootstraplessStack returns a stack that needs no CDK bootstrap in its
// account. Its synthesizer, awscdk.LegacyStackSynthesizer unless props names
// another, writes no bootstrap version rule and no bootstrap roles into the
// cloud assembly: cdk deploy sends the template (at most 51,200 bytes) with
// the caller's own credentials, and the template deploys as plain
// CloudFormation too. It takes no file assets. (BootstraplessSynthesizer
// would not do: it still names the bootstrap's deploy and execution roles.)
// Use it for the management account's OrganizationPrerequisites, whose
// custom resources have their code inline. props may be nil.
func NewBootstraplessStack(scope constructs.Construct, id string, props *awscdk.StackProps) awscdk.Stack {
	p := awscdk.StackProps{}
	if props != nil {
		p = *props
	}
	if p.Synthesizer == nil {
		p.Synthesizer = awscdk.NewLegacyStackSynthesizer()
	}
	return awscdk.NewStack(scope, jsii.String(id), &p)
}
