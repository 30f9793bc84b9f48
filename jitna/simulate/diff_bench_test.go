package simulate

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// diffEstate is largeEstate with 20 requesters, and a changed copy of its
// policies: one manual policy's target widened, one auto-approval statement
// added.
func diffEstate() (before, after *Simulator, nodes []Node, requesters []NamedRequester, err error) {
	p, nodes, _ := largeEstate()
	for i := range 20 {
		requesters = append(requesters, NamedRequester{Name: fmt.Sprint("user-", i), Requester: Requester{UserID: fmt.Sprint("u", i), Groups: []string{[]string{"oncall", "dev", "ops", "sec"}[i%4]}}})
	}
	changed := p
	changed.Manual = append([]policy.ManualApproval(nil), p.Manual...)
	changed.Manual[3].Targets = []policy.TagTarget{{Key: "Workload", Values: []string{"w3", "w55"}}}
	auto := *p.AutoApproval
	auto.Documents = append(append([]policy.CedarDocument(nil), auto.Documents...), policy.CedarDocument{Cedar: `
permit (principal in AWS::IdentityStore::Group::"ops", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("Team") && resource.getTag("Team") == "ops" };`})
	changed.AutoApproval = &auto
	if before, err = New(p); err != nil {
		return
	}
	after, err = New(changed)
	return
}

// BenchmarkDiff: 10,000 nodes × 20 requesters × 50 manual policies, Cedar
// evaluated for every pair on both sides.
func BenchmarkDiff(b *testing.B) {
	before, after, nodes, requesters, err := diffEstate()
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		r := Diff(before, after, nodes, requesters)
		if r.Summary.Widens == 0 {
			b.Fatal("the change widens access")
		}
	}
}

// naiveDiff is Diff without shared work: every pair decided on both
// sides, with every group of the requester.
func naiveDiff(before, after *Simulator, nodes []Node, requesters []NamedRequester) DiffReport {
	r := DiffReport{Policies: DiffPolicies(before.policies, after.policies)}
	for _, n := range nodes {
		for _, q := range requesters {
			b, a := before.Decide(n, q.Requester), after.Decide(n, q.Requester)
			class, why, changed := classify(b, a)
			if !changed {
				r.Summary.Unchanged++
				continue
			}
			r.Summary.count(class)
			r.Changes = append(r.Changes, Change{Class: class, Node: n, Requester: q.Name, Before: &b, After: &a, Why: why})
		}
	}
	return r
}

// sameChanges compares two lists of changes by class, node, requester,
// why and the outcomes decided.
func sameChanges(t *testing.T, want, got []Change) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		w, g := want[i], got[i]
		require.Equal(t, [4]any{w.Class, w.Node.ID, w.Requester, w.Why}, [4]any{g.Class, g.Node.ID, g.Requester, g.Why}, i)
		require.Equal(t, [2]Outcome{w.Before.Outcome, w.After.Outcome}, [2]Outcome{g.Before.Outcome, g.After.Outcome}, i)
		require.Nil(t, g.Before.Explanation, "a diff's decisions are shared: no node's explanation")
	}
}

// Sharing work between nodes alike gives the report deciding every pair
// gives, change for change.
func TestDiffSharesWorkExactly(t *testing.T) {
	before, after, nodes, requesters, err := diffEstate()
	require.NoError(t, err)
	nodes = nodes[:1200]
	// Groups no statement names change nothing.
	for i := range requesters {
		requesters[i].Groups = append(requesters[i].Groups, "unnamed-1", "unnamed-2")
	}
	got, want := Diff(before, after, nodes, requesters), naiveDiff(before, after, nodes, requesters)
	require.Equal(t, want.Summary, got.Summary)
	sameChanges(t, want.Changes, got.Changes)
	require.Positive(t, got.Summary.Widens)
}

// A statement that names a node by id tells two nodes with the same tags
// apart: the diff decides those nodes one by one.
func TestDiffOfAStatementNamingANode(t *testing.T) {
	p, _, _ := largeEstate()
	changed := p
	auto := *p.AutoApproval
	auto.Documents = append(append([]policy.CedarDocument(nil), auto.Documents...), policy.CedarDocument{Cedar: `
permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource == AWS::EC2::Instance :: "i-2");`})
	changed.AutoApproval = &auto
	before, err := New(p)
	require.NoError(t, err)
	after, err := New(changed)
	require.NoError(t, err)
	nodes := []Node{{ID: "i-1", Tags: map[string]string{"Workload": "w59"}}, {ID: "i-2", Tags: map[string]string{"Workload": "w59"}}}
	r := Diff(before, after, nodes, nil)
	require.Len(t, r.Changes, 1)
	require.Equal(t, "i-2", r.Changes[0].Node.ID)
	require.Equal(t, Widens, r.Changes[0].Class)
	want := naiveDiff(before, after, nodes, []NamedRequester{{Name: UngroupedUser, Requester: Requester{UserID: "anyone"}}})
	require.Equal(t, want.Summary, r.Summary)
	sameChanges(t, want.Changes, r.Changes)
}

// Nodes whose tags differ only in where a separator falls have different
// shapes; the same tags in any order, and the type, make the shape.
func TestNodeShape(t *testing.T) {
	a := Node{Tags: map[string]string{"a=b": "c"}}
	b := Node{Tags: map[string]string{"a": "b=c"}}
	require.NotEqual(t, a.shape(), b.shape())
	require.Equal(t, Node{ID: "x", Tags: map[string]string{"k": "v", "j": "w"}}.shape(), Node{ID: "y", Tags: map[string]string{"j": "w", "k": "v"}}.shape())
	require.NotEqual(t, Node{Type: Managed}.shape(), Node{}.shape())
}

// A comment inside the node literal does not hide it: nodes with the same
// tags are still decided one by one, whatever the inventory's order.
func TestDiffOfANodeNamedAroundAComment(t *testing.T) {
	before, err := New(Policies{})
	require.NoError(t, err)
	after, err := New(Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: "permit (principal, action, resource == AWS::EC2::Instance:: // the bastion\n  \"i-0000000000000bad0\");"}}}})
	require.NoError(t, err)
	bad := Node{ID: "i-0000000000000bad0", Tags: map[string]string{"Role": "bastion"}}
	good := Node{ID: "i-0000000000000cafe", Tags: map[string]string{"Role": "bastion"}}
	for _, nodes := range [][]Node{{good, bad}, {bad, good}} {
		r := Diff(before, after, nodes, nil)
		require.Len(t, r.Changes, 1, nodes)
		require.Equal(t, bad.ID, r.Changes[0].Node.ID)
	}
}
