package simulate

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// The manual status of a node is decided before auto-approval: a node two
// manual policies target is a conflict, and a node one targets is manual,
// even when some requester is auto-approved for it.
func TestCoverageStatusOrder(t *testing.T) {
	p := Policies{
		AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("Env") && resource.getTag("Env") == "DEV" };`}}},
		Manual: []policy.ManualApproval{
			manualPolicy("Team", policy.TagTarget{Key: "Team", Values: []string{"ops"}}),
			manualPolicy("Workload", policy.TagTarget{Key: "Workload", Values: []string{"pay"}}),
		},
	}
	sim, err := New(p)
	require.NoError(t, err)
	r := sim.Coverage([]Node{
		{ID: "i-conflict", Tags: map[string]string{"Env": "DEV", "Team": "ops", "Workload": "pay"}},
		{ID: "i-manual", Tags: map[string]string{"Env": "DEV", "Team": "ops"}},
		{ID: "i-auto", Tags: map[string]string{"Env": "DEV"}},
		{ID: "i-none", Tags: map[string]string{"Env": "PROD"}},
	}, []NamedRequester{{Name: "anyone"}})
	got := make([]Status, len(r.Nodes))
	for i, c := range r.Nodes {
		got[i] = c.Status
	}
	assert.Equal(t, []Status{StatusConflict, StatusManual, StatusAutoOnly, StatusUnreachable}, got)
	assert.Equal(t, []string{"Team", "Workload"}, r.Nodes[0].Conflicting)
	assert.Equal(t, "Team", r.Nodes[1].ManualPolicy)
	assert.Equal(t, []string{"anyone"}, r.Nodes[0].AutoApprovedFor)
	assert.Equal(t, Totals{Nodes: 4, Manual: 1, Conflicts: 1, AutoOnly: 1, Unreachable: 1, AutoApproved: 3}, r.Totals)
}

// A policy that targets two tag keys applies once to a node with both: it
// does not conflict with itself.
func TestPolicyOnTwoTagKeysDoesNotConflictWithItself(t *testing.T) {
	p := Policies{Manual: []policy.ManualApproval{manualPolicy("Prod",
		policy.TagTarget{Key: "Env", Values: []string{"PROD"}}, policy.TagTarget{Key: "Tier", Values: []string{"db", "web"}})}}
	sim, err := New(p)
	require.NoError(t, err)
	d := sim.Decide(Node{Tags: map[string]string{"Env": "PROD", "Tier": "db"}}, Requester{})
	assert.Equal(t, NeedsManualApproval, d.Outcome, strings.Join(d.Explanation, "\n"))
	assert.Nil(t, d.Conflicting)
	r := sim.Coverage([]Node{{ID: "i-1", Tags: map[string]string{"Env": "PROD", "Tier": "db"}}}, nil)
	assert.Equal(t, StatusManual, r.Nodes[0].Status)
}

// An access duration, approval levels and the deciding policy come from the
// one policy that applies, defaults applied.
func TestManualDecisionCarriesThePolicy(t *testing.T) {
	p := Policies{Manual: []policy.ManualApproval{{Name: "Ops", Targets: []policy.TagTarget{{Key: "Team", Values: []string{"ops"}}},
		ApprovalLevels: []policy.ApprovalLevel{{Approvers: []policy.Approver{policy.IamRoleApprover("a")}}, {Approvers: []policy.Approver{policy.IamRoleApprover("b")}}}}}}
	sim, err := New(p)
	require.NoError(t, err)
	d := sim.Decide(Node{Tags: map[string]string{"Team": "ops"}}, Requester{})
	require.NotNil(t, d.Policy)
	want := p.Manual[0].WithDefaults()
	assert.Equal(t, want.AccessDuration, d.AccessDuration)
	assert.Contains(t, d.Explanation, "outcome: manual approval by Ops, 2 level(s), access for "+want.AccessDuration.String())
}

// Two auto-approval or two deny-access policies cannot be simulated
// together: the error names both.
func TestFromTemplatesRefusesTwoPoliciesOfAKind(t *testing.T) {
	permit := `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);`
	forbid := `forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);`
	for name, tc := range map[string]struct {
		p    policy.Policy
		want string
	}{
		"auto": {policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: permit}}}, "more than one auto-approval policy: a.yaml: A, b.yaml: A"},
		"deny": {policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: forbid}}}, "more than one deny-access policy: a.yaml: A, b.yaml: A"},
		// Which of two documents of one name applies is not known: the
		// report would credit the nodes to either.
		"manual": {manualPolicy("Ops", policy.TagTarget{Key: "Team", Values: []string{"ops"}}), "two manual approval policies named Ops: a.yaml: A and b.yaml: A"},
	} {
		a := templateOf(t, "a.yaml", tc.p)
		_, err := FromTemplates(a)
		require.NoError(t, err, name)
		_, err = FromTemplates(a, templateOf(t, "b.yaml", tc.p))
		assert.ErrorContains(t, err, tc.want, name)
	}
}

// templateOf is a template holding the policy as the document A.
func templateOf(t *testing.T, file string, p policy.Policy) *template.Template {
	t.Helper()
	d := p.Document()
	tmpl, err := template.FromValue(file, map[string]any{"Resources": map[string]any{"A": map[string]any{
		"Type": "AWS::SSM::Document", "Properties": map[string]any{"Name": d.Name, "DocumentType": d.Type, "DocumentFormat": d.Format, "Content": d.Content},
	}}})
	require.NoError(t, err)
	return tmpl
}

// The coverage report survives JSON: what jitna coverage --output json
// writes reads back to the same report.
func TestReportJSONRoundTrip(t *testing.T) {
	p, nodes, requesters := largeEstate()
	sim, err := New(p)
	require.NoError(t, err)
	r := sim.Coverage(nodes[:200], requesters)
	data, err := json.Marshal(r)
	require.NoError(t, err)
	var back Report
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, r, back)
}
