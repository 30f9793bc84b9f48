// Package template reads CloudFormation templates (JSON or YAML with the
// short-form tags, hand-written, from the AWS samples or from cdk.out) and
// finds what JITNA deploys: the SSM documents of the approval policies and
// session preferences (also inside a StackSet's inline TemplateBody) and the
// Quick Setup configuration managers of types AWSQuickSetupType-SSM and
// AWSQuickSetupType-JITNA. Check applies the same rules the constructs apply.
//
// Values a template computes at deployment are resolved where they can be: a
// Ref to a parameter, or a Fn::Sub over parameters, takes the parameter's
// Default. Anything else is unresolved and skipped by the checks.
//
// It is pure Go: `jitna validate` and the simulator use it without jsii.
package template
