package simulate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// PolicyChange is how one policy document differs between two versions of
// the policies. Cedar is compared statement by statement, as parsed: the
// layout, comments and order of statements do not count. A manual approval
// policy is compared by target value, approver and setting.
type PolicyChange struct {
	// Policy is the document's name.
	Policy string `json:"policy"`
	// Kind is "auto-approval", "deny-access" or "manual-approval".
	Kind string `json:"kind"`
	// Change is "added", "removed" or "changed".
	Change string `json:"change"`
	// Added and Removed are what the document gained and lost, an item
	// each: "statement: permit (…) when { … };", "target: tag:Env=PROD",
	// "target: all nodes", "level 1 approver: SSOGroup:…", "level 1 requires
	// 2 approval(s)", "access duration: 8h0m0s".
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// Kinds of policy document, as PolicyChange.Kind gives them.
const (
	KindAutoApproval = "auto-approval"
	KindDenyAccess   = "deny-access"
	KindManual       = "manual-approval"
)

// DiffPolicies compares the policy documents of before and after and
// returns the documents that differ: deny-access first, then auto-approval,
// then the manual approval policies in the order of after (removed ones
// last). Cedar that does not parse is compared as its text.
func DiffPolicies(before, after Policies) []PolicyChange {
	var out []PolicyChange
	add := func(name, kind string, b, a []string, inBefore, inAfter bool) {
		c := PolicyChange{Policy: name, Kind: kind, Change: "changed", Added: minus(a, b), Removed: minus(b, a)}
		switch {
		case !inBefore && !inAfter:
			return
		case !inBefore:
			c.Change = "added"
		case !inAfter:
			c.Change = "removed"
		case len(c.Added)+len(c.Removed) == 0:
			return
		}
		out = append(out, c)
	}
	add(policy.DenyAccessName, KindDenyAccess, denyItems(before.DenyAccess), denyItems(after.DenyAccess), before.DenyAccess != nil, after.DenyAccess != nil)
	add(policy.AutoApprovalName, KindAutoApproval, autoItems(before.AutoApproval), autoItems(after.AutoApproval), before.AutoApproval != nil, after.AutoApproval != nil)
	find := func(ps []policy.ManualApproval, name string) *policy.ManualApproval {
		if i := slices.IndexFunc(ps, func(p policy.ManualApproval) bool { return p.Name == name }); i >= 0 {
			return &ps[i]
		}
		return nil
	}
	for _, a := range after.Manual {
		b := find(before.Manual, a.Name)
		add(a.Name, KindManual, manualItems(b), manualItems(&a), b != nil, true)
	}
	for _, b := range before.Manual {
		if find(after.Manual, b.Name) == nil {
			add(b.Name, KindManual, manualItems(&b), nil, true, false)
		}
	}
	return out
}

// minus returns the items of a not in b, counted as multisets: a statement
// written twice and then once was removed once.
func minus(a, b []string) []string {
	left := map[string]int{}
	for _, s := range b {
		left[s]++
	}
	var out []string
	for _, s := range a {
		if left[s] > 0 {
			left[s]--
			continue
		}
		out = append(out, s)
	}
	return out
}

func denyItems(p *policy.DenyAccess) []string {
	if p == nil {
		return nil
	}
	return statementItems(p.Documents)
}

func autoItems(p *policy.AutoApproval) []string {
	if p == nil {
		return nil
	}
	return statementItems(p.Documents)
}

// statementItems lists the statements of Cedar documents in Cedar's own
// layout, on one line each.
func statementItems(docs []policy.CedarDocument) []string {
	var out []string
	for _, d := range docs {
		stmts, err := cedar.Parse(d.Cedar)
		if err != nil {
			out = append(out, "text: "+oneLine(d.Cedar))
			continue
		}
		for _, s := range stmts {
			out = append(out, "statement: "+oneLine(string(s.Policy.MarshalCedar())))
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// manualItems lists what a manual approval policy decides: its target
// values, its access duration and, level by level, its approvers and
// required approvals.
func manualItems(p *policy.ManualApproval) []string {
	if p == nil {
		return nil
	}
	m := p.WithDefaults()
	var out []string
	if m.AllNodes {
		out = append(out, "target: all nodes")
	}
	for _, t := range m.Targets {
		for _, v := range t.Values {
			out = append(out, fmt.Sprintf("target: tag:%s=%s", t.Key, v))
		}
	}
	out = append(out, "access duration: "+m.AccessDuration.String())
	for i, l := range m.ApprovalLevels {
		out = append(out, fmt.Sprintf("level %d requires %d approval(s)", i+1, l.MinRequiredApprovals))
		for _, a := range l.Approvers {
			out = append(out, fmt.Sprintf("level %d approver: %s", i+1, a))
		}
	}
	return out
}
