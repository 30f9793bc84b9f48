package report

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

const (
	devPermit = `// Anyone reaches development nodes.
permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("Env") && resource.getTag("Env") == "DEV" };`
	contractorForbid = `// Contractors never reach nodes automatically.
forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { principal has employeeNumber && principal.employeeNumber like "C-*" };`
)

func manual(name string, levels int, key, value string) policy.ManualApproval {
	m := policy.ManualApproval{Name: name, AccessDuration: 4 * time.Hour, Targets: []policy.TagTarget{{Key: key, Values: []string{value}}}}
	for i := range levels {
		m.ApprovalLevels = append(m.ApprovalLevels, policy.ApprovalLevel{Approvers: []policy.Approver{policy.SSOGroupApprover(name + "-approvers-" + string(rune('a'+i)))}})
	}
	return m
}

// estate is policies with every status: auto-approval for DEV nodes except
// for contractors, a Finance and a Prod policy that overlap on one node, and
// a node no policy targets.
func estate(t testing.TB) (*simulate.Simulator, []simulate.Node, []simulate.NamedRequester) {
	sim, err := simulate.New(simulate.Policies{
		AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: devPermit}}},
		DenyAccess:   &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: contractorForbid}}},
		Manual:       []policy.ManualApproval{manual("Finance", 2, "Workload", "Finance"), manual("Prod", 1, "Env", "PROD")},
	})
	require.NoError(t, err)
	nodes := []simulate.Node{
		{ID: "i-0dev000000000001", Tags: map[string]string{"Env": "DEV", "Name": "build-1"}},
		{ID: "i-0dev000000000002", Tags: map[string]string{"Env": "DEV", "Name": "build-2"}},
		{ID: "i-0fin000000000003", Tags: map[string]string{"Workload": "Finance"}},
		{ID: "i-0both00000000004", Tags: map[string]string{"Workload": "Finance", "Env": "PROD"}},
		{ID: "mi-0prod0000000005", Type: simulate.Managed, Tags: map[string]string{"Env": "PROD"}},
		{ID: "i-0lost00000000006", Tags: map[string]string{"Team": "data"}},
	}
	requesters := []simulate.NamedRequester{
		{Name: "developer", Requester: simulate.Requester{UserID: "u-1", Attributes: map[string]string{"employeeNumber": "E-100"}}},
		{Name: "contractor", Requester: simulate.Requester{UserID: "u-2", Attributes: map[string]string{"employeeNumber": "C-7"}}},
	}
	return sim, nodes, requesters
}

// change is estate's policies after a change: DEV auto-approval also for
// TEST nodes, Finance down to one level, Prod gone.
func change(t testing.TB) (before, after *simulate.Simulator, nodes []simulate.Node) {
	before, nodes, _ = estate(t)
	p := before.Policies()
	p.AutoApproval = &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: devPermit + `
permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("Env") && resource.getTag("Env") == "TEST" };`}}}
	p.Manual = []policy.ManualApproval{manual("Finance", 1, "Workload", "Finance")}
	after, err := simulate.New(p)
	require.NoError(t, err)
	return before, after, append(nodes, simulate.Node{ID: "i-0test00000000007", Tags: map[string]string{"Env": "TEST"}})
}
