// Package policy models the SSM documents of just-in-time node access (JITNA):
// the auto-approval policy, the organization's deny-access policy, manual
// approval policies and the Session Manager preferences.
//
// Each model has Validate (every problem, with the field path), Document (the
// name, type, format and content, rendered exactly in the shape of the AWS
// sample just-in-time-cfn-approval-policies.yaml), and a parser back from
// existing document content (a map, JSON or YAML: ParseDocument), so that
// hand-written templates are read, checked and simulated with the same rules.
// CheckSet holds the rules across the documents of one account and Region.
//
// It is pure Go (no aws-cdk-go import). Sources: the AWS sample (MIT-0), the
// Systems Manager user guide's pages on approval policies (among them
// https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-create-deny-access-policies.html
// and
// https://docs.aws.amazon.com/systems-manager/latest/userguide/auto-approval-deny-access-policy-statement-structure.html)
// and the CloudFormation reference for AWS::SSM::Document. What no public
// source confirms is marked "inferred" and can be overridden.
package policy
