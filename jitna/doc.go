// Package jitna holds AWS CDK constructs that deploy AWS Systems Manager
// just-in-time node access (JITNA) across an AWS Organization, as the AWS
// samples do, with every input checked before anything reaches AWS.
//
// # Constructs
//
// In the delegated administrator account: [NewJitnaOrganization] (the Quick
// Setup roles and the unified console and JITNA configuration managers; or
// [NewUnifiedConsole] and [NewQuickSetupRoles] on their own),
// [NewDenyAccessPolicy] (the organization's one deny-access policy) and
// [NewMemberStackSet], a service-managed StackSet whose member template is a
// stack you fill with [NewAutoApprovalPolicy], [NewManualApprovalPolicy] and
// [NewSessionPreferences]. In the management account:
// [NewOrganizationPrerequisites]. Around them: [NewAccessRequestNotifications]
// and [NewNotificationHub]; [GrantRequestAccess], [GrantApproveRequests],
// [NewAccessPermissionSets]; and [NewGuardrails], an Aspect that fails
// synthesis when anything grants ssm:StartSession.
//
// # Props
//
// Most props are types of the pure-Go core packages, aliased here
// (JitnaOrganizationProps is quicksetup.Enablement, ManualApproval is
// policy.ManualApproval, …), so that Go code and the bundled app's YAML file
// share one shape: `go doc` on the aliased type lists its fields and their
// defaults. Relations between constructs are props
// (MemberStackSetProps.Organization, DenyAccessPolicyProps.Organization).
//
// # Errors
//
// Every construct checks its props at synthesis, all problems at once, each
// naming the construct path, the field, the value and what is allowed.
// [Validate] returns them as a Go error without synthesizing; [Main] is a
// whole main function that validates, synthesizes, prints every problem one
// per line and exits 1 on problems, never with a Go panic trace.
//
// # Node.js
//
// jsii runs the CDK in Node.js 22 or newer, found on PATH or in JSII_NODE;
// [Main] and jitnatest.Main say in one line when the one found is older.
//
// # Testing
//
// Package jitnatest synthesizes stacks in tests without jsii panics,
// snapshots them (an inline member template compared by path) and reports
// failed assertions at the test's line; package simulate answers who reaches
// which node, and simulate.Expect pins it in tests.
package jitna
