package jitna_test

import (
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssso"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

func guarded(props *jitna.GuardrailsProps) (awscdk.App, awscdk.Stack) {
	app, stack := newStack()
	awscdk.Aspects_Of(app).Add(jitna.NewGuardrails(props), nil)
	return app, stack
}

func re(s string) *string { return jsii.String(s) }

func TestGuardrailIAM1(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := guarded(nil)
	role := awsiam.NewRole(stack, jsii.String("Operators"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("ec2:Describe*", "ssm:*"), Resources: jsii.Strings("*")}))
	awsiam.NewCfnPolicy(stack, jsii.String("Raw"), &awsiam.CfnPolicyProps{PolicyName: jsii.String("raw"), Roles: jsii.Strings("x"),
		PolicyDocument: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Action": "ssm:Start*", "Resource": "*"}}}})
	awsiam.NewRole(stack, jsii.String("Admins"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal(),
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("AmazonSSMFullAccess"))}})
	awssso.NewCfnPermissionSet(stack, jsii.String("PowerUsers"), &awssso.CfnPermissionSetProps{
		InstanceArn: jsii.String("arn:aws:sso:::instance/ssoins-1234567890abcdef"), Name: jsii.String("Power"),
		InlinePolicy: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "NotAction": []any{"iam:*"}, "Resource": "*"}}}})
	// The library's own access roles pass.
	jitna.GrantRequestAccess(awsiam.NewRole(stack, jsii.String("Requesters"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()}))

	ann := assertions.Annotations_FromStack(stack)
	ann.HasError(re("/Admin/Operators/DefaultPolicy/Resource"), assertions.Match_StringLikeRegexp(re(`^JITNA-IAM-1: PolicyDocument grants ssm:StartSession \(through "ssm:\*"\)`)))
	ann.HasError(re("/Admin/Raw"), assertions.Match_StringLikeRegexp(re(`JITNA-IAM-1: PolicyDocument grants ssm:StartSession \(through "ssm:Start\*"\)`)))
	ann.HasError(re("/Admin/Admins/Resource"), assertions.Match_StringLikeRegexp(re(`JITNA-IAM-1: ManagedPolicyArns\[0\] attaches the AWS managed policy AmazonSSMFullAccess`)))
	ann.HasError(re("/Admin/PowerUsers"), assertions.Match_StringLikeRegexp(re(`JITNA-IAM-1: InlinePolicy grants ssm:StartSession \(through "NotAction iam:\*"\)`)))
	ann.HasNoError(re("/Admin/Requesters/*"), assertions.Match_AnyValue())
}

func TestGuardrailSuppressionsAndLevels(t *testing.T) {
	defer jitnatest.Recover(t)
	breakGlass := func(stack awscdk.Stack) awsiam.Role {
		role := awsiam.NewRole(stack, jsii.String("BreakGlass"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
		role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("ssm:StartSession"), Resources: jsii.Strings("*")}))
		return role
	}
	_, stack := guarded(nil)
	jitna.SuppressGuardrail(breakGlass(stack), jitna.GuardrailIAM1, "Break-glass role, MFA and two-person rule, reviewed 2026-11")
	ann := assertions.Annotations_FromStack(stack)
	ann.HasNoError(re("*"), assertions.Match_AnyValue())
	ann.HasInfo(re("/Admin/BreakGlass/DefaultPolicy/Resource"), assertions.Match_StringLikeRegexp(re("JITNA-IAM-1 suppressed: Break-glass role")))

	_, stack = guarded(nil)
	jitna.SuppressGuardrail(breakGlass(stack), jitna.GuardrailIAM1, "because")
	assertions.Annotations_FromStack(stack).HasError(re("/Admin/BreakGlass"), assertions.Match_StringLikeRegexp(re("cannot be suppressed without a reason of at least 10 characters")))

	_, stack = guarded(&jitna.GuardrailsProps{Levels: map[jitna.GuardrailRule]jitna.GuardrailLevel{jitna.GuardrailIAM1: jitna.GuardrailLevelWarning}})
	breakGlass(stack)
	ann = assertions.Annotations_FromStack(stack)
	ann.HasNoError(re("*"), assertions.Match_AnyValue())
	ann.HasWarning(re("/Admin/BreakGlass/DefaultPolicy/Resource"), assertions.Match_StringLikeRegexp(re("JITNA-IAM-1")))

	_, stack = guarded(&jitna.GuardrailsProps{Levels: map[jitna.GuardrailRule]jitna.GuardrailLevel{jitna.GuardrailIAM1: jitna.GuardrailLevelOff}})
	breakGlass(stack)
	assertions.Annotations_FromStack(stack).HasNoWarning(re("*"), assertions.Match_StringLikeRegexp(re("JITNA-IAM-1")))
}

func TestGuardrailSessionAndKey(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := guarded(nil)
	awsssm.NewCfnDocument(stack, jsii.String("HandWritten"), &awsssm.CfnDocumentProps{
		Name: jsii.String("SSM-SessionManagerRunShell"), DocumentType: jsii.String("Session"),
		Content: map[string]any{"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": map[string]any{"s3EncryptionEnabled": true}},
	})
	ann := assertions.Annotations_FromStack(stack)
	for _, msg := range []string{"without any log destination", "without encryption", "without idleSessionTimeout and maxSessionDuration"} {
		ann.HasWarning(re("/Admin/HandWritten"), assertions.Match_StringLikeRegexp(re("JITNA-SESS-1: session preferences "+msg)))
	}

	_, stack = guarded(nil)
	untagged := awskms.NewKey(stack, jsii.String("Untagged"), nil)
	jitna.NewSessionPreferences(stack, "Sessions", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{Settings: jitna.SessionSettings{IdleSessionTimeout: 10 * time.Minute, MaxSessionDuration: time.Hour}}, EncryptionKey: untagged})
	ann = assertions.Annotations_FromStack(stack)
	ann.HasError(re("/Admin/Untagged/Resource"), assertions.Match_StringLikeRegexp(re("JITNA-KMS-1: this KMS key encrypts session data but lacks the tag SystemsManagerJustInTimeNodeAccessManaged=true")))
	ann.HasNoWarning(re("/Admin/Sessions/Document"), assertions.Match_StringLikeRegexp(re("JITNA-SESS-1")))

	_, stack = guarded(nil)
	jitna.NewSessionPreferences(stack, "Sessions", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{CreateEncryptionKey: true}})
	assertions.Annotations_FromStack(stack).HasNoError(re("*"), assertions.Match_AnyValue())

	// The key of RDP recordings, likewise.
	_, stack = guarded(nil)
	jitna.NewRDPRecording(stack, "Recording", &jitna.RDPRecordingProps{EncryptionKey: awskms.NewKey(stack, jsii.String("Untagged"), nil)})
	assertions.Annotations_FromStack(stack).HasError(re("/Admin/Untagged/Resource"), assertions.Match_StringLikeRegexp(re("JITNA-KMS-1: this KMS key encrypts RDP recordings but lacks the tag")))
	_, stack = guarded(nil)
	jitna.NewRDPRecording(stack, "Recording", nil)
	assertions.Annotations_FromStack(stack).HasNoError(re("*"), assertions.Match_AnyValue())
}

func TestGuardrailMemberTemplateAndOrganization(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := guarded(nil)
	jitna.NewMemberStackSet(stack, "OnlySessions", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
		jitna.NewSessionPreferences(member, "Sessions", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{CreateEncryptionKey: true}})
	}})
	jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	ann := assertions.Annotations_FromStack(stack)
	ann.HasWarning(re("/Admin/OnlySessions"), assertions.Match_StringLikeRegexp(re("JITNA-POL-1: the member template holds no approval policy")))
	ann.HasInfo(re("/Admin/Jitna"), assertions.Match_StringLikeRegexp(re("JITNA-ORG-1: the app enables JITNA but declares no deny-access policy")))

	_, stack = guarded(nil)
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
		jitna.NewManualApprovalPolicy(member, "A", financePolicy("A-Policy", "Finance"))
		jitna.NewManualApprovalPolicy(member, "B", financePolicy("B-Policy", "Finance"))
	}})
	jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
	jitna.NewDenyAccessPolicy(stack, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}}})
	ann = assertions.Annotations_FromStack(stack)
	// Overlapping targets are the library's warning, once: not JITNA-POL-1's too.
	ann.HasWarning(re("/Admin/Members"), assertions.Match_StringLikeRegexp(re(`^member template Member/B: manual approval policies "A-Policy" and "B-Policy" can apply to the same node`)))
	ann.HasNoWarning(re("/Admin/Members"), assertions.Match_StringLikeRegexp(re(`JITNA-POL-1`)))
	ann.HasNoInfo(re("/Admin/Jitna"), assertions.Match_StringLikeRegexp(re("JITNA-ORG-1")))
}

// A level for a rule that does not exist, or a level that is not one, is an
// error on each stack the aspect visits, not a setting silently ignored.
func TestGuardrailBadLevelsAreErrors(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := guarded(&jitna.GuardrailsProps{Levels: map[jitna.GuardrailRule]jitna.GuardrailLevel{"JITNA-IAM1": jitna.GuardrailLevelOff, jitna.GuardrailSESS1: "Error"}})
	ann := assertions.Annotations_FromStack(stack)
	ann.HasError(re("/Admin"), assertions.Match_StringLikeRegexp(re(`^Guardrails props: Levels\[JITNA-IAM1\]: "JITNA-IAM1" is not a guardrail`)))
	ann.HasError(re("/Admin"), assertions.Match_StringLikeRegexp(re(`^Guardrails props: Levels\[JITNA-SESS-1\]: "Error" is not allowed \(did you mean error\?\): must be one of error, warning, info, off`)))
	_, good := guarded(&jitna.GuardrailsProps{Levels: map[jitna.GuardrailRule]jitna.GuardrailLevel{jitna.GuardrailIAM1: jitna.GuardrailLevelOff}})
	assertions.Annotations_FromStack(good).HasNoError(re("/Admin"), assertions.Match_AnyValue())
}
