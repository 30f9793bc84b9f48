package simulate

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// The explanation is what a reader of `jitna simulate` sees: it is pinned
// word for word, for the requester kinds, node kinds and each branch of the
// decision.
func TestExplanationWordForWord(t *testing.T) {
	p := documentedPolicies(t)
	p.Origins = map[string]string{policy.AutoApprovalName: "auto.cedar", "Finance": "Stack/Finance"}
	sim, err := New(p)
	require.NoError(t, err)

	d := sim.Decide(Node{Type: Managed, ID: "mi-1", Tags: map[string]string{"Workload": "Finance"}},
		Requester{IAMRole: "Operators", PrincipalTags: map[string]string{"Team": "ops"}})
	assert.Equal(t, []string{
		"request: IAM role Operators principal tags Team=ops, for managed node mi-1 with tags Workload=Finance",
		"deny-access: none of 3 forbid statements matches",
		"auto-approval: none of 5 permit statements matches",
		"manual approval: Finance applies: it targets tag Workload=Finance, which the node has [Stack/Finance]",
		"manual approval: All-Nodes targets all nodes, but tag-specific policies win over it",
		"outcome: manual approval by Finance, 1 level(s), access for 4h0m0s",
	}, d.Explanation)

	d = sim.Decide(Node{Tags: map[string]string{"ENV": "DEV"}}, Requester{})
	assert.Equal(t, []string{
		"request: user anyone (an id no statement names), for EC2 node i-0123456789abcdef0 with tags ENV=DEV",
		"deny-access: none of 3 forbid statements matches",
		"auto-approval: SSM-JustInTimeAccessAutoApprovalPolicy statement 5 (line 40 of its Cedar) permits the request [auto.cedar]",
		"outcome: auto-approved, access for 1h0m0s",
	}, d.Explanation)

	d = sim.Decide(Node{ID: "i-2"}, Requester{UserID: "alice", Groups: []string{"g1", "g2"}, Attributes: map[string]string{"division": "Ops"}})
	assert.Equal(t, []string{
		"request: user alice in groups g1, g2 with division=Ops, for EC2 node i-2 with tags (none)",
		"deny-access: none of 3 forbid statements matches",
		"auto-approval: none of 5 permit statements matches",
		"manual approval: All-Nodes applies: it targets all nodes and no tag-specific policy targets this node",
		"outcome: manual approval by All-Nodes, 1 level(s), access for 4h0m0s",
	}, d.Explanation)
}

// A node no manual policy targets, in a set without an all-nodes policy,
// cannot be requested, and the explanation says why.
func TestExplanationWhenNoPolicyApplies(t *testing.T) {
	p := documentedPolicies(t)
	p.Manual = p.Manual[:2] // Finance and Production, no all-nodes policy
	sim, err := New(p)
	require.NoError(t, err)
	d := sim.Decide(Node{ID: "i-3"}, Requester{UserID: "bob"})
	assert.Equal(t, NoApplicablePolicy, d.Outcome)
	assert.Equal(t, []string{
		"request: user bob, for EC2 node i-3 with tags (none)",
		"deny-access: none of 3 forbid statements matches",
		"auto-approval: none of 5 permit statements matches",
		"manual approval: none of 2 policies targets this node's tags, and none targets all nodes",
		"outcome: no applicable policy: the node cannot be requested",
	}, d.Explanation)
}

// Two tag-specific policies matching one node conflict, named in policy
// order whatever the order of the node's tags.
func TestConflictNamesPoliciesInPolicyOrder(t *testing.T) {
	sim, err := New(documentedPolicies(t))
	require.NoError(t, err)
	for range 20 { // map order varies between runs
		d := sim.Decide(Node{Tags: map[string]string{"Workload": "Payments", "Environment": "Production"}}, Requester{})
		require.Equal(t, Conflict, d.Outcome)
		assert.Equal(t, []string{"Finance", "Production"}, d.Conflicting)
	}
}

// Without an auto-approval policy a matching deny-access statement is still
// reported; a user id reaches Cedar as given.
func TestDenyWithoutAutoApprovalAndUserIDs(t *testing.T) {
	p := documentedPolicies(t)
	p.AutoApproval = nil
	sim, err := New(p)
	require.NoError(t, err)
	prod := Node{Tags: map[string]string{"Environment": "Production"}}
	d := sim.Decide(prod, Requester{Groups: []string{costCenterGroup}})
	assert.True(t, d.AutoApprovalDenied)
	assert.Len(t, d.DeniedBy, 1)
	assert.Contains(t, d.Explanation, "auto-approval policy: none")
	d = sim.Decide(prod, Requester{})
	assert.False(t, d.AutoApprovalDenied)

	auto := `permit (principal == AWS::IdentityStore::User::"alice", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);`
	sim, err = New(Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: auto}}}})
	require.NoError(t, err)
	assert.Equal(t, AutoApproved, sim.Decide(Node{}, Requester{UserID: "alice"}).Outcome)
	assert.Equal(t, NoApplicablePolicy, sim.Decide(Node{}, Requester{UserID: "bob"}).Outcome)
	assert.Equal(t, NoApplicablePolicy, sim.Decide(Node{}, Requester{}).Outcome)
}

// A policy that two of a node's tags match is explained by the first of
// them by key, the same on every run (map order would vary it).
func TestExplanationIsDeterministic(t *testing.T) {
	p := Policies{Manual: []policy.ManualApproval{{Name: "Both", AccessDuration: time.Hour,
		Targets:        []policy.TagTarget{{Key: "Workload", Values: []string{"Finance"}}, {Key: "Environment", Values: []string{"Production"}}},
		ApprovalLevels: []policy.ApprovalLevel{{Approvers: []policy.Approver{policy.IamRoleApprover("Lead")}}}}}}
	sim, err := New(p)
	require.NoError(t, err)
	node := Node{Tags: map[string]string{"Workload": "Finance", "Environment": "Production", "A": "1", "Z": "2"}}
	first := sim.Decide(node, Requester{}).Explanation
	assert.Contains(t, strings.Join(first, "\n"), "it targets tag Environment=Production, which the node has")
	for range 50 {
		assert.Equal(t, first, sim.Decide(node, Requester{}).Explanation)
	}
}
