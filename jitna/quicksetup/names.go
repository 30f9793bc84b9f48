// Package quicksetup holds the service rules for enabling the Systems Manager
// unified console and just-in-time node access (JITNA) through Quick Setup
// configuration managers: the fixed names, the parameter maps each manager
// takes, and the checks on every input.
//
// It is pure Go (no aws-cdk-go import): the constructs in package jitna, the
// config loader and the `jitna` command all call it, so each rule lives here
// once. Sources: the AWS sample template
// just-in-time-quick-setup-cfn-template.yaml (MIT-0), the CloudFormation
// reference for AWS::SSMQuickSetup::ConfigurationManager and the Systems Manager
// user guide's pages on enabling just-in-time node access.
package quicksetup

// Quick Setup configuration definition types.
const (
	// TypeUnifiedConsole enables the Systems Manager unified console.
	TypeUnifiedConsole = "AWSQuickSetupType-SSM"
	// TypeJITNA enables just-in-time node access.
	TypeJITNA = "AWSQuickSetupType-JITNA"
)

// Names of the Quick Setup roles for local (StackSet self-managed) deployments.
// Quick Setup looks the roles up by these names, so they are fixed.
const (
	AdministrationRoleName = "AWS-QuickSetup-StackSet-Local-AdministrationRole"
	ExecutionRoleName      = "AWS-QuickSetup-StackSet-Local-ExecutionRole"
	// AdministrationRolePolicyName is the name the AWS sample gives the
	// administration role's inline sts:AssumeRole policy.
	AdministrationRolePolicyName = "AssumeRole-AWSQuickSetupStackSetLocalAdministrationRole"
)

// AWS managed policies for the execution role.
const (
	// DeploymentRolePolicy is attached by the AWS sample.
	DeploymentRolePolicy = "AWSQuickSetupDeploymentRolePolicy"
	// JITNADeploymentRolePolicy covers the JITNA documents and roles
	// (AWSQuickSetupType-SetupJITNAResources, AWS-QuickSetup-EnableJITNA-*);
	// the AWS sample leaves it out, a public Terraform module attaches it.
	JITNADeploymentRolePolicy = "AWSQuickSetupJITNADeploymentRolePolicy"
)

// Defaults of the AWS sample for the two configuration managers.
const (
	DefaultUnifiedConsoleName        = "ssm-console"
	DefaultUnifiedConsoleDescription = "Enable the Systems Manager unified console for the AWS Organization"
	DefaultJITNAName                 = "jitna"
	DefaultJITNADescription          = "Enable the Just-in-Time Node Access First Run Experience"
)

// DefaultHomeRegions returns the home Regions the AWS sample offers. No official
// list was found, so Target.SupportedHomeRegions overrides it.
func DefaultHomeRegions() []string {
	return []string{
		"us-east-1", "us-east-2", "us-west-1", "us-west-2",
		"ca-central-1", "sa-east-1",
		"eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
		"ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2",
	}
}

// Service limits of AWS::SSMQuickSetup::ConfigurationManager and of tags.
const (
	MaxDescriptionLength    = 512
	MaxParameterValueLength = 40960
	MaxTags                 = 50
	MaxTagKeyLength         = 128
	MaxTagValueLength       = 256
)
