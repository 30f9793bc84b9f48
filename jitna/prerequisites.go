package jitna

import (
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// OrganizationPrerequisitesProps configures the management account's
// prerequisites. See rollout.Prerequisites for each field and its default.
type OrganizationPrerequisitesProps = rollout.Prerequisites

// OrganizationPrerequisites sets up, from the management account, what
// CloudFormation has no resource for: trusted access with AWS Organizations
// for the services the unified console and JITNA use, the delegated
// administrator registrations, and AWS RAM sharing with the organization.
// Each step is an AwsCustomResource whose create call is idempotent
// (already done is success) and whose Lambda may make only that step's calls.
type OrganizationPrerequisites struct {
	constructs.Construct
	placed
	// Steps are the custom resources, by step id ("DelegatedAdmin-ssm").
	Steps map[string]customresources.AwsCustomResource
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
	o := &OrganizationPrerequisites{Construct: c, placed: placed{at}, Steps: map[string]customresources.AwsCustomResource{}}
	o.Prerequisites = props.WithDefaults()
	addValidation(o.at, o.Prerequisites.Validate)
	for _, st := range o.Prerequisites.Steps() {
		cr := customresources.NewAwsCustomResource(o.Construct, jsii.String(st.ID), &customresources.AwsCustomResourceProps{
			OnCreate:            sdkCall(st.Create, st.ID),
			OnDelete:            optionalSdkCall(st.Delete, st.ID),
			Policy:              customresources.AwsCustomResourcePolicy_FromStatements(&[]awsiam.PolicyStatement{stepStatement(st)}),
			InstallLatestAwsSdk: jsii.Bool(false),
		})
		for _, after := range st.After {
			cr.Node().AddDependency(o.Steps[after])
		}
		suppressNag(cr.Node().FindChild(jsii.String("CustomResourcePolicy")), nagSuppression{id: "AwsSolutions-IAM5", appliesTo: []string{"Resource::*"},
			reason: "AWS Organizations and AWS RAM take no resource ARNs for these calls; the Organizations actions are limited by organizations:ServicePrincipal where the service supports it"})
		o.Steps[st.ID] = cr
	}
	dropRedundantProviderDependency(o.Construct)
	return o
}

// dropRedundantProviderDependency removes the DependsOn that the
// AwsCustomResource provider function has on its role: the function's Role
// GetAtt already orders them, and cfn-lint (W3005) flags the duplicate.
func dropRedundantProviderDependency(scope constructs.Construct) {
	id := "AWS" + strings.ReplaceAll(*customresources.AwsCustomResource_PROVIDER_FUNCTION_UUID(), "-", "")
	fn := awscdk.Stack_Of(scope).Node().TryFindChild(jsii.String(id))
	if fn == nil {
		return
	}
	if cfn, ok := fn.Node().DefaultChild().(awscdk.CfnResource); ok {
		cfn.AddDeletionOverride(jsii.String("DependsOn"))
	}
	provider := "the AWS CDK's AwsCustomResource provider function: the CDK chooses its runtime and its basic execution role"
	suppressNag(fn, nagSuppression{id: "AwsSolutions-L1", reason: provider},
		nagSuppression{id: "CdkNagValidationFailure", reason: provider, appliesTo: []string{"AwsSolutions-L1"}})
	if role := fn.Node().TryFindChild(jsii.String("ServiceRole")); role != nil {
		suppressNag(role, nagSuppression{id: "AwsSolutions-IAM4", reason: provider,
			appliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}})
	}
}

func sdkCall(c rollout.Call, id string) *customresources.AwsSdkCall {
	call := &customresources.AwsSdkCall{
		Service:            jsii.String(c.Service),
		Action:             jsii.String(c.Action),
		PhysicalResourceId: customresources.PhysicalResourceId_Of(jsii.String(id)),
	}
	if len(c.Parameters) > 0 {
		call.Parameters = c.Parameters
	}
	if c.IgnoreErrors != "" {
		call.IgnoreErrorCodesMatching = jsii.String(c.IgnoreErrors)
	}
	if c.Region != "" {
		call.Region = jsii.String(c.Region)
	}
	return call
}

func optionalSdkCall(c *rollout.Call, id string) *customresources.AwsSdkCall {
	if c == nil {
		return nil
	}
	return sdkCall(*c, id)
}

// stepStatement allows a step's actions only, for its service principals when
// it has some.
func stepStatement(st rollout.Step) awsiam.PolicyStatement {
	actions := append([]string(nil), st.Actions...)
	sort.Strings(actions)
	props := &awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: jsii.Strings("*")}
	if len(st.ServicePrincipals) > 0 {
		props.Conditions = &map[string]any{"StringEquals": map[string]any{"organizations:ServicePrincipal": st.ServicePrincipals}}
	}
	return awsiam.NewPolicyStatement(props)
}
