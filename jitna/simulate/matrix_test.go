package simulate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// matrixPolicies: ops are auto-approved on DEV nodes and anyone on the data
// team's nodes, except PROD ones; Finance and Prod policies, and one for all
// other nodes.
func matrixPolicies(extraAuto string) Policies {
	return Policies{
		AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: `
permit (principal in AWS::IdentityStore::Group::"ops", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("Env") && resource.getTag("Env") == "DEV" };
permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag( "Team" ) && resource . getTag("Team") == "data" };` + extraAuto}}},
		DenyAccess: &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: prodForbid}}},
		Manual: []policy.ManualApproval{
			manualPolicy("Finance", policy.TagTarget{Key: "Workload", Values: []string{"Finance"}}),
			manualPolicy("Prod", policy.TagTarget{Key: "Env", Values: []string{"PROD"}}),
			manualPolicy("All-Nodes"),
		},
	}
}

var matrixNodes = []Node{
	{ID: "i-dev1", Tags: map[string]string{"Env": "DEV", "Name": "a"}},
	{ID: "i-fin", Tags: map[string]string{"Workload": "Finance"}},
	{ID: "i-dev2", Type: EC2, Tags: map[string]string{"Env": "DEV", "Name": "b"}},
	{ID: "i-both", Tags: map[string]string{"Workload": "Finance", "Env": "PROD"}},
	{ID: "i-data-prod", Tags: map[string]string{"Team": "data", "Env": "PROD"}},
	{ID: "mi-dev", Type: Managed, Tags: map[string]string{"Env": "DEV"}},
}

var matrixRequesters = []NamedRequester{{Name: "ops", Requester: Requester{Groups: []string{"ops"}}}, {Name: "alice"}}

func TestMatrixGroupsNodesByThePoliciesTags(t *testing.T) {
	s := sim(t, matrixPolicies(""))
	assert.Equal(t, []string{"Env", "Team", "Workload"}, s.TagKeys(), "targets' keys and the keys Cedar reads, however spaced; not Name")
	m := s.Matrix(matrixNodes, matrixRequesters)
	assert.Equal(t, []string{"ops", "alice"}, m.Requesters)
	auto, all := Cell{Outcome: AutoApproved}, Cell{Outcome: NeedsManualApproval, Policy: "All-Nodes"}
	finance := Cell{Outcome: NeedsManualApproval, Policy: "Finance"}
	conflict := Cell{Outcome: Conflict, Conflicting: []string{"Finance", "Prod"}, AutoApprovalDenied: true}
	denied := Cell{Outcome: NeedsManualApproval, Policy: "Prod", AutoApprovalDenied: true}
	assert.Equal(t, []NodeGroup{
		{Type: EC2, Tags: map[string]string{"Env": "DEV"}, Nodes: []string{"i-dev1", "i-dev2"}, Cells: []Cell{auto, all}},
		{Type: EC2, Tags: map[string]string{"Env": "PROD", "Team": "data"}, Nodes: []string{"i-data-prod"}, Cells: []Cell{denied, denied}},
		{Type: EC2, Tags: map[string]string{"Env": "PROD", "Workload": "Finance"}, Nodes: []string{"i-both"}, Cells: []Cell{conflict, conflict}},
		{Type: EC2, Tags: map[string]string{"Workload": "Finance"}, Nodes: []string{"i-fin"}, Cells: []Cell{finance, finance}},
		{Type: Managed, Tags: map[string]string{"Env": "DEV"}, Nodes: []string{"mi-dev"}, Cells: []Cell{auto, all}},
	}, m.Groups)

	anyone := s.Matrix(matrixNodes[:1], nil)
	assert.Equal(t, []string{UngroupedUser}, anyone.Requesters)
	assert.Equal(t, []Cell{all}, anyone.Groups[0].Cells, "any requester is in no group")
}

// A statement that names a node by id tells apart nodes whose tags are the
// same: they are two groups, both marked ambiguous.
func TestMatrixOfNodesNamedById(t *testing.T) {
	s := sim(t, matrixPolicies(`
permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource == AWS::EC2::Instance::"i-dev2");`))
	m := s.Matrix(matrixNodes[:3], matrixRequesters[1:])
	require.Len(t, m.Groups, 3)
	assert.Equal(t, []string{"i-dev1"}, m.Groups[0].Nodes)
	assert.Equal(t, []string{"i-dev2"}, m.Groups[1].Nodes)
	assert.Equal(t, AutoApproved, m.Groups[1].Cells[0].Outcome)
	assert.True(t, m.Groups[0].Ambiguous)
	assert.True(t, m.Groups[1].Ambiguous)
	assert.False(t, m.Groups[2].Ambiguous)
}
