package simulate

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

const (
	costCenterGroup = "e8c17310-e011-7089-d989-10da1EXAMPLE"
	platformGroup   = "d4q81745-r081-7079-d789-14da1EXAMPLE"
)

func readCedar(t testing.TB, file string) string {
	data, err := os.ReadFile("testdata/" + file)
	require.NoError(t, err)
	return string(data)
}

func manualPolicy(name string, targets ...policy.TagTarget) policy.ManualApproval {
	return policy.ManualApproval{
		Name: name, AccessDuration: 4 * time.Hour, Targets: targets, AllNodes: len(targets) == 0,
		ApprovalLevels: []policy.ApprovalLevel{{Approvers: []policy.Approver{policy.IamRoleApprover(name + "-approvers")}}},
	}
}

// documentedPolicies holds the guide's example auto-approval and deny-access
// statements, one statement on IAM principal tags, and three manual policies.
func documentedPolicies(t testing.TB) Policies {
	auto := readCedar(t, "aws-auto-approval-example.cedar") + "\n" + cedar.Render(
		cedar.PermitRule("Operators by IAM principal tag", cedar.PrincipalTagEquals("Team", "ops"), cedar.NodeTagEquals("Environment", "Staging")),
		cedar.PermitRule("Anyone reaches development nodes", cedar.NodeTagEquals("ENV", "DEV")),
	)
	p := Policies{
		AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: auto}}},
		DenyAccess:   &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: readCedar(t, "aws-deny-access-example.cedar")}}},
		Manual: []policy.ManualApproval{
			manualPolicy("Finance", policy.TagTarget{Key: "Workload", Values: []string{"Finance", "Payments"}}),
			manualPolicy("Production", policy.TagTarget{Key: "Environment", Values: []string{"Production"}}),
			manualPolicy("All-Nodes"),
		},
	}
	require.NoError(t, p.AutoApproval.Validate())
	require.NoError(t, p.DenyAccess.Validate())
	return p
}

func TestDocumentedScenarios(t *testing.T) {
	sim, err := New(documentedPolicies(t))
	require.NoError(t, err)
	for _, tc := range []struct {
		name     string
		node     Node
		req      Requester
		outcome  Outcome
		denied   bool
		policy   string
		conflict []string
		because  string
	}{
		{"cost center matches the node's (auto statement 1)",
			Node{Tags: map[string]string{"CostCenter": "CC-42"}},
			Requester{Groups: []string{costCenterGroup}, Attributes: map[string]string{"costCenter": "CC-42"}},
			AutoApproved, false, "", nil, "SSM-JustInTimeAccessAutoApprovalPolicy statement 1 (line 1 of its Cedar) permits"},
		{"cost center differs: the all-nodes policy",
			Node{Tags: map[string]string{"CostCenter": "CC-1"}},
			Requester{Groups: []string{costCenterGroup}, Attributes: map[string]string{"costCenter": "CC-42"}},
			NeedsManualApproval, false, "All-Nodes", nil, "it targets all nodes and no tag-specific policy targets this node"},
		{"cost center user outside the group",
			Node{Tags: map[string]string{"CostCenter": "CC-42"}},
			Requester{Attributes: map[string]string{"costCenter": "CC-42"}},
			NeedsManualApproval, false, "All-Nodes", nil, "none of 5 permit statements matches"},
		{"Platform organization on Engineering+Production nodes (auto statement 2)",
			Node{Tags: map[string]string{"Engineering": "", "Production": ""}},
			Requester{Groups: []string{platformGroup}, Attributes: map[string]string{"organization": "Platform"}},
			AutoApproved, false, "", nil, "statement 2 (line 10 of its Cedar) permits"},
		{"employee number like E-1* on testing nodes (auto statement 3)",
			Node{Type: Managed, Tags: map[string]string{"Purpose": "Testing"}},
			Requester{Attributes: map[string]string{"employeeNumber": "E-1234"}},
			AutoApproved, false, "", nil, "statement 3"},
		{"employee number E-2… does not match",
			Node{Tags: map[string]string{"Purpose": "Testing"}},
			Requester{Attributes: map[string]string{"employeeNumber": "E-2345"}},
			NeedsManualApproval, false, "All-Nodes", nil, "auto-approval: none of 5 permit statements matches"},
		{"IAM role by principal tag",
			Node{Tags: map[string]string{"Environment": "Staging"}},
			Requester{IAMRole: "Operator", PrincipalTags: map[string]string{"Team": "ops"}},
			AutoApproved, false, "", nil, "statement 4"},
		{"IAM role of another team",
			Node{Tags: map[string]string{"Environment": "Staging"}},
			Requester{IAMRole: "Operator", PrincipalTags: map[string]string{"Team": "dev"}},
			NeedsManualApproval, false, "All-Nodes", nil, "auto-approval: none of 5 permit statements matches"},
		{"deny beats auto: the group on production (deny statement 1)",
			Node{Tags: map[string]string{"ENV": "DEV", "Environment": "Production"}},
			Requester{Groups: []string{costCenterGroup}},
			NeedsManualApproval, true, "Production", nil, "deny-access: SSM-JustInTimeAccessDenyAccessOrgPolicy statement 1 (line 1 of its Cedar) forbids automatic approval"},
		{"deny beats auto: outside Finance on financial data (deny statement 2)",
			Node{Tags: map[string]string{"ENV": "DEV", "DataClassification": "Financial"}},
			Requester{Attributes: map[string]string{"division": "Sales"}},
			NeedsManualApproval, true, "All-Nodes", nil, "statement 2"},
		{"the Finance division is not denied (deny statement 2)",
			Node{Tags: map[string]string{"ENV": "DEV", "DataClassification": "Financial"}},
			Requester{Attributes: map[string]string{"division": "Finance"}},
			AutoApproved, false, "", nil, "none of 3 forbid statements matches"},
		{"deny beats auto: temporary staff on critical nodes (deny statement 3)",
			Node{Tags: map[string]string{"ENV": "DEV", "Criticality": "High"}},
			Requester{Attributes: map[string]string{"employeeNumber": "TEMP-7"}},
			NeedsManualApproval, true, "All-Nodes", nil, "auto-approval: overridden by the deny-access policy"},
		{"tag-specific beats all-nodes",
			Node{Tags: map[string]string{"Workload": "Finance"}},
			Requester{},
			NeedsManualApproval, false, "Finance", nil, "All-Nodes targets all nodes, but tag-specific policies win over it"},
		{"tag values are ORed",
			Node{Tags: map[string]string{"Workload": "Payments"}},
			Requester{},
			NeedsManualApproval, false, "Finance", nil, "it targets tag Workload=Payments"},
		{"two policies through different tag keys: conflict",
			Node{Tags: map[string]string{"Workload": "Finance", "Environment": "Production"}},
			Requester{},
			Conflict, false, "", []string{"Finance", "Production"}, "access requests to this node fail"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := sim.Decide(tc.node, tc.req)
			explanation := strings.Join(d.Explanation, "\n")
			assert.Equal(t, tc.outcome, d.Outcome, explanation)
			assert.Equal(t, tc.denied, d.AutoApprovalDenied, explanation)
			if tc.policy != "" {
				require.NotNil(t, d.Policy, explanation)
				assert.Equal(t, tc.policy, d.Policy.Name)
				assert.Equal(t, 4*time.Hour, d.AccessDuration)
			}
			assert.Equal(t, tc.conflict, d.Conflicting)
			require.NotEmpty(t, tc.because, "every case says why")
			assert.Contains(t, explanation, tc.because)
			if tc.outcome == AutoApproved {
				assert.Equal(t, time.Hour, d.AccessDuration)
				assert.NotEmpty(t, d.ApprovedBy)
			}
		})
	}
}

func TestNoPoliciesCannotRequest(t *testing.T) {
	sim, err := New(Policies{})
	require.NoError(t, err)
	d := sim.Decide(Node{}, Requester{})
	assert.Equal(t, NoApplicablePolicy, d.Outcome)
	assert.Contains(t, d.Explanation, "deny-access policy: none")
	assert.Contains(t, d.Explanation, "auto-approval policy: none")
}

func TestInvalidCedarIsAnError(t *testing.T) {
	_, err := New(Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: "permit(principal"}}}})
	assert.ErrorContains(t, err, "SSM-JustInTimeAccessAutoApprovalPolicy: AutoApprovalPolicyDocuments[0]: line 1, column 17")
}

// A statement of the wrong effect is refused, as jitna validate refuses it:
// a forbid in the auto-approval policy once auto-approved what it matched,
// and a permit in the deny-access policy took requests out of auto-approval.
func TestStatementsOfTheWrongEffectAreRefused(t *testing.T) {
	forbid := `forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("Env") && resource.getTag("Env") == "PROD" };`
	permit := `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("Env") && resource.getTag("Env") == "PROD" };`
	_, err := New(Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: permit}, {Cedar: forbid}}}})
	assert.EqualError(t, err, "SSM-JustInTimeAccessAutoApprovalPolicy: AutoApprovalPolicyDocuments[1]: line 1, column 1: statement 1 is a forbid statement: "+
		"an auto-approval policy holds only permit statements (deny automatic access in the organization's deny-access policy) (jitna validate reports it too; the service would not take the document)")
	_, err = New(Policies{DenyAccess: &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: forbid + "\n" + permit}}}})
	assert.ErrorContains(t, err, "SSM-JustInTimeAccessDenyAccessOrgPolicy: AutoApprovalPolicyDocuments[0]: line 2, column 1: statement 2 is a permit statement")
	sim, err := New(Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: permit}}}, DenyAccess: &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: forbid}}}})
	require.NoError(t, err, "each of the right effect")
	d := sim.Decide(Node{Tags: map[string]string{"Env": "PROD"}}, Requester{UserID: "u"})
	assert.True(t, d.AutoApprovalDenied)
	assert.NotEqual(t, AutoApproved, d.Outcome)
}

func TestEvaluationErrorsAreExplained(t *testing.T) {
	// Not valid under strict validation, but a hand-written template may hold it.
	sim, err := New(Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: `permit(principal, action, resource) when { resource.getTag("ENV") == "DEV" };`}}}})
	require.NoError(t, err)
	d := sim.Decide(Node{}, Requester{})
	assert.Equal(t, NoApplicablePolicy, d.Outcome)
	assert.Contains(t, strings.Join(d.Explanation, "\n"), "does not match: evaluating it fails")
}

// The AWS sample's policies, read from the sample template.
func TestTheAWSSample(t *testing.T) {
	p, err := FromTemplateFiles(sampleFile(t))
	require.NoError(t, err)
	for _, sc := range SampleScenarios() {
		sc.Check(t, p)
	}
}

func TestExpectHelper(t *testing.T) {
	p := documentedPolicies(t)
	Expect(t, p).Node(map[string]string{"ENV": "DEV"}).User("u-1").IsAutoApproved()
	Expect(t, p).Node(map[string]string{"Workload": "Payments"}).User("u-1").NeedsManualApproval("Finance")
	Expect(t, p).Node(map[string]string{"Workload": "Finance", "Environment": "Production"}).User("u-1").IsConflict("Finance", "Production")
	Expect(t, p).Node(map[string]string{"Environment": "Staging"}).IAMRole("Ops", map[string]string{"Team": "ops"}).IsAutoApproved()
	Expect(t, p).Node(map[string]string{"Purpose": "Testing"}).Managed().User("u-1").WithAttribute("employeeNumber", "E-1").IsAutoApproved()
	Expect(t, Policies{}).Node(nil).User("u-1").CannotRequest()

	// A failed expectation reports the explanation.
	rec := &recorder{TB: t}
	Expect(rec, p).Node(map[string]string{"ENV": "DEV"}).User("u-1").CannotRequest()
	assert.Contains(t, rec.msg, "expected no-applicable-policy, got auto-approved:\n  request: user u-1")

	// IsConflict without names accepts any conflict; with names, only
	// those policies, in policy order.
	conflict := map[string]string{"Workload": "Finance", "Environment": "Production"}
	rec = &recorder{TB: t}
	Expect(rec, p).Node(conflict).User("u-1").IsConflict()
	assert.Empty(t, rec.msg)
	Expect(rec, p).Node(conflict).User("u-1").IsConflict("Production", "Finance")
	assert.Contains(t, rec.msg, "expected a conflict between Production, Finance, got conflict")
	rec = &recorder{TB: t}
	Expect(rec, p).Node(map[string]string{"Workload": "Payments"}).User("u-1").IsConflict()
	assert.Contains(t, rec.msg, "expected a conflict between , got manual-approval")
}

type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Errorf(format string, args ...any) { r.msg = fmt.Sprintf(format, args...) }

// sampleFile writes the AWS sample just-in-time-cfn-approval-policies.yaml
// to a file of the test's and returns its path.
func sampleFile(t *testing.T) string {
	t.Helper()
	path, _, err := awssamples.WriteTo(t.TempDir())
	require.NoError(t, err)
	return path
}
