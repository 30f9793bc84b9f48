package simulate

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Class says what a change of decision does to access.
type Class string

const (
	// Widens: more access, or less approval (manual to auto-approved, a node
	// nobody could request becoming requestable, fewer levels or approvals,
	// other approvers, longer access).
	Widens Class = "widens"
	// Narrows: less access, or more approval.
	Narrows Class = "narrows"
	// Breaks: a new conflict; requests to the node fail.
	Breaks Class = "breaks"
	// Unordered: approval is easier in one way and harder in another (an
	// approver replaced by one who approves another level already, levels
	// split): a gate on widening fails on it too.
	Unordered Class = "changes"
)

// UngroupedUser names the requester of a diff or matrix without requesters:
// a user whose id no statement names, in no group, with no attributes or
// tags. (What every possible requester gets is the access analysis's
// answer, package analysis.)
const UngroupedUser = "a user in no group"

// Change is one node and requester whose decision differs between two
// versions of the policies.
type Change struct {
	Class     Class  `json:"class"`
	Node      Node   `json:"node"`
	Requester string `json:"requester"`
	// Before and After are the decisions, shared by every node the
	// policies cannot tell apart; without explanations (Simulator.Decide
	// explains one request).
	Before *Decision `json:"-"`
	After  *Decision `json:"-"`
	// Why says what changed, in one line.
	Why string `json:"why"`
}

// DiffSummary counts the pairs of node and requester by class.
type DiffSummary struct {
	Widens  int `json:"widens"`
	Narrows int `json:"narrows"`
	Breaks  int `json:"breaks"`
	// Unordered counts approvals easier in one way and harder in another.
	Unordered int `json:"changes"`
	Unchanged int `json:"unchanged"`
}

// DiffReport is what a change of policies does to access over an inventory.
type DiffReport struct {
	Summary DiffSummary `json:"summary"`
	Changes []Change    `json:"changes"`
	// Policies are the policy documents that differ (DiffPolicies), whether
	// or not a node of the inventory sees the difference.
	Policies []PolicyChange `json:"policies"`
}

// Widening reports whether any change widens access, breaks requests or
// changes approval in a way that cannot be ordered.
func (r DiffReport) Widening() bool {
	return r.Summary.Widens+r.Summary.Breaks+r.Summary.Unordered > 0
}

// Diff decides, for every node and requester (none given: UngroupedUser),
// with the policies before and after a change, and reports each pair whose
// decision differs, classified, in the order of nodes then requesters,
// with the documents that differ.
//
// Work is shared: a decision reads of a node its type and the tags the
// policies use (its id when a statement names nodes) and of a requester
// the groups the statements name, so nodes alike are decided once per
// requester on each side, and every node of a changed group shares the
// group's decisions.
func Diff(before, after *Simulator, nodes []Node, requesters []NamedRequester) DiffReport {
	requesters = orUngrouped(requesters, before, after)
	asked := make([]Requester, len(requesters))
	for j, q := range requesters {
		asked[j] = relevant(q.Requester, before, after)
	}
	reader := newNodeReader(before, after)
	type pair struct {
		class         Class
		why           string
		before, after *Decision
	}
	var groups [][]*pair // by group, then requester: nil when unchanged
	seen := map[string]int{}
	r := DiffReport{Policies: DiffPolicies(before.policies, after.policies)}
	for _, n := range nodes {
		key := reader.key(n)
		g, ok := seen[key]
		if !ok {
			g = len(groups)
			seen[key] = g
			row := make([]*pair, len(requesters))
			for j := range requesters {
				b, a := before.decide(n, asked[j], false), after.decide(n, asked[j], false)
				if class, why, changed := classify(b, a); changed {
					row[j] = &pair{class: class, why: why, before: &b, after: &a}
				}
			}
			groups = append(groups, row)
		}
		for j, q := range requesters {
			p := groups[g][j]
			if p == nil {
				r.Summary.Unchanged++
				continue
			}
			r.Summary.count(p.class)
			r.Changes = append(r.Changes, Change{Class: p.class, Node: n, Requester: q.Name, Before: p.before, After: p.after, Why: p.why})
		}
	}
	return r
}

func (s *DiffSummary) count(c Class) {
	switch c {
	case Widens:
		s.Widens++
	case Narrows:
		s.Narrows++
	case Breaks:
		s.Breaks++
	case Unordered:
		s.Unordered++
	}
}

// ChangeGroup is the changes that are the same change: one class and the
// same why, for the same nodes, and the requesters who share it.
type ChangeGroup struct {
	Class      Class
	Requesters []string
	Why        string
	Nodes      []Node
}

// Groups gathers the changes by class, requester and what changed, then
// joins the requesters whose change is the same over the same nodes:
// breaks first, then widens, then unordered changes, then narrows, each in
// the order of the changes.
func (r DiffReport) Groups() []ChangeGroup {
	var out []ChangeGroup
	for _, class := range []Class{Breaks, Widens, Unordered, Narrows} {
		index := map[[2]string]int{}
		var byRequester []ChangeGroup
		for _, c := range r.Changes {
			if c.Class != class {
				continue
			}
			key := [2]string{c.Requester, c.Why}
			i, ok := index[key]
			if !ok {
				i = len(byRequester)
				index[key] = i
				byRequester = append(byRequester, ChangeGroup{Class: c.Class, Requesters: []string{c.Requester}, Why: c.Why})
			}
			byRequester[i].Nodes = append(byRequester[i].Nodes, c.Node)
		}
		same := map[string]int{}
		for _, g := range byRequester {
			var key strings.Builder
			key.WriteString(g.Why)
			for _, n := range g.Nodes {
				key.WriteString("\x00" + n.ID)
			}
			if i, ok := same[key.String()]; ok {
				out[i].Requesters = append(out[i].Requesters, g.Requesters...)
				continue
			}
			same[key.String()] = len(out)
			out = append(out, g)
		}
	}
	return out
}

// reach ranks outcomes by the access they give: a conflict and no policy
// give none, manual approval some, auto-approval the most.
func reach(o Outcome) int {
	switch o {
	case AutoApproved:
		return 2
	case NeedsManualApproval:
		return 1
	}
	return 0
}

// Summary says a decision in a few words: "auto-approved", "manual approval
// by Finance (2 levels, 8h0m0s)", "conflict (A, B)", "no applicable policy".
func (d Decision) Summary() string {
	switch d.Outcome {
	case AutoApproved:
		return "auto-approved"
	case NeedsManualApproval:
		return fmt.Sprintf("manual approval by %s (%d level(s), %s)", d.Policy.Name, len(d.Policy.ApprovalLevels), d.AccessDuration)
	case Conflict:
		return "conflict (" + strings.Join(d.Conflicting, ", ") + ")"
	}
	return "no applicable policy"
}

// classify compares two decisions for one request.
func classify(b, a Decision) (Class, string, bool) {
	switch {
	case a.Outcome == Conflict && b.Outcome != Conflict:
		return Breaks, fmt.Sprintf("%s becomes %s: requests to the node fail", b.Summary(), a.Summary()), true
	case reach(a.Outcome) > reach(b.Outcome):
		return Widens, fmt.Sprintf("%s becomes %s", b.Summary(), a.Summary()), true
	case reach(a.Outcome) < reach(b.Outcome):
		return Narrows, fmt.Sprintf("%s becomes %s", b.Summary(), a.Summary()), true
	case a.Outcome == Conflict && !slices.Equal(a.Conflicting, b.Conflicting):
		return Narrows, fmt.Sprintf("%s becomes %s", b.Summary(), a.Summary()), true
	}
	if a.Outcome == NeedsManualApproval {
		if class, why, changed := CompareApproval(*b.Policy, *a.Policy).Class(); changed {
			return class, why, true
		}
	}
	switch {
	case a.AutoApprovalDenied != b.AutoApprovalDenied:
		// The outcome is the same; whether the deny-access policy takes the
		// request out of auto-approval is not.
		if a.AutoApprovalDenied {
			return Narrows, "the deny-access policy now takes the request out of auto-approval (" + a.Summary() + " either way)", true
		}
		return Widens, "the deny-access policy no longer takes the request out of auto-approval (" + a.Summary() + " either way)", true
	}
	return "", "", false
}

// ExpectNoWidening fails t when the change from before to after widens
// access or breaks requests for any node and requester, listing each such
// change: it pins, in a test, "this change widens nothing".
func ExpectNoWidening(t testing.TB, before, after Policies, nodes []Node, requesters []NamedRequester) {
	t.Helper()
	b, err := New(before)
	if err != nil {
		t.Fatal("before:", err)
	}
	a, err := New(after)
	if err != nil {
		t.Fatal("after:", err)
	}
	var lines []string
	for _, c := range Diff(b, a, nodes, requesters).Changes {
		if c.Class != Narrows {
			lines = append(lines, fmt.Sprintf("%s: node %s (%s), %s: %s", c.Class, c.Node.uid().ID, c.Node.TagList(), c.Requester, c.Why))
		}
	}
	if len(lines) > 0 {
		t.Errorf("the change widens access:\n  %s", strings.Join(lines, "\n  "))
	}
}
