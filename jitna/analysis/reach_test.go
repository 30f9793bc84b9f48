package analysis

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// Some requester is auto-approved for a node exactly when the analysis
// finds one, whoever the statements single out: a group, an attribute
// pattern, a principal tag; a forbid that covers everyone leaves none.
func TestReachFindsSomeRequester(t *testing.T) {
	for _, tc := range []struct {
		name   string
		p      simulate.Policies
		node   simulate.Node
		reach  bool
		groups []string
	}{
		{"a group", simulate.Policies{AutoApproval: auto(`permit (principal in AWS::IdentityStore::Group::"sre", action, resource) when { resource.hasTag("env") && resource.getTag("env") == "dev" };`)},
			simulate.Node{ID: "i-1", Tags: map[string]string{"env": "dev"}}, true, []string{"sre"}},
		{"another tag", simulate.Policies{AutoApproval: auto(`permit (principal in AWS::IdentityStore::Group::"sre", action, resource) when { resource.hasTag("env") && resource.getTag("env") == "dev" };`)},
			simulate.Node{ID: "i-1", Tags: map[string]string{"env": "prod"}}, false, nil},
		{"an attribute pattern, not the contractors", simulate.Policies{
			AutoApproval: auto(`permit (principal, action, resource) when { principal has costCenter && principal.costCenter like "cc-*" };`),
			DenyAccess:   deny(`forbid (principal, action, resource) when { principal has costCenter && principal.costCenter like "cc-9*" };`)},
			simulate.Node{ID: "i-1"}, true, nil},
		{"everyone denied", simulate.Policies{
			AutoApproval: auto(`permit (principal, action, resource);`),
			DenyAccess:   deny(`forbid (principal, action, resource) when { resource.hasTag("env") && resource.getTag("env") like "prod*" };`)},
			simulate.Node{ID: "i-1", Tags: map[string]string{"env": "production"}}, false, nil},
		{"a node by id", simulate.Policies{AutoApproval: auto(`permit (principal, action, resource == AWS::EC2::Instance::"i-0000000000000bad0");`)},
			simulate.Node{ID: "i-0000000000000bad0"}, true, nil},
		{"another node", simulate.Policies{AutoApproval: auto(`permit (principal, action, resource == AWS::EC2::Instance::"i-0000000000000bad0");`)},
			simulate.Node{ID: "i-0000000000000cafe"}, false, nil},
	} {
		r, err := NewReach(tc.p)
		require.NoError(t, err, tc.name)
		who, ok, err := r.AutoApproved(tc.node)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.reach, ok, tc.name)
		if ok {
			sim, err := simulate.New(tc.p)
			require.NoError(t, err)
			assert.Equal(t, simulate.AutoApproved, sim.Decide(tc.node, who).Outcome, tc.name)
			if tc.groups != nil {
				assert.Equal(t, tc.groups, who.Groups, tc.name)
			}
		}
		// Asked again, the same answer (from what was found).
		again, ok2, _ := r.AutoApproved(tc.node)
		assert.Equal(t, ok, ok2)
		assert.Equal(t, who, again)
	}
}

// What the analysis cannot translate makes every answer an error: no
// silent "nobody".
func TestReachSaysWhenItIsNotExact(t *testing.T) {
	r, err := NewReach(simulate.Policies{AutoApproval: auto(`permit (principal, action, resource) when { principal has costCenter && principal has division && principal.costCenter == principal.division };`)})
	require.NoError(t, err)
	_, _, err = r.AutoApproved(simulate.Node{ID: "i-1"})
	assert.ErrorContains(t, err, "not exact")
}
