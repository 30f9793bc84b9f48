package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// QuickSetupRolesProps configures the Quick Setup roles: UseExisting,
// AttachJitnaDeploymentPolicy and Tags. nil means all defaults. See
// quicksetup.Roles for each field and its default.
type QuickSetupRolesProps = quicksetup.Roles

// QuickSetupRoles holds the two IAM roles Quick Setup needs to deploy its
// configurations through CloudFormation StackSets ("manual onboarding for the
// Quick Setup API"), exactly as the AWS sample defines them.
type QuickSetupRoles struct {
	constructs.Construct
	placed
	// AdministrationRole is the L1 role trusted by CloudFormation; nil with
	// UseExisting.
	AdministrationRole awsiam.CfnRole
	// AdministrationRolePolicy is the role's inline sts:AssumeRole policy on the
	// execution role; nil with UseExisting.
	AdministrationRolePolicy awsiam.CfnPolicy
	// ExecutionRole is the L1 role that deploys the Quick Setup stacks; nil with
	// UseExisting.
	ExecutionRole awsiam.CfnRole
	// AdministrationRoleArn is the administration role's ARN, as a token.
	AdministrationRoleArn *string
	// ExecutionRoleName is the execution role's name, as a token when created.
	ExecutionRoleName *string
}

// NewQuickSetupRoles creates (or, with UseExisting, refers to) the Quick Setup
// administration and execution roles. Their names are fixed and every Quick
// Setup configuration of the account uses them, so the roles it creates
// carry DeletionPolicy and UpdateReplacePolicy Retain: deleting the stack
// leaves them (delete them by hand once nothing uses Quick Setup).
func NewQuickSetupRoles(scope constructs.Construct, id string, props *QuickSetupRolesProps) *QuickSetupRoles {
	if props == nil {
		props = &QuickSetupRolesProps{}
	}
	r := newQuickSetupRoles(scope, id, props)
	addValidation(r.at, props.Validate)
	return r
}

// newQuickSetupRoles renders the roles without registering checks (its owner does).
func newQuickSetupRoles(scope constructs.Construct, id string, props *QuickSetupRolesProps) *QuickSetupRoles {
	c, at := newConstruct(scope, id)
	r := &QuickSetupRoles{Construct: c, placed: placed{at}}
	tags := props.Tags
	if props.UseExisting {
		r.AdministrationRoleArn = awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/"+quicksetup.AdministrationRoleName), nil)
		r.ExecutionRoleName = jsii.String(quicksetup.ExecutionRoleName)
		return r
	}

	r.AdministrationRole = awsiam.NewCfnRole(r.Construct, jsii.String("AdministrationRole"), &awsiam.CfnRoleProps{
		RoleName: jsii.String(quicksetup.AdministrationRoleName),
		AssumeRolePolicyDocument: policyDocument(map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "cloudformation.amazonaws.com"},
			"Action":    []any{"sts:AssumeRole"},
			"Condition": map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()},
				"StringLike": map[string]any{"aws:SourceArn": awscdk.Fn_Sub(
					jsii.String("arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:stackset/AWS-QuickSetup-*"), nil)},
			},
		}),
		Path: jsii.String("/"),
		Tags: cfnTags(tags),
	})
	r.AdministrationRoleArn = r.AdministrationRole.AttrArn()

	r.AdministrationRolePolicy = awsiam.NewCfnPolicy(r.Construct, jsii.String("AdministrationRolePolicy"), &awsiam.CfnPolicyProps{
		PolicyName: jsii.String(quicksetup.AdministrationRolePolicyName),
		PolicyDocument: policyDocument(map[string]any{
			"Action":   []any{"sts:AssumeRole"},
			"Resource": awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/"+quicksetup.ExecutionRoleName), nil),
			"Effect":   "Allow",
		}),
		Roles: &[]*string{r.AdministrationRole.Ref()},
	})

	managed := []*string{managedPolicyArn(quicksetup.DeploymentRolePolicy)}
	if props.AttachJitnaDeploymentPolicy {
		managed = append(managed, managedPolicyArn(quicksetup.JITNADeploymentRolePolicy))
	}
	r.ExecutionRole = awsiam.NewCfnRole(r.Construct, jsii.String("ExecutionRole"), &awsiam.CfnRoleProps{
		RoleName: jsii.String(quicksetup.ExecutionRoleName),
		AssumeRolePolicyDocument: policyDocument(map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]any{"AWS": r.AdministrationRoleArn},
			"Action":    "sts:AssumeRole",
		}),
		ManagedPolicyArns: anyList(managed...),
		Path:              jsii.String("/"),
		Tags:              cfnTags(tags),
	})
	r.ExecutionRoleName = r.ExecutionRole.Ref()
	// The roles have fixed names that every Quick Setup configuration of
	// the account uses (the console's included): deleting the stack leaves
	// them, with the administration role's policy.
	for _, res := range []awscdk.CfnResource{r.AdministrationRole, r.AdministrationRolePolicy, r.ExecutionRole} {
		res.ApplyRemovalPolicy(awscdk.RemovalPolicy_RETAIN, &awscdk.RemovalPolicyOptions{ApplyToUpdateReplacePolicy: jsii.Bool(true)})
	}
	suppressNag(r.ExecutionRole, nagSuppression{id: "AwsSolutions-IAM4",
		reason:    "Quick Setup's manual onboarding requires its AWS managed deployment policies on AWS-QuickSetup-StackSet-Local-ExecutionRole (AWS sample just-in-time-quick-setup-cfn-template.yaml)",
		appliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/" + quicksetup.DeploymentRolePolicy, "Policy::arn:<AWS::Partition>:iam::aws:policy/" + quicksetup.JITNADeploymentRolePolicy}})
	return r
}

// dependencies are the resources a configuration manager must wait for besides
// the roles it already refers to (Ref and GetAtt order those): Quick Setup
// checks the administration role's sts:AssumeRole policy when it starts its
// StackSet operation, and IAM is eventually consistent. The AWS sample leaves
// this dependency out; a public Terraform module adds it.
func (r *QuickSetupRoles) dependencies() []awscdk.CfnResource {
	if r.AdministrationRolePolicy == nil {
		return nil
	}
	return []awscdk.CfnResource{r.AdministrationRolePolicy}
}

// policyDocument wraps statements in an IAM policy document of version 2012-10-17.
func policyDocument(statements ...map[string]any) map[string]any {
	list := make([]any, len(statements))
	for i, s := range statements {
		list[i] = s
	}
	return map[string]any{"Version": "2012-10-17", "Statement": list}
}

// managedPolicyArn is the partition-aware ARN of an AWS managed policy.
func managedPolicyArn(name string) *string {
	return awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:iam::aws:policy/"+name), nil)
}
