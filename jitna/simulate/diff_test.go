package simulate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

const prodPermit = `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("Env") && resource.getTag("Env") == "PROD" };`

func sim(t *testing.T, p Policies) *Simulator {
	t.Helper()
	s, err := New(p)
	require.NoError(t, err)
	return s
}

func TestDiffClassifiesEachChange(t *testing.T) {
	finance := manualPolicy("Finance", policy.TagTarget{Key: "Workload", Values: []string{"Finance"}})
	payments := manualPolicy("Payments", policy.TagTarget{Key: "Workload", Values: []string{"Payments"}})
	before := Policies{Manual: []policy.ManualApproval{finance, payments, manualPolicy("Prod", policy.TagTarget{Key: "Env", Values: []string{"PROD"}})}}

	longer := finance
	longer.AccessDuration = 8 * time.Hour
	team := manualPolicy("Team", policy.TagTarget{Key: "Team", Values: []string{"data"}})
	after := Policies{
		Manual:       []policy.ManualApproval{longer, manualPolicy("Prod", policy.TagTarget{Key: "Env", Values: []string{"PROD"}}), team},
		AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: prodPermit}}},
	}
	nodes := []Node{
		{ID: "i-finance", Tags: map[string]string{"Workload": "Finance"}},
		{ID: "i-payments", Tags: map[string]string{"Workload": "Payments"}},
		{ID: "i-prod", Tags: map[string]string{"Env": "PROD"}},
		{ID: "i-both", Tags: map[string]string{"Workload": "Finance", "Team": "data"}},
		{ID: "i-other", Tags: map[string]string{"Team": "web"}},
	}
	r := Diff(sim(t, before), sim(t, after), nodes, nil)
	assert.Equal(t, DiffSummary{Widens: 2, Narrows: 1, Breaks: 1, Unchanged: 1}, r.Summary)
	require.Len(t, r.Changes, 4)
	got := map[string]Change{}
	for _, c := range r.Changes {
		got[c.Node.ID] = c
		assert.Equal(t, AnyRequester, c.Requester)
	}
	assert.Equal(t, Widens, got["i-finance"].Class)
	assert.Equal(t, "manual approval: access 4h0m0s → 8h0m0s", got["i-finance"].Why)
	assert.Equal(t, Narrows, got["i-payments"].Class)
	assert.Equal(t, "manual approval by Payments (1 level(s), 4h0m0s) becomes no applicable policy", got["i-payments"].Why)
	assert.Equal(t, Widens, got["i-prod"].Class)
	assert.Equal(t, "manual approval by Prod (1 level(s), 4h0m0s) becomes auto-approved", got["i-prod"].Why)
	assert.Equal(t, Breaks, got["i-both"].Class)
	assert.Equal(t, "manual approval by Finance (1 level(s), 4h0m0s) becomes conflict (Finance, Team): requests to the node fail", got["i-both"].Why)
	assert.True(t, r.Widening())
	assert.False(t, Diff(sim(t, before), sim(t, before), nodes, nil).Widening(), "no change")
}

func TestClassifyManual(t *testing.T) {
	base := manualPolicy("A", policy.TagTarget{Key: "K", Values: []string{"v"}})
	base.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 2, Approvers: []policy.Approver{policy.IamRoleApprover("x"), policy.IamRoleApprover("y")}}}
	decide := func(p policy.ManualApproval) Decision {
		return sim(t, Policies{Manual: []policy.ManualApproval{p}}).Decide(Node{Tags: map[string]string{"K": "v"}}, Requester{})
	}
	for _, tc := range []struct {
		name  string
		edit  func(p *policy.ManualApproval)
		class Class
		why   string
	}{
		{"fewer required approvals", func(p *policy.ManualApproval) { p.ApprovalLevels[0].MinRequiredApprovals = 1 }, Widens, "required approvals 2 → 1"},
		{"another level", func(p *policy.ManualApproval) {
			p.ApprovalLevels = append(p.ApprovalLevels, policy.ApprovalLevel{MinRequiredApprovals: 1, Approvers: []policy.Approver{policy.IamRoleApprover("x")}})
		}, Narrows, "approval levels 1 → 2; required approvals 2 → 3"},
		{"a new approver", func(p *policy.ManualApproval) {
			p.ApprovalLevels[0].Approvers = []policy.Approver{policy.IamRoleApprover("x"), policy.IamRoleApprover("z")}
		}, Widens, "new approvers IamRole:z; approvers removed IamRole:y"},
		{"shorter access", func(p *policy.ManualApproval) { p.AccessDuration = time.Hour }, Narrows, "access 4h0m0s → 1h0m0s"},
		{"another policy", func(p *policy.ManualApproval) { p.Name = "B" }, Widens, "policy A → B"},
	} {
		after := base
		after.ApprovalLevels = append([]policy.ApprovalLevel(nil), base.ApprovalLevels...)
		tc.edit(&after)
		class, why, changed := classify(decide(base), decide(after))
		assert.True(t, changed, tc.name)
		assert.Equal(t, tc.class, class, tc.name)
		assert.Equal(t, "manual approval: "+tc.why, why, tc.name)
	}
	_, _, changed := classify(decide(base), decide(base))
	assert.False(t, changed)
}

// The deny-access policy taking a request out of auto-approval, with the
// outcome the same, is a change too.
func TestDiffSeesTheDenyAccessPolicy(t *testing.T) {
	forbid := `forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("Env") && resource.getTag("Env") == "PROD" };`
	before := Policies{Manual: []policy.ManualApproval{manualPolicy("Prod", policy.TagTarget{Key: "Env", Values: []string{"PROD"}})}}
	after := before
	after.DenyAccess = &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: forbid}}}
	r := Diff(sim(t, before), sim(t, after), []Node{{ID: "i-1", Tags: map[string]string{"Env": "PROD"}}}, []NamedRequester{{Name: "alice", Requester: Requester{UserID: "u-1"}}})
	require.Len(t, r.Changes, 1)
	assert.Equal(t, Narrows, r.Changes[0].Class)
	assert.Equal(t, "alice", r.Changes[0].Requester)
	assert.Contains(t, r.Changes[0].Why, "the deny-access policy now takes the request out of auto-approval")
	r = Diff(sim(t, after), sim(t, before), []Node{{ID: "i-1", Tags: map[string]string{"Env": "PROD"}}}, nil)
	assert.Equal(t, Widens, r.Changes[0].Class)
}

func TestExpectNoWidening(t *testing.T) {
	before := Policies{Manual: []policy.ManualApproval{manualPolicy("Prod", policy.TagTarget{Key: "Env", Values: []string{"PROD"}})}}
	after := Policies{Manual: before.Manual, AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: prodPermit}}}}
	nodes := []Node{{ID: "i-1", Tags: map[string]string{"Env": "PROD"}}}
	ExpectNoWidening(t, after, before, nodes, nil) // removing auto-approval narrows

	rec := &recorder{TB: t}
	ExpectNoWidening(rec, before, after, nodes, nil)
	assert.Equal(t, "the change widens access:\n  widens: node i-1 (Env=PROD), any requester: manual approval by Prod (1 level(s), 4h0m0s) becomes auto-approved", rec.msg)
}

// A new conflict alone makes the change one to stop; a conflict between
// other policies is a change, the same conflict none.
func TestDiffConflicts(t *testing.T) {
	a := manualPolicy("A", policy.TagTarget{Key: "K", Values: []string{"v"}})
	b := manualPolicy("B", policy.TagTarget{Key: "L", Values: []string{"w"}})
	c := manualPolicy("C", policy.TagTarget{Key: "M", Values: []string{"x"}})
	node := []Node{{ID: "i-1", Tags: map[string]string{"K": "v", "L": "w", "M": "x"}}}
	onlyA := sim(t, Policies{Manual: []policy.ManualApproval{a}})
	ab := sim(t, Policies{Manual: []policy.ManualApproval{a, b}})
	ac := sim(t, Policies{Manual: []policy.ManualApproval{a, c}})

	r := Diff(onlyA, ab, node, nil)
	assert.Equal(t, DiffSummary{Breaks: 1}, r.Summary)
	assert.True(t, r.Widening(), "breaking requests is stopped like widening")

	r = Diff(ab, ac, node, nil)
	assert.Equal(t, DiffSummary{Narrows: 1}, r.Summary)
	assert.Equal(t, "conflict (A, B) becomes conflict (A, C)", r.Changes[0].Why)
	assert.Equal(t, DiffSummary{Unchanged: 1}, Diff(ab, ab, node, nil).Summary)
	assert.False(t, DiffReport{Summary: DiffSummary{Narrows: 3}}.Widening())
}

func TestDiffGroups(t *testing.T) {
	n := func(id string) Node { return Node{ID: id} }
	r := DiffReport{Changes: []Change{
		{Class: Narrows, Node: n("i-1"), Requester: "a", Why: "x"},
		{Class: Widens, Node: n("i-2"), Requester: "a", Why: "y"},
		{Class: Widens, Node: n("i-3"), Requester: "b", Why: "y"},
		{Class: Breaks, Node: n("i-4"), Requester: "a", Why: "z"},
		{Class: Widens, Node: n("i-5"), Requester: "a", Why: "y"},
		{Class: Widens, Node: n("i-6"), Requester: "a", Why: "w"},
	}}
	assert.Equal(t, []ChangeGroup{
		{Class: Breaks, Requester: "a", Why: "z", Nodes: []Node{n("i-4")}},
		{Class: Widens, Requester: "a", Why: "y", Nodes: []Node{n("i-2"), n("i-5")}},
		{Class: Widens, Requester: "b", Why: "y", Nodes: []Node{n("i-3")}},
		{Class: Widens, Requester: "a", Why: "w", Nodes: []Node{n("i-6")}},
		{Class: Narrows, Requester: "a", Why: "x", Nodes: []Node{n("i-1")}},
	}, r.Groups())
}
