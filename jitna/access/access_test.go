package access

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCovers(t *testing.T) {
	for pattern, want := range map[string]bool{
		"*": true, "ssm:*": true, "ssm:Start*": true, "ssm:StartSession": true, "SSM:startsession": true,
		"ssm:StartS?ssion": true, "ssm:StartAutomationExecution": false, "ec2:*": false, "ssm:Get*": false, "ssm:StartSessions": false,
	} {
		assert.Equal(t, want, Covers(pattern, StartSession), pattern)
	}
}

func TestGrantsAction(t *testing.T) {
	for name, tc := range map[string]struct {
		statement string
		want      bool
	}{
		"action list":             {`{"Effect": "Allow", "Action": ["ec2:Describe*", "ssm:*"], "Resource": "*"}`, true},
		"action string":           {`{"Effect": "Allow", "Action": "ssm:StartSession", "Resource": "*"}`, true},
		"deny":                    {`{"Effect": "Deny", "Action": "ssm:StartSession", "Resource": "*"}`, false},
		"other actions":           {`{"Effect": "Allow", "Action": ["ssm:GetDocument"], "Resource": "*"}`, false},
		"not action without ssm":  {`{"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}`, true},
		"not action covering ssm": {`{"Effect": "Allow", "NotAction": "ssm:*", "Resource": "*"}`, false},
	} {
		var s map[string]any
		assert.NoError(t, json.Unmarshal([]byte(tc.statement), &s))
		_, got := GrantsAction(s, StartSession)
		assert.Equal(t, tc.want, got, name)
	}
	assert.Equal(t, []string{"ssm:Start*"}, DocumentGrants(map[string]any{"Statement": []any{
		map[string]any{"Effect": "Allow", "Action": "ssm:Start*"}, map[string]any{"Effect": "Allow", "Action": "s3:*"},
	}}, StartSession))
	name, ok := ManagedPolicyGrants("arn:aws:iam::aws:policy/AmazonSSMFullAccess")
	assert.True(t, ok)
	assert.Equal(t, "AmazonSSMFullAccess", name)
	_, ok = ManagedPolicyGrants("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")
	assert.False(t, ok)
}

// The library's own roles never grant ssm:StartSession: that would bypass
// JITNA.
func TestNoRoleBypassesJitna(t *testing.T) {
	for _, r := range Roles() {
		assert.NotEmpty(t, Statements(r), r)
		assert.Empty(t, DocumentGrants(roundTrip(t, Document(r, "aws")), StartSession), r)
	}
}

func TestDocument(t *testing.T) {
	doc := roundTrip(t, Document(Administrator, "aws"))
	stmts := doc["Statement"].([]any)
	pass := stmts[3].(map[string]any)
	assert.Equal(t, []any{"arn:aws:iam::*:role/SSM-JustInTimeAccessTokenRole"}, pass["Resource"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"iam:PassedToService": "justintimeaccess.ssm.amazonaws.com"}}, pass["Condition"])
}

// Document actions that take ssm:DocumentType are limited to JITNA's two
// document types; actions that do not take the key carry no such condition
// (it would never match, and deny them).
func TestDocumentTypeConditions(t *testing.T) {
	jitnaTypes := map[string]any{"StringEquals": map[string]any{"ssm:DocumentType": []any{"ManualApprovalPolicy", "AutoApprovalPolicy"}}}
	takesKey := map[string]bool{"ssm:CreateDocument": true, "ssm:UpdateDocument": true, "ssm:DeleteDocument": true, "ssm:UpdateDocumentDefaultVersion": true,
		"ssm:DescribeDocument": true, "ssm:GetDocument": true, "ssm:ListDocumentVersions": true}
	seen := 0
	for _, r := range Roles() {
		for _, st := range roundTrip(t, Document(r, "aws"))["Statement"].([]any) {
			st := st.(map[string]any)
			for _, a := range st["Action"].([]any) {
				cond, _ := st["Condition"].(map[string]any)
				equals, _ := cond["StringEquals"].(map[string]any)
				_, typed := equals["ssm:DocumentType"]
				if takesKey[a.(string)] {
					seen++
					assert.Equal(t, jitnaTypes, st["Condition"], "%s: %s", r, a)
				} else {
					assert.False(t, typed, "%s: %s takes no ssm:DocumentType", r, a)
				}
			}
		}
	}
	assert.Equal(t, 9, seen, "requesters read, administrators manage")
}

// roundTrip is a policy document as IAM receives it: marshalled to JSON and
// read back.
func roundTrip(t *testing.T, v any) map[string]any {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(data, &out))
	require.NotEmpty(t, out["Statement"])
	return out
}

// Each call builds new statements: changing a condition one caller got does
// not reach the next caller.
func TestStatementsAreFresh(t *testing.T) {
	first := Statements(Approver)
	for _, s := range first {
		for k := range s.Condition {
			delete(s.Condition, k)
		}
	}
	var conditions int
	for _, s := range Statements(Approver) {
		conditions += len(s.Condition)
	}
	assert.Positive(t, conditions)
}

// Requesters may connect over RDP (GUI Connect) and let GUI Connect take a
// grant on a JITNA-tagged key only, as the AWS managed session policy does.
func TestRequestersConnectOverRDP(t *testing.T) {
	doc := Document(Requester, "aws")
	assert.NotEmpty(t, DocumentGrants(doc, "ssm-guiconnect:StartConnection"))
	assert.NotEmpty(t, DocumentGrants(doc, "ssm-guiconnect:ListConnections"))
	var grant Statement
	for _, s := range Statements(Requester) {
		if s.Sid == "RecordRDPConnections" {
			grant = s
		}
	}
	assert.Equal(t, []string{"kms:CreateGrant"}, grant.Actions)
	assert.Equal(t, map[string]map[string]any{
		"StringEquals": {"aws:ResourceTag/SystemsManagerJustInTimeNodeAccessManaged": "true"},
		"StringLike":   {"kms:ViaService": "ssm-guiconnect.*.amazonaws.com"},
		"Bool":         {"aws:ViaAWSService": "true"},
	}, grant.Condition)
	assert.Empty(t, DocumentGrants(doc, StartSession))
}

// The console works for requesters: the node views and Identity Center
// lookups of the guide's setting-up page are granted.
func TestRequestersSeeNodesInTheConsole(t *testing.T) {
	doc := roundTrip(t, Document(Requester, "aws"))
	for _, action := range []string{"ssm:DescribeInstanceInformation", "ssm:ListTagsForResource", "ssm:ListNodes", "ssm:DescribeInstanceProperties",
		"ec2:GetPasswordData", "ssm-guiconnect:ListConnections", "identitystore:GetUserId", "sso:DescribeRegisteredRegions", "sso:ListDirectoryAssociations"} {
		assert.NotEmpty(t, DocumentGrants(doc, action), action)
	}
}
