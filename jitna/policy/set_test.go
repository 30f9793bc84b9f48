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
		`warning A/Payments: manual approval policies "finance" and "payments" can apply to the same node (both target tag Workload=Payments): requests to such a node fail; if no node carries both targets, state it with IntendedOverlap`,
		`warning A/Prod: manual approval policies "finance" and "prod" can apply to the same node (a node tagged Workload=Finance|Payments and Environment=PROD matches both): requests to such a node fail; if no node carries both targets, state it with IntendedOverlap`,
		`warning A/Prod: manual approval policies "payments" and "prod" can apply to the same node (a node tagged Workload=Payments and Environment=PROD matches both): requests to such a node fail; if no node carries both targets, state it with IntendedOverlap`,
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

// Many pairs overlapping through the same tag keys give one warning: two
// policies on Environment and 48 on Team are 96 pairs.
func TestOverlapWarningsAreSummedUp(t *testing.T) {
	tagged := func(name, key, value string) Entry {
		return Entry{Where: "S/" + name, Policy: manual(func(m *ManualApproval) {
			m.Name, m.Targets = name, []TagTarget{{Key: key, Values: []string{value}}}
		})}
	}
	entries := []Entry{tagged("staging", "Environment", "STAGING"), tagged("prod", "Environment", "PROD")}
	for i := range 48 {
		entries = append(entries, tagged(fmt.Sprintf("team-%02d", i), "Team", fmt.Sprintf("t%02d", i)))
	}
	findings := CheckSet(entries)
	assert.Equal(t, []Finding{{Where: "S/team-00", Warning: true, ID: WarnOverlappingTargets, Message: `96 pairs of manual approval policies can apply to the same nodes through tag Environment and Team ` +
		`("staging" and "team-00"; "prod" and "team-00"; "staging" and "team-01", and 93 more pairs): requests to a node both policies of a pair apply to fail; if no node carries both targets, state it with IntendedOverlap`}}, findings)

	// At MaxOverlapPairs pairs, each is reported; one more, they are summed up.
	three := []Entry{tagged("a", "Environment", "A"), tagged("b", "Team", "B"), tagged("c", "Team", "C"), tagged("d", "Team", "D")}
	assert.Len(t, CheckSet(three), MaxOverlapPairs)
	assert.Len(t, CheckSet(append(three, tagged("e", "Team", "E"))), 1)

	// Groups are by tag keys: a shared value is another group.
	mixed := append(three, tagged("d2", "Team", "D"))
	var messages []string
	for _, f := range CheckSet(mixed) {
		messages = append(messages, f.Message)
	}
	assert.Len(t, messages, 2)
	assert.Contains(t, messages[0], "4 pairs of manual approval policies can apply to the same nodes through tag Environment and Team")
	assert.Contains(t, messages[1], `manual approval policies "d" and "d2" can apply to the same node (both target tag Team=D)`)
}

// A policy that states an overlap as intended is not warned about, for the
// policies it names or, naming none, for all.
func TestIntendedOverlap(t *testing.T) {
	policy := func(name, key string, o *IntendedOverlap) Entry {
		return Entry{Where: name, Policy: manual(func(m *ManualApproval) {
			m.Name, m.Targets, m.IntendedOverlap = name, []TagTarget{{Key: key, Values: []string{"x"}}}, o
		})}
	}
	reason := "Team tags are only on dev nodes, Environment=PROD never"
	assert.Empty(t, CheckSet([]Entry{policy("env", "Environment", nil), policy("team", "Team", &IntendedOverlap{Reason: reason})}))
	assert.Empty(t, CheckSet([]Entry{policy("env", "Environment", &IntendedOverlap{With: []string{"team"}, Reason: reason}), policy("team", "Team", nil)}))
	findings := CheckSet([]Entry{policy("env", "Environment", &IntendedOverlap{With: []string{"other"}, Reason: reason}), policy("team", "Team", nil)})
	assert.Len(t, findings, 1, "only the policies named")

	for o, want := range map[*IntendedOverlap]string{
		{Reason: "too short"}:                `IntendedOverlap.Reason: "too short" is too short: say in at least 10 characters why no node carries both targets`,
		{Reason: "  padded  "}:               `IntendedOverlap.Reason: "padded" is too short`,
		{With: []string{""}, Reason: reason}: "IntendedOverlap.With[0]: is required: the Name of another manual approval policy",
	} {
		m := manual(func(m *ManualApproval) { m.IntendedOverlap = o })
		assert.ErrorContains(t, m.WithDefaults().Validate(), want)
	}
	m := manual(func(m *ManualApproval) { m.IntendedOverlap = &IntendedOverlap{Reason: "ten chars!"} })
	assert.NoError(t, m.WithDefaults().Validate(), "at the limit")
}

func TestOverlap(t *testing.T) {
	a := ManualApproval{Targets: []TagTarget{{Key: "Workload", Values: []string{"A"}}}}
	b := ManualApproval{Targets: []TagTarget{{Key: "Workload", Values: []string{"B"}}}}
	_, ok := Overlap(a, b)
	assert.False(t, ok, "the same key with other values never matches one node")
	_, ok = Overlap(a, ManualApproval{AllNodes: true})
	assert.False(t, ok, "tag-specific targets win over all-nodes targets")
}

// One approver on two levels (in any spelling) is a warning on the policy,
// once per approver and later level; distinct approvers on each level are
// not.
func TestApproverOnTwoLevels(t *testing.T) {
	levels := func(approvers ...[]Approver) *ManualApproval {
		m := manual(func(m *ManualApproval) {
			m.ApprovalLevels = nil
			for _, a := range approvers {
				m.ApprovalLevels = append(m.ApprovalLevels, ApprovalLevel{Approvers: a})
			}
		})
		w := m.WithDefaults()
		return &w
	}
	lead, deputy := IamRoleApprover("Lead"), IamRoleApprover("Deputy")
	leadArn := IamRoleApprover("arn:aws:iam::123456789012:role/LEAD")
	assert.Empty(t, CheckSet([]Entry{{"S/P", levels([]Approver{lead}, []Approver{deputy})}}))
	assert.Equal(t, []Finding{{Where: "S/P", Warning: true, ID: WarnApproverOnTwoLevels,
		Message: `approver IamRole:arn:aws:iam::123456789012:role/LEAD is on levels 1 (ManualApproval) and 3 (ManualApproval3) of "Finance-Manual-Approval-Policy": they can pass both alone, so the levels do not add a second approver; give each level its own approvers`}},
		CheckSet([]Entry{{"S/P", levels([]Approver{lead}, []Approver{deputy}, []Approver{leadArn, deputy, lead})}})[:1])
	assert.Len(t, CheckSet([]Entry{{"S/P", levels([]Approver{lead}, []Approver{deputy}, []Approver{leadArn, deputy, lead})}}), 2,
		"Lead once on level 3 (twice there is a problem of its own), Deputy once")
	assert.Empty(t, CheckSet([]Entry{{"S/P", levels([]Approver{SSOGroupApprover("12ab34cd-56ef-78ab-90cd-123456789012")}, []Approver{SSOUserApprover("12ab34cd-56ef-78ab-90cd-123456789012")})}}),
		"a group and a user of one id are two approvers")
}
