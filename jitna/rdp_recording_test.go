package jitna_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// By default: a bucket GUI Connect may write to for this account only, a
// tagged rotating key, and the preferences naming both.
func TestRDPRecordingDefaults(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	r := jitna.NewRDPRecording(stack, "Recording", nil)
	require.NoError(t, jitna.Validate(stack))
	assert.Equal(t, *r.Preferences.Node().Path(), *r.Node().DefaultChild().Node().Path())
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::SSMGuiConnect::Preferences"), map[string]any{
		"ConnectionRecordingPreferences": map[string]any{
			"KMSKeyArn": map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^RecordingKey")), "Arn"}},
			"RecordingDestinations": map[string]any{"S3Buckets": []any{map[string]any{
				"BucketName":  map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^RecordingBucket"))},
				"BucketOwner": map[string]any{"Ref": "AWS::AccountId"},
			}}},
		},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::KMS::Key"), map[string]any{
		"EnableKeyRotation": true,
		"Tags":              []any{map[string]any{"Key": "SystemsManagerJustInTimeNodeAccessManaged", "Value": "true"}},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::S3::BucketPolicy"), map[string]any{
		"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{map[string]any{
			"Sid": "GuiConnectWritesRecordings", "Effect": "Allow", "Action": "s3:PutObject",
			"Principal": map[string]any{"Service": "ssm-guiconnect.amazonaws.com"},
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": map[string]any{"Ref": "AWS::AccountId"}}},
			"Resource":  assertions.Match_AnyValue(),
		}})},
	})
	tmpl.HasResource(jsii.String("AWS::S3::Bucket"), map[string]any{"DeletionPolicy": "Retain", "Properties": assertions.Match_ObjectLike(&map[string]any{
		"VersioningConfiguration": map[string]any{"Status": "Enabled"}, // recordings are evidence
	})})
}

// Existing resources by name, or of the app by reference.
func TestRDPRecordingGivenResources(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewRDPRecording(stack, "Recording", &jitna.RDPRecordingProps{RDPRecording: policy.RDPRecording{
		BucketName: "org-rdp-recordings", BucketOwner: "999988887777", KMSKeyArn: "arn:aws:kms:us-east-1:999988887777:key/1234abcd-12ab-34cd-56ef-1234567890ab",
	}})
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String("AWS::S3::Bucket"), jsii.Number(0))
	tmpl.ResourceCountIs(jsii.String("AWS::KMS::Key"), jsii.Number(0))
	tmpl.HasResourceProperties(jsii.String("AWS::SSMGuiConnect::Preferences"), map[string]any{"ConnectionRecordingPreferences": map[string]any{
		"KMSKeyArn":             "arn:aws:kms:us-east-1:999988887777:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"RecordingDestinations": map[string]any{"S3Buckets": []any{map[string]any{"BucketName": "org-rdp-recordings", "BucketOwner": "999988887777"}}},
	}})

	// A key of the app without the JITNA tag gets a warning.
	_, stack = newStack()
	bucket := awss3.NewBucket(stack, jsii.String("Logs"), nil)
	key := awskms.NewKey(stack, jsii.String("Untagged"), nil)
	jitna.NewRDPRecording(stack, "Recording", &jitna.RDPRecordingProps{Bucket: bucket, EncryptionKey: key})
	require.NoError(t, jitna.Validate(stack))
	ann := assertions.Annotations_FromStack(stack)
	ann.HasWarning(jsii.String("/Admin/Recording"), assertions.Match_StringLikeRegexp(jsii.String("the KMS key Admin/Untagged lacks the tag SystemsManagerJustInTimeNodeAccessManaged=true: JITNA cannot use it to encrypt RDP recordings")))
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::S3::BucketPolicy"), map[string]any{
		"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{assertions.Match_ObjectLike(&map[string]any{"Sid": "GuiConnectWritesRecordings"})})},
	})
}

func TestRDPRecordingProblems(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewRDPRecording(stack, "Recording", &jitna.RDPRecordingProps{
		RDPRecording: policy.RDPRecording{BucketName: "named", KMSKeyArn: "alias/mine", Tags: map[string]string{"aws:x": "y"}},
		Bucket:       awss3.NewBucket(stack, jsii.String("Logs"), nil),
	})
	jitna.NewRDPRecording(stack, "Again", nil)
	err := jitna.Validate(stack)
	require.Error(t, err)
	for _, want := range []string{
		`Admin/Recording: Bucket: "named" is given with BucketName: name the bucket one way`,
		`Admin/Recording: KMSKeyArn: "alias/mine" is not valid: must be the ARN of a customer managed KMS key`,
		`Admin/Recording: Tags[aws:x]: "aws:x" is reserved`,
		`Admin/Again: is a second RDP recording (AWS::SSMGuiConnect::Preferences; the first is Admin/Recording): an account and Region hold one`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "Admin/Recording: is a second")
}

// Recordings kept as evidence: Object Lock on the created bucket, with the
// mode asked for (GOVERNANCE by default); with an app's bucket, an error.
func TestRDPRecordingObjectLock(t *testing.T) {
	defer jitnatest.Recover(t)
	for mode, want := range map[string]string{"": "GOVERNANCE", policy.ObjectLockCompliance: "COMPLIANCE"} {
		_, stack := newStack()
		jitna.NewRDPRecording(stack, "Recording", &jitna.RDPRecordingProps{RDPRecording: policy.RDPRecording{ObjectLockDays: 400, ObjectLockMode: mode}})
		require.NoError(t, jitna.Validate(stack))
		jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::S3::Bucket"), map[string]any{
			"ObjectLockEnabled":       true,
			"ObjectLockConfiguration": map[string]any{"ObjectLockEnabled": "Enabled", "Rule": map[string]any{"DefaultRetention": map[string]any{"Mode": want, "Days": 400}}},
			"VersioningConfiguration": map[string]any{"Status": "Enabled"},
		})
	}
	_, stack := newStack()
	jitna.NewRDPRecording(stack, "Recording", nil)
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String("AWS::S3::Bucket"), map[string]any{
		"ObjectLockEnabled": assertions.Match_Absent(), "ObjectLockConfiguration": assertions.Match_Absent(),
	})
	_, stack = newStack()
	jitna.NewRDPRecording(stack, "Recording", &jitna.RDPRecordingProps{
		RDPRecording: policy.RDPRecording{ObjectLockDays: 30},
		Bucket:       awss3.NewBucket(stack, jsii.String("Mine"), nil),
	})
	assert.ErrorContains(t, jitna.Validate(stack), `Admin/Recording: ObjectLockDays: "30" is given with Bucket: Object Lock applies to a bucket the construct creates`)
}

// In a member template, each account and Region gets its own recording;
// the guardrails check its key there too.
func TestRDPRecordingInTheMemberTemplate(t *testing.T) {
	defer jitnatest.Recover(t)
	app, stack := newStack()
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
		memberPolicies(member)
		jitna.NewRDPRecording(member, "Recording", nil)
	}})
	require.NoError(t, jitna.Validate(app))
	members := jitnatest.Template(t, stack)
	members.HasResourceProperties(jsii.String("AWS::CloudFormation::StackSet"), map[string]any{
		"TemplateBody": assertions.Match_StringLikeRegexp(jsii.String(`"Type":"AWS::SSMGuiConnect::Preferences"`)),
	})
}

// A key ARN serves its own Region: a recording key of us-east-1 in a member
// template the StackSet deploys to us-east-2 too is an error of the
// StackSet, and one of another Region than its stack's is one of the
// recording.
func TestRDPRecordingKeyOfAnotherRegion(t *testing.T) {
	defer jitnatest.Recover(t)
	const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	app, stack := newStack()
	jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: func(member awscdk.Stack) {
		memberPolicies(member)
		jitna.NewRDPRecording(member, "Recording", &jitna.RDPRecordingProps{RDPRecording: policy.RDPRecording{KMSKeyArn: key}})
	}})
	west := awscdk.NewStack(app, jsii.String("West"), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("111122223333"), Region: jsii.String("eu-west-1")}})
	jitna.NewRDPRecording(west, "Recording", &jitna.RDPRecordingProps{RDPRecording: policy.RDPRecording{KMSKeyArn: key}})
	err := jitna.Validate(app)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `Admin/Members: Build: Member: Recording`)
	assert.Contains(t, err.Error(), `ConnectionRecordingPreferences.KMSKeyArn: "`+key+`" is a key of us-east-1, but it is used in us-east-2 too: KMS keys are regional`)
	assert.Contains(t, err.Error(), `West/Recording: KMSKeyArn: "`+key+`" is a key of us-east-1, but it is used in eu-west-1 too`)
	assert.NotContains(t, err.Error(), "Members/Recording", "the member stack is environment-agnostic: only the StackSet knows its Regions")
}
