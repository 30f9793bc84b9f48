package simulate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// manyPeople says whether an approver entry stands for any number of people
// (a group, or an IAM role that several people may assume), rather than one.
func manyPeople(t policy.ApproverType) bool {
	return t == policy.SSOGroup || t == policy.IamGroup || t == policy.IamRole
}

// maxIndividuals bounds the exact search for the fewest approvers.
const maxIndividuals = 20

// fewestApprovers is the fewest distinct people who can pass every level,
// when a person may approve on each level that lists them, and anyone may
// be a member of a group or assume a role (the assumption that gives the
// fewest). false when the levels name too many people to search exactly.
func fewestApprovers(levels []policy.ApprovalLevel) (int, bool) {
	lower := 0
	type need struct {
		people []int
		min    int
	}
	var needs []need
	index := map[string]int{}
	for _, l := range levels {
		m := max(l.MinRequiredApprovals, 1)
		lower = max(lower, m)
		open := false
		var people []int
		for _, a := range l.Approvers {
			if manyPeople(a.Type) {
				open = true
				continue
			}
			k := a.String()
			if _, ok := index[k]; !ok {
				index[k] = len(index)
			}
			people = append(people, index[k])
		}
		if !open {
			needs = append(needs, need{people: people, min: m})
		}
	}
	if len(index) > maxIndividuals {
		return 0, false
	}
	// The smallest set of named people that meets every level that only
	// named people may approve.
	best := len(index) + 1
	for set := 0; set < 1<<len(index); set++ {
		n := popcount(set)
		if n >= best {
			continue
		}
		ok := true
		for _, nd := range needs {
			got := 0
			for _, p := range nd.people {
				if set&(1<<p) != 0 {
					got++
				}
			}
			if got < nd.min {
				ok = false
				break
			}
		}
		if ok {
			best = n
		}
	}
	if best > len(index) {
		// A level needs more approvals than it names people: no set does.
		best = lower
	}
	return max(best, lower), true
}

// people says n people: "1 person", "2 people".
func people(n int) string {
	if n == 1 {
		return "1 person"
	}
	return fmt.Sprintf("%d people", n)
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// ApprovalChange is what a change of a manual approval policy does to the
// approval it asks for.
type ApprovalChange struct {
	// Wider are the ways approval became easier: fewer people can approve
	// (a person approves on every level that lists them; anyone may be a
	// member of a group or assume a role), approvers added to a level, a
	// level removed, fewer approvals required, longer access.
	Wider []string
	// Narrower are the ways it became harder.
	Narrower []string
	// Exact is false when the levels name too many people (over 20) to find
	// the fewest who can approve: the change is then not ordered.
	Exact bool
}

// Class orders the change: Widens or Narrows when every reason points one
// way, Unordered when reasons point both ways or the comparison is not
// exact; false when nothing changed.
func (c ApprovalChange) Class() (Class, string, bool) {
	all := strings.Join(append(append([]string(nil), c.Wider...), c.Narrower...), "; ")
	switch {
	case !c.Exact:
		return Unordered, "the approvers are too many to compare exactly: " + all, true
	case len(c.Wider) > 0 && len(c.Narrower) > 0:
		return Unordered, "approval is easier in one way and harder in another: " + all, true
	case len(c.Wider) > 0:
		return Widens, "approval is easier: " + all, true
	case len(c.Narrower) > 0:
		return Narrows, "approval is harder: " + all, true
	}
	return "", "", false
}

// CompareApproval compares the approval a manual policy asks for, before
// and after its change (defaults applied to both). The fewest people who
// can approve is searched exactly; a change with reasons of both kinds is
// Unordered, and a gate on widening fails on it.
func CompareApproval(b, a policy.ManualApproval) ApprovalChange {
	var wider, narrower []string
	b, a = b.WithDefaults(), a.WithDefaults()
	exact := true
	fb, okb := fewestApprovers(b.ApprovalLevels)
	fa, oka := fewestApprovers(a.ApprovalLevels)
	switch {
	case !okb || !oka:
		exact = false
	case fa < fb:
		wider = append(wider, fmt.Sprintf("%s can approve where %d were needed", people(fa), fb))
	case fa > fb:
		narrower = append(narrower, fmt.Sprintf("%s are needed where %d could approve", people(fa), fb))
	}
	if la, lb := len(a.ApprovalLevels), len(b.ApprovalLevels); la < lb {
		wider = append(wider, fmt.Sprintf("approval levels %d → %d", lb, la))
	} else if la > lb {
		narrower = append(narrower, fmt.Sprintf("approval levels %d → %d", lb, la))
	}
	for i := range min(len(a.ApprovalLevels), len(b.ApprovalLevels)) {
		lb, la := b.ApprovalLevels[i], a.ApprovalLevels[i]
		if added := missing(la.Approvers, lb.Approvers); len(added) > 0 {
			wider = append(wider, fmt.Sprintf("level %d: approvers added %s", i+1, strings.Join(added, ", ")))
		}
		if removed := missing(lb.Approvers, la.Approvers); len(removed) > 0 {
			narrower = append(narrower, fmt.Sprintf("level %d: approvers removed %s", i+1, strings.Join(removed, ", ")))
		}
		if ma, mb := la.MinRequiredApprovals, lb.MinRequiredApprovals; ma < mb {
			wider = append(wider, fmt.Sprintf("level %d: required approvals %d → %d", i+1, mb, ma))
		} else if ma > mb {
			narrower = append(narrower, fmt.Sprintf("level %d: required approvals %d → %d", i+1, mb, ma))
		}
	}
	if a.AccessDuration > b.AccessDuration {
		wider = append(wider, "access "+b.AccessDuration.String()+" → "+a.AccessDuration.String())
	} else if a.AccessDuration < b.AccessDuration {
		narrower = append(narrower, "access "+b.AccessDuration.String()+" → "+a.AccessDuration.String())
	}
	return ApprovalChange{Wider: wider, Narrower: narrower, Exact: exact}
}

// missing returns the approvers of list that other does not hold.
func missing(list, other []policy.Approver) []string {
	var out []string
	for _, x := range list {
		if !slices.ContainsFunc(other, func(y policy.Approver) bool { return y.String() == x.String() }) {
			out = append(out, x.String())
		}
	}
	return out
}
