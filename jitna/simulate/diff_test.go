package simulate

import (
	"fmt"
	"strings"
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
		assert.Equal(t, UngroupedUser, c.Requester)
	}
	assert.Equal(t, Widens, got["i-finance"].Class)
	assert.Equal(t, "approval is easier: access 4h0m0s → 8h0m0s", got["i-finance"].Why)
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
	base.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 2, Approvers: []policy.Approver{policy.IamUserApprover("x"), policy.IamUserApprover("y")}}}
	decide := func(p policy.ManualApproval) Decision {
		return sim(t, Policies{Manual: []policy.ManualApproval{p}}).Decide(Node{Tags: map[string]string{"K": "v"}}, Requester{})
	}
	level := func(min int, users ...string) policy.ApprovalLevel {
		l := policy.ApprovalLevel{MinRequiredApprovals: min}
		for _, u := range users {
			l.Approvers = append(l.Approvers, policy.IamUserApprover(u))
		}
		return l
	}
	for _, tc := range []struct {
		name  string
		edit  func(p *policy.ManualApproval)
		class Class
		why   string
	}{
		{"fewer required approvals", func(p *policy.ManualApproval) { p.ApprovalLevels[0].MinRequiredApprovals = 1 }, Widens,
			"approval is easier: 1 person can approve where 2 were needed; level 1: required approvals 2 → 1"},
		{"another level, approved by one already counted", func(p *policy.ManualApproval) {
			p.ApprovalLevels = append(p.ApprovalLevels, level(1, "x"))
		}, Narrows, "approval is harder: approval levels 1 → 2"},
		{"another level of someone else", func(p *policy.ManualApproval) {
			p.ApprovalLevels = append(p.ApprovalLevels, level(1, "z"))
		}, Narrows, "approval is harder: 3 people are needed where 2 could approve; approval levels 1 → 2"},
		{"an approver replaced", func(p *policy.ManualApproval) {
			p.ApprovalLevels[0] = level(2, "x", "z")
		}, Unordered, "approval is easier in one way and harder in another: level 1: approvers added IamUser:z; level 1: approvers removed IamUser:y"},
		// Separation of duties: two people were needed, one now approves
		// both levels alone.
		{"two of two split into two levels of one of two", func(p *policy.ManualApproval) {
			p.ApprovalLevels = []policy.ApprovalLevel{level(1, "x", "y"), level(1, "x", "y")}
		}, Unordered, "approval is easier in one way and harder in another: 1 person can approve where 2 were needed; level 1: required approvals 2 → 1; approval levels 1 → 2"},
		{"a group added", func(p *policy.ManualApproval) {
			p.ApprovalLevels[0].Approvers = append(p.ApprovalLevels[0].Approvers, policy.SSOGroupApprover("g"))
		}, Widens, "approval is easier: level 1: approvers added SSOGroup:g"},
		{"shorter access", func(p *policy.ManualApproval) { p.AccessDuration = time.Hour }, Narrows, "approval is harder: access 4h0m0s → 1h0m0s"},
		{"another policy asking the same", func(p *policy.ManualApproval) { p.Name = "B" }, "", ""},
	} {
		after := base
		after.ApprovalLevels = append([]policy.ApprovalLevel(nil), base.ApprovalLevels...)
		tc.edit(&after)
		class, why, changed := classify(decide(base), decide(after))
		assert.Equal(t, tc.class != "", changed, tc.name)
		assert.Equal(t, tc.class, class, tc.name)
		assert.Equal(t, tc.why, why, tc.name)
	}
	_, _, changed := classify(decide(base), decide(base))
	assert.False(t, changed)
}

// Separation of duties: a level-2 approver replaced by one who approves
// level 1 already lets one person approve alone, although no approver was
// added and no count lowered.
func TestSeparationOfDutiesWeakened(t *testing.T) {
	alice, carol := policy.IamUserApprover("alice"), policy.IamUserApprover("carol")
	before := manualPolicy("A", policy.TagTarget{Key: "K", Values: []string{"v"}})
	before.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 1, Approvers: []policy.Approver{alice}}, {MinRequiredApprovals: 1, Approvers: []policy.Approver{carol}}}
	after := before
	after.ApprovalLevels = []policy.ApprovalLevel{before.ApprovalLevels[0], {MinRequiredApprovals: 1, Approvers: []policy.Approver{alice}}}
	c := CompareApproval(before, after)
	assert.Equal(t, []string{"1 person can approve where 2 were needed", "level 2: approvers added IamUser:alice"}, c.Wider)
	class, _, _ := c.Class()
	assert.NotEqual(t, Narrows, class)
	r := Diff(sim(t, Policies{Manual: []policy.ManualApproval{before}}), sim(t, Policies{Manual: []policy.ManualApproval{after}}), []Node{{ID: "i-1", Tags: map[string]string{"K": "v"}}}, nil)
	assert.True(t, r.Widening())
}

// More approvers than can be searched exactly: the change is not ordered.
func TestApprovalTooLargeToOrder(t *testing.T) {
	var many []policy.Approver
	for i := range 21 {
		many = append(many, policy.IamUserApprover(fmt.Sprint("u", i)))
	}
	before := manualPolicy("A", policy.TagTarget{Key: "K", Values: []string{"v"}})
	before.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 2, Approvers: many}}
	after := before
	after.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 3, Approvers: many}}
	c := CompareApproval(before, after)
	assert.False(t, c.Exact)
	class, why, changed := c.Class()
	assert.True(t, changed)
	assert.Equal(t, Unordered, class)
	assert.Equal(t, "the approvers are too many to compare exactly: level 1: required approvals 2 → 3", why)
	after.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 2, Approvers: many[:20]}}
	assert.True(t, CompareApproval(after, after).Exact, "20 people are searched exactly")
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
	assert.Equal(t, "the change widens access:\n  widens: node i-1 (Env=PROD), a user in no group: manual approval by Prod (1 level(s), 4h0m0s) becomes auto-approved", rec.msg)
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
		// c and d share one change over the same nodes: one group.
		{Class: Unordered, Node: n("i-7"), Requester: "c", Why: "v"},
		{Class: Unordered, Node: n("i-7"), Requester: "d", Why: "v"},
		{Class: Unordered, Node: n("i-8"), Requester: "c", Why: "v"},
		{Class: Unordered, Node: n("i-8"), Requester: "d", Why: "v"},
		// e shares the why over other nodes: a group of its own.
		{Class: Unordered, Node: n("i-8"), Requester: "e", Why: "v"},
	}}
	assert.Equal(t, []ChangeGroup{
		{Class: Breaks, Requesters: []string{"a"}, Why: "z", Nodes: []Node{n("i-4")}},
		{Class: Widens, Requesters: []string{"a"}, Why: "y", Nodes: []Node{n("i-2"), n("i-5")}},
		{Class: Widens, Requesters: []string{"b"}, Why: "y", Nodes: []Node{n("i-3")}},
		{Class: Widens, Requesters: []string{"a"}, Why: "w", Nodes: []Node{n("i-6")}},
		{Class: Unordered, Requesters: []string{"c", "d"}, Why: "v", Nodes: []Node{n("i-7"), n("i-8")}},
		{Class: Unordered, Requesters: []string{"e"}, Why: "v", Nodes: []Node{n("i-8")}},
		{Class: Narrows, Requesters: []string{"a"}, Why: "x", Nodes: []Node{n("i-1")}},
	}, r.Groups())
}

// Only a statement naming a node (EC2 or managed) makes decisions depend on
// node ids; naming a group or a user does not.
func TestNamesNodes(t *testing.T) {
	for cedar, want := range map[string]bool{
		`permit (principal in AWS::IdentityStore::Group::"g", action, resource);`:                      false,
		`permit (principal == AWS::IdentityStore::User::"u", action, resource);`:                       false,
		`permit (principal, action, resource == AWS::EC2::Instance::"i-1");`:                           true,
		`permit (principal, action, resource == AWS::SSM::ManagedInstance::"mi-1");`:                   true,
		`permit (principal, action, resource) when { resource == AWS::SSM::ManagedInstance::"mi-1" };`: true,
	} {
		s := sim(t, Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: cedar}}}})
		assert.Equal(t, want, s.namesNodes(), cedar)
	}
}

// The stand-in for a user of no group takes the first id no statement
// names: anyone, then anyone-2, anyone-3.
func TestUnnamedUser(t *testing.T) {
	names := func(ids ...string) *Simulator {
		var cedar []string
		for _, id := range ids {
			cedar = append(cedar, fmt.Sprintf(`permit (principal == AWS::IdentityStore::User::%q, action, resource);`, id))
		}
		return sim(t, Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: strings.Join(cedar, "\n")}}}})
	}
	assert.Equal(t, "anyone", unnamedUser(sim(t, Policies{})))
	assert.Equal(t, "anyone-3", unnamedUser(names("anyone", "anyone-2")))
	assert.Equal(t, "anyone-2", unnamedUser(names("anyone-3"), names("anyone")), "named by either simulator")
	d := names("anyone").Decide(Node{ID: "i-1"}, Requester{})
	assert.Equal(t, NoApplicablePolicy, d.Outcome, "a permit for the user anyone is not a permit for everyone")
}
