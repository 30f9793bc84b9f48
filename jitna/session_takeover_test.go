package jitna_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

func TestSessionPreferencesTakeOver(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	key := awskms.Key_FromKeyArn(stack, jsii.String("Key"), jsii.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
	p := jitna.NewSessionPreferences(stack, "Prefs", &jitna.SessionPreferencesProps{
		SessionPreferencesProps: policy.SessionPreferencesProps{
			Settings: jitna.SessionSettings{IdleSessionTimeout: 15 * time.Minute},
			TakeOver: &policy.SessionTakeOver{},
		},
		EncryptionKey: key,
	})
	require.NoError(t, jitna.Validate(stack))
	assert.Nil(t, p.Document)
	require.NotNil(t, p.TakeOver)
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String("AWS::SSM::Document"), jsii.Number(0))
	tmpl.ResourceCountIs(jsii.String(policy.SessionTakeOverType), jsii.Number(1))
	tmpl.HasResourceProperties(jsii.String(policy.SessionTakeOverType), map[string]any{
		"ServiceToken": map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^JitnaHandlerFunction")), "Arn"}},
		"DocumentName": "SSM-SessionManagerRunShell",
		"OnDelete":     "restore",
		// The log group's name holds the Region: the CDK joins the text.
		"Content": map[string]any{"Fn::Join": []any{"", assertions.Match_AnyValue()}},
	})
	// The handler's code holds the content as a value (the Region joined in).
	code := zipFile(t, stack)
	assert.Contains(t, code, `const ALLOWED = {\"PrefsTakeOver`)
	assert.Contains(t, code, `\"idleSessionTimeout\":\"15\"`)
	assert.Contains(t, code, `\"cloudWatchLogGroupName\":\"",{"Fn::Sub":"session-manager-${AWS::Region}"},"\"`)
	// The handler may change this document only.
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), map[string]any{
		"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{map[string]any{
			"Action": []any{"ssm:AddTagsToResource", "ssm:CreateDocument", "ssm:DeleteDocument", "ssm:DescribeDocument", "ssm:GetDocument",
				"ssm:ListDocumentVersions", "ssm:ListTagsForResource", "ssm:RemoveTagsFromResource", "ssm:UpdateDocument", "ssm:UpdateDocumentDefaultVersion"},
			"Effect":   "Allow",
			"Resource": map[string]any{"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:document/SSM-SessionManagerRunShell"},
		}})},
	})

	// The template reader sees the preferences the resource applies, as
	// jitna validate and the guardrails read them.
	raw, err := json.Marshal(tmpl.ToJSON())
	require.NoError(t, err)
	read, err := template.Parse("takeover.json", raw)
	require.NoError(t, err)
	require.Len(t, read.Documents, 1)
	doc := read.Documents[0]
	require.NoError(t, doc.Err)
	settings, ok := doc.Policy.(*policy.SessionSettings)
	require.True(t, ok, "%T", doc.Policy)
	assert.Equal(t, 15*time.Minute, settings.IdleSessionTimeout)
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", settings.KMSKeyID)
	assert.Empty(t, read.Check())
}

func TestSessionPreferencesTakeOverRetainAndBadInput(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	jitna.NewSessionPreferences(stack, "Prefs", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{
		TakeOver: &policy.SessionTakeOver{OnDelete: "retain"},
	}})
	require.NoError(t, jitna.Validate(stack))
	jitnatest.Template(t, stack).HasResourceProperties(jsii.String(policy.SessionTakeOverType), map[string]any{"OnDelete": "retain"})

	_, stack = newStack()
	jitna.NewSessionPreferences(stack, "Prefs", &jitna.SessionPreferencesProps{SessionPreferencesProps: policy.SessionPreferencesProps{
		TakeOver: &policy.SessionTakeOver{OnDelete: "keep"},
		Tags:     map[string]string{"Team": "ops"},
		Settings: jitna.SessionSettings{IdleSessionTimeout: 61 * time.Minute},
	}})
	err := jitna.Validate(stack)
	require.Error(t, err)
	assert.ErrorContains(t, err, `Admin/Prefs: TakeOver.OnDelete: "keep" is not allowed: must be one of restore, retain`)
	assert.ErrorContains(t, err, "Admin/Prefs: Tags: are given with TakeOver")
	assert.ErrorContains(t, err, "IdleSessionTimeout", "the preferences are still checked")
}
