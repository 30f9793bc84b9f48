package simulate

// NamedRequester is a requester with a name for reports ("on-call").
type NamedRequester struct {
	Name string `json:"name"`
	Requester
}

// Status sums up how a node can be reached.
type Status string

const (
	// StatusManual: exactly one manual approval policy applies.
	StatusManual Status = "manual"
	// StatusConflict: two or more manual policies apply; requests fail
	// (auto-approval may still work).
	StatusConflict Status = "conflict"
	// StatusAutoOnly: no manual policy applies, but some of the given
	// requesters are auto-approved.
	StatusAutoOnly Status = "auto-only"
	// StatusUnreachable: nobody can request the node (no manual policy, and
	// none of the given requesters is auto-approved).
	StatusUnreachable Status = "unreachable"
)

// NodeCoverage is how one node can be reached.
type NodeCoverage struct {
	Node   Node   `json:"node"`
	Status Status `json:"status"`
	// ManualPolicy is the manual approval policy that applies, or "".
	ManualPolicy string `json:"manualPolicy,omitempty"`
	// Conflicting are the manual policies that all apply (a conflict).
	Conflicting []string `json:"conflicting,omitempty"`
	// AutoApprovedFor are the requesters (of those given) who are
	// auto-approved for the node.
	AutoApprovedFor []string `json:"autoApprovedFor,omitempty"`
}

// Totals count the nodes by status.
type Totals struct {
	Nodes        int `json:"nodes"`
	Manual       int `json:"manual"`
	Conflicts    int `json:"conflicts"`
	AutoOnly     int `json:"autoOnly"`
	Unreachable  int `json:"unreachable"`
	AutoApproved int `json:"autoApprovable"`
}

// Report is the coverage of an inventory.
type Report struct {
	Nodes  []NodeCoverage `json:"nodes"`
	Totals Totals         `json:"totals"`
}

// Coverage reports, for every node, which manual policy applies, conflicts,
// which of the requesters are auto-approved (none given: auto-approval is
// not considered; CoverageWith answers for every possible requester), and
// which nodes nobody can request. Nodes the policies cannot tell apart are
// decided once.
func (s *Simulator) Coverage(nodes []Node, requesters []NamedRequester) Report {
	asked := make([]Requester, len(requesters))
	for j, q := range requesters {
		asked[j] = relevant(q.Requester, s)
	}
	reader := newNodeReader(s)
	decided := map[string][]string{}
	return s.CoverageWith(nodes, func(n Node) []string {
		key := reader.key(n)
		names, ok := decided[key]
		if !ok {
			for j, q := range requesters {
				d := Decision{quiet: true}
				if denied, approved := s.autoApproval(n, asked[j], &d); !denied && len(approved) > 0 {
					names = append(names, q.Name)
				}
			}
			decided[key] = names
		}
		return names
	})
}

// CoverageWith is Coverage with auto-approval answered by autoApprovedFor:
// the names of who is auto-approved for a node (the access analysis's
// analysis.Reach answers for every possible requester).
func (s *Simulator) CoverageWith(nodes []Node, autoApprovedFor func(Node) []string) Report {
	r := Report{Nodes: make([]NodeCoverage, len(nodes))}
	for i, n := range nodes {
		c := s.cover(n, autoApprovedFor(n))
		c.Node = n
		r.Nodes[i] = c
		r.Totals.count(c)
	}
	return r
}

// cover decides one node, given who is auto-approved for it.
func (s *Simulator) cover(n Node, autoApprovedFor []string) NodeCoverage {
	c := NodeCoverage{AutoApprovedFor: autoApprovedFor}
	applies, _, _ := s.manual.applicable(n.Tags)
	switch {
	case len(applies) == 1:
		c.Status, c.ManualPolicy = StatusManual, s.policies.Manual[applies[0]].Name
	case len(applies) > 1:
		c.Status = StatusConflict
		for _, i := range applies {
			c.Conflicting = append(c.Conflicting, s.policies.Manual[i].Name)
		}
	case len(c.AutoApprovedFor) > 0:
		c.Status = StatusAutoOnly
	default:
		c.Status = StatusUnreachable
	}
	return c
}

func (t *Totals) count(c NodeCoverage) {
	t.Nodes++
	switch c.Status {
	case StatusManual:
		t.Manual++
	case StatusConflict:
		t.Conflicts++
	case StatusAutoOnly:
		t.AutoOnly++
	case StatusUnreachable:
		t.Unreachable++
	}
	if len(c.AutoApprovedFor) > 0 {
		t.AutoApproved++
	}
}
