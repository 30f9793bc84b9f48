// Package rollout holds the rules for spreading JITNA across an organization:
// the service-managed CloudFormation StackSet that deploys the member
// template (the approval policies and session preferences) to target OUs and
// Regions from the delegated administrator account, and the management
// account's prerequisites (delegated administrators, trusted access, AWS RAM
// sharing).
//
// It is pure Go (no aws-cdk-go import): the constructs and the config loader
// call it. Sources: the CloudFormation reference for
// AWS::CloudFormation::StackSet, and the Systems Manager user guide's
// "Setting up Systems Manager unified console for an organization".
package rollout
