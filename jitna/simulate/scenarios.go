package simulate

import (
	"strings"
	"testing"
)

// Scenario is one request with its expected outcome, for tests that run the
// same expectations against several sources of the same policies (the AWS
// sample file, a synthesized template).
type Scenario struct {
	Name      string
	Node      Node
	Requester Requester
	Outcome   Outcome
	// Policy is the manual approval policy expected (NeedsManualApproval).
	Policy string
	// Conflicting are the policies expected in a conflict.
	Conflicting []string
}

// Check decides the scenario against policies and fails t when the outcome
// differs, with the explanation.
func (sc Scenario) Check(t testing.TB, p Policies) Decision {
	t.Helper()
	sim, err := New(p)
	if err != nil {
		t.Fatalf("%s: %v", sc.Name, err)
	}
	d := sim.Decide(sc.Node, sc.Requester)
	got := ""
	if d.Policy != nil {
		got = d.Policy.Name
	}
	if d.Outcome != sc.Outcome || got != sc.Policy || strings.Join(d.Conflicting, ",") != strings.Join(sc.Conflicting, ",") {
		t.Errorf("%s: expected %s %s%v, got %s %s%v:\n  %s", sc.Name, sc.Outcome, sc.Policy, sc.Conflicting, d.Outcome, got, d.Conflicting, strings.Join(d.Explanation, "\n  "))
	}
	return d
}

// SampleScenarios returns the AWS sample's policies at work
// (just-in-time-cfn-approval-policies.yaml): development nodes are
// auto-approved, the two workloads need their manual policy, and an untagged
// node cannot be requested.
func SampleScenarios() []Scenario {
	return []Scenario{
		{Name: "ENV=DEV is auto-approved", Node: Node{Tags: map[string]string{"ENV": "DEV"}}, Outcome: AutoApproved},
		{Name: "ENV=DEV managed node is auto-approved", Node: Node{Type: Managed, Tags: map[string]string{"ENV": "DEV"}}, Outcome: AutoApproved},
		{Name: "Workload=E-commerce needs the E-commerce policy", Node: Node{Tags: map[string]string{"Workload": "E-commerce"}},
			Outcome: NeedsManualApproval, Policy: "E-commerce-Manual-Approval-Policy"},
		{Name: "Workload=FinanceApplication needs the Finance policy", Node: Node{Tags: map[string]string{"Workload": "FinanceApplication", "ENV": "PROD"}},
			Outcome: NeedsManualApproval, Policy: "FinanceApplication-Manual-Approval-Policy"},
		{Name: "an untagged node cannot be requested", Node: Node{}, Outcome: NoApplicablePolicy},
		{Name: "Workload=Other cannot be requested", Node: Node{Tags: map[string]string{"Workload": "Other"}}, Outcome: NoApplicablePolicy},
	}
}
