package report

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// coverageView is the coverage page.
type coverageView struct {
	Totals        simulate.Totals
	Requesters    []string // given, for auto-approval; none: not considered
	Deny, Auto    *cedarView
	Manual        []manualView
	AllNodes      []string // the all-nodes manual policies, decided last
	Conflicts     []simulate.NodeCoverage
	Unreachable   []simulate.NodeCoverage
	Nodes         []simulate.NodeCoverage
	Matrix        simulate.Matrix
	AutoApprovals int // node × requester pairs auto-approved
}

// cedarView is a deny-access or auto-approval policy.
type cedarView struct {
	Name      string
	Documents []string
}

// manualView is a manual approval policy and what it decides.
type manualView struct {
	Name      string
	Targets   string
	Duration  string
	Levels    []levelView
	Nodes     []string // decided by this policy alone
	Conflicts []string // where it is one of several that apply
}

type levelView struct {
	Required  int
	Approvers []string
}

// Coverage writes the HTML report of how the policies of sim decide nodes
// for requesters: the numbers of sim.Coverage(nodes, requesters) and the
// groups of sim.Matrix(nodes, requesters). Without requesters, auto-approval
// is not counted in the totals (as in Coverage) and the matrix has one
// column, simulate.UngroupedUser.
func Coverage(w io.Writer, sim *simulate.Simulator, nodes []simulate.Node, requesters []simulate.NamedRequester, o Options) error {
	r := sim.Coverage(nodes, requesters)
	p := sim.Policies()
	v := &coverageView{Totals: r.Totals, Nodes: r.Nodes, Matrix: sim.Matrix(nodes, requesters)}
	for _, q := range requesters {
		v.Requesters = append(v.Requesters, q.Name)
	}
	if p.DenyAccess != nil {
		v.Deny = &cedarView{Name: policy.DenyAccessName, Documents: documents(p.DenyAccess.Documents)}
	}
	if p.AutoApproval != nil {
		v.Auto = &cedarView{Name: policy.AutoApprovalName, Documents: documents(p.AutoApproval.Documents)}
	}
	index := map[string]int{}
	for _, m := range p.Manual {
		m = m.WithDefaults()
		index[m.Name] = len(v.Manual)
		v.Manual = append(v.Manual, manualView{Name: m.Name, Targets: targets(m), Duration: m.AccessDuration.String(), Levels: levels(m)})
		if m.AllNodes {
			v.AllNodes = append(v.AllNodes, m.Name)
		}
	}
	for _, c := range r.Nodes {
		switch c.Status {
		case simulate.StatusManual:
			v.Manual[index[c.ManualPolicy]].Nodes = append(v.Manual[index[c.ManualPolicy]].Nodes, c.Node.ID)
		case simulate.StatusConflict:
			v.Conflicts = append(v.Conflicts, c)
			for _, name := range c.Conflicting {
				v.Manual[index[name]].Conflicts = append(v.Manual[index[name]].Conflicts, c.Node.ID)
			}
		case simulate.StatusUnreachable:
			v.Unreachable = append(v.Unreachable, c)
		}
		v.AutoApprovals += len(c.AutoApprovedFor)
	}
	return render(w, view{Title: cmp.Or(o.Title, "JITNA access report"), Sources: o.Sources, Coverage: v})
}

// documents are a policy's Cedar documents, as written.
func documents(docs []policy.CedarDocument) []string {
	var out []string
	for _, d := range docs {
		out = append(out, strings.TrimSpace(d.Cedar))
	}
	return out
}

func targets(m policy.ManualApproval) string {
	if m.AllNodes {
		return "all nodes no tag-specific policy targets"
	}
	var out []string
	for _, t := range m.Targets {
		out = append(out, fmt.Sprintf("tag %s = %s", t.Key, strings.Join(t.Values, " or ")))
	}
	return strings.Join(out, "; or ")
}

func levels(m policy.ManualApproval) []levelView {
	out := make([]levelView, len(m.ApprovalLevels))
	for i, l := range m.ApprovalLevels {
		out[i].Required = l.MinRequiredApprovals
		for _, a := range l.Approvers {
			out[i].Approvers = append(out[i].Approvers, a.String())
		}
	}
	return out
}

// cellText says a matrix cell in a few words.
func cellText(c simulate.Cell) string {
	switch c.Outcome {
	case simulate.AutoApproved:
		return "auto"
	case simulate.NeedsManualApproval:
		if c.AutoApprovalDenied {
			return "manual: " + c.Policy + " (deny-access)"
		}
		return "manual: " + c.Policy
	case simulate.Conflict:
		return "conflict: " + strings.Join(c.Conflicting, " + ")
	}
	return "none"
}

// cellClass is a matrix cell's CSS class.
func cellClass(c simulate.Cell) string {
	switch c.Outcome {
	case simulate.AutoApproved:
		return "auto"
	case simulate.NeedsManualApproval:
		return "manual"
	case simulate.Conflict:
		return "conflict"
	}
	return "none"
}
