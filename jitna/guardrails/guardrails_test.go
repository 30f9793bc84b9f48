package guardrails

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

func TestCheckIAM(t *testing.T) {
	assert.Equal(t, []string{
		`InlinePolicy grants ssm:StartSession (through "*"): its principals open Session Manager sessions without a JITNA access request`,
		"ManagedPolicies[0] attaches the AWS managed policy AdministratorAccess, which grants ssm:StartSession: its principals bypass JITNA",
	}, CheckIAM("AWS::SSO::PermissionSet", map[string]any{
		"InlinePolicy":    `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`,
		"ManagedPolicies": []any{"arn:aws:iam::aws:policy/AdministratorAccess"},
	}), "a JSON-text inline policy and a managed policy")
	assert.Equal(t, []string{`Policies[1] grants ssm:StartSession (through "ssm:Start*"): its principals open Session Manager sessions without a JITNA access request`},
		CheckIAM("AWS::IAM::Group", map[string]any{"Policies": []any{
			map[string]any{"PolicyDocument": map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "s3:*"}}}},
			map[string]any{"PolicyDocument": map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "ssm:Start*"}}}},
		}}))
	assert.Equal(t, []string{`PolicyDocument grants ssm:StartSession (through "ssm:*"): its principals open Session Manager sessions without a JITNA access request`},
		CheckIAM("AWS::IAM::ManagedPolicy", map[string]any{"PolicyDocument": map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "ssm:*"}}}}))
	assert.Empty(t, CheckIAM("AWS::S3::BucketPolicy", map[string]any{"PolicyDocument": map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "ssm:*"}}}}))
	for _, typ := range []string{"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::SSO::PermissionSet"} {
		assert.True(t, CarriesIAM(typ), typ)
	}
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
	// Only the document named SSM-SessionManagerRunShell is the preferences,
	// however valid another Session document's content.
	_, ok = SessionDocument(map[string]any{"Name": "Other", "DocumentType": "Session", "Content": s.Document().Content})
	assert.False(t, ok)
	_, ok = SessionDocument(map[string]any{"Name": "SSM-SessionManagerRunShell", "DocumentType": "Command", "Content": s.Document().Content})
	assert.False(t, ok)
	_, ok = SessionDocument(map[string]any{"Name": "SSM-SessionManagerRunShell", "DocumentType": "Session", "Content": map[string]any{"schemaVersion": "1.0"}})
	assert.False(t, ok, "content that does not parse")
	assert.Equal(t, []string{
		"session preferences without any log destination (s3BucketName, cloudWatchLogGroupName): JITNA sessions go unrecorded",
		"session preferences without encryption (kmsKeyId): session data is not encrypted with a key of yours",
		"session preferences without idleSessionTimeout and maxSessionDuration: JITNA never ends sessions itself",
	}, CheckSession(&policy.SessionSettings{}))
	// Each setting on its own silences its own message only.
	timeouts := "session preferences without idleSessionTimeout and maxSessionDuration: JITNA never ends sessions itself"
	for name, tc := range map[string]struct {
		prefs policy.SessionSettings
		want  []string
	}{
		"only an idle timeout":    {policy.SessionSettings{S3BucketName: "b", KMSKeyID: "k", IdleSessionTimeout: 10 * time.Minute}, []string{timeouts}},
		"only a maximum duration": {policy.SessionSettings{S3BucketName: "b", KMSKeyID: "k", MaxSessionDuration: time.Hour}, []string{timeouts}},
		"a log group only":        {policy.SessionSettings{CloudWatchLogGroupName: "/s", KMSKeyID: "k", IdleSessionTimeout: time.Minute, MaxSessionDuration: time.Hour}, nil},
	} {
		assert.Equal(t, tc.want, CheckSession(&tc.prefs), name)
	}
	assert.Empty(t, CheckKeyTags(map[string]string{"SystemsManagerJustInTimeNodeAccessManaged": "true"}, UseSessionData))
	assert.Equal(t, []string{"this KMS key encrypts session data but lacks the tag SystemsManagerJustInTimeNodeAccessManaged=true: JITNA cannot use it"},
		CheckKeyTags(map[string]string{"SystemsManagerJustInTimeNodeAccessManaged": "yes"}, UseSessionData))
	assert.Equal(t, "KeyABC", RecordingKeyID(map[string]any{"ConnectionRecordingPreferences": map[string]any{"KMSKeyArn": map[string]any{"Fn::GetAtt": []any{"KeyABC", "Arn"}}}}))
	assert.Equal(t, "", RecordingKeyID(map[string]any{"ConnectionRecordingPreferences": map[string]any{"KMSKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k"}}))
	assert.Equal(t, "", RecordingKeyID(nil))
}

// The key of RDP recordings is checked as a session key is.
func TestCheckTemplateRecordingKey(t *testing.T) {
	tmpl, err := template.FromValue("M", map[string]any{"Resources": map[string]any{
		"Untagged": map[string]any{"Type": "AWS::KMS::Key", "Properties": map[string]any{}},
		"Tagged":   map[string]any{"Type": "AWS::KMS::Key", "Properties": map[string]any{"Tags": []any{map[string]any{"Key": "SystemsManagerJustInTimeNodeAccessManaged", "Value": "true"}}}},
		"Recording": map[string]any{"Type": "AWS::SSMGuiConnect::Preferences", "Properties": map[string]any{"ConnectionRecordingPreferences": map[string]any{
			"KMSKeyArn": map[string]any{"Fn::GetAtt": []any{"Untagged", "Arn"}},
		}}},
	}})
	require.NoError(t, err)
	assert.Equal(t, Finding{Rule: KMS1, LogicalID: "Untagged", Message: "this KMS key encrypts RDP recordings but lacks the tag SystemsManagerJustInTimeNodeAccessManaged=true: JITNA cannot use it"}, CheckTemplate(tmpl)[0])
	assert.Len(t, CheckTemplate(tmpl), 2, "and POL-1: no approval policy")
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
}

// Every unknown rule and level is a problem naming the rule's entry; known
// ones, each level among them, are not.
func TestPropsValidate(t *testing.T) {
	assert.NoError(t, Props{Levels: map[Rule]Level{IAM1: Warning, SESS1: Error, KMS1: Info, POL1: Off, ORG1: Error}}.Validate())
	var got []string
	for _, p := range check.Problems(Props{Levels: map[Rule]Level{"JITNA-IAM-9": Error, SESS1: "loud", "JITNA-IAM1": "Error"}}.Validate()) {
		got = append(got, p.Error())
	}
	assert.Equal(t, []string{
		`Levels[JITNA-IAM-9]: "JITNA-IAM-9" is not a guardrail (did you mean JITNA-IAM-1?): the rules are JITNA-IAM-1, JITNA-SESS-1, JITNA-KMS-1, JITNA-POL-1, JITNA-ORG-1`,
		`Levels[JITNA-IAM1]: "JITNA-IAM1" is not a guardrail (did you mean JITNA-IAM-1?): the rules are JITNA-IAM-1, JITNA-SESS-1, JITNA-KMS-1, JITNA-POL-1, JITNA-ORG-1`,
		`Levels[JITNA-IAM1]: "Error" is not allowed (did you mean error?): must be one of error, warning, info, off`,
		`Levels[JITNA-SESS-1]: "loud" is not allowed: must be one of error, warning, info, off`,
	}, got)
}

func trimPrefix(s []string) []string {
	for i := range s {
		s[i] = s[i][len("JITNA-"):]
	}
	return s
}

// Manual policies whose targets overlap are a POL-1 warning on the member
// template; a policy alone is not.
func TestCheckMemberTemplateOverlap(t *testing.T) {
	manual := func(name string) map[string]any {
		p := policy.ManualApproval{Name: name, AccessDuration: time.Hour, Targets: []policy.TagTarget{{Key: "Workload", Values: []string{"Finance"}}},
			ApprovalLevels: []policy.ApprovalLevel{{Approvers: []policy.Approver{policy.IamRoleApprover("Lead")}}}}
		d := p.Document()
		return map[string]any{"Type": "AWS::SSM::Document", "Properties": map[string]any{"Name": d.Name, "DocumentType": d.Type, "Content": d.Content}}
	}
	one, err := template.FromValue("M", map[string]any{"Resources": map[string]any{"A": manual("A-Policy")}})
	require.NoError(t, err)
	assert.Empty(t, CheckMemberTemplate(one))

	two, err := template.FromValue("M", map[string]any{"Resources": map[string]any{"A": manual("A-Policy"), "B": manual("B-Policy")}})
	require.NoError(t, err)
	assert.Empty(t, CheckMemberTemplate(two), "overlapping targets are the library's own warning, given once")
}

// A key reference is a Ref or an Fn::GetAtt naming a resource; anything
// else names none.

// The tables are new values on each call: changing one changes nothing else.
func TestTablesAreFresh(t *testing.T) {
	levels := DefaultLevels()
	levels[IAM1] = Off
	assert.Equal(t, Error, DefaultLevels()[IAM1])
	rules := Rules()
	rules[0] = "JITNA-X"
	assert.Equal(t, IAM1, Rules()[0])
}
