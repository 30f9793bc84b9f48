package guardrails

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

func TestCheckIAM(t *testing.T) {
	assert.Len(t, CheckIAM("AWS::SSO::PermissionSet", map[string]any{
		"InlinePolicy":    `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`,
		"ManagedPolicies": []any{"arn:aws:iam::aws:policy/AdministratorAccess"},
	}), 2, "a JSON-text inline policy and a managed policy")
	msgs := CheckIAM("AWS::IAM::Role", map[string]any{
		"ManagedPolicyArns": []any{map[string]any{"Fn::Join": []any{"", []any{"arn:", map[string]any{"Ref": "AWS::Partition"}, ":iam::aws:policy/PowerUserAccess"}}}},
		"Policies":          []any{map[string]any{"PolicyName": "p", "PolicyDocument": map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": []any{"s3:*"}}}}}},
	})
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "ManagedPolicyArns[0] attaches the AWS managed policy PowerUserAccess")
	assert.Empty(t, CheckIAM("AWS::IAM::User", map[string]any{"ManagedPolicyArns": []any{"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}}))
	assert.False(t, CarriesIAM("AWS::S3::Bucket"))
}

func TestSessionRules(t *testing.T) {
	s, ok := SessionDocument(map[string]any{"Name": "SSM-SessionManagerRunShell", "DocumentType": "Session", "Content": map[string]any{
		"schemaVersion": "1.0", "sessionType": "Standard_Stream",
		"inputs": map[string]any{"s3BucketName": "logs-bucket", "kmsKeyId": map[string]any{"Fn::GetAtt": []any{"KeyABC", "Arn"}}, "idleSessionTimeout": "10", "maxSessionDuration": "60"},
	}})
	require.True(t, ok)
	assert.Empty(t, CheckSession(s))
	_, ok = SessionDocument(map[string]any{"Name": "Other", "DocumentType": "Session"})
	assert.False(t, ok)
	assert.Len(t, CheckSession(&policy.SessionPreferences{}), 3)
	assert.Equal(t, "KeyABC", KeyReference(map[string]any{"Fn::GetAtt": []any{"KeyABC", "Arn"}}))
	assert.Equal(t, "K", KeyReference(map[string]any{"Ref": "K"}))
	assert.Equal(t, "", KeyReference("alias/x"))
	assert.Empty(t, CheckKeyTags(map[string]string{"SystemsManagerJustInTimeNodeAccessManaged": "true"}))
	assert.Len(t, CheckKeyTags(map[string]string{"SystemsManagerJustInTimeNodeAccessManaged": "yes"}), 1)
}

func TestCheckMemberTemplate(t *testing.T) {
	empty, err := template.FromValue("M", map[string]any{"Resources": map[string]any{}})
	require.NoError(t, err)
	assert.Equal(t, []string{"the member template holds no approval policy: nobody can request access to the nodes of its accounts"},
		CheckMemberTemplate(empty))
}

func TestCheckTemplate(t *testing.T) {
	tmpl := map[string]any{"Resources": map[string]any{
		"Key": map[string]any{"Type": "AWS::KMS::Key", "Properties": map[string]any{"Tags": []any{map[string]any{"Key": "team", "Value": "x"}}}},
		"Prefs": map[string]any{"Type": "AWS::SSM::Document", "Properties": map[string]any{"Name": "SSM-SessionManagerRunShell", "DocumentType": "Session", "Content": map[string]any{
			"schemaVersion": "1.0", "sessionType": "Standard_Stream",
			"inputs": map[string]any{"cloudWatchLogGroupName": "/sessions", "kmsKeyId": map[string]any{"Fn::GetAtt": []any{"Key", "Arn"}}, "idleSessionTimeout": "10", "maxSessionDuration": "60"},
		}}},
		"Ops": map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{"ManagedPolicyArns": []any{"arn:aws:iam::aws:policy/AdministratorAccess"}}},
	}}
	var got []string
	parsed, err := template.FromValue("Member", tmpl)
	require.NoError(t, err)
	for _, f := range CheckTemplate(parsed) {
		got = append(got, string(f.Rule)+" "+f.LogicalID)
	}
	assert.Equal(t, []string{"IAM-1 Ops", "KMS-1 Key", "POL-1 "}, trimPrefix(got), "in logical id order; POL-1: no approval policy")
	assert.Empty(t, CheckLevels(map[string]string{"JITNA-IAM-1": "warning"}))
	assert.Equal(t, []string{`"JITNA-IAM-9" is not a guardrail: the rules are JITNA-IAM-1, JITNA-SESS-1, JITNA-KMS-1, JITNA-POL-1, JITNA-ORG-1`, `JITNA-SESS-1: "loud" is not a level: must be error, warning, info or off`},
		CheckLevels(map[string]string{"JITNA-IAM-9": "error", "JITNA-SESS-1": "loud"}))
}

func trimPrefix(s []string) []string {
	for i := range s {
		s[i] = s[i][len("JITNA-"):]
	}
	return s
}
