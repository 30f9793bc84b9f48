package policy

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

const validCedar = `permit(principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("ENV") && resource.getTag("ENV") == "DEV" };`
const validForbid = `forbid(principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("ENV") && resource.getTag("ENV") == "PROD" };`

func manual(edit func(*ManualApproval)) ManualApproval {
	m := sampleManual("Finance-Manual-Approval-Policy", "Finance")
	edit(&m)
	return m
}

func level(edit func(*ApprovalLevel)) func(*ManualApproval) {
	return func(m *ManualApproval) { edit(&m.ApprovalLevels[0]) }
}

func approver(a Approver) func(*ManualApproval) {
	return level(func(l *ApprovalLevel) { l.Approvers = []Approver{a} })
}

func approvers(n int) []Approver {
	out := make([]Approver, n)
	for i := range out {
		out[i] = IamUserApprover("approver-" + string(rune('a'+i)))
	}
	return out
}

// Every row is one mistake; the problem must name the field and the value.
func TestBadInputs(t *testing.T) {
	for _, tc := range []struct {
		name         string
		policy       Policy
		field, value string
		message      string
	}{
		// Manual approval policies: names.
		{"name too short", manual(func(m *ManualApproval) { m.Name = "ab" }), "Name", "ab", "3 to 128"},
		{"name with a space", manual(func(m *ManualApproval) { m.Name = "my policy" }), "Name", "my policy", "letters, digits"},
		{"name too long", manual(func(m *ManualApproval) { m.Name = strings.Repeat("a", 129) }), "Name", strings.Repeat("a", 129), "3 to 128"},
		{"name with aws prefix", manual(func(m *ManualApproval) { m.Name = "AWS-Approvals" }), "Name", "AWS-Approvals", "reserves document names that start with aws"},
		{"name with amazon prefix", manual(func(m *ManualApproval) { m.Name = "amazonPolicy" }), "Name", "amazonPolicy", "amazon"},
		{"name with amzn prefix", manual(func(m *ManualApproval) { m.Name = "Amzn.policy" }), "Name", "Amzn.policy", "amzn"},
		{"name missing", manual(func(m *ManualApproval) { m.Name = "" }), "Name", "", "is required"},
		// Durations.
		{"access duration missing", manual(func(m *ManualApproval) { m.AccessDuration = 0 }), "AccessDuration", "0s", "1 to 336 hours"},
		{"access duration too short", manual(func(m *ManualApproval) { m.AccessDuration = 30 * time.Minute }), "AccessDuration", "30m0s", "1 to 336 hours"},
		{"access duration too long", manual(func(m *ManualApproval) { m.AccessDuration = 337 * time.Hour }), "AccessDuration", "337h0m0s", "1 to 336 hours"},
		{"access duration fraction of a second", manual(func(m *ManualApproval) { m.AccessDuration = 2*time.Hour + time.Millisecond }), "AccessDuration", "2h0m0.001s", "whole number of seconds"},
		{"timeout too long", manual(level(func(l *ApprovalLevel) { l.Timeout = 31 * 24 * time.Hour })), "ApprovalLevels[0].Timeout", "744h0m0s", "30 days"},
		{"timeout negative", manual(level(func(l *ApprovalLevel) { l.Timeout = -time.Second })), "ApprovalLevels[0].Timeout", "-1s", "30 days"},
		// Targets.
		{"no targets", manual(func(m *ManualApproval) { m.Targets = nil }), "Targets", "", "give tag targets, or set AllNodes"},
		{"targets and all nodes", manual(func(m *ManualApproval) { m.AllNodes = true }), "Targets", "", "either tags or all nodes"},
		{"tag key with prefix", manual(func(m *ManualApproval) { m.Targets[0].Key = "tag:Workload" }), "Targets[0].Key", "tag:Workload", "the prefix is added"},
		{"tag key too long", manual(func(m *ManualApproval) { m.Targets[0].Key = strings.Repeat("k", 129) }), "Targets[0].Key", check.Shorten(strings.Repeat("k", 129)), "1 to 128"},
		{"tag key empty", manual(func(m *ManualApproval) { m.Targets[0].Key = "" }), "Targets[0].Key", "", "is required"},
		{"tag values empty", manual(func(m *ManualApproval) { m.Targets[0].Values = nil }), "Targets[0].Values", "", "at least one tag value"},
		{"tag value empty", manual(func(m *ManualApproval) { m.Targets[0].Values = []string{""} }), "Targets[0].Values[0]", "", "1 to 256"},
		{"tag value twice", manual(func(m *ManualApproval) { m.Targets[0].Values = []string{"a", "a"} }), "Targets[0].Values[1]", "a", "listed twice"},
		// Levels.
		{"no levels", manual(func(m *ManualApproval) { m.ApprovalLevels = nil }), "ApprovalLevels", "", "1 to 5 levels"},
		{"six levels", manual(func(m *ManualApproval) {
			for len(m.ApprovalLevels) < 6 {
				m.ApprovalLevels = append(m.ApprovalLevels, ApprovalLevel{Approvers: approvers(1)})
			}
		}), "ApprovalLevels", "", "at most 5"},
		{"no approvers", manual(level(func(l *ApprovalLevel) { l.Approvers = nil })), "ApprovalLevels[0].Approvers", "", "1 to 5 approvers"},
		{"six approvers", manual(level(func(l *ApprovalLevel) { l.Approvers = approvers(6) })), "ApprovalLevels[0].Approvers", "", "at most 5"},
		{"min approvals above approvers", manual(level(func(l *ApprovalLevel) { l.MinRequiredApprovals = 2 })), "ApprovalLevels[0].MinRequiredApprovals", "2", "1 to the number of approvers (1)"},
		{"min approvals negative", manual(level(func(l *ApprovalLevel) { l.MinRequiredApprovals = -1 })), "ApprovalLevels[0].MinRequiredApprovals", "-1", "1 to the number"},
		{"step name with a dash", manual(level(func(l *ApprovalLevel) { l.Name = "first-level" })), "ApprovalLevels[0].Name", "first-level", "letters, digits or _"},
		{"step names repeat", manual(func(m *ManualApproval) {
			m.ApprovalLevels = append(m.ApprovalLevels, ApprovalLevel{Name: "ManualApproval", Approvers: approvers(1)})
		}), "ApprovalLevels.Name[1]", "ManualApproval", "listed twice"},
		{"approver listed twice", manual(level(func(l *ApprovalLevel) { l.Approvers = []Approver{IamRoleApprover("Ops"), IamRoleApprover("Ops")} })), "ApprovalLevels[0].Approvers[1].ID", "Ops", "listed twice"},
		{"approver by name and by ARN", manual(level(func(l *ApprovalLevel) {
			l.Approvers = []Approver{IamRoleApprover("Ops"), IamRoleApprover("arn:aws:iam::123456789012:role/team/Ops")}
		})), "ApprovalLevels[0].Approvers[1].ID", "arn:aws:iam::123456789012:role/team/Ops", "names the approver of Approvers[0] (Ops) again"},
		{"approver in another case", manual(level(func(l *ApprovalLevel) { l.Approvers = []Approver{IamRoleApprover("Ops"), IamRoleApprover("OPS")} })), "ApprovalLevels[0].Approvers[1].ID", "OPS", "case-insensitive"},
		{"group id in another case", manual(level(func(l *ApprovalLevel) {
			l.Approvers = []Approver{SSOGroupApprover("12ab34cd-56ef-78ab-90cd-123456789012"), SSOGroupApprover("12AB34CD-56ef-78ab-90cd-123456789012")}
		})), "ApprovalLevels[0].Approvers[1].ID", "12AB34CD-56ef-78ab-90cd-123456789012", "names the approver of Approvers[0]"},
		{"message blank", manual(level(func(l *ApprovalLevel) { l.Message = "   " })), "ApprovalLevels[0].Message", "   ", "is blank"},
		{"message too long", manual(level(func(l *ApprovalLevel) { l.Message = strings.Repeat("m", MaxApprovalMessage+1) })), "ApprovalLevels[0].Message", check.Shorten(strings.Repeat("m", MaxApprovalMessage+1)), "4097 characters long: aws:approve takes a message of at most 4096"},
		// Approvers.
		{"approver type in another case", manual(approver(Approver{Type: "SsoGroup", ID: "x"})), "ApprovalLevels[0].Approvers[0].Type", "SsoGroup", "(did you mean SSOGroup?)"},
		{"extra type in another case of a known one", manual(func(m *ManualApproval) { m.ExtraApproverTypes = []ApproverType{"ssogroup"} }), "ExtraApproverTypes[0]", "ssogroup", "is the approver type SSOGroup in another case"},
		{"approver type unknown", manual(approver(Approver{Type: "SSOGroups", ID: "x"})), "ApprovalLevels[0].Approvers[0].Type", "SSOGroups", "SSOGroup, SSOUser, IamRole, IamUser, IamGroup"},
		{"extra type, not listed", manual(approver(Approver{Type: "IdentityCenterGroup", ID: "g"})), "ApprovalLevels[0].Approvers[0].Type", "IdentityCenterGroup", "SSOGroup, SSOUser, IamRole, IamUser, IamGroup"},
		{"extra type listed, its id missing", manual(func(m *ManualApproval) {
			approver(Approver{Type: "IdentityCenterGroup"})(m)
			m.ExtraApproverTypes = []ApproverType{"IdentityCenterGroup"}
		}), "ApprovalLevels[0].Approvers[0].ID", "", "is required"},
		{"extra type known", manual(func(m *ManualApproval) { m.ExtraApproverTypes = []ApproverType{"IamRole"} }), "ExtraApproverTypes[0]", "IamRole", "the library knows"},
		{"extra type empty", manual(func(m *ManualApproval) { m.ExtraApproverTypes = []ApproverType{""} }), "ExtraApproverTypes[0]", "", "is required"},
		{"extra type twice", manual(func(m *ManualApproval) { m.ExtraApproverTypes = []ApproverType{"X", "X"} }), "ExtraApproverTypes[1]", "X", "listed twice"},
		{"approver id missing", manual(approver(SSOGroupApprover(""))), "ApprovalLevels[0].Approvers[0].ID", "", "is required"},
		{"group display name", manual(approver(SSOGroupApprover("Platform Admins"))), "ApprovalLevels[0].Approvers[0].ID", "Platform Admins", "not a display name"},
		{"user id malformed", manual(approver(SSOUserApprover("1234"))), "ApprovalLevels[0].Approvers[0].ID", "1234", "IAM Identity Center id"},
		{"iam role ARN for a user", manual(approver(IamUserApprover("arn:aws:iam::123456789012:role/Ops"))), "ApprovalLevels[0].Approvers[0].ID", "arn:aws:iam::123456789012:role/Ops", "needs an IAM user"},
		{"iam ARN malformed", manual(approver(IamRoleApprover("arn:aws:iam::1234:role/Ops"))), "ApprovalLevels[0].Approvers[0].ID", "arn:aws:iam::1234:role/Ops", "not a valid IAM ARN"},
		{"iam name with space", manual(approver(IamGroupApprover("Ops Team"))), "ApprovalLevels[0].Approvers[0].ID", "Ops Team", "IAM group name"},
		// Auto-approval and deny-access.
		{"auto without documents", AutoApproval{}, "Documents", "", "give the policy's Cedar text"},
		{"auto with empty Cedar", AutoApproval{Documents: []CedarDocument{{}}}, "Documents[0].Cedar", "", "is required"},
		{"auto with forbid", AutoApproval{Documents: []CedarDocument{{Cedar: validForbid}}}, "Documents[0].Cedar", check.Shorten(validForbid), "statement 1 is a forbid statement"},
		{"auto with bad Cedar", AutoApproval{Documents: []CedarDocument{{Cedar: "permit(principal, action, resource)\nwhen { x };"}}}, "Documents[0].Cedar", "when { x ‸};", `line 2, column 10: is not valid Cedar: "x" is not a name Cedar knows: the variables are principal, action, resource and context`},
		{"auto with unguarded getTag", AutoApproval{Documents: []CedarDocument{{Cedar: `permit(principal, action, resource) when { resource.getTag("A") == "B" };`}}}, "Documents[0].Cedar", `permit(principal, action, resource) when { resource.getTag("…` + " (73 characters)", "not guarded by hasTag"},
		{"deny with permit", DenyAccess{Documents: []CedarDocument{{Cedar: validCedar}}}, "Documents[0].Cedar", check.Shorten(validCedar), "a deny-access policy holds only forbid"},
		{"deny with unknown format", DenyAccess{Format: "json", Documents: []CedarDocument{{Cedar: validForbid}}}, "Format", "json", "wrapper, cedar"},
		{"deny text with two documents", DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: validForbid}, {Cedar: validForbid}}}, "Documents", "", "exactly one"},
		{"deny text with an id", DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{ID: "x", Cedar: validForbid}}}, "Documents[0]", "", "cannot carry"},
		{"content over 64 KB", AutoApproval{Documents: []CedarDocument{{Cedar: validCedar + "\n//" + strings.Repeat("x", MaxContentBytes)}}}, "Content", "", "at most 65536 bytes"},
		// Session preferences.
		{"idle timeout too long", SessionSettings{IdleSessionTimeout: 61 * time.Minute}, "IdleSessionTimeout", "1h1m0s", "1 to 60 minutes"},
		{"idle timeout in seconds", SessionSettings{IdleSessionTimeout: 90 * time.Second}, "IdleSessionTimeout", "1m30s", "whole number of minutes"},
		{"max duration too long", SessionSettings{MaxSessionDuration: 25 * time.Hour}, "MaxSessionDuration", "25h0m0s", "1 to 1440 minutes"},
		{"max duration negative", SessionSettings{MaxSessionDuration: -time.Minute}, "MaxSessionDuration", "-1m0s", "1 to 1440 minutes"},
		{"bucket name uppercase", SessionSettings{S3BucketName: "My-Logs"}, "S3BucketName", "My-Logs", "S3 bucket name"},
		{"bucket name an IP address", SessionSettings{S3BucketName: "192.168.5.4"}, "S3BucketName", "192.168.5.4", "formatted as an IP address"},
		{"bucket name with two adjacent periods", SessionSettings{S3BucketName: "session..logs"}, "S3BucketName", "session..logs", "two adjacent periods"},
		{"bucket name xn--", SessionSettings{S3BucketName: "xn--logs"}, "S3BucketName", "xn--logs", "starts with xn--"},
		{"bucket name sthree-", SessionSettings{S3BucketName: "sthree-logs"}, "S3BucketName", "sthree-logs", "starts with sthree-"},
		{"bucket name amzn-s3-demo-", SessionSettings{S3BucketName: "amzn-s3-demo-logs"}, "S3BucketName", "amzn-s3-demo-logs", "starts with amzn-s3-demo-"},
		{"bucket name -s3alias", SessionSettings{S3BucketName: "logs-s3alias"}, "S3BucketName", "logs-s3alias", "ends with -s3alias"},
		{"bucket name --ol-s3", SessionSettings{S3BucketName: "logs--ol-s3"}, "S3BucketName", "logs--ol-s3", "ends with --ol-s3"},
		{"bucket name .mrap", SessionSettings{S3BucketName: "logs.mrap"}, "S3BucketName", "logs.mrap", "ends with .mrap"},
		{"bucket name --x-s3", SessionSettings{S3BucketName: "logs--x-s3"}, "S3BucketName", "logs--x-s3", "ends with --x-s3"},
		{"bucket name --table-s3", SessionSettings{S3BucketName: "logs--table-s3"}, "S3BucketName", "logs--table-s3", "ends with --table-s3"},
		{"bucket name too short", SessionSettings{S3BucketName: "ab"}, "S3BucketName", "ab", "3 to 63"},
		{"bucket name too long", SessionSettings{S3BucketName: strings.Repeat("b", 64)}, "S3BucketName", strings.Repeat("b", 64), "3 to 63"},
		{"bucket name ends with a dash", SessionSettings{S3BucketName: "logs-"}, "S3BucketName", "logs-", "a letter or digit at each end"},
		{"key prefix without bucket", SessionSettings{S3KeyPrefix: "logs/"}, "S3KeyPrefix", "logs/", "without S3BucketName"},
		{"log group with space", SessionSettings{CloudWatchLogGroupName: "session logs"}, "CloudWatchLogGroupName", "session logs", "log group name"},
		{"kms key malformed", SessionSettings{KMSKeyID: "my-key"}, "KMSKeyID", "my-key", "KMS key id"},
		{"run as user with space", SessionSettings{RunAsDefaultUser: "ec2 user"}, "RunAsDefaultUser", "ec2 user", "operating system user"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checked(tc.policy)
			require.Error(t, err)
			var found []string
			for _, p := range check.Problems(err) {
				if p.Field == tc.field && p.Value == tc.value && strings.Contains(p.Message, tc.message) {
					return
				}
				found = append(found, p.Error())
			}
			t.Fatalf("no problem for field %q, value %q, message containing %q; got:\n%s", tc.field, tc.value, tc.message, strings.Join(found, "\n"))
		})
	}
}

func TestApproverString(t *testing.T) {
	assert.Equal(t, "IamRole:Ops", IamRoleApprover("Ops").String())
	assert.Equal(t, "SSOGroup:g-1", SSOGroupApprover("g-1").String())
}

func TestValidInputsPass(t *testing.T) {
	for name, p := range map[string]Policy{
		"token name": manual(func(m *ManualApproval) { m.Name = "${Token[TOKEN.1]}" }),
		"five levels": manual(func(m *ManualApproval) {
			m.ApprovalLevels = []ApprovalLevel{{Approvers: approvers(5), MinRequiredApprovals: 5}, {Approvers: approvers(1)}, {Approvers: approvers(1)}, {Approvers: approvers(1)}, {Approvers: approvers(1)}}
		}),
		"all nodes": manual(func(m *ManualApproval) { m.Targets, m.AllNodes = nil, true }),
		"every approver": manual(level(func(l *ApprovalLevel) {
			l.Approvers = []Approver{SSOGroupApprover("1a2b3c4d5e-12ab34cd-56ef-78ab-90cd-123456789012"), SSOUserApprover("12ab34cd-56ef-78ab-90cd-123456789012"), IamRoleApprover("arn:aws:iam::123456789012:role/path/Ops"), IamUserApprover("alice"), IamGroupApprover("arn:aws-us-gov:iam::123456789012:group/Ops")}
		})),
		"an extra approver type": manual(func(m *ManualApproval) {
			approver(Approver{Type: "IdentityCenterGroup", ID: "any form"})(m)
			m.ExtraApproverTypes = []ApproverType{"IdentityCenterGroup", "IamPrincipal"}
		}),
		"336 hours":         manual(func(m *ManualApproval) { m.AccessDuration = MaxAccessDuration }),
		"deny text":         DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: validForbid}}},
		"session all set":   SessionSettings{S3BucketName: "my-logs", S3KeyPrefix: "jitna/", KMSKeyID: "alias/jitna", IdleSessionTimeout: time.Hour, MaxSessionDuration: 24 * time.Hour, RunAsEnabled: Bool(false)},
		"session key arn":   SessionSettings{KMSKeyID: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
		"session log token": SessionSettings{CloudWatchLogGroupName: check.Unresolved("Fn::Sub")},
	} {
		assert.NoError(t, checked(p), name)
	}
}

func TestDenyAccessFormats(t *testing.T) {
	wrapped := DenyAccess{Documents: []CedarDocument{{Cedar: validForbid}}}.Document()
	assert.Equal(t, FormatYAML, wrapped.Format)
	assert.Equal(t, TypeAutoApproval, wrapped.Type)
	assert.Equal(t, DenyAccessName, wrapped.Name)
	assert.Equal(t, validForbid, wrapped.Content.(map[string]any)["AutoApprovalPolicyDocuments"].([]any)[0].(map[string]any)["content"])

	text := DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: validForbid}}}.Document()
	assert.Equal(t, FormatText, text.Format)
	assert.Equal(t, validForbid, text.Content)

	p, err := ParseDocument(DenyAccessName, TypeAutoApproval, validForbid)
	require.NoError(t, err)
	assert.Equal(t, &DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: validForbid}}}, p)
}
