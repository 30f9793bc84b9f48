package policy

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckSet(t *testing.T) {
	auto := AutoApproval{Documents: []CedarDocument{{Cedar: validCedar}}}
	all := func(name string) *ManualApproval {
		m := manual(func(m *ManualApproval) { m.Name, m.Targets, m.AllNodes = name, nil, true })
		return &m
	}
	tagged := func(name, key string, values ...string) *ManualApproval {
		m := manual(func(m *ManualApproval) { m.Name, m.Targets = name, []TagTarget{{Key: key, Values: values}} })
		return &m
	}
	findings := CheckSet([]Entry{
		{"A/Auto", auto},
		{"A/Auto2", auto},
		{"A/All1", all("all-1")},
		{"A/All2", all("all-2")},
		{"A/Finance", tagged("finance", "Workload", "Finance", "Payments")},
		{"A/Payments", tagged("payments", "Workload", "Payments")},
		{"A/Prod", tagged("prod", "Environment", "PROD")},
		{"A/FinanceAgain", tagged("finance", "Workload", "Other")},
		{"A/Session", SessionSettings{}},
		{"A/Session2", &SessionSettings{}},
	})
	var lines []string
	for _, f := range findings {
		kind := "error"
		if f.Warning {
			kind = "warning"
		}
		lines = append(lines, kind+" "+f.String())
	}
	assert.Equal(t, []string{
		"error A/Auto2: is a second auto-approval policy (the first is A/Auto): an account and Region hold one",
		"error A/All2: targets all nodes, as A/All1 already does: at most one manual approval policy may target all nodes (requests would fail)",
		`error A/FinanceAgain: names the document "finance", as A/Finance already does: document names are unique in an account and Region`,
		"error A/Session2: is a second SSM-SessionManagerRunShell document (the first is A/Session): an account and Region hold one",
		"warning A/Payments: targets can match the same nodes as A/Finance (both target tag Workload=Payments): requests to a node that both policies apply to fail",
		"warning A/Prod: targets can match the same nodes as A/Finance (a node tagged Workload=Finance|Payments and Environment=PROD matches both): requests to a node that both policies apply to fail",
		"warning A/Prod: targets can match the same nodes as A/Payments (a node tagged Workload=Payments and Environment=PROD matches both): requests to a node that both policies apply to fail",
	}, lines)
}

func TestCheckSetCountsManualPolicies(t *testing.T) {
	var entries []Entry
	for i := range MaxManualApprovalPolicies + 2 {
		m := manual(func(m *ManualApproval) {
			m.Name = fmt.Sprintf("policy-%d", i)
			m.Targets[0].Values = []string{fmt.Sprint(i)}
		})
		entries = append(entries, Entry{Where: m.Name, Policy: m})
	}
	findings := CheckSet(entries)
	assert.Equal(t, []Finding{
		{Where: "policy-50", Message: "is manual approval policy number 51: an account and Region hold at most 50"},
		{Where: "policy-51", Message: "is manual approval policy number 52: an account and Region hold at most 50"},
	}, findings)
}

func TestOverlap(t *testing.T) {
	a := ManualApproval{Targets: []TagTarget{{Key: "Workload", Values: []string{"A"}}}}
	b := ManualApproval{Targets: []TagTarget{{Key: "Workload", Values: []string{"B"}}}}
	_, ok := Overlap(a, b)
	assert.False(t, ok, "the same key with other values never matches one node")
	_, ok = Overlap(a, ManualApproval{AllNodes: true})
	assert.False(t, ok, "tag-specific targets win over all-nodes targets")
}
