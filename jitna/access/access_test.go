package access

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
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

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// The three roles' documents, as IAM receives them, are the setting-up
// page's policies (testdata/*.json; review a change, then -update).
func TestDocumentsAreThePagesPolicies(t *testing.T) {
	for _, r := range Roles() {
		data, err := json.MarshalIndent(Document(r, "aws"), "", "  ")
		require.NoError(t, err)
		path := filepath.Join("testdata", string(r)+".json")
		if *update {
			require.NoError(t, os.MkdirAll("testdata", 0o755))
			require.NoError(t, os.WriteFile(path, append(data, '\n'), 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "go test ./jitna/access -update")
		assert.JSONEq(t, string(want), string(data), r)
	}
}

// Every grant on documents by name is limited to a document type (JITNA's
// approval policies, or the Session document), as the page writes them;
// listing takes no such condition.
func TestDocumentTypeConditions(t *testing.T) {
	jitnaTypes := map[string]any{"StringEquals": map[string]any{"ssm:DocumentType": []any{"ManualApprovalPolicy", "AutoApprovalPolicy"}}}
	conditioned := 0
	for _, r := range Roles() {
		for _, st := range roundTrip(t, Document(r, "aws"))["Statement"].([]any) {
			st := st.(map[string]any)
			resources := fmt.Sprint(st["Resource"])
			cond, _ := st["Condition"].(map[string]any)
			equals, _ := cond["StringEquals"].(map[string]any)
			typ, typed := equals["ssm:DocumentType"]
			switch {
			case strings.Contains(resources, ":document/"+policy.SessionPreferencesName):
				assert.Equal(t, "Session", typ, st["Sid"])
			case strings.Contains(resources, ":document/*") && slices.Contains(st["Action"].([]any), any("ssm:StartAutomationExecution")):
				assert.Equal(t, []any{"ManualApprovalPolicy"}, typ, st["Sid"])
			case strings.Contains(resources, ":document/"):
				assert.Equal(t, jitnaTypes, st["Condition"], st["Sid"])
			default:
				assert.False(t, typed, "%s: %s names no document", r, st["Sid"])
				continue
			}
			conditioned++
		}
	}
	assert.Equal(t, 5, conditioned, "requester: read and start (2); approver: read (1); administrator: approval policies and the preferences (2)")
}

// A statement's Sid is unique within its role's document.
func TestSidsAreUnique(t *testing.T) {
	for _, r := range Roles() {
		seen := map[string]bool{}
		for _, s := range Statements(r) {
			assert.False(t, seen[s.Sid], "%s: %s twice", r, s.Sid)
			seen[s.Sid] = true
		}
	}
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
		"ssm-guiconnect:ListConnections", "identitystore:GetUserId", "sso:DescribeRegisteredRegions", "sso:ListDirectoryAssociations"} {
		assert.NotEmpty(t, DocumentGrants(doc, action), action)
	}
}

// No role holds a standing right to a Windows node's administrator password:
// the setting-up page's ec2:GetPasswordData on every instance is left out
// (directly or through a wildcard).
func TestNoStandingPasswordRight(t *testing.T) {
	for _, r := range Roles() {
		assert.Empty(t, DocumentGrants(roundTrip(t, Document(r, "aws")), "ec2:GetPasswordData"), r)
	}
}
