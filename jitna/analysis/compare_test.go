package analysis

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

func auto(cedar ...string) *policy.AutoApproval {
	a := &policy.AutoApproval{}
	for _, c := range cedar {
		a.Documents = append(a.Documents, policy.CedarDocument{Cedar: c})
	}
	return a
}

func deny(cedar string) *policy.DenyAccess {
	return &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: cedar}}}
}

const permitDev = `permit (principal in AWS::IdentityStore::Group::"dev", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("env") && resource.getTag("env") == "dev" };`

func TestWideningScopedToAGroup(t *testing.T) {
	before := simulate.Policies{AutoApproval: auto(permitDev)}
	after := simulate.Policies{AutoApproval: auto(strings.Replace(permitDev, `resource.getTag("env") == "dev"`, `(resource.getTag("env") == "dev" || resource.getTag("env") == "staging")`, 1))}
	r := Compare(before, after, Options{})
	require.Empty(t, r.Inexact)
	require.True(t, r.Widening())
	require.Len(t, r.Changes, 1, "%+v", r.Changes)
	c := r.Changes[0]
	assert.Equal(t, simulate.Widens, c.Class)
	assert.Equal(t, []string{"dev"}, c.Witness.Requester.Groups)
	assert.Equal(t, "staging", c.Witness.Node.Tags["env"])
}

func TestNoChangeNoClass(t *testing.T) {
	p := simulate.Policies{AutoApproval: auto(permitDev), DenyAccess: deny(`forbid (principal, action, resource) when { resource.hasTag("env") && resource.getTag("env") like "prod*" };`)}
	r := Compare(p, p, Options{})
	assert.Empty(t, r.Inexact)
	assert.Empty(t, r.Changes)
	assert.False(t, r.Widening())
}

func TestDeletingTheDenyAccessPolicyWidens(t *testing.T) {
	permitAll := `permit (principal, action, resource) when { principal has costCenter };`
	before := simulate.Policies{AutoApproval: auto(permitAll), DenyAccess: deny(`forbid (principal, action, resource) when { resource.hasTag("env") && resource.getTag("env") like "prod*" };`)}
	after := simulate.Policies{AutoApproval: auto(permitAll)}
	r := Compare(before, after, Options{})
	require.Empty(t, r.Inexact)
	require.True(t, r.Widening())
	var found bool
	for _, c := range r.Changes {
		if c.Class == simulate.Widens && c.After == "auto-approved" {
			found = true
			assert.True(t, strings.HasPrefix(c.Witness.Node.Tags["env"], "prod"), c.Witness)
			assert.Contains(t, c.Witness.Requester.Attributes, "costCenter")
		}
	}
	assert.True(t, found, "%+v", r.Changes)
}

func TestCommentsDoNotHideANodeID(t *testing.T) {
	before := simulate.Policies{}
	after := simulate.Policies{AutoApproval: auto("permit (principal, action, resource == AWS::EC2::Instance:: // the bastion\n \"i-0000000000000bad0\");")}
	r := Compare(before, after, Options{})
	require.Empty(t, r.Inexact)
	require.Len(t, r.Changes, 1)
	assert.Equal(t, "i-0000000000000bad0", r.Changes[0].Witness.Node.ID)
}

func manual(name string, levels ...policy.ApprovalLevel) policy.ManualApproval {
	return policy.ManualApproval{Name: name, AccessDuration: 8 * time.Hour, AllNodes: true, ApprovalLevels: levels}
}

func level(min int, ids ...string) policy.ApprovalLevel {
	l := policy.ApprovalLevel{MinRequiredApprovals: min}
	for _, id := range ids {
		l.Approvers = append(l.Approvers, policy.Approver{Type: policy.IamUser, ID: id})
	}
	return l
}

func TestSeparationOfDutiesWeakened(t *testing.T) {
	for name, pair := range map[string][2]policy.ManualApproval{
		"Carol replaced by Alice": {manual("M", level(1, "Alice", "Bob"), level(1, "Carol")), manual("M", level(1, "Alice", "Bob"), level(1, "Alice"))},
		"2 of 2 split in levels":  {manual("M", level(2, "Alice", "Bob")), manual("M", level(1, "Alice", "Bob"), level(1, "Alice", "Bob"))},
	} {
		r := Compare(simulate.Policies{Manual: []policy.ManualApproval{pair[0]}}, simulate.Policies{Manual: []policy.ManualApproval{pair[1]}}, Options{})
		require.Empty(t, r.Inexact, name)
		require.Len(t, r.Changes, 1, name)
		assert.True(t, r.Widening(), name)
		assert.NotEqual(t, simulate.Narrows, r.Changes[0].Class, name)
		assert.Contains(t, r.Changes[0].Why, "1 person can approve where 2 were needed", name)
	}
}

func TestLikePatternsWitness(t *testing.T) {
	before := simulate.Policies{AutoApproval: auto(`permit (principal, action, resource) when { resource.hasTag("app") && resource.getTag("app") like "web-*" };`)}
	after := simulate.Policies{AutoApproval: auto(`permit (principal, action, resource) when { resource.hasTag("app") && resource.getTag("app") like "*-prod" };`)}
	r := Compare(before, after, Options{})
	require.Empty(t, r.Inexact)
	var widen, narrow int
	for _, c := range r.Changes {
		v := c.Witness.Node.Tags["app"]
		switch c.Class {
		case simulate.Widens:
			widen++
			assert.True(t, strings.HasSuffix(v, "-prod") && !strings.HasPrefix(v, "web-"), v)
		case simulate.Narrows:
			narrow++
			assert.True(t, strings.HasPrefix(v, "web-") && !strings.HasSuffix(v, "-prod"), v)
		}
	}
	assert.Equal(t, 1, widen)
	assert.Equal(t, 1, narrow)
}

// Beyond MaxClasses the changes of decision are still reported, without
// conditions, and a widening among them fails the gate.
func TestMaxClassesKeepsTheGate(t *testing.T) {
	before := simulate.Policies{AutoApproval: auto(`permit (principal, action, resource) when { resource.hasTag("env") && resource.getTag("env") == "dev" };`)}
	after := simulate.Policies{AutoApproval: auto(`permit (principal, action, resource) when { resource.hasTag("env") && resource.getTag("env") == "test" };`)}
	full := Compare(before, after, Options{})
	require.Len(t, full.Changes, 2)
	require.Empty(t, full.Omitted)
	// The narrowing comes last; with room for one class, the widening is
	// listed and the narrowing omitted.
	r := Compare(before, after, Options{MaxClasses: 1})
	require.Len(t, r.Changes, 1)
	assert.Equal(t, simulate.Widens, r.Changes[0].Class)
	require.Len(t, r.Omitted, 1)
	assert.Equal(t, simulate.Narrows, r.Omitted[0].Class)
	assert.Empty(t, r.Omitted[0].When)
	assert.True(t, r.Widening())
	// A widening left out still counts.
	assert.True(t, Report{Omitted: []Change{{Class: simulate.Widens}}}.Widening())
	assert.False(t, Report{Omitted: []Change{{Class: simulate.Narrows}}}.Widening())
}
