package policy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKeyReference(t *testing.T) {
	assert.Equal(t, "Key", KeyReference(map[string]any{"Ref": "Key"}))
	assert.Equal(t, "Key", KeyReference(map[string]any{"Fn::GetAtt": []any{"Key", "Arn"}}))
	assert.Equal(t, "", KeyReference(map[string]any{"Fn::GetAtt": []any{}}))
	assert.Equal(t, "", KeyReference("alias/sessions"))
	assert.Equal(t, "", KeyReference(map[string]any{"Fn::ImportValue": "Key"}))
}

func TestRDPRecordingRules(t *testing.T) {
	assert.NoError(t, RDPRecording{}.Validate(), "everything created")
	assert.NoError(t, RDPRecording{BucketName: "recordings", BucketOwner: "111122223333", KMSKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}.Validate())
	assert.NoError(t, RDPRecording{KMSKeyArn: "${Token[TOKEN.1]}"}.Validate(), "a token")
	for r, want := range map[*RDPRecording]string{
		{BucketName: "Recordings"}:                                   `BucketName: "Recordings" is not valid: must be an S3 bucket name`,
		{BucketName: "ab"}:                                           `BucketName: "ab" is not valid`,
		{BucketName: "recordings", BucketOwner: "1111"}:              `BucketOwner: "1111" is not valid: must be a 12-digit AWS account id`,
		{BucketOwner: "111122223333"}:                                `BucketOwner: "111122223333" is given without BucketName`,
		{KMSKeyArn: "alias/recordings"}:                              `KMSKeyArn: "alias/recordings" is not valid: must be the ARN of a customer managed KMS key`,
		{KMSKeyArn: "arn:aws:kms:us-east-1:111122223333:alias/x"}:    `(an alias does not do)`,
		{KMSKeyArn: "arn:aws-us-gov:kms:us-gov-west-1:1111:key/abc"}: `KMSKeyArn: "arn:aws-us-gov:kms:us-gov-west-1:1111:key/abc" is not valid`,
	} {
		assert.ErrorContains(t, r.Validate(), want)
	}
	assert.NoError(t, RDPRecording{KMSKeyArn: "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/abc"}.Validate(), "another partition")
}

// Object Lock: days at and within the limits, below and above them, and
// only on a bucket the construct creates.
func TestRecordingObjectLock(t *testing.T) {
	for _, ok := range []RDPRecording{
		{ObjectLockDays: 1}, {ObjectLockDays: MaxObjectLockDays}, {ObjectLockDays: 365, ObjectLockMode: ObjectLockCompliance},
		{ObjectLockDays: 30, ObjectLockMode: ObjectLockGovernance},
	} {
		assert.NoError(t, ok.Validate(), ok)
	}
	for r, want := range map[*RDPRecording]string{
		{ObjectLockDays: -1}:                                  `ObjectLockDays: "-1" is out of range: must be 1 to 36500 days`,
		{ObjectLockDays: MaxObjectLockDays + 1}:               `ObjectLockDays: "36501" is out of range`,
		{ObjectLockDays: 30, ObjectLockMode: "governance"}:    `ObjectLockMode: "governance" is not allowed (did you mean GOVERNANCE?): must be one of GOVERNANCE, COMPLIANCE`,
		{ObjectLockMode: ObjectLockCompliance}:                `ObjectLockMode: "COMPLIANCE" is given without ObjectLockDays`,
		{ObjectLockDays: 30, BucketName: "recordings-bucket"}: `ObjectLockDays: "30" is given with BucketName`,
		{BucketName: "xn--recordings"}:                        `BucketName: "xn--recordings" starts with xn--, a prefix S3 reserves`,
	} {
		assert.ErrorContains(t, r.Validate(), want)
	}
	assert.Equal(t, ObjectLockGovernance, RDPRecording{}.LockMode())
	assert.Equal(t, ObjectLockCompliance, RDPRecording{ObjectLockMode: ObjectLockCompliance}.LockMode())
}

func TestRecordingKeyAndTag(t *testing.T) {
	assert.Equal(t, "arn", RecordingKey(map[string]any{"ConnectionRecordingPreferences": map[string]any{"KMSKeyArn": "arn"}}))
	assert.Nil(t, RecordingKey(map[string]any{}))
	assert.True(t, HasJitnaTag(map[string]string{JitnaManagedTagKey: "true"}))
	assert.False(t, HasJitnaTag(map[string]string{JitnaManagedTagKey: "True"}))
	assert.False(t, HasJitnaTag(nil))
}

func TestAllNodesTargetForms(t *testing.T) {
	assert.True(t, RawTarget{Key: "InstanceIds", Values: []string{"*"}}.IsDefault())
	assert.False(t, RawTarget{Key: "InstanceIds", Values: []string{"i-1"}}.IsDefault())
	assert.False(t, RawTarget{Key: "ResourceGroup", Values: []string{"*"}}.IsDefault())

	other := &RawTarget{Key: "ResourceGroup", Values: []string{"all"}}
	for _, tc := range []struct {
		name     string
		target   *RawTarget
		declared *RawTarget
		ok       bool
	}{
		{"none", nil, nil, true},
		{"the default form", &RawTarget{Key: "InstanceIds", Values: []string{"*"}}, nil, true},
		{"another form, declared", other, &RawTarget{Key: "ResourceGroup", Values: []string{"all"}}, true},
		{"another form, undeclared", other, nil, false},
		{"declared with another key", other, &RawTarget{Key: "Group", Values: []string{"all"}}, false},
		{"declared with other values", other, &RawTarget{Key: "ResourceGroup", Values: []string{"some"}}, false},
	} {
		err := CheckAllNodesTarget(&ManualApproval{AllNodes: true, AllNodesTarget: tc.target}, tc.declared)
		if tc.ok {
			assert.NoError(t, err, tc.name)
		} else {
			assert.ErrorContains(t, err, `Content.targets: "ResourceGroup" is not a target JITNA reads as this library knows it`, tc.name)
		}
	}
}

// The excerpt marks the column within the line, at its ends too.
func TestStatementExcerpt(t *testing.T) {
	text := "first\nabcdef"
	for _, tc := range []struct {
		line, column int
		want         string
	}{
		{2, 1, "‸abcdef"},
		{2, 6, "abcde‸f"},
		{2, 7, "abcdef‸"}, // just past the line: the mark at its end
		{2, 8, "abcdef"},  // further: no mark
		{2, 0, "abcdef"},  // a statement's issue: no mark
		{1, 3, "fi‸rst"},
		{3, 1, ""},
		{0, 1, ""},
	} {
		assert.Equal(t, tc.want, statementExcerpt(text, tc.line, tc.column), "%d:%d", tc.line, tc.column)
	}
	long := strings.Repeat("a", 50) + "X" + strings.Repeat("b", 50)
	assert.Equal(t, "…"+strings.Repeat("a", 30)+"‸X"+strings.Repeat("b", 39)+"…", statementExcerpt(long, 1, 51))
}

func TestCheckRecordings(t *testing.T) {
	assert.Empty(t, CheckRecordings(nil))
	assert.Empty(t, CheckRecordings([]string{"A"}))
	assert.Equal(t, []Finding{
		{Where: "B", Message: "is a second RDP recording (AWS::SSMGuiConnect::Preferences; the first is A): an account and Region hold one"},
		{Where: "C", Message: "is a second RDP recording (AWS::SSMGuiConnect::Preferences; the first is A): an account and Region hold one"},
	}, CheckRecordings([]string{"A", "B", "C"}))
}
