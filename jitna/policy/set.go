package policy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Entry is one document of a set, with the name its problems are reported
// under (a construct path, or a template's logical id).
type Entry struct {
	Where  string
	Policy Policy
}

// Finding is a problem (or, with Warning, a risk) across the documents of a
// set, reported on the entry it names.
type Finding struct {
	Where   string
	Warning bool
	// ID names the kind of warning (WarnOverlappingTargets,
	// WarnApproverOnTwoLevels): the constructs' warning id. Empty for a
	// problem.
	ID      string
	Message string
}

// Warning ids of CheckSet's findings.
const (
	// WarnOverlappingTargets: two manual approval policies can apply to one
	// node, whose requests then fail.
	WarnOverlappingTargets = "jitna:overlapping-targets"
	// WarnApproverOnTwoLevels: one approver on two levels of a manual
	// approval policy can pass both.
	WarnApproverOnTwoLevels = "jitna:approver-on-two-levels"
)

// String renders the finding as "WHERE: MESSAGE".
func (f Finding) String() string { return f.Where + ": " + f.Message }

// CheckSet applies the rules that hold across the JITNA documents of one
// account and Region (a stack, a template, a StackSet's member template):
// at most one auto-approval policy, one deny-access policy and one session
// preferences document; at most 50 manual approval policies, at most one of
// them for all nodes, and each document name used once. Manual approval
// policies whose targets can match the same node are warnings (requests to
// such a node fail), and so is an approver on two levels of one policy.
func CheckSet(entries []Entry) []Finding {
	var out []Finding
	first := map[string]string{} // document name -> first entry
	var manual []Entry
	allNodes := ""
	for _, e := range entries {
		doc := e.Policy.Document()
		if prev, dup := first[doc.Name]; dup {
			out = append(out, Finding{Where: e.Where, Message: duplicateMessage(doc, prev)})
			continue
		}
		first[doc.Name] = e.Where
		m, ok := asManual(e.Policy)
		if !ok {
			continue
		}
		manual = append(manual, e)
		out = append(out, approverOnTwoLevels(e.Where, m)...)
		if len(manual) > MaxManualApprovalPolicies {
			out = append(out, Finding{Where: e.Where, Message: fmt.Sprintf("is manual approval policy number %d: an account and Region hold at most %d", len(manual), MaxManualApprovalPolicies)})
		}
		if m.AllNodes {
			if allNodes != "" {
				out = append(out, Finding{Where: e.Where, Message: fmt.Sprintf("targets all nodes, as %s already does: at most one manual approval policy may target all nodes (requests would fail)", allNodes)})
			} else {
				allNodes = e.Where
			}
		}
	}
	return append(out, overlapWarnings(manual)...)
}

// MaxOverlapPairs is how many pairs of overlapping manual approval policies
// CheckSet reports one by one through the same tag keys; more pairs through
// those keys are summed up in one warning.
const MaxOverlapPairs = 3

// overlapPair is two manual approval policies whose targets can match one
// node, and why.
type overlapPair struct {
	a, b Entry
	why  string
}

// overlapWarnings returns the warnings for the manual approval policies
// whose targets can match one node (requests to such a node fail), unless
// one of the two states the overlap as intended: one per pair, grouped by
// the tag keys they overlap through, or one per group beyond
// MaxOverlapPairs pairs.
func overlapWarnings(manual []Entry) []Finding {
	groups := map[string][]overlapPair{}
	var order []string
	for i, b := range manual {
		mb, _ := asManual(b.Policy)
		for _, a := range manual[:i] {
			ma, _ := asManual(a.Policy)
			why, keys, ok := overlap(ma, mb)
			if !ok || ma.IntendedOverlap.covers(mb.Name) || mb.IntendedOverlap.covers(ma.Name) {
				continue
			}
			if _, seen := groups[keys]; !seen {
				order = append(order, keys)
			}
			groups[keys] = append(groups[keys], overlapPair{a: a, b: b, why: why})
		}
	}
	var out []Finding
	for _, keys := range order {
		pairs := groups[keys]
		if len(pairs) <= MaxOverlapPairs {
			for _, p := range pairs {
				out = append(out, Finding{Where: p.b.Where, Warning: true, ID: WarnOverlappingTargets, Message: fmt.Sprintf(
					"manual approval policies %s and %s can apply to the same node (%s): requests to such a node fail; if no node carries both targets, state it with IntendedOverlap",
					name(p.a), name(p.b), p.why)})
			}
			continue
		}
		shown := make([]string, MaxOverlapPairs)
		for i, p := range pairs[:MaxOverlapPairs] {
			shown[i] = name(p.a) + " and " + name(p.b)
		}
		out = append(out, Finding{Where: pairs[0].b.Where, Warning: true, ID: WarnOverlappingTargets, Message: fmt.Sprintf(
			"%d pairs of manual approval policies can apply to the same nodes through tag %s (%s, and %d more pairs): requests to a node both policies of a pair apply to fail; if no node carries both targets, state it with IntendedOverlap",
			len(pairs), keys, strings.Join(shown, "; "), len(pairs)-MaxOverlapPairs)})
	}
	return out
}

// name quotes the policy name of a manual approval entry.
func name(e Entry) string {
	m, _ := asManual(e.Policy)
	return strconv.Quote(m.Name)
}

func duplicateMessage(doc Document, prev string) string {
	switch doc.Name {
	case AutoApprovalName:
		return fmt.Sprintf("is a second auto-approval policy (the first is %s): an account and Region hold one", prev)
	case DenyAccessName:
		return fmt.Sprintf("is a second deny-access policy (the first is %s): an organization holds one", prev)
	case SessionPreferencesName:
		return fmt.Sprintf("is a second %s document (the first is %s): an account and Region hold one", SessionPreferencesName, prev)
	}
	return fmt.Sprintf("names the document %q, as %s already does: document names are unique in an account and Region", doc.Name, prev)
}

// Overlap reports whether two manual approval policies' tag targets can match
// the same node, and why: they share a tag key and value, or they target
// different tag keys, which one node can carry both of. All-nodes targets
// never overlap tag targets (tag-specific policies win over them).
func Overlap(a, b ManualApproval) (string, bool) {
	why, _, ok := overlap(a, b)
	return why, ok
}

// overlap is Overlap, with the tag keys the targets overlap through: "K"
// for a shared key and value, "K1 and K2" (sorted) for two keys.
func overlap(a, b ManualApproval) (why, keys string, ok bool) {
	if a.AllNodes || b.AllNodes {
		return "", "", false
	}
	for _, ta := range a.Targets {
		for _, tb := range b.Targets {
			if ta.Key == tb.Key {
				for _, va := range ta.Values {
					for _, vb := range tb.Values {
						if va == vb {
							return fmt.Sprintf("both target tag %s=%s", ta.Key, va), ta.Key, true
						}
					}
				}
			}
		}
	}
	for _, ta := range a.Targets {
		for _, tb := range b.Targets {
			if ta.Key != tb.Key {
				pair := []string{ta.Key, tb.Key}
				slices.Sort(pair)
				return fmt.Sprintf("a node tagged %s=%s and %s=%s matches both", ta.Key, strings.Join(ta.Values, "|"), tb.Key, strings.Join(tb.Values, "|")),
					strings.Join(pair, " and "), true
			}
		}
	}
	return "", "", false
}

// asManual returns p as a manual approval policy, given by value or pointer.
func asManual(p Policy) (ManualApproval, bool) {
	switch m := p.(type) {
	case ManualApproval:
		return m, true
	case *ManualApproval:
		return *m, true
	}
	return ManualApproval{}, false
}

// approverOnTwoLevels warns of each approver (by identity: case and ARN
// aside) listed on more than one level of m: that person can pass every
// such level alone, and two-person approval becomes one.
func approverOnTwoLevels(where string, m ManualApproval) []Finding {
	var out []Finding
	first := map[string]int{} // identity -> first level
	for i, l := range m.ApprovalLevels {
		seen := map[string]bool{}
		for _, a := range l.Approvers {
			k := a.identity()
			if seen[k] {
				continue // twice in one level: a problem of its own
			}
			seen[k] = true
			j, dup := first[k]
			if !dup {
				first[k] = i
				continue
			}
			out = append(out, Finding{Where: where, Warning: true, ID: WarnApproverOnTwoLevels, Message: fmt.Sprintf(
				"approver %s is on levels %d (%s) and %d (%s) of %q: they can pass both alone, so the levels do not add a second approver; give each level its own approvers",
				a, j+1, m.ApprovalLevels[j].Name, i+1, l.Name, m.Name)})
		}
	}
	return out
}
